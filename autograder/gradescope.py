"""Gradescope's side of the grader: ``python -m autograder.gradescope`` (what ``run_autograder`` runs).

Grades ``$AUTOGRADER_ROOT/submission`` (default ``/autograder``) and writes
``$AUTOGRADER_ROOT/results/results.json``, on every run:

- each function gets a ``visible`` test, worth no points, saying whether it
  was found, imports and passes the public checks the student already has
  (``public_tests/``, run here with the student's calls answered by the
  sandbox), then its hidden property tests (their points), whose visibility
  is the bundle's ``config.json`` ``hidden_visibility`` (``after_published``
  by default);
- the examples and the reference's answers to them come from ``cases.pickle``,
  drawn when the bundle was built (:func:`bundle_cases`), never redrawn here;
- ``plan.jsonl`` (:func:`bundle_plan`) holds every call this run will ask, the
  public checks' and the hidden tests': the worker starts on it at once, and
  answers it while this process imports the grader and loads the cases;
- if grading itself breaks, the results are score 0 and one visible test
  "The autograder could not run"; the traceback goes only to standard output,
  which Gradescope shows to instructors alone.
"""
import importlib.util
import json
import os
import pickle
import re
import sys
import time
import traceback
from pathlib import Path

SOURCE = Path(__file__).resolve().parent.parent  # the unpacked bundle: /autograder/source
VISIBILITIES = ("hidden", "after_due_date", "after_published", "visible")
DEFAULT_CONFIG = {"hidden_visibility": "after_published", "memory_mb": 1024, "cpu_seconds": 120,
                  "wall_seconds": 240, "call_seconds": 5}
WHEN_SHOWN = {
    "hidden": "are never shown to you",
    "after_due_date": "will be shown after the due date",
    "after_published": "will be shown when the grades are published",
    "visible": "are shown below",
}
COULD_NOT_RUN = "The autograder could not run"
# Markdown for the summary, plain text for each test's feedback, and run_autograder's
# standard output (tracebacks) for instructors only.
GRADESCOPE_FORMAT = {"output_format": "md", "test_output_format": "text", "stdout_visibility": "hidden"}


# -- the bundle's examples and answers (written at build time, read here) -----
def bundle_cases(path):
    """Draw every property's examples, run the reference on them, and pickle both to ``path``; return them.

    Each call keeps its arguments' JSON (``Call.wire``) and the reference's
    answer, so a run only unpickles them: about 20 ms, where decoding them
    from JSON and encoding them again took half a second. The file is the
    instructor's own, made by ``make gradescope`` and readable by root alone
    on Gradescope; nothing a student sends is ever unpickled.
    """
    from autograder import examples, properties

    cases = examples.load_all(properties.PROPERTIES)
    examples.prepare(properties.PROPERTIES, cases)
    Path(path).write_bytes(pickle.dumps(cases, protocol=5))
    return cases


def bundle_plan(path, cases, root):
    """Write the plan (:mod:`autograder.plan`) of a run to ``path``: for each function, the calls its
    public checks ask (recorded by running them on the reference in the sandbox), then its hidden batches."""
    from autograder import discovery, grading, plan
    from autograder.points import POINTS
    from autograder.runner import Runner
    from autograder.sandbox import Limits

    files = discovery.submission_files(Path(root) / "solutions")
    recorder = _Recorder(Runner(files, Limits()))
    sys.path.insert(0, str(Path(root) / "public_tests"))
    import course

    exercise = course.exercise  # put back once recorded: the instructor's process goes on
    try:
        course, checks = public_checks(Path(root) / "public_tests", recorder)
        for qualname in POINTS:
            public_test(qualname, checks.get(qualname, []), course, files)
    finally:
        recorder.runner.stop()
        course.exercise = exercise
    hidden = grading.hidden_batches(cases)
    batches = [batch for qualname in POINTS
               for batch in [b for b in recorder.batches if b[0] == qualname] + [b for b in hidden if b[0] == qualname]]
    Path(path).write_text(plan.write(batches))


class _Recorder:
    """A runner that notes every batch it is asked, as (qualname, calls)."""

    def __init__(self, runner):
        self.runner, self.batches = runner, []

    def call(self, path, function, calls):
        self.batches.append((f"{path.split('/')[1]}.{function}", list(calls)))
        return self.runner.call(path, function, calls)


def load_cases(path):
    """:func:`bundle_cases`'s cases: {examples.key(prop): [Call or tuple of Calls]}."""
    with open(path, "rb") as handle:
        cases = pickle.load(handle)
    if not isinstance(cases, dict):
        raise ValueError(f"{path}: not a bundle's cases")
    return cases


# -- the public checks, with the student's functions answered by the sandbox --
def public_checks(folder, runner):
    """``course`` and {qualname: [test functions]} of the public checks in ``folder`` (course.py, test_*.py),
    each student function they call answered by ``runner``."""
    sys.path.insert(0, str(folder))
    import course

    from autograder.points import MODULES

    course.exercise = remote_exercise(course, runner)  # before the test modules make their exercises

    checks = {}
    for assignment in MODULES:
        spec = importlib.util.spec_from_file_location(f"public_{assignment}", Path(folder) / f"test_{assignment}.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        for name, test in vars(module).items():
            marks = [m for m in getattr(test, "pytestmark", []) if m.name == "checks"]
            if name.startswith("test_") and callable(test) and marks:
                checks.setdefault(f"{assignment}.{marks[0].args[0]}", []).append(test)
    return course, checks


class StudentRaised(Exception):
    """What the student's function raised, re-raised here by name for the public checks to report."""


class ModifiedItsInput(StudentRaised):
    """The student's function changed an argument in place."""


def remote_exercise(course, runner):
    """``course.exercise``, with each call sent to the student's code in the sandbox."""
    from autograder.engine import Call
    from autograder.grading import module_path

    class RemoteExercise(course.exercise):
        def __call__(self, *args, **kwargs):
            qualname = f"{self.assignment}.{self.name}"
            outcome, = runner.call(module_path(qualname), self.name, [Call(tuple(args), dict(kwargs))])
            if outcome.not_implemented:
                raise course.NotImplementedYet(self.name)
            if outcome.problem:
                raise course.CannotImport(f"{self.name}: {outcome.problem}")
            if outcome.mutated:
                raise ModifiedItsInput("it must leave its arguments unchanged")
            if outcome.raised:
                if outcome.raised["value_error"]:
                    raise ValueError(outcome.raised["message"])
                kind = re.sub(r"\W", "", outcome.raised["type"])[:40] or "Exception"
                raise type(kind, (StudentRaised,), {})(outcome.raised["message"])
            return outcome.value

    return RemoteExercise


def public_test(qualname, tests, course, files):
    """The visible test of ``qualname``: found, imports, passes its public checks (no points)."""
    import pytest

    from autograder.grading import module_path

    path = module_path(qualname).removeprefix("submission/")
    problem = None
    if path not in files:
        problem = f"{path} is missing from the submission."
    for test in tests:
        if problem:
            break
        try:
            test()
        except (course.NotImplementedYet, course.CannotImport) as error:
            problem = "not implemented yet" if isinstance(error, course.NotImplementedYet) else str(error)
        except pytest.fail.Exception as failure:
            problem = f"{test.__name__}:\n{failure.msg}"
        except Exception as error:  # noqa: BLE001 - a public check that cannot read the answer is a failure
            problem = f"{test.__name__}: the answer could not be checked ({type(error).__name__})"
    return {
        "name": f"{qualname}: found, imports and passes the {len(tests)} public checks",
        "score": 0.0, "max_score": 0.0, "visibility": "visible",
        "status": "failed" if problem else "passed",
        "output": problem or f"All {len(tests)} public checks pass.",
        "tags": [qualname], "misconceptions": [],
    }


# -- one run ---------------------------------------------------------------------
def load_config(path):
    """The bundle's config.json over :data:`DEFAULT_CONFIG`; a bad visibility is an error."""
    config = {**DEFAULT_CONFIG, **json.loads(Path(path).read_text())}
    if config["hidden_visibility"] not in VISIBILITIES:
        raise ValueError(f"config.json: hidden_visibility must be one of {VISIBILITIES}, "
                         f"got {config['hidden_visibility']!r}")
    return config


def limits(config):
    from autograder.sandbox import Limits

    return Limits(memory_bytes=config["memory_mb"] << 20, cpu_seconds=config["cpu_seconds"],
                  wall_seconds=config["wall_seconds"], call_seconds=config["call_seconds"])


# A run grades in two sandboxes at once, one per core, each with a uid of its own and its part of
# the plan. hw3's module imports scipy.optimize (half a second to load): the lightest, hw1, goes with it.
LANES = (("hw1_information_theory", "hw3_lagrange_die"), ("hw2_maximum_likelihood", "hw4_mle_and_kl"))


class Lanes:
    """The runners of :data:`LANES`, used as one runner: a function is asked of its assignment's lane.

    Every function still runs alone in a fresh process of its own; the lanes
    share nothing (not even /tmp), so a submission gets the same results as
    from one sandbox, only sooner.
    """

    def __init__(self, files, limits):
        from autograder.runner import Runner

        self.limits = limits
        self.runners = [Runner(files, limits, lane) for lane in range(len(LANES))]

    def _lane(self, assignment):
        return next((i for i, lane in enumerate(LANES) if assignment in lane), len(LANES) - 1)

    def plan(self, text):
        for runner in self.runners:  # every worker boots while the plan is read
            runner.start()
        for index, runner in enumerate(self.runners):
            runner.plan(text, LANES[index])

    def call(self, path, function, calls):
        return self.runners[self._lane(path.split("/")[1])].call(path, function, calls)

    def stop(self):
        """Stop every lane; what the submission printed, lane by lane (cut at the output limit)."""
        from autograder.runner import truncated

        return truncated("".join(runner.stop(reuse=False) for runner in self.runners), self.limits.output_bytes)


def start(submission, config, source=SOURCE):
    """Find the submission's files and start its workers on the bundle's plan, before the grader is even
    imported: (files, runner). Only light modules load here."""
    from autograder import discovery

    files = discovery.submission_files(submission)
    runner = Lanes(files, limits(config))
    try:
        runner.plan((source / "plan.jsonl").read_text())
    except BaseException:
        runner.stop()
        raise
    return files, runner


def grade(files, runner, config, source=SOURCE):
    """Grade the submission of :func:`start` as Gradescope shows it: results.json as a dict."""
    from autograder import discovery, grading
    from autograder.points import POINTS

    started = time.monotonic()
    tests = []
    try:
        course, checks = public_checks(source / "public_tests", runner)
        cases = load_cases(source / "cases.pickle")
        for qualname, points in POINTS.items():
            tests.append(public_test(qualname, checks.get(qualname, []), course, files))
            hidden = grading._grade_function(qualname, points, files, runner, cases)
            tests += [{**test, "visibility": config["hidden_visibility"]} for test in hidden]
    finally:
        student_output = runner.stop()
    results = grading._results(tests, student_output, time.monotonic() - started)
    results["output"] = summary(results, config, None if files else discovery.nothing_found("your submission"))
    return {**results, **GRADESCOPE_FORMAT}


def summary(results, config, not_found=None):
    """The top-level Markdown the student sees: what was checked, and when the rest is shown.

    The score and the hidden tests' feedback (:func:`autograder.feedback.markdown`)
    appear only when the hidden tests are ``visible``: the summary is always shown.
    """
    public = [t for t in results["tests"] if t["max_score"] == 0]
    hidden = [t for t in results["tests"] if t["max_score"] > 0]
    shown = config["hidden_visibility"] == "visible"
    passing = sum(t["status"] == "passed" for t in public)
    heading = f"## {results['score']:g} / {results['max_score']:g}" if shown else \
        f"## Public checks: {passing} of {len(public)} functions pass"
    lines = [heading, ""]
    if not_found:
        lines += [f"**{not_found}**", ""]
    lines += [
        f"- **Public checks** (the ones `make test` runs): {passing} of "
        f"{len(public)} functions found, import and pass them. These tests are worth no points.",
        f"- **Hidden tests**: {len(hidden)} property tests on generated inputs give the points; "
        f"their results {WHEN_SHOWN[config['hidden_visibility']]}.",
        f"- {results['output'].splitlines()[-1]}",
    ]
    if shown:
        from autograder import feedback

        details = feedback.markdown({**results, "tests": hidden, "output": ""})
        lines += ["", details.split("\n", 1)[1].strip("\n")]  # its first line repeats the score
    return "\n".join(lines)


def could_not_run(seconds):
    """The results when grading itself broke: score 0, one visible test saying so plainly."""
    return {
        "score": 0.0, "max_score": 100.0, "execution_time": round(seconds, 3), **GRADESCOPE_FORMAT,
        "output": (f"**{COULD_NOT_RUN}.** This is a problem with the autograder, not with your code: "
                   "your instructor has been told what went wrong and will re-run it."),
        "tests": [{"name": COULD_NOT_RUN, "score": 0.0, "max_score": 0.0, "status": "failed",
                   "visibility": "visible", "tags": [], "misconceptions": [],
                   "output": "The grader stopped before it could grade your submission. Nothing in your code "
                             "was scored; please tell your instructor if this message stays after a re-run."}],
    }


def main():
    root = Path(os.environ.get("AUTOGRADER_ROOT", "/autograder"))
    started = time.monotonic()
    try:
        config = load_config(SOURCE / "config.json")
        files, runner = start(root / "submission", config)
        results = grade(files, runner, config)
        json.dumps(results, allow_nan=False)  # a results.json Gradescope cannot read is a grader failure too
    except BaseException:  # noqa: BLE001 - whatever happens, results.json must appear
        print(f"{COULD_NOT_RUN}:", flush=True)
        traceback.print_exc(file=sys.stdout)
        results = could_not_run(time.monotonic() - started)
    out = root / "results" / "results.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    temporary = out.with_name(f".results.{os.getpid()}.tmp")
    temporary.write_text(json.dumps(results, indent=2, allow_nan=False))
    os.replace(temporary, out)
    print(f"{results['score']:g} / {results['max_score']:g} -> {out}")
    return 0


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    os._exit(code)  # results.json is written and the sandboxes are gone: skip a quarter second of teardown
