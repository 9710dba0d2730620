"""What several test files share: the catalogue graded once, and the figures the run prints at its end.

``catalogue_class`` writes the sample class and the mutation catalogue
(tests/mutants) as one class and grades it with a local grade-all, once per
run: tests/test_mutation_catalogue.py checks each result, and
tests/test_dask_cluster.py compares a Dask run with it.

tests/test_mutation_catalogue.py records, for each catalogued wrong
submission, whether its feedback names exactly the misconception it
carries; the summary (pytest_terminal_summary) prints how many do, the count
the closing note quotes.
"""
import importlib
import shutil
from pathlib import Path

import pytest

from submissions import ROOT, module_file, reference_submission, stub_submission, submission

ALTERNATIVE_MODULES = Path(__file__).resolve().parent / "mutants" / "alternatives"
ASSIGNMENTS = ("hw1_information_theory", "hw2_maximum_likelihood", "hw3_lagrange_die", "hw4_mle_and_kl")
CATALOGUE = [importlib.import_module(f"mutants.{a}") for a in ASSIGNMENTS]
WRONG = [w for module in CATALOGUE for w in module.WRONG]
ALTERNATIVES = [a for module in CATALOGUE for a in module.ALTERNATIVES]


def write_catalogue(folder):
    """The sample class (class-<name>), the catalogue (wrongNNN, correctNNN), the reference, the stubs and
    an empty folder, one sub-folder each, in ``folder``."""
    for student in (ROOT / "examples" / "class").iterdir():
        shutil.copytree(student, folder / f"class-{student.name}")
    for index, wrong in enumerate(WRONG):
        submission(folder / f"wrong{index:03d}", {wrong.function: wrong.source})
    for index, alternative in enumerate(ALTERNATIVES):
        target = submission(folder / f"correct{index:03d}", alternative.rewrites)
        for assignment, name in alternative.modules.items():
            shutil.copy(ALTERNATIVE_MODULES / name, module_file(target, assignment))
    reference_submission(folder / "reference")
    stub_submission(folder / "stubs")
    (folder / "empty").mkdir()
    return folder


@pytest.fixture(params=["bwrap", "fallback"])
def mode(request, monkeypatch):
    """Grade in this isolation mode, starting and ending without a warm sandbox (skipped where bwrap cannot
    start Python)."""
    from autograder import sandbox

    if request.param == "fallback":
        monkeypatch.setenv("AUTOGRADER_NO_BWRAP", "1")
    else:
        monkeypatch.delenv("AUTOGRADER_NO_BWRAP", raising=False)
    sandbox.stop_warm()
    sandbox.isolation_mode.cache_clear()
    if sandbox.isolation_mode() != {"bwrap": "bwrap", "fallback": "subprocess"}[request.param]:
        pytest.skip(f"bubblewrap cannot start Python here (isolation: {sandbox.isolation_mode()})")
    yield request.param
    sandbox.stop_warm()
    sandbox.isolation_mode.cache_clear()


@pytest.fixture(scope="session")
def catalogue_class(tmp_path_factory):
    """(the class folder, the local grade-all's OUT_DIR) of :func:`write_catalogue`, graded once per run."""
    from autograder.batch import grade_all
    from autograder.sandbox import Limits

    base = tmp_path_factory.mktemp("catalogue")
    folder = write_catalogue(base / "class")
    outcome = grade_all(folder, base / "local", Limits(), progress=False)
    assert not any(outcome.values()), outcome
    return folder, base / "local"

NAMING = pytest.StashKey[dict]()


@pytest.fixture(scope="session")
def naming_tally(request):
    """{wrong submission id: (its mistake has a name, the feedback named exactly that)}, filled by the tests."""
    return request.config.stash.setdefault(NAMING, {})


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    tally = config.stash.get(NAMING, {})
    if not tally:
        return
    named = [right for has_name, right in tally.values() if has_name]
    unnamed = [right for has_name, right in tally.values() if not has_name]
    terminalreporter.section("misconceptions named")
    terminalreporter.write_line(f"{sum(named)} of {len(named)} catalogued wrong submissions are named correctly "
                                "(their feedback names their mistake and no other)")
    terminalreporter.write_line(f"{sum(unnamed)} of {len(unnamed)} catalogued wrong submissions whose mistake has "
                                "no name get feedback naming none")
