"""The student repository (release/student.py): layout, public checks on the stubs and on the reference."""
import ast
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from release import leaks, stubs, student  # noqa: E402

# COURSE_SPEC.md, "Layout of a student repository" and the four tables of functions.
CONTRACT_MODULES = [
    "assignments/hw1_information_theory/information_theory.py",
    "assignments/hw2_maximum_likelihood/maximum_likelihood.py",
    "assignments/hw3_lagrange_die/lagrange_die.py",
    "assignments/hw4_mle_and_kl/mle_and_kl.py",
]
CONTRACT_FUNCTIONS = 25
STUDENT_PYTEST = ["-m", "pytest", "tests", "-q", "--tb=no", "-rN", "-p", "no:cacheprovider"]


def public_functions(path):
    tree = ast.parse(Path(path).read_text(encoding="utf-8"))
    return [node.name for node in tree.body
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and not node.name.startswith("_")]


REFERENCE = stubs.reference_modules(ROOT / "solutions")
FUNCTIONS = [name for path in REFERENCE.values() for name in public_functions(path)]


def checks_of(function):
    """Names of the public tests marked @checks(function)."""
    names = []
    for path in leaks.public_test_files(ROOT):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.FunctionDef) and any(
                    isinstance(d, ast.Call) and getattr(d.func, "id", None) == "checks"
                    and [ast.literal_eval(a) for a in d.args] == [function] for d in node.decorator_list):
                names.append(node.name)
    return names


def run_public_checks(repository, *extra):
    """The student's test command, as the student Makefile runs it but with this Python (no venv)."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTEST_ADDOPTS", "COURSE_CODE_DIR")}
    return subprocess.run([sys.executable, *STUDENT_PYTEST, *extra], cwd=repository, env=env,
                          capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def release(tmp_path_factory):
    out = tmp_path_factory.mktemp("release") / "student"
    student.build(ROOT, out)
    return out


@pytest.fixture(scope="module")
def on_stubs(release):
    return run_public_checks(release)


@pytest.fixture(scope="module")
def on_reference(release, tmp_path_factory):
    solved = tmp_path_factory.mktemp("solved") / "student"
    shutil.copytree(release, solved)
    for relative, path in REFERENCE.items():
        shutil.copyfile(path, solved / "assignments" / relative)
    return run_public_checks(solved)


def files(folder):
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


# --- layout -------------------------------------------------------------------------------------

def test_the_release_holds_exactly_the_stubs_the_public_tests_the_lecture_and_the_template(release):
    """Are the stubs, tests/, LECTURE.md, RULES.md, Makefile, README.md, requirements.txt, .gitignore and the
    two CI workflows there, nothing else?"""
    expected = sorted(
        [f"assignments/{relative.as_posix()}" for relative in REFERENCE]
        + [f"tests/{path.name}" for path in leaks.public_test_files(ROOT)]
        + ["LECTURE.md", "Makefile", "README.md", "RULES.md", "requirements.txt", ".gitignore",
           ".github/workflows/public-checks.yml", ".gitlab-ci.yml"])
    assert files(release) == expected
    assert {"tests/course.py", "tests/conftest.py"} <= set(expected)


def test_the_release_has_the_four_modules_of_the_contract(release):
    """Does the release have assignments/<assignment>/<module>.py for the four assignments of COURSE_SPEC.md?"""
    assert [m for m in CONTRACT_MODULES if not (release / m).is_file()] == []


def test_the_stubs_are_generated_from_solutions_not_copied_from_assignments(release):
    """Is each stub of the release what the generator makes from solutions/ now?"""
    for relative, text in stubs.stubs_for(ROOT / "solutions").items():
        assert (release / "assignments" / relative).read_text(encoding="utf-8") == text


def test_the_public_tests_and_the_lecture_are_copies(release):
    """Are tests/*.py and LECTURE.md identical to public_tests/ and the instructor's LECTURE.md?"""
    for path in leaks.public_test_files(ROOT):
        assert (release / "tests" / path.name).read_bytes() == path.read_bytes()
    assert (release / "LECTURE.md").read_bytes() == (ROOT / "LECTURE.md").read_bytes()


def pins(path):
    return dict(line.split("==") for line in Path(path).read_text().splitlines()
                if line.strip() and not line.startswith("#"))


def test_the_student_requirements_name_numpy_scipy_and_pytest_only():
    """Does requirements.txt name numpy, scipy and pytest (ranges: tests/test_student_release_pythons.py), no grader tools?"""
    names = [re.match(r"[A-Za-z0-9_.-]+", line).group() for line in
             (leaks.TEMPLATE / "requirements.txt").read_text().splitlines() if line.strip() and not line.startswith("#")]
    assert names == ["numpy", "scipy", "pytest"]
    assert set(names) <= set(pins(ROOT / "requirements.txt"))


def test_the_readme_explains_how_to_work_run_read_and_submit(release):
    """Does README.md say what to replace, how to run the checks, what a failure looks like, how to submit?"""
    readme = (release / "README.md").read_text(encoding="utf-8")
    for needed in ("raise NotImplementedError", "make test", "make test-one F=", "not implemented yet",
                   "expected:", "returned:", "Hint:", "hidden grader", "ValueError", "modify", "## Submitting",
                   "-p no:cacheprovider"):
        assert needed in readme, needed
    for module in CONTRACT_MODULES:
        assert f"`{module}`" in readme


# --- the public checks, run as a student runs them ----------------------------------------------

def test_on_the_stubs_the_public_checks_fail(on_stubs):
    """Does the student's test command exit non-zero on the untouched stubs?"""
    assert on_stubs.returncode != 0, on_stubs.stdout


@pytest.mark.parametrize("function", FUNCTIONS)
def test_on_the_stubs_every_function_shows_as_not_implemented_yet(on_stubs, function):
    """Does the output have the line `<function>  not implemented yet` for each reference function?"""
    assert re.search(rf"^  {function} +not implemented yet$", on_stubs.stdout, re.MULTILINE), on_stubs.stdout


def test_on_the_stubs_no_traceback_is_shown(on_stubs):
    """Is the output free of tracebacks and NotImplementedError noise?"""
    assert "Traceback" not in on_stubs.stdout and "NotImplementedError" not in on_stubs.stdout


def test_on_the_stubs_the_summary_counts_every_function_of_the_contract(on_stubs):
    """Does the output end with "0 of 25 functions pass"?"""
    last = on_stubs.stdout.strip().splitlines()[-2:]  # the summary, then pytest's "N failed in ..."
    assert any(line.startswith(f"0 of {CONTRACT_FUNCTIONS} functions pass") for line in last), last


def test_on_the_reference_the_public_checks_pass(on_reference):
    """With solutions/ copied over the stubs, does the command exit 0 with every function passing?"""
    assert on_reference.returncode == 0, on_reference.stdout
    assert f"{len(FUNCTIONS)} of {len(FUNCTIONS)} functions pass" in on_reference.stdout


def test_on_the_reference_all_25_functions_pass(on_reference):
    """With solutions/ copied over the stubs, does the output say "25 of 25"?"""
    assert f"{CONTRACT_FUNCTIONS} of {CONTRACT_FUNCTIONS} functions pass" in on_reference.stdout, on_reference.stdout


SELECT = """
import sys, pytest

class Selected:
    def pytest_collection_finish(self, session):
        self.names = [item.name for item in session.items]

for function in sys.argv[1:]:
    selected = Selected()
    pytest.main(["tests", "-q", "-p", "no:cacheprovider", "--collect-only", "-k", function], plugins=[selected])
    print("SELECTED", function, *getattr(selected, "names", []))
"""


@pytest.fixture(scope="module")
def selected_by_k(release):
    """``{function: names of the tests that -k function selects}``, from one Python process."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTEST_ADDOPTS", "COURSE_CODE_DIR")}
    result = subprocess.run([sys.executable, "-c", SELECT, *FUNCTIONS], cwd=release, env=env,
                            capture_output=True, text=True, timeout=600)
    lines = [line.split()[1:] for line in result.stdout.splitlines() if line.startswith("SELECTED ")]
    return {words[0]: set(words[1:]) for words in lines}


@pytest.mark.parametrize("function", FUNCTIONS)
def test_make_test_one_selects_every_check_of_the_function(selected_by_k, function):
    """Does `-k <function>` (what `make test-one F=<function>` runs) select every test marked @checks(function)?

    Test names need not mention the function, so the public conftest.py must add
    the exercise's name to each test's keywords (``item.extra_keyword_matches``).
    """
    wanted = checks_of(function)
    assert wanted, f"no public test is marked @checks({function!r})"
    assert [name for name in wanted if name not in selected_by_k[function]] == []


# --- the student Makefile (never run for real here: it would create a venv) -----------------------

needs_make = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


@needs_make
def test_make_test_creates_the_venv_then_runs_the_public_checks(release):
    """Does `make -n test` create .venv from requirements.txt and run the student's test command with it?"""
    result = subprocess.run(["make", "-n", "test"], cwd=release, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "-m venv .venv" in result.stdout
    assert "-r requirements.txt" in result.stdout
    assert ".venv/bin/python " + " ".join(STUDENT_PYTEST) in result.stdout


@needs_make
def test_make_test_one_passes_the_function_to_k(release):
    """Does `make -n test-one F=entropy` run the checks with -k entropy, and does test-one without F explain itself?"""
    result = subprocess.run(["make", "-n", "test-one", "F=entropy"], cwd=release, capture_output=True, text=True,
                            timeout=60)
    assert '-k "entropy"' in result.stdout
    result = subprocess.run(["make", "-n", "test-one"], cwd=release, capture_output=True, text=True, timeout=60)
    assert result.returncode != 0 and "make test-one F=entropy" in result.stderr


@needs_make
def test_make_help_lists_the_targets(release):
    """Does `make help` (the default target) list test and test-one?"""
    result = subprocess.run(["make"], cwd=release, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    assert "make test " in result.stdout and "make test-one" in result.stdout


# --- building -----------------------------------------------------------------------------------

def test_a_build_wipes_the_output_folder_but_keeps_its_git_folder(tmp_path):
    """Are files of an earlier build removed, and a .git/ kept, when building again?"""
    out = tmp_path / "student"
    student.build(ROOT, out)
    (out / "assignments" / "old_notes.py").write_text("x = 1\n")
    (out / ".git").mkdir()
    (out / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    student.build(ROOT, out)
    assert not (out / "assignments" / "old_notes.py").exists()
    assert (out / ".git" / "HEAD").read_text() == "ref: refs/heads/main\n"


@pytest.mark.parametrize("where", ["the repository", "its parent", "solutions/x", "a folder with other files"])
def test_a_build_refuses_to_wipe_a_folder_that_is_not_a_student_repository(tmp_path, where):
    """Is building into the instructor repository, a folder holding it, or a foreign non-empty folder refused?"""
    out = {"the repository": ROOT, "its parent": ROOT.parent, "solutions/x": ROOT / "solutions" / "x",
           "a folder with other files": tmp_path}[where]
    (tmp_path / "thesis.tex").write_text("do not delete me")
    with pytest.raises(student.ReleaseError, match="refusing to wipe"):
        student.build(ROOT, out)
    assert (tmp_path / "thesis.tex").exists()


def test_student_on_the_command_line_builds_and_reports(tmp_path):
    """Does `python -m release student --out DIR` build DIR and exit 0, and exit 2 without --out?"""
    run = [sys.executable, "-m", "release", "student"]
    result = subprocess.run([*run, "--out", str(tmp_path / "s")], cwd=ROOT, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stderr
    assert "leak check clean" in result.stdout
    assert (tmp_path / "s" / "Makefile").is_file()
    result = subprocess.run(run, cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "--out" in result.stderr
