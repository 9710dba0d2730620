"""What a hidden grade cell of an nbgrader notebook calls: ``points("<assignment>.<function>")``.

nbgrader scores a grade cell by its last expression, parsed as a float
between 0 and the cell's points (partial credit); anything on the cell's
stderr gives 0. So :func:`points` returns a plain Python ``float``, the
points the hidden grader gives that function, and keeps every byte of the
grading (sandbox, subprocesses, warnings) off the cell's output.

The first call in a kernel grades the student's module of that assignment,
found next to the notebook (the kernel's working directory), with the
sandboxed grader of :mod:`autograder.grading`, and caches the results; the
other hidden cells of the notebook read the cache. The student's module
runs only in the sandbox here, but the rest of the notebook runs in the
kernel itself, unsandboxed (see the README's threat model).
"""
import contextlib
import os
import sys
import tempfile
from pathlib import Path

from autograder import discovery, examples, grading, properties
from autograder.points import MODULES, POINTS
from autograder.sandbox import Limits

_graded = {}  # {assignment: {qualified name: points earned}}, once per kernel
WALL_SECONDS = 25.0  # the whole assignment's grading, within nbgrader's 30 s per cell


def points(qualname, folder="."):
    """The points (a float in [0, POINTS[qualname]]) the hidden grader gives ``qualname``."""
    if qualname not in POINTS:
        raise KeyError(f"no graded function {qualname!r}")
    assignment = qualname.split(".")[0]
    if assignment not in _graded:
        with _silenced():
            _graded[assignment] = grade_assignment(assignment, Path(folder))
    return float(min(max(_graded[assignment].get(qualname, 0.0), 0.0), POINTS[qualname]))


def grade_assignment(assignment, folder):
    """{qualified name: points} for every function of ``assignment``, grading ``folder/<module>.py``."""
    functions = [q for q in POINTS if q.startswith(assignment + ".")]
    props = [p for p in properties.PROPERTIES if p.function in functions]
    cases = examples.load_all(properties.PROPERTIES)  # all of them: a partial draw would replace the cache
    cases = {examples.key(p): cases[examples.key(p)] for p in props}
    examples.prepare(props, cases)
    with tempfile.TemporaryDirectory(prefix="nbgrader-cell-") as scratch:
        submission = Path(scratch)
        target = submission / "assignments" / assignment / f"{MODULES[assignment]}.py"
        target.parent.mkdir(parents=True)
        data = discovery.read_regular_file(folder / target.name)  # never through a symlink, at most 1 MiB
        if data is not None:
            target.write_bytes(data)
        results = grading.grade(submission, Limits(wall_seconds=WALL_SECONDS), cases, functions=functions)
    earned = dict.fromkeys(functions, 0.0)
    for test in results["tests"]:
        earned[test["tags"][0]] += test["score"]
    return {q: round(score, 2) for q, score in earned.items()}


@contextlib.contextmanager
def _silenced():
    """Python's and the OS's stdout and stderr go to /dev/null (ipykernel forwards both fds)."""
    sys.stdout.flush()
    sys.stderr.flush()
    saved = [os.dup(1), os.dup(2)]
    with open(os.devnull, "w") as null:
        try:
            os.dup2(null.fileno(), 1)
            os.dup2(null.fileno(), 2)
            with contextlib.redirect_stdout(null), contextlib.redirect_stderr(null):
                yield
        finally:
            os.dup2(saved[0], 1)
            os.dup2(saved[1], 2)
            for fd in saved:
                os.close(fd)
