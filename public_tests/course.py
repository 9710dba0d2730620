"""Helpers for the public tests: load your code, call it, explain what went wrong.

Every public test checks one exercise (``@checks("entropy")``) and calls it
through :func:`exercise`, so a failure names the call, the expected value and
the value your function returned, plus the lecture section to re-read.

The code under test lives in ``$COURSE_CODE_DIR/<assignment>/<module>.py``
(default ``assignments``), relative to the repository root.
"""
import copy
import importlib.util
import os
import pathlib

import numpy as np
import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
MODULES = {
    "hw1_information_theory": "information_theory",
    "hw2_maximum_likelihood": "maximum_likelihood",
    "hw3_lagrange_die": "lagrange_die",
    "hw4_mle_and_kl": "mle_and_kl",
}
ATOL, RTOL = 1e-9, 1e-6


class NotImplementedYet(Exception):
    """The exercise still raises NotImplementedError: nothing to check yet."""


class CannotImport(Exception):
    """The exercise's module does not import (syntax error, missing file, ...)."""


def checks(function_name):
    """Mark a test as checking the exercise ``function_name``."""
    return pytest.mark.checks(function_name)


def code_dir():
    return ROOT / os.environ.get("COURSE_CODE_DIR", "assignments")


_loaded = {}


def load_module(assignment):
    """Import ``<code dir>/<assignment>/<module>.py`` once, by its path."""
    path = code_dir() / assignment / f"{MODULES[assignment]}.py"
    if path not in _loaded:
        try:
            spec = importlib.util.spec_from_file_location(f"{assignment}.{MODULES[assignment]}", path)
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
        except FileNotFoundError:
            module = CannotImport(f"{path.relative_to(ROOT)} is missing")
        except Exception as error:  # the student's module may raise anything at import
            module = CannotImport(f"{path.relative_to(ROOT)} does not import: {type(error).__name__}: {error}")
        _loaded[path] = module
    module = _loaded[path]
    if isinstance(module, CannotImport):
        raise module
    return module


class exercise:
    """The student's function ``name`` of ``assignment``, loaded when first called."""

    def __init__(self, assignment, name):
        self.assignment, self.name = assignment, name

    def __call__(self, *args, **kwargs):
        function = getattr(load_module(self.assignment), self.name, None)
        if function is None:
            raise CannotImport(f"{MODULES[self.assignment]}.py has no function {self.name}")
        try:
            return function(*args, **kwargs)
        except NotImplementedError:
            raise NotImplementedYet(self.name) from None

    def describe(self, args, kwargs):
        """``entropy([0.5, 0.5], base=2)``: the call as the student would type it."""
        parts = [_show(a) for a in args] + [f"{k}={_show(v)}" for k, v in kwargs.items()]
        return f"{self.name}({', '.join(parts)})"


def _show(value):
    """The value as Python code, the same on numpy 1 and 2 (whose reprs say ``np.float64(2.5)``)."""
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, np.ndarray):
        return "np.array(" + np.array2string(value, separator=", ", threshold=20) + ")"
    if type(value) in (tuple, list):
        inside = ", ".join(_show(item) for item in value) + ("," if type(value) is tuple and len(value) == 1 else "")
        return ("({})" if type(value) is tuple else "[{}]").format(inside)
    return repr(value)


def _fail(function, args, kwargs, lines, lesson):
    text = [function.describe(args, kwargs)] + ["  " + line for line in lines]
    if lesson:
        text.append("  Hint: " + lesson)
    pytest.fail("\n".join(text), pytrace=False)


def _call(function, args, kwargs, lesson, expected_text):
    """Call ``function`` on copies of the inputs; fail if it raises or modifies them."""
    before = copy.deepcopy((args, kwargs))
    try:
        got = function(*args, **kwargs)
    except (NotImplementedYet, CannotImport):
        raise
    except Exception as error:
        _fail(function, args, kwargs, [f"expected: {expected_text}", f"raised:   {type(error).__name__}: {error}"], lesson)
    if not _same(before, (args, kwargs)):
        _fail(function, before[0], before[1], ["modified its input; it must leave its arguments unchanged"], lesson)
    return got


def _same(a, b):
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return type(a) is type(b) and len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, np.ndarray):
        return isinstance(b, np.ndarray) and a.shape == b.shape and np.array_equal(a, b, equal_nan=True)
    return a == b or (a != a and b != b)


def close(got, expected, atol=ATOL, rtol=RTOL):
    """|got - expected| <= atol + rtol |expected| elementwise, same shape; inf equals inf."""
    if isinstance(expected, tuple):
        return (isinstance(got, (tuple, list)) and len(got) == len(expected)
                and all(close(g, e, atol, rtol) for g, e in zip(got, expected)))
    try:
        got = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        return False
    expected = np.asarray(expected, dtype=float)
    if got.shape != expected.shape or np.isnan(got).any():
        return False
    same_inf = np.isinf(expected) & (got == expected)
    with np.errstate(invalid="ignore"):
        near = np.abs(got - expected) <= atol + rtol * np.abs(expected)
    return bool(np.all(same_inf | (np.isfinite(expected) & near)))


def assert_returns(expected, function, *args, lesson=None, atol=ATOL, rtol=RTOL, **kwargs):
    """Check that ``function(*args, **kwargs)`` returns ``expected`` (within the tolerance)."""
    got = _call(function, args, kwargs, lesson, _show(expected))
    if not close(got, expected, atol, rtol):
        _fail(function, args, kwargs, [f"expected: {_show(expected)}", f"returned: {_show(got)}"], lesson)
    return got


def assert_satisfies(predicate, claim, function, *args, lesson=None, **kwargs):
    """Check that ``predicate(result)`` holds; ``claim`` says in words what should be true."""
    got = _call(function, args, kwargs, lesson, claim)
    if not predicate(got):
        _fail(function, args, kwargs, [f"expected: {claim}", f"returned: {_show(got)}"], lesson)
    return got


def assert_rejects(function, *args, lesson=None, **kwargs):
    """Check that ``function(*args, **kwargs)`` raises ``ValueError`` (invalid input)."""
    before = copy.deepcopy((args, kwargs))
    try:
        got = function(*args, **kwargs)
    except ValueError:
        return
    except (NotImplementedYet, CannotImport):
        raise
    except Exception as error:
        _fail(function, before[0], before[1],
              ["expected: ValueError (the input is invalid)", f"raised:   {type(error).__name__}: {error}"], lesson)
    _fail(function, before[0], before[1], ["expected: ValueError (the input is invalid)", f"returned: {_show(got)}"], lesson)
