"""What a graded class gets: the grade book printed by ``report``, and the files ``report --html`` writes.

:func:`write_reports` writes ``OUT_DIR/report.html`` and ``OUT_DIR/misconceptions.csv``
(:mod:`autograder.class_report`) and each graded student's ``OUT_DIR/<student>/feedback.md``
(:mod:`autograder.feedback`); ``grade-all`` calls it when it finishes.
"""
import os

from autograder import class_report, feedback
from autograder.batch import function_scores, load_results, students
from autograder.points import POINTS


def grade_book(out_dir):
    """The text that ``python -m autograder report OUT_DIR`` prints."""
    names = [n for n in students(out_dir) if load_results(out_dir, n) is not None]
    if not names:
        return f"no results.json under {out_dir}"
    rows = {n: load_results(out_dir, n) for n in names}
    width = max(len(n) for n in names)
    lines = [f"{'student':<{width}}  score   functions passed", "-" * (width + 30)]
    for name, results in rows.items():
        scores = function_scores(results)
        passed = sum(scores.get(q, 0) >= points - 1e-9 for q, points in POINTS.items())
        lines.append(f"{name:<{width}}  {results['score']:>5g}   {passed:>2} / {len(POINTS)}")
    lines += ["", f"{'function':<48} passed by", "-" * 60]
    for qualname, points in POINTS.items():
        full = sum(function_scores(r).get(qualname, 0) >= points - 1e-9 for r in rows.values())
        bar = "#" * round(20 * full / len(rows))
        lines.append(f"{qualname:<48} {full:>3} / {len(rows):<3} {bar}")
    mean = sum(r["score"] for r in rows.values()) / len(rows)
    lines += ["", f"{len(rows)} students, mean score {mean:.1f} / {sum(POINTS.values())}"]
    return "\n".join(lines)


def write_reports(out_dir, failures=None, date=None):
    """Write report.html, misconceptions.csv and every graded student's feedback.md; return the report's path.

    ``failures`` is ``grade_all``'s outcome ({student: None or why grading failed}).
    """
    path = class_report.write(out_dir, failures, date)
    for name, results in class_report.load(out_dir).results.items():
        target = path.parent / name / "feedback.md"
        temporary = target.with_name(".feedback.md.tmp")
        temporary.write_text(feedback.markdown(results))
        os.replace(temporary, target)
    return path
