"""Gradescope's autograder bundle (issue "Grading in CI", item 1), tried as Gradescope runs it.

``make gradescope``'s zip is unpacked into a temporary ``AUTOGRADER_ROOT``
(``source/``), its ``setup.sh`` runs for real (a venv and a pip install of the
bundle's pins from the registry; apt-get only if bwrap is missing), and for
each submission ``run_autograder`` is copied to the root and run there, as
Gradescope does, and ``results/results.json`` is read back.

``GRADESCOPE_SETUP=offline`` runs setup.sh in its documented offline mode
(``AUTOGRADER_OFFLINE=1``, this test's Python standing in for the venv) on a
machine that cannot reach the registry.
"""
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from submissions import MODULES, ROOT, reference_submission, stub_submission, submission

from autograder.gradescope import COULD_NOT_RUN
from autograder.points import POINTS
from release import gradescope

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def bundle(tmp_path_factory):
    out = tmp_path_factory.mktemp("bundle") / "autograder.zip"
    gradescope.build(ROOT, out)
    return out


@pytest.fixture(scope="module")
def autograder_root(bundle, tmp_path_factory):
    """An AUTOGRADER_ROOT with the bundle in source/ and setup.sh run."""
    root = tmp_path_factory.mktemp("autograder")
    with zipfile.ZipFile(bundle) as archive:
        archive.extractall(root / "source")
    for name in gradescope.EXECUTABLES:
        (root / "source" / name).chmod(0o755)  # zipfile does not restore modes; Gradescope's unzip does
    env = {**os.environ, "AUTOGRADER_ROOT": str(root)}
    if os.environ.get("GRADESCOPE_SETUP") == "offline":
        env.update(AUTOGRADER_OFFLINE="1", AUTOGRADER_PYTHON=sys.executable)
    done = subprocess.run(["bash", "source/setup.sh"], cwd=root, env=env, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout + done.stderr
    shutil.copy(root / "source" / "run_autograder", root / "run_autograder")
    return root


def run_autograder(root, fill):
    """Empty submission/ and results/, let ``fill(submission folder)`` write the upload, run; (results, stdout)."""
    for name in ("submission", "results"):
        shutil.rmtree(root / name, ignore_errors=True)
    (root / "submission").mkdir()
    fill(root / "submission")
    done = subprocess.run([str(root / "run_autograder")], cwd=root, capture_output=True, text=True, timeout=600,
                          env={**os.environ, "AUTOGRADER_ROOT": str(root)})
    assert done.returncode == 0, done.stdout + done.stderr
    return json.loads((root / "results" / "results.json").read_text()), done.stdout


def function_scores(results):
    scores = {}
    for test in results["tests"]:
        scores[test["tags"][0]] = round(scores.get(test["tags"][0], 0) + test["score"], 2)
    return scores


def test_the_bundle_has_its_scripts_at_the_root_and_no_instructor_stack():
    """Does the zip hold setup.sh and run_autograder at its root (executable), and pin only numpy, scipy,
    hypothesis and pytest, exactly as requirements.txt does?"""
    pinned = gradescope.pins((ROOT / "requirements.txt").read_text()).splitlines()
    repository_pins = set((ROOT / "requirements.txt").read_text().splitlines())
    assert [line.split("==")[0] for line in pinned] == ["numpy", "scipy", "hypothesis", "pytest"]
    assert set(pinned) <= repository_pins


def test_the_zip_is_gradescopes_layout(bundle):
    """Are setup.sh and run_autograder at the zip's root, executable, beside config.json, cases.pickle and
    plan.jsonl, and the grader's, the reference's and the public checks' files, but nothing else of the repository?"""
    with zipfile.ZipFile(bundle) as archive:
        entries = {info.filename: info for info in archive.infolist()}
        config = json.loads(archive.read("config.json"))
        requirements = archive.read("requirements.txt").decode()
    for name in gradescope.EXECUTABLES:
        assert entries[name].external_attr >> 16 & 0o111, f"{name} is not executable"
    assert {"config.json", "cases.pickle", "plan.jsonl", "requirements.txt", "autograder/gradescope.py",
            "public_tests/course.py"} <= set(entries)
    assert {name.split("/")[0] for name in entries} == {
        "setup.sh", "run_autograder", "config.json", "cases.pickle", "plan.jsonl", "requirements.txt",
        "autograder", "solutions", "public_tests"}
    assert not any(name.startswith(("tests/", "assignments/", "release/")) for name in entries)
    assert config["hidden_visibility"] == "after_published"
    assert requirements == gradescope.pins((ROOT / "requirements.txt").read_text())


def test_the_reference_gets_full_marks_from_the_unpacked_bundle(autograder_root):
    """Does the reference, uploaded as a whole repository, get 100 / 100, a visible passing public test per
    function and hidden tests shown after publication, with a Markdown summary?"""
    results, _ = run_autograder(autograder_root, reference_submission)
    assert (results["score"], results["max_score"]) == (100, 100)
    assert all(test["status"] == "passed" for test in results["tests"])
    public = [t for t in results["tests"] if t["max_score"] == 0]
    hidden = [t for t in results["tests"] if t["max_score"] > 0]
    assert [t["tags"][0] for t in public] == list(POINTS)
    assert {t["visibility"] for t in public} == {"visible"}
    assert {t["visibility"] for t in hidden} == {"after_published"}
    assert (results["output_format"], results["test_output_format"], results["stdout_visibility"]) == (
        "md", "text", "hidden")
    assert "25 of 25 functions" in results["output"] and "when the grades are published" in results["output"]
    assert "100 / 100" not in results["output"], "the summary is always shown: no score before publication"


def test_the_stubs_get_zero_and_each_function_says_not_implemented(autograder_root):
    """Do the untouched stubs get 0, with every visible public test failing as "not implemented yet"?"""
    results, _ = run_autograder(autograder_root, stub_submission)
    public = [t for t in results["tests"] if t["max_score"] == 0]
    assert results["score"] == 0 and len(public) == len(POINTS)
    assert all(t["status"] == "failed" and t["output"] == "not implemented yet" for t in public)


def test_a_wrong_function_fails_its_public_test_with_the_failing_call(autograder_root):
    """Does an entropy that returns 0 fail its visible public test with the call, the expected and the returned
    value, lose hidden points, and leave the other 24 functions' public and hidden tests passing?"""
    wrong = "def entropy(p, base=None):\n    return 0.0\n"
    results, _ = run_autograder(autograder_root,
                                lambda folder: submission(folder, {"hw1_information_theory.entropy": wrong}))
    public = {t["tags"][0]: t for t in results["tests"] if t["max_score"] == 0}
    entropy = public.pop("hw1_information_theory.entropy")
    assert entropy["status"] == "failed"
    assert "entropy(" in entropy["output"] and "expected:" in entropy["output"] and "returned: 0.0" in entropy["output"]
    assert all(t["status"] == "passed" for t in public.values())
    scores = function_scores(results)
    assert scores.pop("hw1_information_theory.entropy") < POINTS["hw1_information_theory.entropy"]
    assert scores == {q: p for q, p in POINTS.items() if q != "hw1_information_theory.entropy"}


def test_bare_module_files_are_found(autograder_root):
    """Do the four module files uploaded on their own (no folders) get full marks?"""
    def fill(folder):
        for assignment, module in MODULES.items():
            shutil.copy(ROOT / "solutions" / assignment / f"{module}.py", folder / f"{module}.py")

    results, _ = run_autograder(autograder_root, fill)
    assert results["score"] == 100


def test_a_repository_nested_one_folder_down_is_found(autograder_root):
    """Does a zip of the repository's folder (submission/mle-course-main/assignments/...) get full marks,
    beside the __MACOSX folder such zips carry?"""
    def fill(folder):
        (folder / "__MACOSX").mkdir()
        (folder / "__MACOSX" / "information_theory.py").write_text("raise SystemExit\n")
        reference_submission(folder / "mle-course-main")

    results, _ = run_autograder(autograder_root, fill)
    assert results["score"] == 100


def test_a_hostile_function_loses_only_its_own_points(autograder_root):
    """Does an entropy that reads the bundle's reference, prints it and kills its parent score 0, while
    every other function keeps its points and nothing of the reference reaches the results?"""
    secret_file = autograder_root / "source" / "solutions" / "hw1_information_theory" / "information_theory.py"
    attack = f'''
def entropy(p, base=None):
    import os
    for path in ({str(secret_file)!r}, "/autograder/source/solutions/hw1_information_theory/information_theory.py"):
        try:
            print("LEAKED", open(path).read())
        except OSError as error:
            print("refused", type(error).__name__)
    os.kill(os.getppid(), 9)
    return 0.0
'''
    results, _ = run_autograder(autograder_root,
                                lambda folder: submission(folder, {"hw1_information_theory.entropy": attack}))
    scores = function_scores(results)
    assert scores["hw1_information_theory.entropy"] == 0
    assert {q: s for q, s in scores.items() if q != "hw1_information_theory.entropy"} == {
        q: p for q, p in POINTS.items() if q != "hw1_information_theory.entropy"}
    assert "LEAKED" not in json.dumps(results) and "BEGIN SOLUTION" not in json.dumps(results)


def test_an_upload_without_modules_says_what_was_looked_for(autograder_root):
    """Does an upload with no module at all get 0 and one line naming the layouts looked for in the output,
    and does the config's hidden_visibility flag make the hidden tests visible, with their feedback in the
    summary?"""
    config_path = autograder_root / "source" / "config.json"
    config = config_path.read_text()
    config_path.write_text(json.dumps({**json.loads(config), "hidden_visibility": "visible"}))
    try:
        results, _ = run_autograder(autograder_root, lambda folder: (folder / "README.md").write_text("hello\n"))
    finally:
        config_path.write_text(config)
    assert results["score"] == 0
    assert "No submission found in your submission: looked for assignments/<assignment>/<module>.py" in \
        results["output"]
    assert {t["visibility"] for t in results["tests"]} == {"visible"}
    assert results["output"].startswith("## 0 / 100") and "## What to fix" in results["output"]


def test_a_broken_grader_still_writes_results_and_keeps_the_traceback_for_instructors(autograder_root):
    """With the bundle's cases.pickle corrupted, is results.json still written, score 0, with one visible
    "could not run" test, and the traceback only on run_autograder's standard output?"""
    cases = autograder_root / "source" / "cases.pickle"
    saved = cases.read_bytes()
    cases.write_text("not a pickle")
    try:
        results, stdout = run_autograder(autograder_root, reference_submission)
    finally:
        cases.write_bytes(saved)
    assert results["score"] == 0
    assert [t["name"] for t in results["tests"]] == [COULD_NOT_RUN]
    assert results["tests"][0]["visibility"] == "visible" and results["tests"][0]["status"] == "failed"
    assert "Traceback" in stdout and "UnpicklingError" in stdout
    assert "Traceback" not in json.dumps(results) and "cases.pickle" not in json.dumps(results)
