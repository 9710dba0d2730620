"""CI workflows (issue "Grading in CI", item 2): generated in sync, valid YAML, and their commands work.

Each workflow is parsed, and the exact ``run:`` commands of its steps (GitHub
Actions) or its ``script:`` lines (GitLab CI) run in a temporary copy of the
repository they belong to: the student release built by ``release.student``,
or this instructor repository. ``uses:`` steps (checkout, setup-python,
upload-artifact) are GitHub's own and are skipped; what upload-artifact would
upload is checked to exist. ``${{ inputs.X }}`` is the input's default. On a
root machine without ``sudo``, a ``sudo`` that runs its arguments stands in.
"""
import csv
import glob
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from submissions import MODULES, ROOT

from release import student, workflows

GRADE = ".github/workflows/grade-submissions.yml"
STUDENT_GITHUB = ".github/workflows/public-checks.yml"
STUDENT_GITLAB = ".gitlab-ci.yml"


def load(relative):
    return yaml.safe_load((ROOT / relative).read_text())


def github_on(workflow):
    return workflow.get("on", workflow.get(True))  # YAML 1.1 reads the key `on` as True


def run_github_steps(workflow, folder, tmp_path, inputs=None):
    """Run the run: steps of every job as GitHub would (bash; `if: always()` after a failure); return
    (exit status of the first failing step or 0, the job summary written, the steps' output)."""
    summary, status, output = tmp_path / "summary.md", 0, ""
    summary.write_text("")
    env = {**os.environ, "GITHUB_STEP_SUMMARY": str(summary), "PATH": _path_with_sudo(tmp_path)}
    env.pop("VIRTUAL_ENV", None)
    for job in workflow["jobs"].values():
        for step in job["steps"]:
            if "run" not in step or (status and step.get("if") != "always()"):
                continue
            bash = step.get("shell") == "bash"  # GitHub's two ways of running bash
            shell = ["bash", "--noprofile", "--norc", "-eo", "pipefail"] if bash else ["bash", "-e"]
            step_env = {name: _expression(str(value), inputs or {}) for name, value in step.get("env", {}).items()}
            done = subprocess.run([*shell, "-c", step["run"]], cwd=folder, env={**env, **step_env},
                                  capture_output=True, text=True, timeout=1200)
            output += done.stdout + done.stderr
            status = status or done.returncode
    return status, summary.read_text(), output


def run_gitlab_job(job, folder, tmp_path):
    """Run a GitLab job's script lines in order, stopping at the first failure; return its exit status."""
    env = {**os.environ, "PATH": _path_with_sudo(tmp_path)}
    env.pop("VIRTUAL_ENV", None)
    for line in job["script"]:
        done = subprocess.run(["sh", "-c", line], cwd=folder, env=env, capture_output=True, text=True, timeout=1200)
        if done.returncode:
            return done.returncode
    return 0


def _expression(value, inputs):
    def evaluate(match):
        name = re.fullmatch(r"inputs\.(\w+)", match.group(1).strip())
        assert name, f"this test evaluates only ${{{{ inputs.X }}}}, not {match.group(0)}"
        return inputs[name.group(1)]
    return re.sub(r"\$\{\{(.*?)\}\}", evaluate, value)


def _path_with_sudo(tmp_path):
    path = os.environ["PATH"]
    if shutil.which("sudo") is None and os.geteuid() == 0:
        shim = tmp_path / "sudo-shim"
        shim.mkdir(exist_ok=True)
        (shim / "sudo").write_text('#!/bin/sh\nexec "$@"\n')
        (shim / "sudo").chmod(0o755)
        path = f"{shim}:{path}"
    return path


def test_the_workflows_are_generated_and_in_sync():
    """Does every workflow file match what `python -m release workflows` generates?"""
    assert workflows.out_of_sync(ROOT) == []


def test_every_workflow_is_valid_yaml_of_its_kind():
    """Do the GitHub workflows have jobs of steps (each a run: or a uses:), the instructor's a
    workflow_dispatch input and upload-artifact v4, and the GitLab file a job with a JUnit report?"""
    for relative in (GRADE, f"release/student_template/{STUDENT_GITHUB}"):
        workflow = load(relative)
        assert workflow["jobs"] and all(("run" in step) != ("uses" in step)
                                        for job in workflow["jobs"].values() for step in job["steps"])
    grade = load(GRADE)
    assert "submissions" in github_on(grade)["workflow_dispatch"]["inputs"]
    assert "actions/upload-artifact@v4" in [s.get("uses") for s in grade["jobs"]["grade"]["steps"]]
    assert set(github_on(load(f"release/student_template/{STUDENT_GITHUB}"))) >= {"push"}
    gitlab = load(f"release/student_template/{STUDENT_GITLAB}")
    assert gitlab["public-checks"]["artifacts"]["reports"]["junit"] == "public-checks.xml"


def test_the_student_release_carries_both_student_workflows(tmp_path):
    """Does `make release` (release.student.build) put both student workflows into the student repository?"""
    written = student.build(ROOT, tmp_path / "student")
    assert {STUDENT_GITHUB, STUDENT_GITLAB} <= set(written)


@pytest.mark.slow
def test_the_student_workflows_fail_on_the_stubs_and_pass_on_the_reference(tmp_path):
    """In a built student repository, does the GitHub workflow fail on the stubs with a job summary naming
    every function "not implemented yet", then pass with the reference copied in (25 of 25 in the summary),
    and does the GitLab job pass there too, writing its JUnit report?"""
    folder = tmp_path / "student"
    student.build(ROOT, folder)
    workflow = yaml.safe_load((folder / STUDENT_GITHUB).read_text())
    status, summary, output = run_github_steps(workflow, folder, tmp_path)
    assert status != 0, output
    assert summary.count("not implemented yet") == 25, summary
    for assignment, module in MODULES.items():
        shutil.copy(ROOT / "solutions" / assignment / f"{module}.py", folder / "assignments" / assignment)
    status, summary, output = run_github_steps(workflow, folder, tmp_path)
    assert status == 0, output
    assert "25 of 25" in summary and "not implemented yet" not in summary
    (folder / "public-checks.xml").unlink(missing_ok=True)
    gitlab = yaml.safe_load((folder / STUDENT_GITLAB).read_text())
    assert run_gitlab_job(gitlab["public-checks"], folder, tmp_path) == 0
    if "PYTEST_ARGS" not in (folder / "Makefile").read_text():
        pytest.skip("the student Makefile has no PYTEST_ARGS yet (issue 13 adds it): no JUnit report to check")
    assert "<testsuite" in (folder / "public-checks.xml").read_text()


@pytest.mark.slow
def test_the_instructor_workflow_grades_the_sample_class_and_finds_what_it_uploads(tmp_path):
    """In a copy of this repository, do the grade workflow's commands grade its default folder (the
    sample class) into grades.csv and one results.json a student, all matched by the artifact's paths?"""
    copy = tmp_path / "instructor"
    shutil.copytree(ROOT, copy, symlinks=True, ignore=shutil.ignore_patterns(  # dates kept: the venv's stamp
        ".git", ".venv", "build", ".cache", "demo-results", "grading-results", "__pycache__", ".pytest_cache"))
    (copy / ".venv").symlink_to((ROOT / ".venv").resolve())
    workflow = yaml.safe_load((copy / GRADE).read_text())
    inputs = {name: spec["default"] for name, spec in github_on(workflow)["workflow_dispatch"]["inputs"].items()}
    status, _, output = run_github_steps(workflow, copy, tmp_path, inputs)
    assert status == 0, output
    students = sorted(p.name for p in (copy / inputs["submissions"]).iterdir() if p.is_dir())
    with open(copy / "grading-results" / "grades.csv") as handle:
        assert [row["student"] for row in csv.DictReader(handle)] == students
    upload = next(s for s in workflow["jobs"]["grade"]["steps"] if s.get("uses") == "actions/upload-artifact@v4")
    found = {path for pattern in upload["with"]["path"].split() for path in glob.glob(str(copy / pattern))}
    assert str(copy / "grading-results" / "grades.csv") in found
    assert {Path(p).parent.name for p in found if p.endswith("results.json")} == set(students)
