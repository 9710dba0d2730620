"""Figures the test run prints at its end (pytest_terminal_summary).

tests/test_mutation_catalogue.py records, for each catalogued wrong
submission, whether its feedback names exactly the misconception it
carries; the summary prints how many do, the count the closing note quotes.
"""
import pytest

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
