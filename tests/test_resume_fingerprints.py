"""A re-run of grade-all never keeps a stale grade: each results.json records the fingerprint of what produced it.

The fingerprint covers the submission's files, the grader's and the
reference's source, the library versions and the limits; a re-run keeps a
result whose fingerprint still holds, regrades the others, and says how many
it graded, regraded and kept. (Submissions here hold one module or none, to
stay cheap.)
"""
import json
import os
import shutil
import subprocess
import sys

import pytest

from submissions import ROOT, module_file, reference_submission

from autograder import batch
from autograder.sandbox import Limits

LIMITS = Limits()


def hw1_only(folder):
    """The reference's hw1 module and nothing else."""
    reference_submission(folder)
    for assignment in (folder / "assignments").iterdir():
        if assignment.name != "hw1_information_theory":
            shutil.rmtree(assignment)
    return folder


@pytest.fixture
def graded_class(tmp_path):
    """A class of three (ada: hw1, bob and cy: nothing) graded once: (submissions, out)."""
    hw1_only(tmp_path / "class" / "ada")
    (tmp_path / "class" / "bob").mkdir()
    (tmp_path / "class" / "cy").mkdir()
    first = batch.grade_all(tmp_path / "class", tmp_path / "out", LIMITS, progress=False)
    assert first.counts() == (3, 0, 0, 0)
    return tmp_path / "class", tmp_path / "out"


def stamps(out):
    return {p.parent.name: os.stat(p).st_mtime_ns for p in sorted(out.glob("*/results.json"))}


def test_a_rerun_keeps_unchanged_results_and_regrades_a_resubmitted_folder(graded_class):
    """Does a re-run regrade exactly the student whose files changed, leaving the others' results untouched?"""
    submissions, out = graded_class
    before = stamps(out)
    shutil.copytree(submissions / "ada" / "assignments", submissions / "bob" / "assignments")
    outcome = batch.grade_all(submissions, out, LIMITS, progress=False)
    assert outcome.counts() == (0, 1, 2, 0) and set(outcome) == {"bob"}
    after = stamps(out)
    assert after["ada"] == before["ada"] and after["cy"] == before["cy"] and after["bob"] != before["bob"]
    bob = json.loads((out / "bob" / "results.json").read_text())
    assert bob["score"] == json.loads((out / "ada" / "results.json").read_text())["score"] > 0
    assert outcome.summary("g.csv") == "graded 0 new, regraded 1, kept 2 unchanged; grade book: g.csv"


def test_a_one_byte_change_in_a_module_changes_the_fingerprint(graded_class):
    """Does appending one byte to one module give the submission another fingerprint?"""
    submissions, out = graded_class
    stored = json.loads((out / "ada" / "results.json").read_text())["fingerprint"]
    with open(module_file(submissions / "ada", "hw1_information_theory"), "a") as module:
        module.write("\n")
    assert batch.fingerprint(batch.read_submission(submissions, "ada"), LIMITS) != stored
    assert batch.grade_all(submissions, out, LIMITS, progress=False).counts() == (0, 1, 2, 0)


def test_other_limits_or_a_result_of_another_grader_are_regraded(graded_class):
    """Are results graded under other limits, or carrying another grader's fingerprint (or none), regraded?"""
    submissions, out = graded_class
    assert batch.grade_all(submissions, out, Limits(call_seconds=4), progress=False).counts() == (0, 3, 0, 0)
    assert batch.grade_all(submissions, out, LIMITS, progress=False).counts() == (0, 3, 0, 0)
    for student, fingerprint in (("ada", "sha256:" + "0" * 64), ("bob", None)):
        path = out / student / "results.json"
        results = json.loads(path.read_text())
        results["fingerprint"] = fingerprint
        if fingerprint is None:
            del results["fingerprint"]
        path.write_text(json.dumps(results))
    outcome = batch.grade_all(submissions, out, LIMITS, progress=False)
    assert outcome.counts() == (0, 2, 1, 0) and set(outcome) == {"ada", "bob"}


def test_force_regrades_everyone_and_the_last_line_says_so(graded_class):
    """Does `grade-all --force` regrade every student and end with a line counting them?"""
    submissions, out = graded_class
    (submissions / "dee").mkdir()
    result = subprocess.run([sys.executable, "-m", "autograder", "grade-all", submissions, "--out", out, "--force",
                             "--no-progress"], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == f"graded 1 new, regraded 3, kept 0 unchanged; grade book: {out}/grades.csv"


def test_the_grader_version_changes_with_one_line_of_the_grader_or_of_the_reference(tmp_path):
    """Does a copy of the repository with one changed line in autograder/ or in solutions/ report another grader?"""
    def version_of(root):
        code = "from autograder import batch; print(batch.describe_version(batch.grader_version()))"
        return subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True,
                              check=True).stdout.strip()

    versions = []
    for changed in (None, "autograder/points.py", "solutions/hw1_information_theory/information_theory.py"):
        copy = tmp_path / f"copy{len(versions)}"
        for name in ("autograder", "solutions"):
            shutil.copytree(ROOT / name, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
        if changed:
            with open(copy / changed, "a") as source:
                source.write("# changed\n")
        versions.append(version_of(copy))
    assert versions[0] == version_of(ROOT) == batch.describe_version(batch.grader_version())
    assert len(set(versions)) == 3
