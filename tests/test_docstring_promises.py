"""Every promise of the students' docstrings is tested by the hidden grader.

A stub's "Raises" section names the inputs that raise ValueError; the hidden
tests must try each of them (autograder/properties/promises.py), with an
input that only that condition rejects. The valid edges the docstrings and
the contract name (N = 1, a total count of 1, a probability of exactly 1,
K = 1, another die than six sides, ...) must be among the inputs drawn.
"""
import ast
import math
import re

import numpy as np
import pytest

from submissions import MODULES, ROOT

CONNECTIVES = re.compile(r"ValueError|\b[Ii]f\b|\bor\b|[\s,;.]")


def docstrings():
    """{qualified name: docstring} of every student function, as the stubs hand them out."""
    found = {}
    for assignment, module in MODULES.items():
        tree = ast.parse((ROOT / "assignments" / assignment / f"{module}.py").read_text())
        for node in tree.body:
            if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
                found[f"{assignment}.{node.name}"] = ast.get_docstring(node)
    return found


def raises_section(doc):
    match = re.search(r"\nRaises\n-+\n(.*?)(?:\n\n\S[^\n]*\n-+\n|\Z)", doc, re.S)
    return " ".join(match.group(1).split()) if match else ""


def unclaimed(text, phrases):
    """What is left of ``text`` once each phrase is taken out in turn (its first occurrence), connectives aside."""
    missing = []
    for phrase in phrases:
        if phrase in text:
            text = text.replace(phrase, " ", 1)
        else:
            missing.append(phrase)
    return CONNECTIVES.sub("", text), missing


def test_every_student_function_has_a_raises_section_and_promises():
    """Does every function's docstring state what raises ValueError, and does promises.py quote it?"""
    from autograder.points import POINTS
    from autograder.properties.promises import PROMISES

    docs = docstrings()
    assert set(docs) == set(POINTS) == set(PROMISES)
    assert [q for q, doc in docs.items() if not raises_section(doc)] == []


@pytest.mark.parametrize("qualname", sorted(docstrings()))
def test_each_condition_of_a_raises_section_has_a_hidden_test_that_rejects_it(qualname):
    """Is every condition the docstring's "Raises" section states quoted in promises.py, with an input for it?"""
    from autograder.properties.promises import PROMISES

    promises = PROMISES[qualname]
    text = raises_section(docstrings()[qualname])
    left, missing = unclaimed(text, [phrase for phrase, _ in promises])
    assert missing == [], f"quoted in promises.py but not in the docstring: {missing}"
    assert left == "", f"a condition of {text!r} has no hidden test: {left!r} is left"
    assert all(calls for _, calls in promises)


@pytest.mark.parametrize("qualname", sorted(docstrings()))
def test_each_promised_rejection_is_invalid_input_that_a_hidden_test_tries(qualname):
    """Does the reference raise ValueError on every input of promises.py, and is each an edge case of a hidden test?"""
    from autograder import properties
    from autograder.properties.promises import PROMISES

    tried = {call.wire() for prop in properties.for_function(qualname)
             for case in prop.edge_cases for call in prop.as_calls(case)}
    for phrase, calls in PROMISES[qualname]:
        for call in calls:
            assert call.expected(qualname).raises, f"{call.show(qualname)} is valid, yet quoted for {phrase!r}"
            assert call.wire() in tried


def _shape(value):
    return np.shape(np.asarray(value, dtype=object))


def _n(call, index=0):
    return len(np.asarray(call.args[index], dtype=object).reshape(-1)) if np.ndim(call.args[index]) else 0


def _is(value, number):
    return np.ndim(value) == 0 and not isinstance(value, str) and value is not None and float(value) == number


def _has(value, number):
    return bool(np.any(np.asarray(value, dtype=float) == number))


def _total(call, index=0):
    return float(np.sum(np.asarray(call.args[index], dtype=float)))


# The valid edges the docstrings and COURSE_SPEC name: each must be among the inputs a hidden test tries.
A1, A2, A3, A4 = "hw1_information_theory", "hw2_maximum_likelihood", "hw3_lagrange_die", "hw4_mle_and_kl"
EDGES = {
    f"{A1}.surprise": {"p = 0 (inf)": lambda c: _has(c.args[0], 0.0), "p = 1 exactly": lambda c: _has(c.args[0], 1.0),
                       "a scalar p": lambda c: np.ndim(c.args[0]) == 0, "base = 2": lambda c: c.kwargs.get("base") == 2},
    f"{A1}.entropy": {"K = 1": lambda c: _n(c) == 1, "a one-hot p (a probability of exactly 1)":
                      lambda c: _n(c) > 1 and _has(c.args[0], 1.0), "base = 10": lambda c: c.kwargs.get("base") == 10},
    f"{A1}.binary_entropy": {"θ = 0 and θ = 1": lambda c: _has(c.args[0], 0.0) and _has(c.args[0], 1.0),
                             "a scalar θ": lambda c: np.ndim(c.args[0]) == 0},
    f"{A1}.cross_entropy": {"K = 1": lambda c: _n(c) == 1, "q_k = 0 < p_k (inf)":
                            lambda c: bool(np.any((np.asarray(c.args[0]) > 0) & (np.asarray(c.args[1]) == 0)))},
    f"{A1}.kl_divergence": {"K = 1": lambda c: _n(c) == 1, "p = q": lambda c: np.array_equal(c.args[0], c.args[1]),
                            "q_k = 0 < p_k (inf)":
                            lambda c: bool(np.any((np.asarray(c.args[0]) > 0) & (np.asarray(c.args[1]) == 0)))},
    f"{A2}.bernoulli_mle": {"N = 1": lambda c: _n(c) == 1, "all tails": lambda c: _n(c) > 0 and _total(c) == 0,
                            "N in the thousands": lambda c: _n(c) >= 1000},
    f"{A2}.binomial_mle": {"M = 1": lambda c: _n(c) == 1, "n = 1": lambda c: _is(c.args[1], 1)},
    f"{A2}.poisson_mle": {"N = 1": lambda c: _n(c) == 1, "all counts 0": lambda c: _n(c) > 0 and _total(c) == 0},
    f"{A2}.gaussian_log_likelihood": {"N = 1": lambda c: _n(c) == 1, "N in the thousands": lambda c: _n(c) >= 1000},
    f"{A2}.gaussian_mle": {"N = 1": lambda c: _n(c) == 1, "N in the thousands": lambda c: _n(c) >= 1000},
    f"{A2}.gaussian_hessian": {"N = 1": lambda c: _n(c) == 1},
    f"{A2}.multinomial_mle": {"K = 1": lambda c: _n(c) == 1, "a total count of 1": lambda c: _total(c) == 1,
                              "an outcome never seen": lambda c: _n(c) > 1 and _has(c.args[0], 0)},
    f"{A3}.counts_from_rolls": {"no rolls": lambda c: _n(c) == 0,
                                "n_sides other than 6": lambda c: len(c.args) > 1 and not _is(c.args[1], 6),
                                "n_sides = 1": lambda c: len(c.args) > 1 and _is(c.args[1], 1),
                                "the default n_sides": lambda c: len(c.args) == 1 and "n_sides" not in c.kwargs},
    f"{A3}.die_log_likelihood": {"K = 1": lambda c: _n(c) == 1, "n_k > 0 = θ_k (-inf)":
                                 lambda c: bool(np.any((np.asarray(c.args[1]) > 0) & (np.asarray(c.args[0]) == 0)))},
    f"{A3}.lagrangian": {"K = 1": lambda c: _n(c) == 1, "θ off the simplex": lambda c: abs(_total(c) - 1) > 1e-3},
    f"{A3}.lagrangian_gradient": {"K = 1": lambda c: _n(c) == 1},
    f"{A3}.stationary_point": {"K = 1": lambda c: _n(c) == 1, "a total count of 1": lambda c: _total(c) == 1},
    f"{A3}.numerical_mle": {"K = 1": lambda c: _n(c) == 1, "a total count of 1": lambda c: _total(c) == 1,
                            "K in the dozens": lambda c: _n(c) >= 31, "N in the thousands": lambda c: _total(c) >= 1000},
    f"{A4}.empirical_distribution": {"N = 1": lambda c: _n(c) == 1, "K = 1": lambda c: _is(c.args[1], 1),
                                     "an outcome never seen": lambda c: _n(c) < float(c.args[1])},
    f"{A4}.average_negative_log_likelihood": {"N = 1": lambda c: _n(c, 1) == 1,
                                              "a sample with θ = 0 (inf)": lambda c: _n(c, 1) > 0 and any(
                                                  np.asarray(c.args[0])[int(x)] == 0 for x in np.ravel(c.args[1]))},
    f"{A4}.linear_regression_mle": {"D = 1": lambda c: _shape(c.args[0])[1:] == (1,),
                                    "N = D (a square X)": lambda c: len(_shape(c.args[0])) == 2
                                    and _shape(c.args[0])[0] == _shape(c.args[0])[1]},
    f"{A4}.sigmoid": {"|z| = 1e3": lambda c: _has(np.abs(np.asarray(c.args[0], dtype=float)), 1e3),
                      "a scalar z": lambda c: np.ndim(c.args[0]) == 0},
    f"{A4}.logistic_nll": {"N = 1": lambda c: _shape(c.args[1])[0] == 1, "|x·w| = 1e3": lambda c: bool(np.any(
        np.isclose(np.abs(np.asarray(c.args[1], dtype=float) @ np.asarray(c.args[0], dtype=float)), 1e3)))},
    f"{A4}.logistic_gradient": {"N = 1": lambda c: _shape(c.args[1])[0] == 1},
    f"{A4}.fit_logistic_regression": {"D = 1": lambda c: _shape(c.args[0])[1:] == (1,),
                                      "D = 10": lambda c: _shape(c.args[0])[1:] == (10,),
                                      "N in the thousands": lambda c: _shape(c.args[0])[0] >= 1000},
}


@pytest.fixture(scope="module")
def valid_inputs():
    """{qualified name: every call of its hidden tests that the reference answers (valid input)}."""
    from autograder import examples, properties

    cases = examples.load_all(properties.PROPERTIES)
    found = {}
    for prop in properties.PROPERTIES:
        for case in cases[examples.key(prop)]:
            for call in prop.as_calls(case):
                if not call.expected(prop.function).raises:
                    found.setdefault(prop.function, []).append(call)
    return found


def test_every_function_has_its_valid_edges_listed():
    """Does EDGES name valid edges for every one of the 25 functions?"""
    from autograder.points import POINTS

    assert set(EDGES) == set(POINTS)


@pytest.mark.parametrize("qualname", sorted(EDGES))
def test_each_valid_edge_is_among_the_inputs_the_hidden_tests_try(valid_inputs, qualname):
    """Is every valid edge the docstring or the contract names tried by some hidden test of the function?"""
    def holds(edge, call):
        try:
            with np.errstate(all="ignore"):
                return bool(edge(call))
        except (TypeError, ValueError, IndexError):
            return False
    untried = [name for name, edge in EDGES[qualname].items()
               if not any(holds(edge, call) for call in valid_inputs[qualname])]
    assert untried == []


def test_a_condition_left_out_of_promises_is_reported():
    """Does the coverage check find a condition that promises.py forgets (so that it can fail)?"""
    text = "If ``x`` is empty, not 1-D, or holds a value other than 0 and 1."
    assert unclaimed(text, ["``x`` is empty", "not 1-D"])[0] == "holdsavalueotherthan0and1"
    assert unclaimed(text, ["``x`` is empty", "not 1-D", "holds a value other than 0 and 1"]) == ("", [])
    assert math.isinf(float("inf"))
