"""The reference is the ground truth: it passes the public checks and its own doctests, and holds the contract."""
import doctest
import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

from submissions import MODULES, ROOT

CONTRACT_CHECK = ROOT.parent / "shared" / "tools" / "check_contract.py"


@pytest.mark.parametrize("assignment", MODULES)
def test_the_reference_module_passes_its_doctests(assignment):
    path = ROOT / "solutions" / assignment / f"{MODULES[assignment]}.py"
    spec = importlib.util.spec_from_file_location(f"doctest_{assignment}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    failures, tried = doctest.testmod(module)
    assert tried >= 5 and failures == 0


def run_public_checks(code_dir, traceback="short"):
    env = {**os.environ, "COURSE_CODE_DIR": code_dir}
    return subprocess.run([sys.executable, "-m", "pytest", "-q", f"--tb={traceback}", "-rN", "-p", "no:cacheprovider",
                           "-c", os.devnull, "--rootdir", str(ROOT / "public_tests"), str(ROOT / "public_tests")],
                          cwd=ROOT / "public_tests", env=env, capture_output=True, text=True, timeout=600)


def test_the_reference_passes_every_public_check():
    result = run_public_checks("solutions")
    assert result.returncode == 0, result.stdout[-3000:]
    assert "25 of 25 functions pass all their public checks." in result.stdout


def test_every_stub_shows_as_not_implemented_in_the_public_checks():
    result = run_public_checks("assignments", traceback="no")
    assert result.returncode != 0
    assert result.stdout.count("not implemented yet") == 25
    assert "0 of 25 functions pass all their public checks." in result.stdout


def test_every_function_has_at_least_three_public_checks():
    result = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-c", os.devnull,
                             str(ROOT / "public_tests")], cwd=ROOT / "public_tests", capture_output=True, text=True)
    sys.path.insert(0, str(ROOT / "public_tests"))
    counts = {}
    for assignment in MODULES:
        text = (ROOT / "public_tests" / f"test_{assignment}.py").read_text()
        for name in (line.split('"')[1] for line in text.splitlines() if line.startswith('@checks("')):
            counts[name] = counts.get(name, 0) + 1
    assert len(counts) == 25 and min(counts.values()) >= 3, counts
    assert result.returncode == 0


@pytest.mark.skipif(not CONTRACT_CHECK.exists(), reason="../shared/tools/check_contract.py is not beside the repository")
def test_the_course_contract_holds():
    result = subprocess.run([sys.executable, str(CONTRACT_CHECK)], cwd=ROOT, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0 and "contract holds" in result.stdout, result.stdout
