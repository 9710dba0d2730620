"""A named misconception is always right, and each mistake is known wherever it can happen.

In-process tests of autograder/misconceptions.py and the catalogue in
autograder/properties/: no sandbox, no student code.
"""
import math
import re

import numpy as np
import pytest

from autograder import checks, misconceptions, properties
from autograder.engine import Call
from autograder.misconceptions import CATALOGUE, NOT_APPLICABLE, explain, focus
from autograder.runner import Outcome

A1, A2, A3, A4 = "hw1_information_theory", "hw2_maximum_likelihood", "hw3_lagrange_die", "hw4_mle_and_kl"


def names(lines):
    return [pair for line in lines for pair in line.named]


def test_a_nan_entropy_is_named_0_log_0_and_not_a_log_base_mistake():
    """Is grace's entropy([1.0, 0.0]) = NaN explained as 0·log 0, the one mistake that gives NaN there?"""
    lines = explain(f"{A1}.entropy", Call(([1.0, 0.0],)), math.nan, checks.close)
    assert [name for name, _ in names(lines)] == ["0·log 0 giving NaN instead of 0"]


@pytest.mark.parametrize("qualname", [f"{A1}.cross_entropy", f"{A1}.kl_divergence"])
def test_a_nan_where_no_zero_probability_is_involved_names_nothing(qualname):
    """Is a NaN answer on inputs without zeros (where no known mistake gives NaN) left unexplained?"""
    assert explain(qualname, Call(([0.25, 0.75], [0.5, 0.5])), math.nan, checks.close) == []
    assert explain(qualname, Call(([0.25, 0.75], [0.5, 0.5]), {"base": 2}), math.nan, checks.close) == []


def _valid_edge_calls(qualname):
    for prop in properties.for_function(qualname):
        for case in prop.edge_cases:
            for call in prop.as_calls(case):
                if not call.expected(qualname).raises:
                    yield call


def _special(value):
    try:
        value = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        return set()
    return {kind for kind, found in (("nan", np.isnan(value).any()), ("inf", np.isinf(value).any())) if found}


@pytest.mark.parametrize("qualname", sorted(CATALOGUE))
def test_nan_and_infinite_answers_match_only_mistakes_that_produce_them(qualname):
    """On every valid edge case, does a NaN or infinite answer match only recognisers whose own answer has one?"""
    for call in _valid_edge_calls(qualname):
        for got, kind in ((math.nan, "nan"), (math.inf, "inf"), (-math.inf, "inf")):
            for item in misconceptions.matching(qualname, call, got, checks.close):
                with np.errstate(all="ignore"):
                    assert kind in _special(item.wrong(*call.args, **call.kwargs)), (item.name, call.args)


def test_no_recogniser_answers_nan_where_it_does_not_apply():
    """Does every recogniser say NOT_APPLICABLE, never NaN, on the calls where its mistake changes nothing?"""
    call = Call(([0.25, 0.75],))  # base=None: "the answer is in nats" does not apply
    in_nats = next(i for i in CATALOGUE[f"{A1}.entropy"] if "in nats" in i.name)
    assert in_nats.wrong(*call.args, **call.kwargs) is NOT_APPLICABLE
    one = Call(([3.0],))  # one sample: no N - 1 variance
    unbiased = next(i for i in CATALOGUE[f"{A2}.gaussian_mle"] if "N−1" in i.name)
    assert unbiased.wrong(*one.args) is NOT_APPLICABLE


def test_two_mistakes_fitting_one_answer_are_named_as_possibilities_not_as_certain():
    """When counts [5] come back as [5.0], are "unnormalised" and "divided by K" both offered, as possible?"""
    (line,) = explain(f"{A2}.multinomial_mle", Call(([5],)), np.array([5.0]), checks.close)
    assert line.startswith("  This could be one of these mistakes")
    assert {name for name, _ in line.named} == {"returning the counts unnormalised",
                                                "dividing by the number of outcomes K instead of N"}


def test_the_other_wrong_answers_settle_which_mistake_it_was():
    """Does focus keep only the mistake that also fits the student's other wrong answers (here: dividing by K)?"""
    qualname = f"{A2}.multinomial_mle"
    (line,) = explain(qualname, Call(([5],)), np.array([5.0]), checks.close)
    calls = [Call(([5],)), Call(([2, 3, 5],)), Call(([1, 1],))]
    answers = [np.array([5.0]), np.array([2, 3, 5]) / 3, np.array([0.5, 0.5])]  # the last one is right
    focused = focus(line, calls, [Outcome(value=a, returned=True) for a in answers])
    assert focused.named == [("dividing by the number of outcomes K instead of N", "Lecture §5")]
    assert str(focused).startswith("  This looks like dividing by the number of outcomes K")


def test_a_mistake_that_does_not_fit_every_wrong_answer_is_not_named():
    """Is a mistake that explains the minimal example but not another wrong answer dropped (nothing named)?"""
    qualname = f"{A1}.kl_divergence"
    first = Call(([1.0, 0.0], [0.5, 0.5]))   # swapped: KL(q‖p) = inf, and a symmetrised KL is inf too
    (line,) = explain(qualname, first, math.inf, checks.close)
    other = Call(([0.25, 0.75], [0.5, 0.5]))
    outcomes = [Outcome(value=math.inf, returned=True), Outcome(value=123.0, returned=True)]
    assert focus(line, [first, other], outcomes) is None


def test_failure_keeps_the_named_misconceptions_for_results_json():
    """Does checks.Failure list (name, section) of each named misconception, and drop them when focus drops them?"""
    qualname = f"{A1}.kl_divergence"
    call = Call(([1.0, 0.0], [0.5, 0.5]))
    failure = checks.Failure(["kl_divergence(...)", *explain(qualname, call, math.inf, checks.close)])
    assert len(failure.misconceptions) == 2
    assert failure.focused([call], [Outcome(value=math.inf, returned=True)]).misconceptions == failure.misconceptions
    other = Call(([0.25, 0.75], [0.5, 0.5]))
    dropped = failure.focused([call, other], [Outcome(value=math.inf, returned=True), Outcome(value=9.0, returned=True)])
    assert dropped.misconceptions == [] and not any("looks like" in line or "could be" in line for line in dropped.lines)


# Each mistake of the catalogue, and every function where it can happen (issue 9, item 2): a recogniser of
# that function must have a name matching the pattern.
FAMILIES = {
    "a missing minus sign": (r"minus sign|sign flipped|flipped sign|negative log-likelihood", [
        f"{A1}.surprise", f"{A1}.entropy", f"{A1}.binary_entropy", f"{A1}.cross_entropy", f"{A1}.kl_divergence",
        f"{A2}.gaussian_log_likelihood", f"{A2}.gaussian_hessian", f"{A3}.die_log_likelihood",
        f"{A4}.average_negative_log_likelihood", f"{A4}.logistic_nll", f"{A4}.logistic_gradient"]),
    "0·log 0 as NaN": (r"0·log 0", [f"{A1}.entropy", f"{A1}.binary_entropy", f"{A1}.cross_entropy",
                                    f"{A1}.kl_divergence", f"{A3}.die_log_likelihood"]),
    "a log-base slip": (r"log-base", [f"{A1}.surprise", f"{A1}.entropy", f"{A1}.binary_entropy",
                                      f"{A1}.cross_entropy", f"{A1}.kl_divergence", f"{A3}.die_log_likelihood",
                                      f"{A4}.average_negative_log_likelihood", f"{A4}.logistic_nll"]),
    "a mean instead of a sum, or a sum instead of a mean": (r"average|summed|total instead|sum of squared", [
        f"{A2}.gaussian_log_likelihood", f"{A3}.die_log_likelihood", f"{A4}.average_negative_log_likelihood",
        f"{A4}.logistic_nll", f"{A4}.logistic_gradient", f"{A4}.linear_regression_mle"]),
    "N − 1": (r"N ?[−-] ?1", [f"{A2}.bernoulli_mle", f"{A2}.poisson_mle", f"{A2}.gaussian_mle",
                              f"{A2}.multinomial_mle", f"{A4}.empirical_distribution", f"{A4}.linear_regression_mle"]),
    "Laplace smoothing": (r"Laplace", [f"{A2}.bernoulli_mle", f"{A2}.binomial_mle", f"{A2}.multinomial_mle",
                                       f"{A3}.stationary_point", f"{A3}.numerical_mle",
                                       f"{A4}.empirical_distribution"]),
    "swapped arguments": (r"swapped arguments", [f"{A1}.cross_entropy", f"{A1}.kl_divergence"]),
    "K instead of N": (r"K instead of|λ = K|n/K", [f"{A2}.multinomial_mle", f"{A3}.stationary_point",
                                                   f"{A3}.numerical_mle", f"{A4}.empirical_distribution",
                                                   f"{A4}.average_negative_log_likelihood"]),
    "σ instead of σ²": (r"standard deviation|σ instead of σ²", [f"{A2}.gaussian_mle", f"{A2}.gaussian_log_likelihood",
                                                               f"{A4}.linear_regression_mle"]),
    "a pair in the wrong order": (r"wrong order", [f"{A2}.gaussian_mle", f"{A3}.stationary_point"]),
    "counts forgotten": (r"without the counts", [f"{A3}.die_log_likelihood", f"{A3}.lagrangian",
                                                 f"{A3}.lagrangian_gradient"]),
    "the log of a product": (r"log of (a|the likelihood) product", [f"{A2}.gaussian_log_likelihood",
                                                                    f"{A3}.die_log_likelihood"]),
    "labels as ±1": (r"±1", [f"{A4}.logistic_nll", f"{A4}.logistic_gradient"]),
    "outcomes off by one": (r"counted from 0|off-by-one", [f"{A3}.counts_from_rolls", f"{A4}.empirical_distribution"]),
    "outcomes never seen dropped": (r"never seen|only the faces that were rolled",
                                    [f"{A3}.counts_from_rolls", f"{A4}.empirical_distribution"]),
}


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_each_mistake_is_recognised_in_every_function_where_it_can_happen(family):
    """Does every function where this mistake can happen have a recogniser for it (with its own wording)?"""
    pattern, functions = FAMILIES[family]
    missing = [q for q in functions if not any(re.search(pattern, item.name) for item in CATALOGUE.get(q, ()))]
    assert missing == []


def test_every_recogniser_names_a_lecture_section_and_advice():
    """Does every catalogue entry cite a section of LECTURE.md and say what to do instead?"""
    from submissions import ROOT

    sections = set(re.findall(r"^## (\d+)\.", (ROOT / "LECTURE.md").read_text(), re.M))
    for qualname, items in CATALOGUE.items():
        for item in items:
            cited = re.findall(r"§(\d+)", item.section)
            assert cited and set(cited) <= sections and item.advice, (qualname, item.name)
