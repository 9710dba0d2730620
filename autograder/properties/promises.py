"""Hidden tests of the docstrings' promises: each input a "Raises" section names is rejected.

The students' docstrings say which inputs raise ``ValueError``. For every
function, :data:`PROMISES` quotes each condition of its "Raises" section and
gives inputs that break that condition and no other (a valid call with one
argument or one entry spoilt); one hidden test per function calls them all.
tests/test_docstring_promises.py checks that the quotes cover every
condition of every docstring, and that the reference rejects each input.
"""
import math

from hypothesis import strategies as st

from autograder.engine import Call, rejects

BAD_BASES = (0, -2.0, 1, 1.0, math.nan, math.inf)
COIN = [0.5, 0.5]
X4, Y4 = [[1.0, 0.0], [1.0, 1.0], [1.0, 2.0], [1.0, 4.0]], [1.0, 2.0, 2.0, 5.0]   # full column rank
XL, YL = [[1.0, -2.0], [1.0, -1.0], [1.0, 0.0], [1.0, 1.0], [1.0, 2.0]], [0, 1, 0, 1, 1]  # not separable
W2 = [0.1, -0.2]


def _bases(*args):
    return [Call(args, {"base": b}) for b in BAD_BASES]


def _unit_interval(name):
    return [(f"some {name} is outside [0, 1]", [Call((1.5,)), Call((-0.25,)), Call(([0.5, 1.5],))]),
            ("not a number", [Call((math.nan,)), Call(([0.5, math.nan],))]),
            ("``base`` is invalid", _bases(0.5))]


NOT_PROBABILITIES = ([0.5, -0.25, 0.75], [0.5, math.nan], [math.inf, 0.0], [0.5, 0.6], [], [[0.5, 0.5]])
NOT_PROBABILITIES_2 = ([0.5, 0.6], [1.5, -0.5], [math.nan, 1.0])


def _two_distributions():
    return [("``p`` or ``q`` is not a probability vector",
             [Call((p, COIN)) for p in NOT_PROBABILITIES_2] + [Call((COIN, q)) for q in NOT_PROBABILITIES_2]),
            ("their lengths differ", [Call((COIN, [1.0])), Call(([1.0], [0.25, 0.75]))]),
            ("``base`` is invalid", _bases(COIN, COIN))]


def _samples_then(*rest):
    """x empty, not 1-D, not finite: for gaussian_log_likelihood, gaussian_mle, gaussian_hessian."""
    return [("``x`` is empty", [Call(([], *rest))]),
            ("not 1-D", [Call(([[1.0, 2.0]], *rest)), Call((1.0, *rest))]),
            ("not finite", [Call(([1.0, math.nan], *rest)), Call(([1.0, math.inf], *rest)),
                            Call(([1.0, -math.inf], *rest))])]


def _point():
    return _samples_then(0.0, 1.0) + [
        ("``mu`` is not a finite number", [Call(([1.0], m, 1.0)) for m in (math.nan, math.inf, -math.inf)]),
        ("``sigma2`` is not a finite number > 0", [Call(([1.0], 0.0, v)) for v in (0.0, -1.0, math.inf, math.nan)])]


def _counts_vector(name="``counts``"):
    return [(f"{name} is empty", [Call(([],))]), ("not 1-D", [Call(([[1, 2]],)), Call((3,))]),
            ("holds a negative or non-whole value", [Call(([1, -1],)), Call(([1, 2.5],)), Call(([1, math.inf],)),
                                                     Call(([1, math.nan],))])]


def _not_counts(*before):
    return ("``counts`` are not non-negative integers", [Call((*before, c)) for c in ([1, -1], [1, 2.5], [1, math.nan])])


def _positive_theta():
    return [("some theta_k <= 0", [Call(([0.5, 0.0], 1.0, [1, 1])), Call(([-0.5, 1.5], 1.0, [1, 1]))]),
            ("is not finite", [Call(([0.5, math.inf], 1.0, [1, 1])), Call(([0.5, math.nan], 1.0, [1, 1]))]),
            ("``lam`` is not a finite number", [Call(([0.5, 0.5], v, [1, 1])) for v in (math.nan, math.inf)]),
            ("``counts`` are not non-negative integers",
             [Call(([0.5, 0.5], 1.0, c)) for c in ([1, -1], [1, 2.5], [1, math.nan])]),
            ("theta and counts differ in length", [Call(([0.5, 0.5], 1.0, [1, 2, 3])), Call(([0.5, 0.5], 1.0, [1]))])]


def _rolls_total():
    return [("``counts`` are not non-negative integers", [Call((c,)) for c in ([3, -1, 2], [2.5, 1], [1, math.nan])]),
            ("N = 0", [Call(([0, 0, 0],)), Call(([0],))])]


def _design(*before, rank=False):
    """X not finite, not 2-D (and not of full column rank): the leading conditions of the hw4 regressions."""
    y = YL if before else Y4
    base = XL if before else X4
    spoilt_finite = [row[:] for row in base]
    spoilt_finite[1][1] = math.nan
    spoilt_inf = [row[:] for row in base]
    spoilt_inf[2][1] = math.inf
    found = [("``X`` is not a finite", [Call((*before, spoilt_finite, y)), Call((*before, spoilt_inf, y))]),
             ("2-D array", [Call((*before, [row[1] for row in base], y)), Call((*before, [[row] for row in base], y))])]
    if rank:
        found.append(("of full column rank", [Call((*before, [[r[0], r[1], 2 * r[1]] for r in base], y))]))
    return found


def _labels(*before):
    x = XL
    return [("``y`` is not one 0/1 label", [Call((*before, x, y)) for y in ([0, 1, 0, 1, -1], [0, 1, 2, 1, 1],
                                                                          [0, 1, 0, 0.5, 1], [0, 1, 0, 1, math.nan])]),
            ("per row of X", [Call((*before, x, YL[:4])), Call((*before, x, YL + [1]))])]


def _weights():
    return [("``w`` is not one finite weight", [Call(([0.1, math.nan], XL, YL)), Call(([math.inf, 0.0], XL, YL))]),
            ("per column of X", [Call(([0.1], XL, YL)), Call(([0.1, 0.2, 0.3], XL, YL))])]


A1, A2, A3, A4 = "hw1_information_theory", "hw2_maximum_likelihood", "hw3_lagrange_die", "hw4_mle_and_kl"
PROMISES = {
    f"{A1}.surprise": _unit_interval("p"),
    f"{A1}.entropy": [("``p`` is not a probability vector", [Call((p,)) for p in NOT_PROBABILITIES]),
                      ("``base`` is invalid", _bases(COIN))],
    f"{A1}.binary_entropy": _unit_interval("θ"),
    f"{A1}.cross_entropy": _two_distributions(),
    f"{A1}.kl_divergence": _two_distributions(),
    f"{A2}.bernoulli_mle": [("``x`` is empty", [Call(([],))]), ("not 1-D", [Call(([[0, 1], [1, 1]],)), Call((1,))]),
                            ("holds a value other than 0 and 1",
                             [Call((x,)) for x in ([0, 1, 2], [0, 0.5], [1, -1], [0, math.nan], [1, math.inf])])],
    f"{A2}.binomial_mle": [("``heads`` is empty", [Call(([], 3))]), ("not 1-D", [Call(([[1, 2]], 3))]),
                           ("holds a value outside {0, ..., n}",
                            [Call((h, 3)) for h in ([1, 4], [-1, 2], [1.5, 2], [1, math.nan])]),
                           ("``n`` is not a whole number >= 1",
                            [Call(([0, 0], 0)), Call(([1, 1], 2.5)), Call(([0], -1)), Call(([0], math.nan))])],
    f"{A2}.poisson_mle": _counts_vector(),
    f"{A2}.gaussian_log_likelihood": _point(),
    f"{A2}.gaussian_mle": _samples_then(),
    f"{A2}.gaussian_hessian": _point(),
    f"{A2}.multinomial_mle": _counts_vector() + [("sums to 0", [Call(([0, 0, 0],)), Call(([0],))])],
    f"{A3}.counts_from_rolls": [("``n_sides`` is not an integer >= 1",
                                 [Call(([1], 0)), Call(([1], 2.5)), Call(([], -1)), Call(([1], math.nan))]),
                                ("a roll is not a face in 1..K",
                                 [Call(([1, 7],)), Call(([0, 1],)), Call(([1, 2.5],)), Call(([3, 4], 3)),
                                  Call(([1, math.nan],))])],
    f"{A3}.die_log_likelihood": [("``theta`` is not a probability vector",
                                  [Call((t, [1, 1])) for t in NOT_PROBABILITIES_2]),
                                 _not_counts(COIN),
                                 ("the two differ in length", [Call((COIN, [1, 2, 3])), Call(([1.0], [1, 2]))])],
    f"{A3}.lagrangian": _positive_theta(),
    f"{A3}.lagrangian_gradient": _positive_theta(),
    f"{A3}.stationary_point": _rolls_total(),
    f"{A3}.numerical_mle": _rolls_total(),
    f"{A4}.empirical_distribution": [("``n_outcomes`` is not an integer >= 1",
                                      [Call(([0], 0)), Call(([0, 1], 2.5)), Call(([0], math.nan))]),
                                     ("``samples`` is empty", [Call(([], 3))]),
                                     ("a sample is not an integer in 0..K-1",
                                      [Call((x, 3)) for x in ([0, 3], [-1, 0], [0, 1.5], [0, math.nan])])],
    f"{A4}.average_negative_log_likelihood": [
        ("``theta`` is not a probability vector", [Call((t, [0, 1])) for t in NOT_PROBABILITIES_2]),
        ("``samples`` is empty", [Call((COIN, []))]),
        ("a sample is not an integer in 0..K-1", [Call((COIN, x)) for x in ([0, 2], [-1, 0], [0, 0.5], [0, math.nan])])],
    f"{A4}.linear_regression_mle": _design(rank=True) + [
        ("``y`` is not a finite vector", [Call((X4, [1.0, math.nan, 2.0, 5.0])), Call((X4, [[v] for v in Y4]))]),
        ("with one entry per row of X", [Call((X4, Y4[:3])), Call((X4, Y4 + [1.0]))])],
    f"{A4}.sigmoid": [("``z`` holds NaN", [Call((math.nan,)), Call(([0.0, math.nan],))]),
                      ("something that is not a real number", [Call((None,)), Call(([1.0, None],)), Call(([[1.0], [1.0, 2.0]],))])],
    f"{A4}.logistic_nll": _design(W2) + _labels(W2) + _weights(),
    f"{A4}.logistic_gradient": _design(W2) + _labels(W2) + _weights(),
    f"{A4}.fit_logistic_regression": [(phrase, [Call(c.args[1:]) for c in found]) for phrase, found in
                                      _design(W2, rank=True) + _labels(W2)] + [
        ("the data are linearly separable (Newton's method then diverges or ends at a w that separates them)",
         [Call(([[1.0, -1.0], [1.0, 1.0]], [0, 1])), Call(([[1.0, -2.0], [1.0, -1.0], [1.0, 1.0], [1.0, 2.0]], [0, 0, 1, 1])),
          Call(([[1.0, 0.0], [1.0, 1.0], [1.0, 2.0]], [1, 1, 1]))])],
}


def _kept(qualname, promises):
    calls = [call for _, found in promises for call in found]
    name = qualname.split(".")[1]
    return rejects(qualname, f"{name} rejects each kind of invalid input its docstring's \"Raises\" section names",
                   st.sampled_from(calls), examples=1, edge_cases=calls)


PROPERTIES = [_kept(qualname, promises) for qualname, promises in PROMISES.items()]
