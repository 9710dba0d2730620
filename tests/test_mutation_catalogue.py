"""The grader's two numbers: every wrong submission caught, every correct one given full marks.

Each catalogued wrong submission is the reference with ONE function rewritten
the way students get it wrong; it must fail at least one test of that
function and no test of any other. Each alternative correct submission (plain
loops, scipy, lists and tuples returned, an own ValueError subclass, ...)
must get full marks. All of them are graded in one parallel grade-all run.
"""
import json

import pytest


from conftest import ALTERNATIVES, WRONG

def wrong_id(wrong):
    return f"{wrong.function.split('.')[1]}: {wrong.mistake}"


@pytest.fixture(scope="module")
def graded(catalogue_class):
    """results(name) of the catalogue's local grade-all (conftest.py)."""
    out = catalogue_class[1]

    def results(name):
        return json.loads((out / name / "results.json").read_text())
    return results


def failed_functions(results):
    return {test["tags"][0] for test in results["tests"] if test["status"] == "failed"}


def named_misconceptions(results):
    """{(function, misconception name)} over every test of one results.json (the seam the class report reads)."""
    return {(test["tags"][0], m["name"]) for test in results["tests"] for m in test["misconceptions"]}


def test_the_catalogue_is_big_enough_and_covers_every_function():
    from autograder.points import POINTS

    assert len(WRONG) >= 60 and len(ALTERNATIVES) >= 5
    assert {wrong.function for wrong in WRONG} == set(POINTS)


@pytest.mark.parametrize("index", range(len(WRONG)), ids=[wrong_id(w) for w in WRONG])
def test_each_wrong_submission_fails_its_function_and_no_other(graded, index):
    wrong = WRONG[index]
    assert failed_functions(graded(f"wrong{index:03d}")) == {wrong.function, *wrong.also}


@pytest.mark.parametrize("index", range(len(WRONG)), ids=[wrong_id(w) for w in WRONG])
def test_each_wrong_submission_names_its_mistake_and_no_other(graded, index, naming_tally):
    """Does the feedback name the submission's misconception (if it has a name), and nothing else anywhere?"""
    wrong = WRONG[index]
    named = named_misconceptions(graded(f"wrong{index:03d}"))
    expected = {(wrong.function, wrong.named)} if wrong.named else set()
    naming_tally[wrong_id(wrong)] = (wrong.named is not None, named == expected)
    assert named == expected


def test_every_named_mistake_of_the_catalogue_is_a_known_misconception():
    """Is each mistake name the catalogue expects one the grader knows for that function (no typo hides a miss)?"""
    from autograder import properties  # noqa: F401 - registers the catalogue
    from autograder.misconceptions import CATALOGUE

    unknown = [wrong_id(w) for w in WRONG
               if w.named and w.named not in {item.name for item in CATALOGUE.get(w.function, ())}]
    assert unknown == []


@pytest.mark.parametrize("index", range(len(ALTERNATIVES)), ids=[a.name for a in ALTERNATIVES])
def test_each_alternative_correct_submission_gets_full_marks(graded, index):
    results = graded(f"correct{index:03d}")
    failures = [f"{t['name']}\n{t['output']}" for t in results["tests"] if t["status"] == "failed"]
    assert failures == [] and results["score"] == results["max_score"] == 100
    assert named_misconceptions(results) == set()


def test_the_feedback_cites_only_what_students_have(graded):
    """Does every feedback line of every graded submission leave COURSE_SPEC.md (which students never get) uncited,
    and is every Markdown file it cites one of the student release (RULES.md, LECTURE.md)?"""
    import re

    from release.leaks import expected_files
    from submissions import ROOT

    handed_out = set(expected_files(ROOT))
    names = [f"wrong{i:03d}" for i in range(len(WRONG))] + [f"correct{i:03d}" for i in range(len(ALTERNATIVES))]
    outputs = [t["output"] for name in names + ["reference", "stubs"] for t in graded(name)["tests"]]
    cited = {match for output in outputs for match in re.findall(r"[\w./-]+\.md\b", output)}
    assert "RULES.md" in cited and cited <= handed_out, cited - handed_out


def test_the_reference_gets_full_marks_and_the_stubs_get_zero(graded):
    assert graded("reference")["score"] == 100
    assert named_misconceptions(graded("reference")) == set()
    stubs = graded("stubs")
    assert stubs["score"] == 0
    assert all("not implemented yet" in t["output"] for t in stubs["tests"])
