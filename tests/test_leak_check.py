"""The leak check (release/leaks.py): nothing of solutions/ or autograder/ reaches the student repository."""
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from release import leaks, student  # noqa: E402

SOLUTION = textwrap.dedent('''\
    """Demo assignment."""
    import numpy as np


    def _as_vector(x):
        """Given to students."""
        values = np.array(x, dtype=float)
        return values


    def mean(x):
        """The sample mean."""
        # Hint: np.sum, then divide.
        ### BEGIN SOLUTION
        values = np.array(x, dtype=float)
        n = values.size
        total = values.sum()
        return float(total / n)
        ### END SOLUTION
''')
SECRET_SOLUTION_LINE = "return float(total / n)"
SHARED_LINE = "values = np.array(x, dtype=float)"  # in the region and in the helper: handed out anyway
GRADER = textwrap.dedent('''\
    from autograder.engine import Property

    MEAN_OF_CONSTANTS = Property("hw9_demo.mean", examples=40, tolerance=1e-9)
''')
SECRET_GRADER_LINE = 'MEAN_OF_CONSTANTS = Property("hw9_demo.mean", examples=40, tolerance=1e-9)'


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def course(tmp_path):
    """A small instructor repository: one reference module, public tests, a lecture, a grader."""
    root = tmp_path / "course"
    write(root / "solutions/hw9_demo/demo.py", SOLUTION)
    (root / "public_tests").mkdir()
    for name in ("course.py", "conftest.py"):
        shutil.copy(ROOT / "public_tests" / name, root / "public_tests" / name)
    write(root / "public_tests/test_hw9_demo.py", "def test_nothing():\n    assert True\n")
    write(root / "LECTURE.md", "# Lecture\n\nThe mean is the MLE of a Gaussian's centre.\n")
    write(root / "autograder/__init__.py", "")
    write(root / "autograder/properties/hw9_demo.py", GRADER)
    return root


@pytest.fixture
def built(course, tmp_path):
    out = tmp_path / "student"
    student.build(course, out)
    return out


def findings(out, root):
    return [str(finding) for finding in leaks.check(out, root)]


def append(path, line):
    with open(path, "a", encoding="utf-8") as file:
        file.write(line + "\n")
    return len(path.read_text(encoding="utf-8").splitlines())


def test_a_clean_build_of_a_small_course_has_no_findings(course, built):
    """Does a fresh build, with its stub, public tests, lecture and template, pass the check?"""
    assert (built / "assignments/hw9_demo/demo.py").is_file()
    assert findings(built, course) == []


def test_a_clean_build_of_this_course_has_no_findings(tmp_path):
    """Does the real course build without any finding?"""
    out = tmp_path / "student"
    student.build(ROOT, out)  # raises LeakError if anything is found
    assert findings(out, ROOT) == []


def test_a_planted_solution_line_is_found_with_its_source(course, built):
    """Is a line from inside a solution region reported as path:line, naming the reference file?"""
    line = append(built / "assignments/hw9_demo/demo.py", "    " + SECRET_SOLUTION_LINE)
    assert findings(built, course) == [
        f"assignments/hw9_demo/demo.py:{line}: solution code {SECRET_SOLUTION_LINE!r} "
        f"(from solutions/hw9_demo/demo.py:18)"]


def test_a_commented_out_solution_line_is_still_found(course, built):
    """Is a solution line hidden behind '#' still a leak?"""
    append(built / "README.md", "# " + SECRET_SOLUTION_LINE)
    assert len(findings(built, course)) == 1


def test_short_lines_and_lines_handed_out_elsewhere_are_not_findings(course, built):
    """Are `n = values.size` (short) and a line that the helper has too ignored?"""
    stub = built / "assignments/hw9_demo/demo.py"
    append(stub, "    n = values.size")
    append(stub, "    " + SHARED_LINE)
    assert findings(built, course) == []


def test_a_planted_grader_line_is_found_with_its_source(course, built):
    """Is a specific line of autograder/ reported, naming the grader file?"""
    line = append(built / "tests/course.py", SECRET_GRADER_LINE)
    assert findings(built, course) == [
        f"tests/course.py:{line}: hidden-test code {SECRET_GRADER_LINE!r} "
        f"(from autograder/properties/hw9_demo.py:3)"]


@pytest.mark.parametrize("statement", [
    "import solutions",
    "from solutions.hw9_demo.demo import mean",
    "import numpy as np, autograder.engine",
    "from autograder import checks",
    "demo = importlib.import_module('solutions.hw9_demo.demo')",
    'spec = spec_from_file_location("demo", ROOT / "solutions" / "hw9_demo" / "demo.py")',
    "see ../solutions/hw9_demo/demo.py",
])
def test_an_import_or_a_path_of_the_reference_or_the_grader_is_found(course, built, statement):
    """Is `import solutions` (and its variants, or a path into solutions/ or autograder/) a leak?"""
    line = append(built / "tests/test_hw9_demo.py", statement)
    found = findings(built, course)
    assert len(found) == 1
    assert found[0].startswith(f"tests/test_hw9_demo.py:{line}: ")
    assert "reference solutions" in found[0] or "hidden grader" in found[0]


def test_a_copied_hidden_test_file_is_found_by_its_name_and_its_lines(course, built):
    """Is a file named like a file of autograder/ reported, and its grader lines too?"""
    shutil.copy(course / "autograder/properties/hw9_demo.py", built / "tests/hw9_demo.py")
    found = findings(built, course)
    assert "tests/hw9_demo.py: file named like a file of the hidden grader " \
           "(from autograder/properties/hw9_demo.py)" in found
    assert any(f.startswith("tests/hw9_demo.py:3: hidden-test code") for f in found)


def test_an_unexpected_python_file_and_a_solutions_folder_are_found(course, built):
    """Is any .py that is neither a stub nor a public test reported, and any folder named solutions/?"""
    write(built / "tests/test_extra.py", "def test_more():\n    pass\n")
    write(built / "solutions/notes.txt", "nothing secret\n")
    assert findings(built, course) == [
        "solutions/notes.txt: file inside a folder named solutions/",
        "tests/test_extra.py: unexpected Python file: not a stub, a public test, the lecture or a template file"]


def test_files_left_by_running_the_tests_are_not_findings(course, built):
    """Are __pycache__/ and .venv/ (made by `make test`) and .git/ skipped?"""
    write(built / "tests/__pycache__/course.cpython-311.pyc", "compiled")
    write(built / ".venv/lib/site.py", "import os\n")
    write(built / ".git/HEAD", "ref: refs/heads/main\n")
    assert findings(built, course) == []


@pytest.mark.parametrize("grader", ["missing", "empty"])
def test_the_check_works_without_a_grader(course, tmp_path, grader):
    """Does the check still find solution code when autograder/ is missing or empty?"""
    shutil.rmtree(course / "autograder")
    if grader == "empty":
        (course / "autograder").mkdir()
    out = tmp_path / "student"
    student.build(course, out)
    assert findings(out, course) == []
    append(out / "assignments/hw9_demo/demo.py", SECRET_SOLUTION_LINE)
    assert len(findings(out, course)) == 1


def test_a_build_that_would_leak_is_refused_and_wiped(course, tmp_path):
    """Does building fail with the findings, leaving nothing to hand out, when a public test imports the reference?"""
    append(course / "public_tests/test_hw9_demo.py", "from solutions.hw9_demo import demo")
    out = tmp_path / "student"
    with pytest.raises(student.LeakError) as error:
        student.build(course, out)
    assert [str(f) for f in error.value.findings] == [
        "tests/test_hw9_demo.py:3: imports the reference solutions: 'from solutions.hw9_demo import demo'"]
    assert list(out.iterdir()) == []


def run_cli(*args):
    return subprocess.run([sys.executable, "-m", "release", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


def test_leaks_on_the_command_line_exits_1_with_one_line_per_finding(course, built):
    """Does `python -m release leaks DIR` print DIR/path:line: ... and exit 1, and exit 0 when clean?"""
    clean = run_cli("--root", course, "leaks", built)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    line = append(built / "assignments/hw9_demo/demo.py", SECRET_SOLUTION_LINE)
    result = run_cli("--root", course, "leaks", built)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"{built}/assignments/hw9_demo/demo.py:{line}: solution code {SECRET_SOLUTION_LINE!r} "
        f"(from solutions/hw9_demo/demo.py:18)"]


def test_leaks_on_a_missing_folder_is_a_bad_argument(tmp_path):
    """Does `python -m release leaks` on a folder that does not exist exit 2?"""
    result = run_cli("leaks", tmp_path / "nowhere")
    assert result.returncode == 2
    assert "is not a folder" in result.stderr
