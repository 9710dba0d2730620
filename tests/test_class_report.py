"""The class report (report.html, misconceptions.csv) of small made-up classes: its figures and files."""
import csv
import html
import json
import re

from submissions import ROOT  # noqa: F401 - puts the repository on sys.path

from autograder import class_report
from autograder.cli import main
from autograder.points import POINTS

N_MINUS_ONE = {"name": "the N−1 (unbiased) variance", "section": "Lecture §4"}
SWAPPED = {"name": "swapped arguments, KL(q‖p) instead of KL(p‖q)", "section": "Lecture §7"}
GAUSSIAN, KL = "hw2_maximum_likelihood.gaussian_mle", "hw1_information_theory.kl_divergence"


def made_up_results(failed=None, seconds=1.0):
    """results.json with two tests a function; ``failed`` = {qualname: (output, [misconceptions]) for both tests}."""
    failed = failed or {}
    tests = []
    for qualname, points in POINTS.items():
        output, named = failed.get(qualname, ("", []))
        for title in ("matches the reference", "rejects invalid input"):
            bad = qualname in failed
            tests.append({"name": f"{qualname}: {qualname.split('.')[1]} {title}", "max_score": points / 2,
                          "score": 0.0 if bad else points / 2, "status": "failed" if bad else "passed",
                          "output": output, "tags": [qualname], "misconceptions": named})
    score = round(sum(t["score"] for t in tests), 2)
    return {"score": score, "max_score": 100.0, "execution_time": seconds, "output": f"score {score:g} / 100",
            "isolation": "bwrap", "student_output": "", "tests": tests}


def write_class(folder, students):
    for name, results in students.items():
        (folder / name).mkdir(parents=True)
        (folder / name / "results.json").write_text(json.dumps(results))
    return folder


def small_class(tmp_path):
    return write_class(tmp_path / "out", {
        "ann": made_up_results(seconds=2.5),
        "bob": made_up_results({GAUSSIAN: ("gaussian_mle([1.0, 2.0])\n  expected: (1.5, 0.25)", [N_MINUS_ONE])}),
        "cem": made_up_results({GAUSSIAN: ("gaussian_mle([1.0, 2.0])", [N_MINUS_ONE]),
                                KL: ("kl_divergence([1, 0], [0.5, 0.5])", [SWAPPED])}),
        "dee": made_up_results({name: ("surprise(0.5)\n  problem:  SyntaxError on line 3: invalid syntax", [])
                                for name in POINTS if name.startswith("hw1_")}, seconds=9.0),
    })


def test_misconceptions_csv_has_one_row_per_student_function_and_misconception(tmp_path):
    """Does misconceptions.csv list each student's misconception once, though both tests of the function name it?"""
    out = small_class(tmp_path)
    class_report.write(out, date="2026-12-01")
    with open(out / "misconceptions.csv", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows == [["student", "function", "misconception", "lecture section"],
                    ["bob", GAUSSIAN, N_MINUS_ONE["name"], "Lecture §4"],
                    ["cem", KL, SWAPPED["name"], "Lecture §7"],
                    ["cem", GAUSSIAN, N_MINUS_ONE["name"], "Lecture §4"]]


def test_misconceptions_are_counted_by_students_the_most_frequent_first(tmp_path):
    """Are misconceptions grouped by function, counted by students, and the most frequent listed first?"""
    data = class_report.load(small_class(tmp_path))
    counts = class_report.misconception_counts(class_report.misconception_rows(data.results))
    assert counts == [(GAUSSIAN, N_MINUS_ONE["name"], "Lecture §4", ["bob", "cem"]),
                      (KL, SWAPPED["name"], "Lecture §7", ["cem"])]


def test_the_score_summary_is_the_mean_median_and_spread_of_the_scores(tmp_path):
    """Are the mean, median, standard deviation and range those of the students' scores?"""
    data = class_report.load(small_class(tmp_path))
    scores = sorted(r["score"] for r in data.results.values())
    summary = class_report.score_summary(data.results)
    assert summary["median"] == (scores[1] + scores[2]) / 2
    assert abs(summary["mean"] - sum(scores) / 4) < 1e-12
    assert (summary["min"], summary["max"]) == (scores[0], 100.0) and summary["sd"] > 0


def test_the_report_is_the_same_bytes_for_the_same_results_apart_from_the_date(tmp_path):
    """Does writing the report twice from the same results give the same file, charts included?"""
    out = small_class(tmp_path)
    first = class_report.write(out, date="2026-12-01 10:00 UTC").read_bytes()
    second = class_report.write(out, date="2026-12-01 10:00 UTC").read_bytes()
    other_day = class_report.write(out, date="2026-12-02 11:00 UTC").read_bytes()
    assert first == second
    assert other_day.replace(b"2026-12-02 11:00", b"2026-12-01 10:00") == first


def test_the_report_names_the_isolation_the_grader_version_and_the_date(tmp_path):
    """Can a report be matched to its grading run: isolation mode, the grader's source hash, the date?"""
    page = class_report.write(small_class(tmp_path), date="2026-12-01 10:00 UTC").read_text()
    version = class_report.grader_version()
    assert re.fullmatch(r"grader [0-9a-f]{16} \(Python [\d.]+, numpy [\d.]+, scipy [\d.]+, hypothesis [\d.]+\)",
                        version)
    assert '<b id="isolation">bwrap</b>' in page and f'<code id="version">{html.escape(version)}</code>' in page
    assert "2026-12-01 10:00 UTC" in page


def test_the_report_refers_to_nothing_outside_itself(tmp_path):
    """Is every src and href of the page a data: URI or an in-page anchor, with a policy forbidding the rest?"""
    page = class_report.write(small_class(tmp_path), date="today").read_text()
    links = re.findall(r'(?:src|href)="([^"]*)"', page)
    assert links and all(link.startswith("data:image/png;base64,") for link in links)
    assert "default-src 'none'" in page


def test_submissions_not_graded_or_not_importable_are_listed_with_the_reason(tmp_path):
    """Are a student without results.json (with grade-all's reason) and a module that does not import both listed?"""
    out = small_class(tmp_path)
    (out / "eve").mkdir()
    page = class_report.write(out, failures={"eve": "RuntimeError: the worker died", "ann": None},
                              date="today").read_text()
    problems = page[page.index('id="problems"'):page.index('id="slowest"')]
    assert "<b>eve</b>: not graded: RuntimeError: the worker died" in problems
    assert "<b>dee</b>: <code>hw1_information_theory</code> could not be used: SyntaxError on line 3" in problems
    assert "ann" not in problems and "bob" not in problems


def test_a_malformed_results_json_counts_as_not_graded_instead_of_breaking_the_report(tmp_path):
    """Is a results.json that is not what the grader writes listed as not graded, the others still reported?"""
    out = small_class(tmp_path)
    (out / "odd").mkdir()
    (out / "odd" / "results.json").write_text('["not", "a", "result"]')
    data = class_report.load(out)
    assert "odd" in data.not_graded and sorted(data.results) == ["ann", "bob", "cem", "dee"]
    assert "<b>odd</b>: not graded" in class_report.write(out, date="today").read_text()


def test_the_slowest_submissions_come_first(tmp_path):
    """Does the table of the slowest submissions start with the one that took longest?"""
    page = class_report.write(small_class(tmp_path), date="today").read_text()
    slowest = page[page.index('id="slowest-table"'):]
    assert slowest.index("dee") < slowest.index("ann") < slowest.index("bob")


def test_text_from_submissions_is_escaped_in_the_page(tmp_path):
    """Is a reason carrying HTML shown as text, never as markup?"""
    out = small_class(tmp_path)
    (out / "mal").mkdir()
    page = class_report.write(out, failures={"mal": "<script>alert(1)</script>"}, date="today").read_text()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert" not in page


def test_report_html_option_writes_the_report_the_csv_and_feedback(tmp_path, capsys):
    """Does `report OUT_DIR --html` print the grade book and write report.html, misconceptions.csv, feedback.md?"""
    out = small_class(tmp_path)
    assert main(["report", str(out), "--html"]) == 0
    printed = capsys.readouterr().out
    assert "4 students, mean score" in printed and f"class report: {out / 'report.html'}" in printed
    assert (out / "report.html").stat().st_size > 10_000 and (out / "misconceptions.csv").is_file()
    assert "N−1 (unbiased) variance" in (out / "bob" / "feedback.md").read_text()


def test_a_class_nobody_graded_gets_a_report_that_says_so(tmp_path):
    """Is a report still written, saying nobody was graded, when no results.json exists?"""
    (tmp_path / "out" / "zed").mkdir(parents=True)
    page = class_report.write(tmp_path / "out", date="today").read_text()
    assert "No student has been graded." in page and "<b>zed</b>: not graded" in page
