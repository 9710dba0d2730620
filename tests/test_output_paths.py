"""Output paths are checked before any work: a target that cannot be written is refused with one line and status 2.

(``/sys`` stands for a folder without write permission: nobody, root
included, may create a file there.)
"""
import json
import subprocess
import sys

import pytest

from submissions import ROOT


def autograder(*args):
    return subprocess.run([sys.executable, "-m", "autograder", *map(str, args)], cwd=ROOT, capture_output=True,
                          text=True, timeout=600)


@pytest.fixture
def places(tmp_path):
    (tmp_path / "submission").mkdir()
    (tmp_path / "class" / "bob").mkdir(parents=True)
    (tmp_path / "a-file").write_text("not a folder")
    (tmp_path / "a-folder").mkdir()
    return tmp_path


@pytest.mark.parametrize("target, why", [
    ("a-file/results.json", "{places}/a-file is a file, not a folder"),
    ("a-file/deeper/results.json", "Not a directory"),
    ("a-folder", "it is a folder"),
    ("/sys/autograder-results.json", "Permission denied"),
])
def test_grade_refuses_a_results_file_it_cannot_write_before_grading(places, target, why):
    """Is `grade --json` to an unwritable place refused with one line and exit status 2, before any grading?"""
    path = places / target
    result = autograder("grade", places / "submission", "--json", path)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1, result.stderr
    why = why.format(places=places)
    assert result.stderr.startswith(f"python -m autograder: error: cannot write results to {path}: {why}")


@pytest.mark.parametrize("target, why", [
    ("a-file", "{places}/a-file is a file, not a folder"),
    ("a-file/out", "Not a directory"),
    ("/sys/autograder-out", "Operation not permitted"),
])
def test_grade_all_refuses_an_output_folder_it_cannot_write_before_grading(places, target, why):
    """Is `grade-all --out` to an unwritable place refused with one line and exit status 2, before any grading?"""
    path = places / target
    result = autograder("grade-all", places / "class", "--out", path, "--no-progress")
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1, result.stderr
    why = why.format(places=places)
    assert result.stderr.startswith(f"python -m autograder: error: cannot write results to {path}: {why}")
    assert (places / "a-file").read_text() == "not a folder"


def test_missing_parent_folders_of_the_results_are_still_created(places):
    """Does `grade --json` into folders that do not exist yet create them and write the results there?"""
    path = places / "new" / "deeper" / "results.json"
    result = autograder("grade", places / "submission", "--json", path)
    assert result.returncode == 0, result.stderr
    assert json.loads(path.read_text())["score"] == 0
    assert [p.name for p in path.parent.iterdir()] == ["results.json"], "the write probe should leave nothing"
