"""Grade a whole class: every sub-folder of SUBMISSIONS_DIR is one student's submission.

Students are graded in parallel (one grader process per core, each with its
own sandboxed worker). Each result is written atomically to
``OUT_DIR/<student>/results.json`` as soon as it is ready, so an interrupted
run loses nothing finished, and a re-run skips the students already graded.
``OUT_DIR/grades.csv`` is rewritten from all results at the end.
"""
import csv
import json
import multiprocessing
import os
import sys
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

from autograder import examples, grading, properties
from autograder.points import POINTS
from autograder.sandbox import isolation_mode

_CASES = None  # drawn and prepared once in the parent, inherited by the forked graders


def write_json(path, data):
    """Write ``data`` to ``path`` atomically: a reader sees the old file or the new one, never half."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_text(json.dumps(data, indent=2, allow_nan=False))
    os.replace(temporary, path)


def students(submissions_dir):
    return sorted(p.name for p in Path(submissions_dir).iterdir() if p.is_dir() and not p.name.startswith("."))


def is_graded(out_dir, student):
    try:
        results = json.loads((Path(out_dir) / student / "results.json").read_text())
        return isinstance(results, dict) and "score" in results and "tests" in results
    except (OSError, ValueError):
        return False


def _grade_one(submissions_dir, out_dir, student, limits):
    results = grading.grade(Path(submissions_dir) / student, limits, _CASES)
    write_json(Path(out_dir) / student / "results.json", results)
    return student, results["score"]


def grade_all(submissions_dir, out_dir, limits, jobs=None, progress=True):
    """Grade every student not graded yet; return {student: None or why grading failed}."""
    global _CASES
    todo = [s for s in students(submissions_dir) if not is_graded(out_dir, s)]
    Path(out_dir).mkdir(parents=True, exist_ok=True)
    _CASES = examples.load_all(properties.PROPERTIES)
    examples.prepare(properties.PROPERTIES, _CASES)  # once here, inherited by every forked grader
    isolation_mode()  # probed once here, inherited by every grader process
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(todo) or 1))
    outcome, bar = {}, _progress_bar(len(todo), progress)
    try:
        with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork")) as pool:
            futures = {pool.submit(_grade_one, submissions_dir, out_dir, s, limits): s for s in todo}
            for future in as_completed(futures):
                try:
                    future.result()
                    outcome[futures[future]] = None
                except Exception as error:  # noqa: BLE001 - one broken grading must not stop the class
                    outcome[futures[future]] = f"{type(error).__name__}: {error}"
                bar.update(1)
    finally:
        bar.close()
        write_grades_csv(out_dir, students(submissions_dir))
    from autograder.report import write_reports  # imported here: report imports this module

    write_reports(out_dir, outcome)  # report.html, misconceptions.csv, <student>/feedback.md
    return outcome


def write_grades_csv(out_dir, names):
    """One row a student, one column a function (points earned), then the total."""
    path = Path(out_dir) / "grades.csv"
    temporary = path.with_name(".grades.csv.tmp")
    with open(temporary, "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["student", *POINTS, "total"])
        for name in names:
            results = load_results(out_dir, name)
            if results is None:
                writer.writerow([name, *([""] * len(POINTS)), ""])
                continue
            per_function = function_scores(results)
            writer.writerow([name, *(f"{per_function.get(q, 0):g}" for q in POINTS), f"{results['score']:g}"])
    os.replace(temporary, path)


def load_results(out_dir, name):
    try:
        return json.loads((Path(out_dir) / name / "results.json").read_text())
    except (OSError, ValueError):
        return None


def function_scores(results):
    scores = {}
    for test in results["tests"]:
        qualname = test["tags"][0]
        scores[qualname] = round(scores.get(qualname, 0) + test["score"], 2)
    return scores


class _NoBar:
    def update(self, n):
        pass

    def close(self):
        pass


def _progress_bar(total, wanted):
    if not wanted or not sys.stderr.isatty():
        return _NoBar()
    from tqdm import tqdm

    return tqdm(total=total, unit="student", desc="grading")
