"""The sample class's report.html in a real browser (Debian's headless Chromium): charts, counts, no network."""
import json
import struct
import warnings
from collections import Counter

import pytest

from submissions import ROOT

from autograder import chromium

pytestmark = pytest.mark.slow
SCREENSHOTS = ROOT / "build" / "report-screenshots"

# Mistakes examples/make_class.py plants whose recognition does not hang on grace's NaN entropy (issue 9):
# (function, words of the misconception's name, the student who made it).
PLANTED = [
    ("gaussian_mle", "N−1", "bruno"),
    ("entropy", "log-base", "chloe"),
    ("kl_divergence", "swapped arguments", "dmitri"),
    ("stationary_point", "λ = K", "elena"),
    ("multinomial_mle", "Laplace", "grace"),
    ("binomial_mle", "dividing by M", "ines"),
]


@pytest.fixture(scope="module")
def graded_sample_class(tmp_path_factory):
    """examples/class graded by grade-all, which writes report.html, misconceptions.csv and feedback.md."""
    from autograder.batch import grade_all
    from autograder.sandbox import Limits

    out = tmp_path_factory.mktemp("sample-class")
    grade_all(ROOT / "examples" / "class", out, Limits(), progress=False)
    return out


@pytest.fixture(scope="module")
def rendered(graded_sample_class):
    """What Chromium shows of report.html: requests, images, the misconception table; after screenshots."""
    why = chromium.missing()
    if why:
        warnings.warn(f"the report's browser test is skipped: {why}")
        pytest.skip(f"Chromium cannot run here: {why}")
    url = (graded_sample_class / "report.html").as_uri()
    with chromium.page() as tab:
        shots = chromium.screenshots(tab, url, SCREENSHOTS)
        overflow = tab.evaluate("document.documentElement.scrollWidth")  # at phone width, the last one taken
        tab.set_viewport_size({"width": chromium.WIDTHS["desktop"], "height": 900})
        tab.goto(url)
        images = tab.evaluate("Array.from(document.images, i => [i.className, i.complete, i.naturalWidth])")
        rows = tab.evaluate("""Array.from(document.querySelectorAll('#misconception-table tbody tr'), r =>
            [r.cells[0].textContent, r.cells[1].textContent, Number(r.cells[3].textContent),
             r.cells[4].textContent.split(', ')])""")
        tab.click("#misconception-table th:nth-child(4) button")
        sorted_counts = tab.evaluate("Array.from(document.querySelectorAll('#misconception-table tbody tr'),"
                                     " r => Number(r.cells[3].textContent))")
        yield {"requests": list(tab.requests), "images": images, "rows": rows, "sorted_counts": sorted_counts,
               "shots": shots, "phone_scroll_width": overflow}


def counts_from_results(out):
    """{(function, misconception): students} counted from every results.json's `misconceptions` field."""
    students = {}
    for path in sorted(out.glob("*/results.json")):
        for test in json.loads(path.read_text())["tests"]:
            for named in test["misconceptions"]:
                students.setdefault((test["tags"][0].split(".")[1], named["name"]), set()).add(path.parent.name)
    return students


def test_the_report_requests_nothing_but_the_file_and_data_uris(rendered):
    """Does Chromium, opening the report from disk, request only file: and data: URLs?"""
    schemes = Counter(url.split(":", 1)[0] for url in rendered["requests"])
    assert set(schemes) <= {"file", "data"} and schemes["file"] >= 1, rendered["requests"]


def test_every_chart_loads_with_a_non_zero_size(rendered):
    """Has every chart <img> loaded with a natural width above zero (four charts for the sample class)?"""
    charts = [image for image in rendered["images"] if image[0] == "chart"]
    assert len(charts) == 4 and all(complete and width > 0 for _, complete, width in charts), charts


def test_the_misconception_table_counts_what_the_results_name(rendered, graded_sample_class):
    """Does each row of the misconception table give the students whose results.json name it, and no other row?"""
    shown = {(function, name): (count, set(who)) for function, name, count, who in rendered["rows"]}
    expected = counts_from_results(graded_sample_class)
    assert shown == {key: (len(who), who) for key, who in expected.items()}


def test_the_misconception_table_lists_the_sample_class_planted_mistakes(rendered):
    """Is each mistake examples/make_class.py planted (and the grader recognises) in the table, with its student?"""
    for function, words, student in PLANTED:
        matching = [row for row in rendered["rows"] if row[0] == function and words in row[1]]
        assert len(matching) == 1 and student in matching[0][3], (function, words, rendered["rows"])
        if function != "entropy":  # grace's NaN entropy is also named a log-base mistake today (issue 9)
            assert matching[0][2] == 1 and matching[0][3] == [student]


def test_clicking_a_heading_sorts_the_table(rendered):
    """Does clicking the "students" heading sort the misconception table by that column?"""
    counts = rendered["sorted_counts"]
    assert counts == sorted(counts) and len(counts) == len(rendered["rows"])


def test_the_report_fits_a_phone_and_screenshots_are_written(rendered):
    """At 390 px is the page no wider than the screen, and are both screenshots written at their widths?"""
    assert rendered["phone_scroll_width"] <= chromium.WIDTHS["phone"]
    widths = []
    for path in rendered["shots"]:
        with open(path, "rb") as handle:
            widths.append(struct.unpack(">I", handle.read(24)[16:20])[0])  # the PNG IHDR width
    assert widths == [chromium.WIDTHS["desktop"], chromium.WIDTHS["phone"]]


def test_grade_all_writes_each_student_feedback_md(graded_sample_class):
    """Does grade-all leave a feedback.md beside each results.json, naming the planted misconception?"""
    for name in ("ada", "bruno", "kofi"):
        assert (graded_sample_class / name / "feedback.md").is_file()
    bruno = (graded_sample_class / "bruno" / "feedback.md").read_text()
    assert "**Likely mistake:** the N−1 (unbiased) variance (Lecture §4, in LECTURE.md)." in bruno
    kofi = (graded_sample_class / "kofi" / "feedback.md").read_text()
    assert "SyntaxError on line" in kofi
