"""Grade one submission: every property of every function, in a sandboxed worker.

:func:`grade` returns Gradescope's ``results.json`` as a dict. A function whose
module is missing, does not import, or that crashes or hangs gets zero for
its tests, with the reason in their output; every other function is graded
as usual.
"""
import time
from fractions import Fraction

from autograder import discovery, examples, plan, properties
from autograder.engine import Verdict, evaluate
from autograder.plan import module_path
from autograder.points import POINTS
from autograder.runner import Runner
from autograder.sandbox import isolation_mode

ISOLATION_NOTES = {
    "bwrap": "Graded in a bubblewrap sandbox (no network, no view of the grader's files).",
    "subprocess": ("Graded in a plain subprocess: bubblewrap is not available here, so the sandbox "
                   "has resource limits but no file-system or network isolation."),
}


def split_points(points, count):
    """``points`` shared by ``count`` tests: equal shares in hundredths that add up exactly."""
    cents = int(Fraction(points) * 100)
    shares = [cents // count + (1 if i < cents % count else 0) for i in range(count)]
    return [share / 100 for share in shares]


def grade(submission, limits, cases=None, functions=None):
    """Grade the submission folder ``submission``; return the results as a dict.

    ``functions`` (qualified names) limits grading to those functions; default all of POINTS.
    """
    return grade_files(discovery.submission_files(submission), limits, cases, functions, where=submission)


def grade_files(files, limits, cases=None, functions=None, where="the submission"):
    """Grade a submission given as its files ({path under assignments/: bytes}); return the results as a dict.

    ``cases`` are :func:`examples.load_all`'s examples, already prepared; None
    loads and prepares them here (while a new sandbox starts). No files at all:
    the results' ``output`` starts with the line saying what was looked for in ``where``.
    """
    started = time.monotonic()
    runner = Runner(files, limits)
    tests = []
    try:
        runner.start()  # a new worker starts while the examples load and the reference answers them
        if cases is None:
            cases = examples.load_all(properties.PROPERTIES)
            examples.prepare(properties.PROPERTIES, cases)
        runner.plan(hidden_plan(cases, functions))
        for qualname, points in POINTS.items():
            if functions is None or qualname in functions:
                tests += _grade_function(qualname, points, files, runner, cases)
    finally:
        student_output = runner.stop()
    results = _results(tests, student_output, time.monotonic() - started, functions)
    if not files:
        results["output"] = f"{discovery.nothing_found(where)}\n{results['output']}"
    return results


_plans = {}  # (id of the cases, functions): (cases, plan text): grade-all grades many submissions on one


def hidden_plan(cases, functions=None):
    """The plan (:mod:`autograder.plan`) of every hidden test's replay, in the order grading asks for them."""
    memo = (id(cases), None if functions is None else tuple(sorted(functions)))
    if memo not in _plans or _plans[memo][0] is not cases:
        _plans.clear()
        _plans[memo] = (cases, plan.write(hidden_batches(cases, functions)))
    return _plans[memo][1]


def hidden_batches(cases, functions=None):
    """[(qualname, calls)]: each property's replay batch, as :func:`engine.evaluate` sends it."""
    return [(qualname, [call for case in cases[examples.key(prop)] for call in prop.as_calls(case)])
            for qualname in POINTS if functions is None or qualname in functions
            for prop in properties.for_function(qualname)]


def _grade_function(qualname, points, files, runner, cases):
    path = module_path(qualname)
    props = properties.for_function(qualname)
    shares = split_points(points, len(props))
    tests = []
    for prop, share in zip(props, shares):
        if path.removeprefix("submission/") not in files:
            verdict = Verdict(False, [f"{path.removeprefix('submission/')} is missing from the submission."])
        else:
            verdict = evaluate(prop, cases[examples.key(prop)],
                               lambda batch: runner.call(path, prop.name, batch))
        passed = verdict.passed
        tests.append({
            "name": f"{qualname}: {prop.title}",
            "score": share if passed else 0.0,
            "max_score": share,
            "status": "passed" if passed else "failed",
            "output": "\n".join(verdict.feedback) if not passed else "",
            "tags": [qualname],
            "misconceptions": [{"name": name, "section": section} for name, section in verdict.misconceptions],
        })
    return tests


def _results(tests, student_output, seconds, functions=None):
    score = round(sum(t["score"] for t in tests), 2)
    max_score = round(sum(t["max_score"] for t in tests), 2)
    graded = [q for q in POINTS if functions is None or q in functions]
    passed_functions = sum(
        all(t["status"] == "passed" for t in tests if t["tags"] == [q]) for q in graded)
    lines = [f"{passed_functions} of {len(graded)} functions pass every hidden test; score {score:g} / {max_score:g}.",
             ISOLATION_NOTES[isolation_mode()]]
    return {
        "score": score,
        "max_score": max_score,
        "execution_time": round(seconds, 3),
        "output": "\n".join(lines),
        "isolation": isolation_mode(),
        "student_output": student_output,
        "tests": tests,
    }
