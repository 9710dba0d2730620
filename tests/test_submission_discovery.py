"""Submission discovery (issue "Grading in CI", item 1): every way a student uploads is found, nothing else."""
import json
import os
import subprocess
import sys

import pytest

from submissions import MODULES, ROOT, reference_submission

from autograder import discovery

EXPECTED = {f"{a}/{m}.py" for a, m in MODULES.items()}


def reference_files():
    return {f"{a}/{m}.py": (ROOT / "solutions" / a / f"{m}.py").read_bytes() for a, m in MODULES.items()}


def test_the_whole_repository_is_found(tmp_path):
    """Is a student repository (assignments/<assignment>/<module>.py) read module for module?"""
    reference_submission(tmp_path)
    assert discovery.submission_files(tmp_path) == reference_files()


def test_the_assignments_folder_itself_is_found(tmp_path):
    """Does pointing at a repository's assignments/ folder find the same modules as pointing at the repository?"""
    reference_submission(tmp_path)
    assert discovery.submission_files(tmp_path / "assignments") == reference_files()


def test_bare_module_files_are_found(tmp_path):
    """Are the four module files given on their own put under their assignments?"""
    for assignment, module in MODULES.items():
        (tmp_path / f"{module}.py").write_bytes((ROOT / "solutions" / assignment / f"{module}.py").read_bytes())
    assert discovery.submission_files(tmp_path) == reference_files()


def test_a_repository_one_folder_down_is_found_but_not_two(tmp_path):
    """Is a repository inside one folder (an uploaded zip) found, and one two folders down not?"""
    reference_submission(tmp_path / "one" / "course-main")
    assert discovery.submission_files(tmp_path / "one") == reference_files()
    assert discovery.submission_files(tmp_path) == {}


def test_helper_modules_beside_a_module_come_along_and_other_files_do_not(tmp_path):
    """Does a helper .py in an assignment folder come with the submission, and a notebook or a stray
    assignment folder not?"""
    reference_submission(tmp_path)
    (tmp_path / "assignments" / "hw1_information_theory" / "helpers.py").write_text("X = 1\n")
    (tmp_path / "assignments" / "hw1_information_theory" / "notes.ipynb").write_text("{}")
    (tmp_path / "assignments" / "hw9_extra").mkdir()
    (tmp_path / "assignments" / "hw9_extra" / "extra.py").write_text("X = 1\n")
    assert set(discovery.submission_files(tmp_path)) == EXPECTED | {"hw1_information_theory/helpers.py"}


def test_a_partial_submission_is_found_with_what_it_has(tmp_path):
    """Is a repository with only assignment 3 found, with just that module?"""
    reference_submission(tmp_path)
    for assignment in ("hw1_information_theory", "hw2_maximum_likelihood", "hw4_mle_and_kl"):
        (tmp_path / "assignments" / assignment / f"{MODULES[assignment]}.py").unlink()
    assert set(discovery.submission_files(tmp_path)) == {"hw3_lagrange_die/lagrange_die.py"}


def test_symlinks_are_never_followed(tmp_path):
    """Are a symlinked module, a symlinked assignment folder and a symlinked nested repository all ignored?"""
    reference_submission(tmp_path / "real")
    upload = tmp_path / "upload"
    (upload / "assignments" / "hw1_information_theory").mkdir(parents=True)
    (upload / "assignments" / "hw1_information_theory" / "information_theory.py").symlink_to(
        ROOT / "solutions" / "hw1_information_theory" / "information_theory.py")
    (upload / "assignments" / "hw2_maximum_likelihood").symlink_to(
        tmp_path / "real" / "assignments" / "hw2_maximum_likelihood")
    (upload / "nested").symlink_to(tmp_path / "real")
    (upload / "lagrange_die.py").symlink_to(tmp_path / "real" / "assignments" / "hw3_lagrange_die" / "lagrange_die.py")
    assert discovery.submission_files(upload) == {}


def test_files_over_one_mebibyte_are_left_out(tmp_path):
    """Is a module of more than 1 MiB left out while the others are read?"""
    reference_submission(tmp_path)
    big = tmp_path / "assignments" / "hw1_information_theory" / "information_theory.py"
    big.write_bytes(b"#" * (discovery.MAX_FILE_BYTES + 1))
    assert set(discovery.submission_files(tmp_path)) == EXPECTED - {"hw1_information_theory/information_theory.py"}


def test_the_repository_layout_wins_over_stray_bare_files(tmp_path):
    """When a repository also has a stray mle_and_kl.py at its root, is the assignments/ one graded?"""
    reference_submission(tmp_path)
    (tmp_path / "mle_and_kl.py").write_text("raise SystemExit\n")
    assert discovery.submission_files(tmp_path) == reference_files()


def test_the_nothing_found_line_names_every_layout_and_module():
    """Does the one line name the folder, the three layouts and the four module files?"""
    line = discovery.nothing_found("upload/")
    assert "\n" not in line and line.startswith("No submission found in upload/")
    for text in ("assignments/<assignment>/<module>.py", "<assignment>/<module>.py", "one folder down",
                 *(f"{m}.py" for m in MODULES.values())):
        assert text in line


@pytest.mark.slow
def test_grade_pointed_at_the_assignments_folder_gives_full_marks(tmp_path):
    """Does `python -m autograder grade` on a student's assignments/ folder (0 / 100 before discovery) give 100?"""
    reference_submission(tmp_path / "student")
    done = subprocess.run([sys.executable, "-m", "autograder", "grade", str(tmp_path / "student" / "assignments"),
                           "--json", str(tmp_path / "results.json")], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert json.loads((tmp_path / "results.json").read_text())["score"] == 100


@pytest.mark.slow
def test_grade_on_a_folder_without_modules_says_so_in_one_line_and_exits_zero(tmp_path):
    """Does `grade` on a folder with no module finish (exit 0, score 0), print the one line on stderr,
    and put it first in results.json's output?"""
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "README.md").write_text("hello\n")
    done = subprocess.run([sys.executable, "-m", "autograder", "grade", str(tmp_path / "empty"),
                           "--json", str(tmp_path / "results.json")], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "PYTHONWARNINGS": "ignore"})
    results = json.loads((tmp_path / "results.json").read_text())
    assert done.returncode == 0 and results["score"] == 0
    assert done.stderr.strip() == discovery.nothing_found(tmp_path / "empty")
    assert results["output"].splitlines()[0] == discovery.nothing_found(tmp_path / "empty")
