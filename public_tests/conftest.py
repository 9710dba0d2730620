"""Turn pytest's report into one line per exercise, then a count of those that pass.

An exercise that still raises NotImplementedError shows as "not implemented
yet" (no traceback); a wrong answer shows the call, the expected and the
returned value, and a hint pointing at the lecture.
"""
import collections
import pathlib
import sys

import pytest

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))

from course import CannotImport, NotImplementedYet  # noqa: E402

_outcomes = collections.OrderedDict()  # (assignment, function) -> [(test name, kind, problem)]


def pytest_configure(config):
    config.addinivalue_line("markers", "checks(function): the exercise this test checks")


def pytest_collection_modifyitems(items):
    """`pytest -k entropy` (and `make test-one F=entropy`) selects every check of that exercise."""
    for item in items:
        marker = item.get_closest_marker("checks")
        if marker:
            item.extra_keyword_matches.add(marker.args[0])


def _exercise(item):
    marker = item.get_closest_marker("checks")
    assignment = pathlib.Path(str(item.fspath)).stem.removeprefix("test_")
    return assignment, (marker.args[0] if marker else item.name)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.when != "call" and not report.failed:
        return
    kind, problem = "ok", None
    if call.excinfo is not None:
        error = call.excinfo.value
        if isinstance(error, NotImplementedYet):
            kind, problem = "short", "not implemented yet"
        elif isinstance(error, CannotImport):
            kind, problem = "short", str(error)
        else:
            kind, problem = "wrong", report.longreprtext.strip()
        if kind == "short":
            report.longrepr = problem
    if report.when == "call" or problem:
        _outcomes.setdefault(_exercise(item), []).append((item.name, kind, problem))


def pytest_terminal_summary(terminalreporter):
    if not _outcomes:
        return
    write = terminalreporter.write_line
    write("")
    passing, current = 0, None
    width = max(len(function) for _, function in _outcomes)
    for (assignment, function), results in _outcomes.items():
        if assignment != current:
            write(assignment)
            current = assignment
        problems = [result for result in results if result[1] != "ok"]
        if not problems:
            passing += 1
            write(f"  {function:<{width}}  ok ({len(results)} checks)")
            continue
        name, kind, first = problems[0]
        if kind == "short":
            write(f"  {function:<{width}}  {first}")
            continue
        write(f"  {function:<{width}}  {len(problems)} of {len(results)} checks fail; the first, {name}:")
        for line in first.splitlines():
            write(f"      {line}")
    write("")
    write(f"{passing} of {len(_outcomes)} functions pass all their public checks.")
