"""The student release on the Pythons students have (issue 13): 3.9 to 3.13 run the checks, older ones are refused.

Each supported Python gets one venv, made by the student's own ``make test``
from the registry and reused for its three runs: the stubs, the reference
copied in, and the reference with one mistake. A sixth venv holds the oldest
releases ``requirements.txt`` allows (on Python 3.9). The instructor's
``make venv`` refusal of a Python older than 3.11 is checked here too.
"""
import ast
import glob
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from packaging.specifiers import SpecifierSet
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from release import leaks, stubs  # noqa: E402

SUPPORTED = ["3.9", "3.10", "3.11", "3.12", "3.13"]
OLDEST = "3.9-oldest"  # Python 3.9 with the lower bound of every requirement
REFERENCE = stubs.reference_modules(ROOT / "solutions")
FUNCTIONS = 25
STUDENT_PYTEST = ["-m", "pytest", "tests", "-q", "--tb=no", "-rN", "-p", "no:cacheprovider"]
# One mistake whose report differs between numpy 1 and 2 unless the checks print values themselves:
# a tuple of np.float64 (numpy 2's repr says np.float64(2.5)).
MISTAKE = ("hw2_maximum_likelihood/maximum_likelihood.py",
           "    return float(mu), float(sigma2)\n", "    return mu, np.var(x, ddof=1)\n")
# What the environment of the person running this suite must not change in the student's runs.
NOT_PASSED = {"PYTHONPATH", "PYTHONHOME", "PYTEST_ADDOPTS", "COURSE_CODE_DIR", "VIRTUAL_ENV",
              "MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES"}

needs_make = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def clean_env(**extra):
    return {**{k: v for k, v in os.environ.items() if k not in NOT_PASSED}, **extra}


def pyenv_root():
    if os.environ.get("PYENV_ROOT"):
        return os.environ["PYENV_ROOT"]
    try:
        return subprocess.run(["pyenv", "root"], capture_output=True, text=True, timeout=30).stdout.strip()
    except OSError:
        return os.path.expanduser("~/.pyenv")


def find_python(version):
    """An interpreter of ``version`` ("3.9"): python3.9 on PATH, else under $(pyenv root)/versions/*/bin/.

    A candidate counts only if it runs and says it is that version (a pyenv shim
    of a version that is not selected does not run).
    """
    candidates = [shutil.which(f"python{version}")]
    candidates += sorted(glob.glob(os.path.join(pyenv_root(), "versions", "*", "bin", f"python{version}")))
    for candidate in filter(None, candidates):
        try:
            said = subprocess.run([candidate, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
                                  capture_output=True, text=True, timeout=60).stdout.strip()
        except (OSError, subprocess.TimeoutExpired):
            continue
        if said == version:
            return candidate
    return None


def python_or_skip(version):
    python = find_python(version)
    if python is None:
        pytest.skip(f"no Python {version} here: neither python{version} on PATH nor one under "
                    f"{pyenv_root()}/versions/*/bin/")
    return python


def lower_bounds(requirements):
    """``{"numpy": "1.19.3", ...}``: the ``>=`` bound of every requirement."""
    bounds = {}
    for line in Path(requirements).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, low = re.fullmatch(r"([A-Za-z0-9_.-]+)>=([0-9.]+),<[0-9.]+", line.strip()).groups()
            bounds[name] = low
    return bounds


def report(stdout):
    """The per-function report of the public checks: from the first assignment to the count."""
    lines = stdout.splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith("hw1_"))
    last = next(i for i, line in enumerate(lines) if re.match(r"\d+ of \d+ functions pass", line))
    return "\n".join(lines[first:last + 1])


def solve(repository, mistake=False):
    """Copy the reference over the stubs of ``repository``; with ``mistake``, break gaussian_mle as MISTAKE says."""
    for relative, path in REFERENCE.items():
        shutil.copyfile(path, repository / "assignments" / relative)
    if mistake:
        module = repository / "assignments" / MISTAKE[0]
        text = module.read_text(encoding="utf-8")
        assert text.count(MISTAKE[1]) == 1, f"the line to break is no longer in solutions/{MISTAKE[0]}"
        module.write_text(text.replace(MISTAKE[1], MISTAKE[2]), encoding="utf-8")


@pytest.fixture(scope="session")
def release(tmp_path_factory):
    """The student release, built once by the command instructors use."""
    out = tmp_path_factory.mktemp("pythons") / "release"
    result = subprocess.run([sys.executable, "-m", "release", "student", "--out", str(out)], cwd=ROOT,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return out


def make_test(repository, python, **variables):
    command = ["make", "test", f"PYTHON={python}", *(f"{k}={v}" for k, v in variables.items())]
    return subprocess.run(command, cwd=repository, env=clean_env(), capture_output=True, text=True, timeout=1800)


@pytest.fixture(scope="session")
def student_runs(release, tmp_path_factory):
    """``runs(label)``: the student's ``make test`` on the stubs, the reference and the mistake, with one venv."""
    done = {}

    def runs(label):
        if label not in done:
            version = label.split("-")[0]
            python = python_or_skip(version)
            repository = tmp_path_factory.mktemp(f"python{label}") / "student"
            shutil.copytree(release, repository)
            if label == OLDEST:
                install_oldest(repository, python)
            result = {"stubs": make_test(repository, python)}
            solve(repository)
            result["reference"] = make_test(repository, python)
            solve(repository, mistake=True)
            result["mistake"] = make_test(repository, python)
            result["versions"] = subprocess.run(
                [str(repository / ".venv" / "bin" / "python"), "-c",
                 "import sys, numpy, scipy, pytest; print(sys.version.split()[0], numpy.__version__, "
                 "scipy.__version__, pytest.__version__)"], capture_output=True, text=True, timeout=120).stdout.strip()
            for what in ("stubs", "reference", "mistake"):
                print(f"\n[pythons] {label} ({result['versions']}) {what}, exit {result[what].returncode}, "
                      f"last lines:\n" + "\n".join(result[what].stdout.strip().splitlines()[-2:]))
            done[label] = result
        return done[label]

    return runs


def install_oldest(repository, python):
    """Give ``repository`` a .venv of ``python`` with the oldest allowed releases, so that ``make test`` uses it."""
    venv = repository / ".venv"
    subprocess.run([python, "-m", "venv", str(venv)], check=True, capture_output=True, timeout=300)
    pins = [f"{name}=={low}" for name, low in lower_bounds(repository / "requirements.txt").items()]
    install = subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet",
                              "--disable-pip-version-check", *pins], env=clean_env(), capture_output=True, text=True,
                             timeout=1800)
    assert install.returncode == 0, install.stderr[-3000:]
    (venv / ".installed").touch()


@pytest.fixture(scope="session")
def graders_reports(release, tmp_path_factory):
    """The per-function reports on the instructor's pinned stack (this Python), for the same three states."""
    reports = {}
    for what in ("stubs", "reference", "mistake"):
        repository = tmp_path_factory.mktemp(f"grader-{what}") / "student"
        shutil.copytree(release, repository)
        if what != "stubs":
            solve(repository, mistake=what == "mistake")
        result = subprocess.run([sys.executable, *STUDENT_PYTEST], cwd=repository, env=clean_env(),
                                capture_output=True, text=True, timeout=600)
        reports[what] = report(result.stdout)
    return reports


LABELS = SUPPORTED + [OLDEST]


@needs_make
@pytest.mark.slow
@pytest.mark.parametrize("label", LABELS)
def test_on_every_supported_python_make_test_on_the_stubs_fails_with_25_not_implemented_yet(student_runs, label):
    """Does `make test` on the stubs install, exit non-zero and show all 25 functions as "not implemented yet"?"""
    run = student_runs(label)["stubs"]
    assert run.returncode != 0, run.stdout + run.stderr[-3000:]
    functions = [name for path in REFERENCE.values()
                 for name in re.findall(r"^def ([a-z]\w*)\(", path.read_text(encoding="utf-8"), re.MULTILINE)]
    assert len(functions) == FUNCTIONS
    missing = [f for f in functions if not re.search(rf"^  {f} +not implemented yet$", run.stdout, re.MULTILINE)]
    assert missing == [], run.stdout + run.stderr[-3000:]
    assert f"0 of {FUNCTIONS} functions pass all their public checks." in run.stdout
    assert "Traceback" not in run.stdout


@needs_make
@pytest.mark.slow
@pytest.mark.parametrize("label", LABELS)
def test_on_every_supported_python_make_test_on_the_reference_passes_25_of_25(student_runs, label):
    """With the reference copied in, does `make test` (reusing .venv) exit 0 with "25 of 25 functions pass"?"""
    run = student_runs(label)["reference"]
    assert run.returncode == 0, run.stdout + run.stderr[-3000:]
    assert f"{FUNCTIONS} of {FUNCTIONS} functions pass all their public checks." in run.stdout
    assert "pip install" not in run.stdout, "the second run should reuse .venv"


@needs_make
@pytest.mark.slow
@pytest.mark.parametrize("label", LABELS)
def test_on_every_supported_python_the_report_is_the_one_of_the_graders_stack(student_runs, graders_reports, label):
    """Is the per-function report, on the stubs, the reference and a wrong tuple of np.float64, word for word
    the one the instructor's pinned numpy 2.4 prints?"""
    runs = student_runs(label)
    for what, expected in graders_reports.items():
        assert report(runs[what].stdout) == expected, what
    assert "returned: (2.5, 1.6666666666666667)" in graders_reports["mistake"]


@pytest.mark.slow
def test_the_oldest_run_really_has_the_lower_bounds_installed(student_runs):
    """On "3.9-oldest", are numpy, scipy and pytest exactly the `>=` bounds of the student's requirements.txt?"""
    versions = student_runs(OLDEST)["versions"].split()
    bounds = lower_bounds(leaks.TEMPLATE / "requirements.txt")
    assert versions[0].startswith("3.9.")
    assert [Version(v) for v in versions[1:]] == [Version(bounds[name]) for name in ("numpy", "scipy", "pytest")]


def test_the_student_requirements_allow_the_instructors_pins_and_name_only_numpy_scipy_pytest():
    """Are the student's requirements ranges `>=low,<high` of numpy, scipy and pytest that hold the pinned versions?"""
    ranges = {}
    for line in (leaks.TEMPLATE / "requirements.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, spec = re.fullmatch(r"([a-z]+)(>=.+)", line.strip()).groups()
            ranges[name] = SpecifierSet(spec)
    pins = dict(line.split("==") for line in (ROOT / "requirements.txt").read_text().splitlines()
                if "==" in line and not line.startswith("#"))
    assert sorted(ranges) == ["numpy", "pytest", "scipy"]
    assert [name for name, spec in ranges.items() if pins[name] not in spec] == []
    assert lower_bounds(leaks.TEMPLATE / "requirements.txt").keys() == ranges.keys()


def test_the_files_students_run_parse_as_python_3_9():
    """Do the stubs, the reference, public_tests/ and conftest.py parse with Python 3.9's grammar (no match, ...)?

    A quick guard; the slow tests above run them on a real 3.9.
    """
    paths = [*REFERENCE.values(), *(ROOT / "assignments" / relative for relative in REFERENCE),
             *leaks.public_test_files(ROOT)]
    for path in paths:
        ast.parse(path.read_text(encoding="utf-8"), filename=str(path), feature_version=(3, 9))
    assert len(paths) == 2 * len(REFERENCE) + len(leaks.public_test_files(ROOT)) >= 14


def one_line_of_refusal(result):
    """The lines the refusal printed, without make's own ``make: *** [...] Error 1``."""
    return [line for line in (result.stdout + result.stderr).splitlines() if not line.startswith("make: ***")]


@needs_make
@pytest.mark.parametrize("version", ["3.8"])
def test_an_older_python_gets_one_line_from_make_test_and_nothing_is_installed(release, tmp_path, version):
    """On Python 3.8, does `make test` print one line (version, where, 3.9 to 3.13, PYTHON=python3.12) and no venv?"""
    python = python_or_skip(version)
    repository = tmp_path / "student"
    shutil.copytree(release, repository)
    result = make_test(repository, python)
    assert result.returncode != 0
    lines = one_line_of_refusal(result)
    print(f"\n[pythons] {version}: exit {result.returncode}, printed:\n" + (result.stdout + result.stderr).strip())
    assert len(lines) == 1, lines
    assert re.search(rf"found Python {re.escape(version)}\.\d+ at \S*python", lines[0]), lines
    assert "3.9 to 3.13" in lines[0] and "make test PYTHON=python3.12" in lines[0]
    assert not (repository / ".venv").exists()


@needs_make
def test_a_missing_python_gets_one_line_from_make_test(release, tmp_path):
    """With PYTHON naming no program, does `make test` say so in one line, with the way out, and make no venv?"""
    repository = tmp_path / "student"
    shutil.copytree(release, repository)
    result = make_test(repository, "python3.99-not-here")
    assert result.returncode != 0
    assert one_line_of_refusal(result) == [
        "error: the checks need Python 3.9 to 3.13; found no python3.99-not-here on PATH; "
        "install one (see README.md) and choose it: make test PYTHON=python3.12"]
    assert not (repository / ".venv").exists()


@needs_make
def test_pytest_args_reach_the_student_checks(release):
    """Does `make -n test PYTEST_ARGS=--junitxml=r.xml` append the option to the pytest command, and only then?"""
    plain = subprocess.run(["make", "-n", "test"], cwd=release, env=clean_env(), capture_output=True, text=True,
                           timeout=60)
    extra = subprocess.run(["make", "-n", "test", "PYTEST_ARGS=--junitxml=r.xml"], cwd=release, env=clean_env(),
                           capture_output=True, text=True, timeout=60)
    command = ".venv/bin/python " + " ".join(STUDENT_PYTEST)
    assert command + "\n" in plain.stdout
    assert command + " --junitxml=r.xml\n" in extra.stdout


# --- the instructor's make venv -----------------------------------------------------------------

def instructor_make_venv(tmp_path, python_system, path=None):
    """``make venv`` of this repository into a venv under tmp_path, with pip unable to install anything."""
    venv = os.path.relpath(tmp_path / "venv", ROOT)  # relative: the Makefile puts $(CURDIR)/$(VENV)/bin on PATH
    env = clean_env(PIP_NO_INDEX="1", PIP_FIND_LINKS="", PIP_CONFIG_FILE=os.devnull)
    if path is not None:
        env["PATH"] = path
    return subprocess.run(["make", "venv", f"PYTHON_SYSTEM={python_system}", f"VENV={venv}"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)


@needs_make
def test_make_venv_refuses_a_python_older_than_3_11_in_one_line(tmp_path):
    """With PYTHON_SYSTEM a Python 3.10, does `make venv` print one line naming it and the way out, and make nothing?"""
    python = python_or_skip("3.10")
    result = instructor_make_venv(tmp_path, python)
    assert result.returncode != 0
    lines = one_line_of_refusal(result)
    assert len(lines) == 1, lines
    assert re.fullmatch(rf"error: the pinned requirements need Python >= 3\.11; PYTHON_SYSTEM={re.escape(python)} "
                        rf"is Python 3\.10\.\d+ \({re.escape(python)}\); choose another: "
                        rf"make test PYTHON_SYSTEM=python3\.12", lines[0]), lines
    assert not (tmp_path / "venv").exists()


@needs_make
def test_make_venv_checks_python_system_on_the_users_path_not_the_venvs(tmp_path):
    """With the venv's bin/python3 a 3.11 but the user's python3 a 3.10, is the user's refused?

    The Makefile puts the venv's bin first on PATH for every recipe; the check
    must look PYTHON_SYSTEM up as the user meant it.
    """
    old, new = python_or_skip("3.10"), python_or_skip("3.11")
    users_bin, venv_bin = tmp_path / "users-bin", tmp_path / "venv" / "bin"
    users_bin.mkdir()
    venv_bin.mkdir(parents=True)
    (users_bin / "python3").symlink_to(old)
    (venv_bin / "python3").symlink_to(new)  # a half-made venv: bin/python3 but no bin/python
    result = instructor_make_venv(tmp_path, "python3", path=f"{users_bin}{os.pathsep}{os.environ['PATH']}")
    assert result.returncode != 0
    lines = one_line_of_refusal(result)
    assert len(lines) == 1 and "PYTHON_SYSTEM=python3 is Python 3.10." in lines[0], lines
    assert f"({users_bin / 'python3'})" in lines[0]
    assert not (venv_bin / "python").exists()
