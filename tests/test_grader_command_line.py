"""The grader's command line, as COURSE_SPEC.md fixes it: arguments, exit codes, results.json, grades.csv."""
import csv
import json
import os
import subprocess
import sys

import pytest

from submissions import ROOT, reference_submission, submission

CONTRACT_FUNCTIONS = 25


def autograder(*args, cwd=ROOT, env=None):
    return subprocess.run([sys.executable, "-m", "autograder", *map(str, args)], cwd=cwd, capture_output=True,
                          text=True, timeout=600, env=env)


@pytest.mark.parametrize("args, complaint", [
    ([], "required: command"),
    (["grade"], "required"),
    (["grade", "/no/such/folder", "--json", "r.json"], "no such folder: /no/such/folder"),
    (["grade", ".", "--json", "r.json", "--call-seconds", "-1"], "expected a positive number"),
    (["grade-all", "/no/such/folder", "--out", "x"], "no such folder"),
    (["grade-all", "."], "required: --out"),
    (["grade-all", ".", "--out", "x", "--jobs", "zero"], "expected a positive number"),
    (["frobnicate"], "invalid choice"),
])
def test_bad_arguments_get_one_line_and_exit_status_2(args, complaint):
    result = autograder(*args)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and complaint in result.stderr, result.stderr


def test_help_answers_for_both_commands():
    assert autograder("grade", "--help").returncode == 0
    assert "--out" in autograder("grade-all", "--help").stdout


@pytest.fixture(scope="module")
def graded_reference(tmp_path_factory):
    folder = tmp_path_factory.mktemp("grade")
    reference_submission(folder / "alice")
    result = autograder("grade", folder / "alice", "--json", folder / "results.json")
    assert result.returncode == 0, result.stderr
    return json.loads((folder / "results.json").read_text())


def test_results_json_has_gradescopes_fields(graded_reference):
    assert {"score", "max_score", "execution_time", "output", "tests"} <= set(graded_reference)
    for test in graded_reference["tests"]:
        assert set(test) >= {"name", "score", "max_score", "status", "output", "tags"}
        assert test["status"] in ("passed", "failed")


def test_every_function_of_the_contract_has_a_tagged_test(graded_reference):
    tags = {test["tags"][0] for test in graded_reference["tests"]}
    assert len(tags) == CONTRACT_FUNCTIONS
    assert all(len(test["tags"]) == 1 and "." in test["tags"][0] for test in graded_reference["tests"])


def test_the_reference_gets_full_marks(graded_reference):
    failed = [t["name"] + "\n" + t["output"] for t in graded_reference["tests"] if t["status"] != "passed"]
    assert failed == []
    assert graded_reference["score"] == graded_reference["max_score"] == 100


def test_an_empty_submission_is_graded_with_every_function_at_zero(tmp_path):
    (tmp_path / "empty").mkdir()
    result = autograder("grade", tmp_path / "empty", "--json", tmp_path / "r.json")
    results = json.loads((tmp_path / "r.json").read_text())
    assert result.returncode == 0
    assert results["score"] == 0 and results["max_score"] == 100
    assert all("is missing from the submission" in t["output"] for t in results["tests"])


def test_a_syntax_error_costs_only_its_module(tmp_path):
    folder = submission(tmp_path / "s")
    (folder / "assignments/hw2_maximum_likelihood/maximum_likelihood.py").write_text("def bernoulli_mle(x:\n")
    autograder("grade", folder, "--json", tmp_path / "r.json")
    tests = json.loads((tmp_path / "r.json").read_text())["tests"]
    broken = [t for t in tests if t["tags"][0].startswith("hw2_")]
    assert broken and all(t["status"] == "failed" and "SyntaxError on line 1" in t["output"] for t in broken)
    assert all(t["status"] == "passed" for t in tests if not t["tags"][0].startswith("hw2_"))


def test_a_missing_function_costs_only_that_function(tmp_path):
    folder = submission(tmp_path / "s", {"hw3_lagrange_die.lagrangian": "def lagrangian_renamed(theta, lam, counts):\n    return 0.0\n"})
    autograder("grade", folder, "--json", tmp_path / "r.json")
    tests = json.loads((tmp_path / "r.json").read_text())["tests"]
    failed = {t["tags"][0] for t in tests if t["status"] == "failed"}
    assert failed == {"hw3_lagrange_die.lagrangian"}
    assert all("has no function lagrangian" in t["output"] for t in tests if t["status"] == "failed")


@pytest.fixture(scope="module")
def class_folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("class")
    reference_submission(folder / "submissions" / "ada")
    (folder / "submissions" / "bob").mkdir(parents=True)
    return folder


def test_grade_all_writes_one_results_file_per_student_and_a_grade_book(class_folder):
    result = autograder("grade-all", class_folder / "submissions", "--out", class_folder / "out")
    assert result.returncode == 0, result.stderr
    for student in ("ada", "bob"):
        assert json.loads((class_folder / "out" / student / "results.json").read_text())["max_score"] == 100
    rows = list(csv.reader(open(class_folder / "out" / "grades.csv")))
    assert rows[0][0] == "student" and rows[0][-1] == "total" and len(rows[0]) == CONTRACT_FUNCTIONS + 2
    assert [row[0] for row in rows[1:]] == ["ada", "bob"]
    assert rows[1][-1] == "100" and rows[2][-1] == "0"


def test_grade_all_skips_students_already_graded(class_folder):
    results = class_folder / "out" / "ada" / "results.json"
    before = os.stat(results).st_mtime_ns
    result = autograder("grade-all", class_folder / "submissions", "--out", class_folder / "out")
    assert result.stdout.splitlines()[-1].startswith("graded 0 new, regraded 0, kept 2 unchanged")
    assert os.stat(results).st_mtime_ns == before


def test_grade_all_regrades_a_student_whose_results_were_cut_short(class_folder):
    (class_folder / "out" / "bob" / "results.json").write_text('{"score": ')
    result = autograder("grade-all", class_folder / "submissions", "--out", class_folder / "out")
    assert result.stdout.splitlines()[-1].startswith("graded 1 new, regraded 0, kept 1 unchanged")
    assert json.loads((class_folder / "out" / "bob" / "results.json").read_text())["score"] == 0


def test_report_prints_every_student_and_every_function(class_folder):
    text = autograder("report", class_folder / "out").stdout
    assert "ada" in text and "bob" in text and "hw4_mle_and_kl.fit_logistic_regression" in text
