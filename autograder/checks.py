"""Assertions of the hidden tests: compare an Outcome with what the lecture says it must be.

Each helper raises :class:`Failure` with the lines a student will read: the
call, what was expected, what came back and, when the answer matches a known
misconception, its name and the lecture section. Never grader internals.
"""
import numpy as np

from autograder import misconceptions

ATOL, RTOL = 1e-9, 1e-6


class Failure(AssertionError):
    """A property does not hold for one example; ``lines`` explain it to the student.

    ``misconceptions`` lists the (name, lecture section) of each misconception
    the lines name (:class:`autograder.misconceptions.Named`).
    """

    def __init__(self, lines):
        self.items = list(lines)  # the lines as given: Named ones keep what they name
        self.misconceptions = [pair for line in self.items if isinstance(line, misconceptions.Named)
                               for pair in line.named]
        self.lines = [str(line) for line in self.items]
        super().__init__("\n".join(self.lines))

    def focused(self, calls, outcomes):
        """This failure with each named misconception re-checked against all ``calls`` (see misconceptions.focus)."""
        if not self.misconceptions:
            return self
        lines = [misconceptions.focus(line, calls, outcomes) if isinstance(line, misconceptions.Named) else line
                 for line in self.items]
        return Failure(line for line in lines if line is not None)


class Lazy:
    """Text rendered only when shown: feedback is built for every call, but read only on failure."""

    def __init__(self, render, *args):
        self.render, self.args = render, args

    def __str__(self):
        return self.render(*self.args)

    def __format__(self, spec):
        return format(str(self), spec)


def show(value, limit=400):
    """A short, readable rendering of a value for feedback."""
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, np.ndarray):
        text = "array(" + np.array2string(value, separator=", ", threshold=30, precision=17,
                                          floatmode="maxprec") + ")"
    elif isinstance(value, tuple):
        text = "(" + ", ".join(show(v, limit) for v in value) + ("," if len(value) == 1 else "") + ")"
    elif isinstance(value, list):
        text = "[" + ", ".join(show(v, limit) for v in value) + "]"
    else:
        text = repr(value)
    return text if len(text) <= limit else text[: limit - 5] + " ...]"


def close(got, expected, atol=ATOL, rtol=RTOL):
    """The contract's comparison: same shape, |got - expected| <= atol + rtol |expected|, inf == inf, no NaN."""
    if isinstance(expected, tuple):
        return (isinstance(got, (tuple, list)) and len(got) == len(expected)
                and all(close(g, e, atol, rtol) for g, e in zip(got, expected)))
    try:
        got = np.asarray(got, dtype=float)
        expected = np.asarray(expected, dtype=float)
    except (TypeError, ValueError, OverflowError):
        return False
    if got.shape != expected.shape or np.isnan(got).any():
        return False
    with np.errstate(invalid="ignore", over="ignore"):
        near = np.abs(got - expected) <= atol + rtol * np.abs(expected)
    same_inf = np.isinf(expected) & (got == expected)
    return bool(np.all(np.where(np.isinf(expected), same_inf, near)))


def returned(call, outcome, expectation):
    """The value the student returned, or a Failure saying what happened instead."""
    if outcome.problem:
        raise Failure([call, f"  expected: {expectation}", f"  problem:  {outcome.problem}"])
    if outcome.not_implemented:
        raise Failure([call, "  not implemented yet (raises NotImplementedError)"])
    if outcome.raised:
        raised = outcome.raised
        raise Failure([call, f"  expected: {expectation}", f"  raised:   {raised['type']}: {raised['message']}"])
    if outcome.mutated:
        raise Failure([call, "  modified its input: a function must leave its arguments unchanged (RULES.md, \"Inputs\")"])
    return outcome.value


def expect_close(qualname, call, shown_call, outcome, expected, atol=ATOL, rtol=RTOL):
    """The student's value equals ``expected`` within the tolerance; else name the likely mistake."""
    got = returned(shown_call, outcome, Lazy(show, expected))
    if not close(got, expected, atol, rtol):
        lines = [shown_call, f"  expected: {show(expected)}", f"  returned: {show(got)}"]
        lines += misconceptions.explain(qualname, call, got, close)
        raise Failure(lines)
    return got


def expect_value_error(shown_call, outcome, why):
    """The student raised ValueError (or a subclass) for invalid input."""
    if outcome.problem:
        raise Failure([shown_call, f"  expected: ValueError ({why})", f"  problem:  {outcome.problem}"])
    if outcome.not_implemented:
        raise Failure([shown_call, "  not implemented yet (raises NotImplementedError)"])
    if outcome.raised and outcome.raised["value_error"]:
        return
    what = (f"raised:   {outcome.raised['type']}: {outcome.raised['message']}" if outcome.raised
            else f"returned: {show(outcome.value)}")
    raise Failure([shown_call, f"  expected: ValueError ({why})", f"  {what}",
                   "  Invalid input must raise ValueError (the docstring's \"Raises\" section; RULES.md, \"Invalid input\")."])


def expect_no_warnings(shown_call, outcome):
    if outcome.warnings:
        raise Failure([shown_call, f"  emitted a warning: {outcome.warnings[0]}",
                       "  It must stay accurate and silent for every finite input (Lecture §7, numerically stable forms)."])


def expect(condition, shown_call, claim, got, extra=()):
    """A property stated in words: ``claim`` must hold of the returned value ``got``.

    ``claim`` and ``extra`` (more lines) may be functions of no arguments that
    make them: feedback costs time, and is only made when the property fails.
    """
    if not condition:
        claim, extra = (claim() if callable(claim) else claim), (extra() if callable(extra) else extra)
        raise Failure([shown_call, f"  expected: {claim}", f"  returned: {show(got)}", *extra])
