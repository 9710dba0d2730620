"""Property tests, run fast: generate examples once, replay them per student, shrink on failure.

A :class:`Property` is a hypothesis strategy that draws calls of one student
function plus a check of what the calls returned. Grading a submission:

1. **examples**: with derandomized hypothesis settings (no database, no
   deadline) each property's strategy yields the same examples on every run
   and machine; they are drawn once and cached (:mod:`autograder.examples`);
2. **replay**: every example's calls go to the worker in one batch, and the
   grader checks the outcomes against the reference, in this process;
3. **shrink**: only where an example fails, hypothesis runs the property for
   real against the worker and shrinks the failure to a minimal input.
"""
import json
from dataclasses import dataclass, field
from typing import Callable

import hypothesis
from hypothesis import HealthCheck, Phase, Verbosity, given, settings
from hypothesis import strategies as st

from autograder import checks, plain, reference

SHRINK_STEPS = 300  # examples tried while shrinking one failure: a count, not a time, so feedback is deterministic


class StrategyError(Exception):
    """A bug in a hidden test (say, a 'rejects' strategy drew valid input): never the student's fault."""


@dataclass(eq=False)
class Call:
    """One call of a student function: positional and keyword arguments (plain data)."""

    args: tuple
    kwargs: dict = field(default_factory=dict)
    _expected: object = field(default=None, repr=False)
    _wire: str = field(default=None, repr=False)

    def show(self, name):
        """``entropy([0.5, 0.5], base=2)``, rendered when a failure is reported."""
        return checks.Lazy(self._render, name)

    def _render(self, name):
        parts = [checks.show(a) for a in self.args] + [f"{k}={checks.show(v)}" for k, v in self.kwargs.items()]
        return f"{name}({', '.join(parts)})"

    def wire(self):
        """The call's arguments as JSON plain data, encoded once and reused for every student."""
        if self._wire is None:
            self._wire = json.dumps([plain.wire(list(self.args)), {k: plain.wire(v) for k, v in self.kwargs.items()}])
        return self._wire

    def expected(self, qualname):
        """The reference's answer, computed once per call."""
        if self._expected is None:
            self._expected = reference.expected(qualname, self)
        return self._expected


def calls(*args, **kwargs):
    """Strategy for one :class:`Call` whose arguments are drawn from the given strategies."""
    return st.builds(lambda a, k: Call(tuple(a), dict(k)), st.tuples(*args), st.fixed_dictionaries(kwargs))


@dataclass(eq=False)
class Property:
    """One hidden test: ``check(qualname, calls, outcomes)`` must hold for every drawn example.

    ``strategy`` draws a Call, or a tuple of Calls that the check looks at together.
    """

    function: str
    title: str
    strategy: st.SearchStrategy
    check: Callable
    examples: int = 30
    edge_cases: tuple = ()

    @property
    def name(self):
        return self.function.split(".")[1]

    def as_calls(self, case):
        return list(case) if isinstance(case, tuple) else [case]


# -- the common checks ---------------------------------------------------------
def check_against_reference(qualname, calls_, outcomes, forbid_warnings=False):
    """Each call returns what the reference returns, or raises ValueError where the reference does."""
    name = qualname.split(".")[1]
    for call, outcome in zip(calls_, outcomes):
        expected = call.expected(qualname)
        shown = call.show(name)
        if expected.raises:
            checks.expect_value_error(shown, outcome, expected.error)
        else:
            checks.expect_close(qualname, call, shown, outcome, expected.value)
        if forbid_warnings:
            checks.expect_no_warnings(shown, outcome)


def matches_reference(function, title, strategy, examples=30, edge_cases=(), forbid_warnings=False):
    """A property: the student agrees with the reference on every drawn call."""
    def check(qualname, calls_, outcomes):
        check_against_reference(qualname, calls_, outcomes, forbid_warnings)
    return Property(function, title, strategy, check, examples, tuple(edge_cases))


def rejects(function, title, strategy, examples=20, edge_cases=()):
    """A property: every drawn call is invalid input, and the student raises ValueError."""
    def check(qualname, calls_, outcomes):
        for call, outcome in zip(calls_, outcomes):
            expected = call.expected(qualname)
            if not expected.raises:
                raise StrategyError(f"{call.show(qualname)} is valid input: fix the strategy of {title!r}")
            checks.expect_value_error(call.show(qualname.split('.')[1]), outcome, expected.error)
    return Property(function, title, strategy, check, examples, tuple(edge_cases))


# -- running a property against one student ----------------------------------
HYPOTHESIS_SETTINGS = dict(
    derandomize=True, database=None, deadline=None, print_blob=False, report_multiple_bugs=False,
    verbosity=Verbosity.quiet, suppress_health_check=list(HealthCheck))


def explore(prop, handle, phases, max_examples):
    """Run ``handle(case)`` over the property's derandomized examples.

    Drawing the examples and shrinking a failure both go through this one
    function, so hypothesis derives the same seed and the same sequence.
    """
    @settings(max_examples=max_examples, phases=phases, **HYPOTHESIS_SETTINGS)
    @given(prop.strategy)
    def property_test(case):
        handle(case)

    property_test()


@dataclass
class Verdict:
    """The result of one property for one student."""

    passed: bool
    feedback: list = field(default_factory=list)
    misconceptions: list = field(default_factory=list)  # (name, lecture section) named by the feedback


def evaluate(prop, cases, run):
    """Replay ``cases`` through ``run(calls) -> outcomes``; shrink the first failure."""
    batch = [call for case in cases for call in prop.as_calls(case)]
    outcomes = run(batch)
    position = 0
    for index, case in enumerate(cases):
        case_calls = prop.as_calls(case)
        case_outcomes = outcomes[position: position + len(case_calls)]
        position += len(case_calls)
        try:
            checked(prop, case_calls, case_outcomes)
        except checks.Failure as failure:
            if not (_unshrinkable(case_outcomes) or index < len(prop.edge_cases)):
                failure = shrink(prop, run) or failure
            failure = failure.focused(batch, outcomes)
            return Verdict(False, failure.lines, failure.misconceptions)
    return Verdict(True)


def checked(prop, calls_, outcomes):
    """Run the property's check; an answer of a form it cannot even inspect is a Failure too."""
    try:
        prop.check(prop.function, calls_, outcomes)
    except (checks.Failure, StrategyError):
        raise
    except Exception:  # noqa: BLE001 - e.g. a nested list where a matrix is expected
        call, outcome = calls_[-1], outcomes[-1]
        raise checks.Failure([call.show(prop.name), f"  returned: {checks.show(outcome.value)}",
                              "  which is not of the type or shape this function must return (its docstring, \"Returns\")"])


def _unshrinkable(outcomes):
    """Hangs, crashes and unimplemented functions are reported as found: shrinking them costs time, not insight."""
    return any(o.problem or o.not_implemented for o in outcomes)


def shrink(prop, run):
    """Rediscover the failure with hypothesis and shrink it; the Failure of the minimal example."""
    steps, found = [0], []

    def handle(case):
        steps[0] += 1
        if steps[0] > SHRINK_STEPS and found:
            return
        case_calls = prop.as_calls(case)
        outcomes = run(case_calls)
        try:
            checked(prop, case_calls, outcomes)
        except checks.Failure as failure:
            found.append(failure)
            raise

    try:
        explore(prop, handle, (Phase.generate, Phase.shrink), prop.examples)
    except (checks.Failure, hypothesis.errors.HypothesisException, AssertionError):
        pass
    return found[-1] if found else None
