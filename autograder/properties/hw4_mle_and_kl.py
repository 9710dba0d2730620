"""Hidden tests for assignment 4: MLE = minimum KL = minimum cross-entropy; iterative MLE (Lecture §1, §6, §7)."""
import math
from types import SimpleNamespace

import numpy as np
from hypothesis import strategies as st

from autograder import checks, misconceptions
from autograder import strategies as s
from autograder.engine import Call, Property, calls, check_against_reference, matches_reference, rejects
from autograder.misconceptions import NOT_APPLICABLE, known
from autograder.reference import function

A = "hw4_mle_and_kl"
EMPIRICAL, AVERAGE_NLL = f"{A}.empirical_distribution", f"{A}.average_negative_log_likelihood"
LINEAR, SIGMOID = f"{A}.linear_regression_mle", f"{A}.sigmoid"
NLL, GRADIENT, FIT = f"{A}.logistic_nll", f"{A}.logistic_gradient", f"{A}.fit_logistic_regression"
CROSS_ENTROPY = "hw1_information_theory.cross_entropy"
MAX_CONDITION = 1e3      # COURSE_SPEC: linear regression designs have condition numbers <= 1e3
FIT_TOLERANCE = 1e-6     # COURSE_SPEC: every component of the gradient at the fitted w within 1e-6 of 0


def _ints(samples):
    return np.asarray(samples, dtype=float).astype(np.int64)


def _floats(value):
    """``value`` as a float array, or None when it is not (a regular array of) numbers."""
    try:
        return np.asarray(value, dtype=float)
    except (TypeError, ValueError, OverflowError):
        return None


def _logistic(w, X, y):
    return np.asarray(X, dtype=float) @ np.asarray(w, dtype=float), np.asarray(y, dtype=float)


def _sigmoid(z):
    """σ(z) without overflow or warnings, for drawing labels in the grader."""
    return 0.5 * (1.0 + np.tanh(np.asarray(z, dtype=float) / 2.0))


# -- misconceptions -------------------------------------------------------------
@known(EMPIRICAL, "unnormalised counts instead of frequencies", "Lecture §7",
       "p̂_k = n_k / N: divide the count of each outcome by the number of samples N")
def _counts(samples, n_outcomes):
    return np.bincount(_ints(samples), minlength=int(n_outcomes)).astype(float)


@known(EMPIRICAL, "off-by-one outcomes (numbered 1..K instead of 0..K-1)", "Lecture §7",
       "outcomes are numbered 0..K-1: sample k adds 1/N to p̂[k], and p̂ has exactly K entries")
def _one_based(samples, n_outcomes):
    return np.roll(function(EMPIRICAL)(samples, n_outcomes), -1)  # p[x - 1] += 1: outcome 0 wraps to the end


@known(EMPIRICAL, "off-by-one outcomes (numbered 1..K instead of 0..K-1)", "Lecture §7",
       "outcomes are numbered 0..K-1: sample k adds 1/N to p̂[k], and p̂ has exactly K entries")
def _one_too_many(samples, n_outcomes):
    x = _ints(samples)
    return np.bincount(x, minlength=int(n_outcomes) + 1) / x.size


@known(EMPIRICAL, "dropping the outcomes never seen", "Lecture §5",
       "p̂ has one entry per outcome 0..K-1, with p̂_k = 0 where n_k = 0 (np.bincount(x, minlength=K))")
def _unseen_dropped(samples, n_outcomes):
    x = _ints(samples)
    return np.bincount(x) / x.size


@known(AVERAGE_NLL, "the total instead of the average (a missing 1/N)", "Lecture §7",
       "the average negative log-likelihood -(1/N) Σ log θ_{x_i} is the cross-entropy H(p̂, θ): divide by N")
def _nll_summed(theta, samples):
    return len(_ints(samples)) * function(AVERAGE_NLL)(theta, samples)


@known(AVERAGE_NLL, "a missing minus sign (the average log-likelihood, not its negative)", "Lecture §7",
       "-(1/N) Σ log θ_{x_i} is never negative: log θ ≤ 0")
def _nll_sign(theta, samples):
    return -function(AVERAGE_NLL)(theta, samples)


@known(AVERAGE_NLL, "dividing by the number of outcomes K instead of the number of samples N", "Lecture §7",
       "the average runs over the N samples: -(1/N) Σ_i log θ_{x_i}")
def _nll_over_k(theta, samples):
    return len(_ints(samples)) * function(AVERAGE_NLL)(theta, samples) / len(np.asarray(theta))


@known(AVERAGE_NLL, "a log-base mistake: the answer is in bits, not nats", "Lecture §7",
       "use natural logarithms (np.log): the result is in nats")
def _nll_bits(theta, samples):
    return function(AVERAGE_NLL)(theta, samples) / math.log(2)


def _regression(X, y, divisor):
    w, sigma2 = function(LINEAR)(X, y)
    n, d = np.shape(X)
    return w, sigma2 * n / divisor(n, d)


@known(LINEAR, "an unbiased-style variance, dividing by N - D or N - 1 instead of N", "Lecture §4",
       "the MLE of σ² is the mean squared residual (1/N) Σ (y_i - w·x_i)²: divide by N, like the Gaussian MLE")
def _variance_n_minus_d(X, y):
    return _regression(X, y, lambda n, d: n - d)


@known(LINEAR, "an unbiased-style variance, dividing by N - D or N - 1 instead of N", "Lecture §4",
       "the MLE of σ² is the mean squared residual (1/N) Σ (y_i - w·x_i)²: divide by N, like the Gaussian MLE")
def _variance_n_minus_1(X, y):
    return _regression(X, y, lambda n, d: n - 1)


@known(LINEAR, "the sum of squared residuals instead of their mean", "Lecture §4",
       "σ² = (1/N) Σ (y_i - w·x_i)²: divide the sum by N")
def _variance_not_divided(X, y):
    return _regression(X, y, lambda n, d: 1)


@known(LINEAR, "the standard deviation σ instead of the variance σ²", "Lecture §3",
       "return σ² = (1/N) Σ (y_i - w·x_i)², not its square root")
def _standard_deviation(X, y):
    w, sigma2 = function(LINEAR)(X, y)
    return w, math.sqrt(sigma2)


@known(SIGMOID, "a sign mistake: 1/(1 + e^z) instead of 1/(1 + e^(-z))", "Lecture §1",
       "σ(z) = 1/(1 + e^(-z)) grows with z: σ(0) = 1/2 and σ(z) → 1 as z → ∞")
def _sigmoid_sign(z):
    return function(SIGMOID)(-np.asarray(z, dtype=float))


@known(NLL, "the summed loss instead of the mean (a missing 1/N)", "Lecture §7",
       "the loss is the average negative log-likelihood, the cross-entropy: divide the sum by N")
def _nll_logistic_summed(w, X, y):
    return len(np.asarray(y)) * function(NLL)(w, X, y)


@known(NLL, "a missing minus sign (the log-likelihood, not its negative)", "Lecture §7",
       "the negative log-likelihood -[y log σ + (1 - y) log(1 - σ)] is never negative")
def _nll_logistic_sign(w, X, y):
    return -function(NLL)(w, X, y)


@known(NLL, "labels treated as ±1 instead of 0/1", "Lecture §1",
       "Lecture §1 writes class labels as ±1, but here y_i ∈ {0, 1}: "
       "the loss is -[y log σ(x·w) + (1 - y) log(1 - σ(x·w))]")
def _nll_plus_minus_one(w, X, y):
    s_, y_ = _logistic(w, X, y)
    return float(np.mean(np.logaddexp(0.0, -y_ * s_)))


@known(NLL, "swapped labels: σ(x·w) taken as the probability of y = 0", "Lecture §6",
       "P(y = 1 | x) = σ(x·w): y_i = 1 costs -log σ(x_i·w), y_i = 0 costs -log(1 - σ(x_i·w))")
def _nll_swapped(w, X, y):
    return function(NLL)(-np.asarray(w, dtype=float), X, y)


for _epsilon in (1e-15, 1e-12, 1e-10, 1e-8, 1e-7):
    @known(NLL, "clipping σ away from 0 and 1 instead of a numerically stable formula", "Lecture §7",
           "log σ(s) = -log(1 + e^(-s)) and log(1 - σ(s)) = -log(1 + e^s): np.logaddexp(0, ±s) is exact "
           "for |s| up to 1e3, where clipping caps the loss")
    def _nll_clipped(w, X, y, _epsilon=_epsilon):
        s_, y_ = _logistic(w, X, y)
        p = np.clip(function(SIGMOID)(s_), _epsilon, 1 - _epsilon)
        return float(-np.mean(y_ * np.log(p) + (1 - y_) * np.log(1 - p)))


@known(GRADIENT, "the gradient of the summed loss (a missing 1/N)", "Lecture §7",
       "logistic_nll is a mean, so its gradient is (1/N) Xᵀ(σ(Xw) - y)")
def _gradient_summed(w, X, y):
    return len(np.asarray(y)) * function(GRADIENT)(w, X, y)


@known(GRADIENT, "a flipped sign: Xᵀ(y - σ) is the gradient of the log-likelihood, not of the loss", "Lecture §6",
       "the gradient of the negative log-likelihood is (1/N) Xᵀ(σ(Xw) - y); gradient descent steps against it")
def _gradient_sign(w, X, y):
    return -function(GRADIENT)(w, X, y)


@known(GRADIENT, "labels treated as ±1 instead of 0/1", "Lecture §1",
       "Lecture §1 writes class labels as ±1, but here y_i ∈ {0, 1}: the gradient is (1/N) Xᵀ(σ(Xw) - y)")
def _gradient_plus_minus_one(w, X, y):
    s_, y_ = _logistic(w, X, y)
    return np.asarray(X, dtype=float).T @ (y_ * (function(SIGMOID)(s_) - 1.0)) / len(y_)


@known(EMPIRICAL, "Laplace (add-one) smoothing, (n + 1)/(N + K)", "Lecture §7",
       "p̂_k = n_k / N: the empirical distribution gives an outcome never seen probability 0")
def _empirical_laplace(samples, n_outcomes):
    counts = np.bincount(_ints(samples), minlength=int(n_outcomes)).astype(float)
    return (counts + 1.0) / (counts.sum() + counts.size)


@known(EMPIRICAL, "dividing by the number of outcomes K instead of the number of samples N", "Lecture §7",
       "p̂_k = n_k / N: the frequencies of the N samples, which sum to 1")
def _empirical_over_k(samples, n_outcomes):
    return np.bincount(_ints(samples), minlength=int(n_outcomes)) / float(n_outcomes)


@known(EMPIRICAL, "dividing by N − 1", "Lecture §7", "p̂_k = n_k / N: divide by the number of samples, so that p̂ sums to 1")
def _empirical_n_minus_1(samples, n_outcomes):
    x = _ints(samples)
    if x.size < 2:
        return NOT_APPLICABLE  # one sample: no N - 1 version
    return np.bincount(x, minlength=int(n_outcomes)) / (x.size - 1.0)


@known(NLL, "a log-base mistake: the answer is in bits, not nats", "Lecture §7",
       "the loss uses natural logarithms (np.log, np.logaddexp): the result is in nats")
def _nll_logistic_bits(w, X, y):
    return function(NLL)(w, X, y) / math.log(2)


# -- strategies: samples over K outcomes ----------------------------------------
def _sample_arrays(k, theta=None):
    """N >= 1 outcomes in 0..k-1 as ints or integral floats; N in the thousands now and then."""
    small = st.lists(st.integers(0, k - 1), min_size=1, max_size=20).map(lambda x: np.array(x, dtype=np.int64))

    def large(args):
        seed, n, how = args
        rng = np.random.default_rng(seed)
        if how == "model" and theta is not None:
            p = theta
        elif how == "uniform":
            p = np.full(k, 1.0 / k)
        else:  # skewed: some outcomes (almost) never seen
            p = rng.dirichlet(np.full(k, 0.3))
        return rng.choice(k, size=n, p=p / p.sum())
    hows = ("model", "model", "uniform") if theta is not None else ("skewed", "uniform")
    big = st.tuples(s.seeds(), st.sampled_from((50, 300, 1000, 4000)), st.sampled_from(hows)).map(large)
    arrays = st.one_of(small, big, big)
    return s.containers(st.tuples(arrays, st.booleans()).map(lambda a: a[0].astype(float) if a[1] else a[0]))


def _from_model(theta):
    """Samples from theta itself (finite NLL), over all outcomes, or with one outcome of theta_k = 0 (inf)."""
    k = len(theta)
    support, impossible = np.flatnonzero(theta > 0).tolist(), np.flatnonzero(theta == 0).tolist()
    seen = st.lists(st.sampled_from(support), min_size=1, max_size=20)
    options = [_sample_arrays(k, theta), s.containers(seen.map(lambda x: np.array(x, dtype=np.int64)))]
    if impossible:
        spoilt = st.tuples(seen, st.sampled_from(impossible), st.integers(0, 20)).map(
            lambda a: np.insert(np.array(a[0], dtype=np.int64), a[2] % (len(a[0]) + 1), a[1]))
        options.append(s.containers(spoilt))
    return st.one_of(options)


outcome_counts = st.integers(1, 30)
sample_calls = outcome_counts.flatmap(
    lambda k: calls(_sample_arrays(k), st.sampled_from((k, np.int64(k)))))
theta_sample_calls = s.probability_arrays(1, 30).flatmap(
    lambda theta: st.builds(lambda t, x: Call((t, x)), s.containers(st.just(theta)), _from_model(theta)))


def _spoil_samples(args):
    """Samples that are not outcomes 0..k-1: out of range, not integers, NaN, or none at all."""
    k, how, position = args
    x = [min(position, k - 1)] * 3
    bad = {"k": k, "negative": -1, "half": 0.5, "nan": math.nan, "large": k + 7}.get(how)
    if how == "empty":
        return []
    x[position % 3] = bad
    return x


bad_samples = st.tuples(outcome_counts, st.sampled_from(("k", "negative", "half", "nan", "large", "empty")),
                        st.integers(0, 5)).map(lambda a: (_spoil_samples(a), a[0]))


# -- strategies: linear regression ----------------------------------------------
def _design(seed, n, d, kind, condition):
    rng = np.random.default_rng(seed)
    if kind == "intercept":  # a column of ones, then features with their own location and scale
        features = rng.normal(rng.uniform(-3, 3, d - 1), rng.uniform(0.3, 3, d - 1), (n, d - 1))
        return np.column_stack([np.ones(n), features])
    q = np.linalg.qr(rng.standard_normal((n, d)))[0]
    v = np.linalg.qr(rng.standard_normal((d, d)))[0]
    return (q * np.geomspace(condition, 1.0, d)) @ v.T  # singular values condition..1: exactly that condition


def _regression_case(args):
    seed, d, extra, kind, condition, scale, noise, offset = args
    n = d + extra
    X = _design(seed, n, d, kind, condition)
    rng = np.random.default_rng(seed + 1)
    w = rng.choice((-1.0, 1.0), d) * rng.uniform(0.5, 2.0, d)
    signal = X @ w
    y = scale * (signal + noise * (np.std(signal) or 1.0) * rng.standard_normal(n))
    return X, y + (offset if kind == "intercept" else 0.0)


def _textbook_solvable(case):
    """COURSE_SPEC promises the normal equations pass: keep only designs where they agree with the reference."""
    X, y = case
    n, d = X.shape
    if n < d or np.linalg.matrix_rank(X) < d or np.linalg.cond(X) > MAX_CONDITION * (1 + 1e-6):
        return False
    expected = function(LINEAR)(X, y)
    with np.errstate(all="ignore"):
        for w in (np.linalg.solve(X.T @ X, X.T @ y), np.linalg.inv(X.T @ X) @ X.T @ y):
            got = (w, float(np.mean((y - X @ w) ** 2)))
            if not checks.close(got, expected, checks.ATOL / 10, checks.RTOL / 10):
                return False
    return True


def _as_matrix(pair):
    X, kind = pair
    return X.tolist() if kind == "list" else X


def _regression_call(case_and_kinds):
    (X, y), matrix_kind, vector_kind = case_and_kinds
    return Call((_as_matrix((X, matrix_kind)), s._as_container((y, vector_kind))))


_extras = st.one_of(st.integers(0, 3), st.integers(4, 60), st.sampled_from((200, 2000)))
generated_regressions = st.tuples(
    s.seeds(), st.integers(1, 6), _extras, st.sampled_from(("intercept", "condition")),
    st.sampled_from((1.0, 30.0, MAX_CONDITION)), st.sampled_from((1e-3, 1.0, 1e3, 1e6)),
    st.sampled_from((0.0, 0.01, 1.0, 10.0)), st.sampled_from((0.0, 1e6))).map(_regression_case)
small_regressions = st.integers(1, 3).flatmap(lambda d: st.integers(d, 7).flatmap(lambda n: st.tuples(
    st.lists(st.lists(st.integers(-3, 3), min_size=d, max_size=d), min_size=n, max_size=n),
    st.lists(st.integers(-10, 10), min_size=n, max_size=n)))).map(
    lambda c: (np.array(c[0], dtype=float), np.array(c[1], dtype=float)))
intercept_only = st.lists(st.floats(-1e3, 1e3), min_size=1, max_size=20).map(
    lambda y: (np.ones((len(y), 1)), np.array(y)))
regressions = st.one_of(small_regressions, intercept_only, generated_regressions, generated_regressions,
                        generated_regressions).filter(_textbook_solvable)
regression_calls = st.tuples(regressions, st.sampled_from(("array", "list")),
                             st.sampled_from(("array", "list", "tuple"))).map(_regression_call)
# the contract's limits, whatever hypothesis draws: condition number 1e3, y scaled by 1e6 and 1e-3, an offset of 1e6
HARD_REGRESSIONS = [Call(_regression_case(args)) for args in (
    (11, 6, 40, "condition", MAX_CONDITION, 1e6, 1.0, 0.0), (12, 3, 5, "condition", MAX_CONDITION, 1e-3, 0.01, 0.0),
    (13, 4, 196, "intercept", 1.0, 1e3, 0.01, 1e6), (15, 5, 15, "condition", MAX_CONDITION, 1.0, 0.0, 0.0))]
few_samples = st.one_of(small_regressions, intercept_only, st.tuples(
    s.seeds(), st.integers(1, 6), st.integers(0, 8), st.sampled_from(("intercept", "condition")),
    st.sampled_from((1.0, 30.0, MAX_CONDITION)), st.sampled_from((1e-3, 1.0, 1e3)),
    st.sampled_from((0.01, 1.0, 10.0)), st.just(0.0)).map(_regression_case)).filter(_textbook_solvable)
few_sample_calls = st.tuples(few_samples, st.just("array"), st.just("list")).map(_regression_call)


def _spoil_regression(args):
    (X, y), how = args
    if how == "1-D X":
        return Call((X[:, 0].copy(), y))
    if how == "3-D X":
        return Call((X[:, :, None], y))
    if how == "short y":
        return Call((X, y[:-1]))
    return Call((X, np.append(y, 1.0)))


bad_regressions = st.tuples(st.one_of(small_regressions, intercept_only).filter(_textbook_solvable),
                            st.sampled_from(("1-D X", "3-D X", "short y", "long y"))).map(_spoil_regression)


# -- strategies: sigmoid ------------------------------------------------------------
EXTREMES = (1e3, -1e3, 0.0, -0.0, s.TINY, -s.TINY, 5e-324, -5e-324, 36.0, -36.0, 709.0, -709.0, 710.0,
            -710.0, 745.0, -745.0, 746.0, -746.0)
moderate_z = st.floats(-40, 40, allow_nan=False)
any_z = st.one_of(st.sampled_from(EXTREMES), st.floats(-1e3, 1e3), st.integers(-1000, 1000))
extreme_z = st.one_of(st.sampled_from(EXTREMES), st.floats(700, 1e3), st.floats(-1e3, -700))


def _z_arrays(values, max_size=20):
    lists = st.lists(values, min_size=0, max_size=max_size).map(lambda z: np.array(z, dtype=float))
    big = st.tuples(s.seeds(), st.sampled_from((1e1, 1e3))).map(
        lambda a: np.random.default_rng(a[0]).uniform(-a[1], a[1], 3000))
    shaped = st.lists(values, min_size=6, max_size=6).map(lambda z: np.array(z, dtype=float).reshape(2, 3))
    return st.one_of(s.containers(lists), shaped, lists.map(lambda z: z.reshape(-1, 1)), big)


def _z_inputs(values):
    return st.one_of(values, values.map(np.float64), _z_arrays(values))


def _mirror(z_and_kind):
    z, kind = z_and_kind
    if np.ndim(z) == 0:
        return Call((z,)), Call((-z,))
    return Call((s._as_container((z, kind)),)), Call((s._as_container((-z, kind)),))


mirror_pairs = st.one_of(
    st.tuples(st.one_of(moderate_z, any_z), st.just("scalar")),
    st.tuples(st.lists(any_z, min_size=1, max_size=12).map(lambda z: np.array(z, dtype=float)),
              st.sampled_from(("array", "list", "tuple")))).map(_mirror)


# -- strategies: logistic regression --------------------------------------------------
def _logistic_case(args):
    """Labels drawn from a logistic model; w scaled so that max_i |x_i·w| = reach."""
    seed, n, d, reach, labels, as_float = args
    rng = np.random.default_rng(seed)
    X = np.column_stack([np.ones(n), rng.normal(0.0, rng.uniform(0.5, 2.0), (n, d - 1))])
    truth = rng.standard_normal(d)
    truth *= 2.0 / max(np.max(np.abs(X @ truth)), 1e-12)
    y = (rng.random(n) < _sigmoid(X @ truth)).astype(np.int64)
    w = truth if labels == "model" else rng.standard_normal(d)
    w = w * reach / max(np.max(np.abs(X @ w)), 1e-12)
    return w, X, y.astype(float) if as_float else y


def _logistic_cases(reaches, sizes=(1, 2, 5, 20, 100, 500, 2000)):
    return st.tuples(s.seeds(), st.sampled_from(sizes), st.integers(1, 10), st.sampled_from(reaches),
                     st.sampled_from(("model", "random")), st.booleans()).map(_logistic_case)


small_logistic = st.integers(1, 3).flatmap(lambda d: st.integers(1, 6).flatmap(lambda n: st.tuples(
    st.lists(st.floats(-3, 3), min_size=d, max_size=d),
    st.lists(st.lists(st.integers(-3, 3), min_size=d, max_size=d), min_size=n, max_size=n),
    st.lists(st.integers(0, 1), min_size=n, max_size=n)))).map(
    lambda c: (np.array(c[0]), np.array(c[1], dtype=float), np.array(c[2], dtype=np.int64)))
one_feature_extremes = st.tuples(st.one_of(st.sampled_from((1e3, -1e3)), st.floats(-1e3, 1e3)),
                                 st.lists(st.integers(0, 1), min_size=1, max_size=8)).map(
    lambda c: (np.array([c[0]]), np.ones((len(c[1]), 1)), np.array(c[1], dtype=np.int64)))


def _logistic_call(case_and_kinds):
    (w, X, y), matrix_kind, vector_kind = case_and_kinds
    return Call((s._as_container((w, vector_kind)), _as_matrix((X, matrix_kind)), s._as_container((y, vector_kind))))


def _logistic_calls(cases):
    return st.tuples(cases, st.sampled_from(("array", "list")),
                     st.sampled_from(("array", "list", "tuple"))).map(_logistic_call)


moderate_logistic = st.one_of(small_logistic, _logistic_cases((0.0, 0.1, 1.0, 5.0, 20.0)))
extreme_logistic = st.one_of(one_feature_extremes, _logistic_cases((100.0, 700.0, 1e3)))
any_logistic = st.one_of(small_logistic, _logistic_cases((0.1, 1.0, 5.0, 20.0, 100.0, 1e3)))


def _spoil_logistic(args):
    """Invalid (w, X, y): X not 2-D, y of the wrong length or not 0/1, w of the wrong length."""
    (w, X, y), how = args
    y = y.astype(float)
    if how == "1-D X":
        return Call((w, X[:, 0].copy(), y))
    if how == "3-D X":
        return Call((w, X[:, :, None], y))
    if how == "short y":
        return Call((w, X, y[:-1]))
    if how == "long y":
        return Call((w, X, np.append(y, 0.0)))
    if how == "short w":
        return Call((w[:-1], X, y))
    if how == "long w":
        return Call((np.append(w, 0.5), X, y))
    bad = y.copy()
    if how == "±1 labels":
        bad = 2 * bad - 1
        bad[0] = -1.0
    else:
        bad[-1] = {"label 2": 2.0, "label 0.5": 0.5}[how]
    return Call((w, X, bad))


SPOILS = ("±1 labels", "label 2", "short w", "label 0.5", "long w", "short y", "long y", "1-D X", "3-D X")
bad_logistic = st.tuples(small_logistic, st.sampled_from(SPOILS)).map(_spoil_logistic)


def _fit_case(args):
    """Not linearly separable: labels from a logistic model (a share ``flip`` of them flipped), and one row
    repeated with both labels. A strong signal (``strength`` 4, no flips) makes the MLE's weights large
    and the loss flat there: an optimiser stopped after a fixed number of steps does not get there."""
    seed, n, d, strength, flip, as_float = args
    rng = np.random.default_rng(seed)
    n = max(n, 12 * d)
    X = np.column_stack([np.ones(n), rng.standard_normal((n, d - 1))])
    truth = rng.standard_normal(d)
    truth *= strength / np.linalg.norm(truth)
    y = (rng.random(n) < _sigmoid(X @ truth)) ^ (rng.random(n) < flip)
    X = np.vstack([X, X[:1], X[:1]])
    y = np.append(y, [False, True]).astype(np.int64)
    return X, y.astype(float) if as_float else y


def _has_mle(case):
    """Keep data whose MLE exists and is moderate: the reference converges to a small w."""
    X, y = case
    if np.linalg.cond(X) > 30:
        return False
    try:
        w = function(FIT)(X, y)
    except ValueError:
        return False
    return bool(np.max(np.abs(w)) <= 10 and np.max(np.abs(function(GRADIENT)(w, X, y))) <= 1e-9)


FIT_SIZES = (20, 50, 100, 300, 1000, 3000)  # the contract allows thousands of samples
fit_cases = st.tuples(s.seeds(), st.sampled_from(FIT_SIZES), st.integers(1, 10),
                      st.sampled_from((0.5, 1.0, 2.0, 4.0)), st.sampled_from((0.1, 0.0)),
                      st.booleans()).map(_fit_case).filter(_has_mle)
# always tried: 3000 samples, D = 6, a strong signal (the MLE's weights near 4 in norm)
STRONG_FIT = Call(_fit_case((7, 3000, 6, 4.0, 0.0, False)))
WIDE_FIT = Call(_fit_case((11, 1000, 10, 2.0, 0.1, True)))  # D = 10, the contract's largest
fit_calls = st.tuples(fit_cases, st.sampled_from(("array", "list")), st.sampled_from(("array", "list"))).map(
    lambda c: Call((_as_matrix((c[0][0], c[1])), s._as_container((c[0][1], c[2])))))


def _spoil_fit(args):
    call = _spoil_logistic(args)
    return Call(call.args[1:])


bad_fits = st.tuples(small_logistic, st.sampled_from(("±1 labels", "label 2", "short y", "long y", "1-D X",
                                                      "3-D X", "label 0.5"))).map(_spoil_fit)
# one invalid call of each kind, whatever hypothesis draws
BAD_LOGISTIC = [Call(([0.0, 0.0], [[1, 2], [1, -1]], [1, -1])), Call(([0.0, 0.0], [[1, 2], [1, -1]], [1, 2])),
                Call(([0.0, 0.0], [[1, 2], [1, -1]], [1.0, 0.5])), Call(([0.0], [[1, 2], [1, -1]], [1, 0])),
                Call(([0.0, 0.0, 0.0], [[1, 2], [1, -1]], [1, 0])), Call(([0.0, 0.0], [[1, 2], [1, -1]], [1, 0, 1])),
                Call(([0.0], [1.0, 2.0], [1, 0])), Call(([0.0], [[[1.0]], [[2.0]]], [1, 0]))]
BAD_FITS = [Call(([[1, 2], [1, -1], [1, 0]], [1, -1, 1])), Call(([[1, 2], [1, -1], [1, 0]], [1, 0.5, 0])),
            Call(([[1, 2], [1, -1], [1, 0]], [1, 0])), Call(([1.0, 2.0, 3.0], [1, 0, 1]))]


# -- checks -------------------------------------------------------------------------
def _quiet(outcome):
    """The outcome's warnings except underflow: the contract rules out overflow, and e^-1000 = 0 is right."""
    return SimpleNamespace(warnings=[w for w in outcome.warnings if "underflow" not in w])


def matches_reference_silently(function_, title, strategy, examples=30, edge_cases=()):
    """``matches_reference`` that also fails on any overflow, invalid-value or divide-by-zero warning."""
    def check(qualname, calls_, outcomes):
        check_against_reference(qualname, calls_, outcomes)
        for call, outcome in zip(calls_, outcomes):
            checks.expect_no_warnings(call.show(qualname.split(".")[1]), _quiet(outcome))
    return Property(function_, title, strategy, check, examples, tuple(edge_cases))


def _is_probability_vector(qualname, calls_, outcomes):
    """Lecture §7: p̂ puts mass 1/N on each sample, so it is a probability vector over the K outcomes."""
    (call,), (outcome,) = calls_, outcomes
    k, shown = int(call.args[1]), call.show("empirical_distribution")
    claim = f"a probability vector of length K = {k}: finite, non-negative, summing to 1 (Lecture §7)"
    got = checks.returned(shown, outcome, claim)
    p = _floats(got)
    ok = (p is not None and p.shape == (k,) and bool(np.all(np.isfinite(p))) and bool(np.all(p >= 0))
          and abs(float(np.sum(p)) - 1.0) <= 1e-6)
    checks.expect(ok, shown, claim, got, lambda: misconceptions.explain(qualname, call, got, checks.close))


def _equals_cross_entropy(qualname, calls_, outcomes):
    """Lecture §7: -(1/N) Σ log θ_{x_i} = H(p̂, θ), the cross-entropy from the empirical distribution."""
    (call,), (outcome,) = calls_, outcomes
    theta, samples = call.args
    p_hat = function(EMPIRICAL)(samples, len(np.asarray(theta)))
    expected = function(CROSS_ENTROPY)(p_hat, theta)
    shown = call.show("average_negative_log_likelihood")
    got = checks.returned(shown, outcome, checks.Lazy(checks.show, expected))
    checks.expect(checks.close(got, expected), shown,
                  lambda: f"H(p̂, θ) = {checks.show(expected)}, the cross-entropy from the empirical distribution "
                          f"p̂ = {checks.show(p_hat)} (Lecture §7)", got,
                  lambda: misconceptions.explain(qualname, call, got, checks.close))


def _regression_pair(call, outcome, expectation):
    """The student's (w, sigma2) as a float vector and a float, or a Failure explaining the shape."""
    X = np.asarray(call.args[0], dtype=float)
    shown, d = call.show("linear_regression_mle"), X.shape[1]
    got = checks.returned(shown, outcome, expectation)
    pair = isinstance(got, (tuple, list)) and len(got) == 2
    w, sigma2 = (_floats(got[0]), _floats(got[1])) if pair else (None, None)
    checks.expect(w is not None and w.shape == (d,) and sigma2 is not None and sigma2.shape == (), shown,
                  f"a pair (w, sigma2): w of shape ({d},), sigma2 a number", got)
    return shown, got, w, float(sigma2)


def _residuals_orthogonal(qualname, calls_, outcomes):
    """Lecture §1: the least-squares w solves the normal equations Xᵀ(y - Xw) = 0."""
    (call,), (outcome,) = calls_, outcomes
    X, y = (np.asarray(a, dtype=float) for a in call.args)
    shown, got, w, _ = _regression_pair(call, outcome, "w with Xᵀ(y - Xw) = 0")
    with np.errstate(all="ignore"):
        product = X.T @ (y - X @ w)
    bound = checks.ATOL + checks.RTOL * np.linalg.norm(X, axis=0) * np.linalg.norm(y)
    checks.expect(bool(np.all(np.abs(product) <= bound)), shown,
                  "residuals y - Xw orthogonal to every column of X, Xᵀ(y - Xw) = 0 "
                  "(Lecture §1: w minimises the squared loss)", got, lambda: [f"  Xᵀ(y - Xw) = {checks.show(product)}"])


def _variance_is_mean_square(qualname, calls_, outcomes):
    """Lecture §4: the MLE of σ² is the mean squared residual, dividing by N."""
    (call,), (outcome,) = calls_, outcomes
    X, y = (np.asarray(a, dtype=float) for a in call.args)
    shown, got, w, sigma2 = _regression_pair(call, outcome, "sigma2 = (1/N) Σ (y_i - x_i·w)²")
    with np.errstate(all="ignore"):
        mean_square = float(np.mean((y - X @ w) ** 2))
    checks.expect(checks.close(sigma2, mean_square), shown,
                  f"sigma2 = (1/N) Σ (y_i - x_i·w)² = {mean_square!r} for the returned w, N = {len(y)} "
                  "(Lecture §4: divide by N)", got, lambda: misconceptions.explain(qualname, call, got, checks.close))


def _symmetric(qualname, calls_, outcomes):
    """σ(-z) = 1 - σ(z): the probability of one class is one minus that of the other."""
    first, second = (checks.returned(c.show("sigmoid"), o, "σ(-z) = 1 - σ(z)") for c, o in zip(calls_, outcomes))
    values = _floats(first)
    mirrored = math.nan if values is None else (1.0 - values if values.ndim else 1.0 - float(values))
    checks.expect(checks.close(second, mirrored), calls_[1].show("sigmoid"),
                  lambda: f"1 - {calls_[0].show('sigmoid')} = {checks.show(mirrored)} (σ(-z) = 1 - σ(z))", second)


def _finite_differences(w, X, y):
    """Central differences of the reference logistic_nll, with steps scaled to each weight."""
    nll, w = function(NLL), np.asarray(w, dtype=float)
    gradient = np.empty_like(w)
    for k in range(w.size):
        step = np.zeros_like(w)
        step[k] = 1e-5 * max(1.0, abs(w[k]))
        gradient[k] = (nll(w + step, X, y) - nll(w - step, X, y)) / (2 * step[k])
    return gradient


def _matches_finite_differences(qualname, calls_, outcomes):
    """Lecture §6: the gradient is the vector of partial derivatives of logistic_nll."""
    (call,), (outcome,) = calls_, outcomes
    numerical = _finite_differences(*call.args)
    shown = call.show("logistic_gradient")
    got = checks.returned(shown, outcome, checks.Lazy(lambda: f"about {checks.show(numerical)}"))
    checks.expect(checks.close(got, numerical, atol=1e-6, rtol=1e-5), shown,
                  lambda: f"{checks.show(numerical)}, the central finite differences of logistic_nll "
                          "(within 1e-6 + 1e-5 |value|)", got, lambda: misconceptions.explain(qualname, call, got, checks.close))


def _gradient_vanishes(qualname, calls_, outcomes):
    """COURSE_SPEC: every component of logistic_gradient at the fitted w is within 1e-6 of 0."""
    (call,), (outcome,) = calls_, outcomes
    X, y = call.args
    d, shown = np.shape(X)[1], call.show("fit_logistic_regression")
    claim = f"weights of shape ({d},) where every component of logistic_gradient is within {FIT_TOLERANCE:g} of 0"
    got = checks.returned(shown, outcome, claim)
    w = _floats(got)
    checks.expect(w is not None and w.shape == (d,) and bool(np.all(np.isfinite(w))), shown,
                  f"a finite vector of D = {d} weights, shape ({d},)", got)
    with np.errstate(all="ignore"):
        gradient = function(GRADIENT)(w, X, y)
    checks.expect(bool(np.max(np.abs(gradient)) <= FIT_TOLERANCE), shown, claim + " (Lecture §6)", got,
                  lambda: [f"  gradient: {checks.show(gradient)}",
                           "  The gradient vanishes at the MLE: iterate until max |gradient| is tiny (say 1e-8), "
                           "not for a fixed number of steps; Newton's method gets there in a few steps."])


PROPERTIES = [
    # empirical distribution
    matches_reference(EMPIRICAL, "empirical_distribution matches n_k / N, with 0 for outcomes never seen",
                      sample_calls, examples=40,
                      edge_cases=[Call(([0, 1, 1, 2], 3)), Call(([1, 1], 4)), Call(([0], 1)),
                                  Call((np.array([2.0, 0.0]), 3))]),
    Property(EMPIRICAL, "empirical_distribution is a probability vector of length K", sample_calls,
             _is_probability_vector, examples=20),
    rejects(EMPIRICAL, "empirical_distribution rejects samples outside 0..K-1, non-integers, no samples, K < 1",
            st.one_of(st.builds(lambda xk: Call(xk), bad_samples),
                      calls(st.just([0, 0]), st.sampled_from((0, -1, -3, 2.5)))),
            edge_cases=[Call(([0, 3], 3)), Call(([0.5], 2)), Call(([], 2)), Call(([0], 0)), Call(([-1, 0], 2))]),
    # average negative log-likelihood
    matches_reference(AVERAGE_NLL, "average_negative_log_likelihood matches the reference, inf where θ_x = 0",
                      theta_sample_calls, examples=40,
                      edge_cases=[Call(([0.5, 0.25, 0.25], [0, 1, 1, 2])), Call(([0.25] * 4, [3, 0])),
                                  Call(([1.0, 0.0], [0, 1])), Call(([1.0], [0, 0, 0]))]),
    Property(AVERAGE_NLL, "average_negative_log_likelihood equals the cross-entropy H(p̂, θ)",
             theta_sample_calls, _equals_cross_entropy, examples=25,
             edge_cases=[Call(([0.5, 0.0, 0.5], [0, 1, 2, 2])), Call(([0.1, 0.2, 0.7], [2, 2, 0, 1, 2]))]),
    rejects(AVERAGE_NLL, "average_negative_log_likelihood rejects invalid θ and samples outside 0..K-1",
            st.one_of(st.builds(lambda t: Call((t, [0])), s.not_probability_vectors()),
                      st.builds(lambda xk: Call(([1.0 / xk[1]] * xk[1], xk[0])), bad_samples)), examples=25,
            edge_cases=[Call(([0.5, 0.6], [0])), Call(([1.5, -0.5], [0])), Call(([0.5, 0.5], [2])),
                        Call(([0.5, 0.5], [])), Call(([0.5, 0.5], [0.5]))]),
    # linear regression
    matches_reference(LINEAR, "linear_regression_mle matches least squares and the mean squared residual",
                      regression_calls, examples=30,
                      edge_cases=[Call(([[1, 0], [1, 1], [1, 2]], [1, 3, 5])), Call(([[1], [1], [1]], [1, 2, 3])),
                                  Call(([[1.0], [2.0], [3.0]], [2.0, 4.0, 7.0])), *HARD_REGRESSIONS]),
    Property(LINEAR, "linear_regression_mle residuals are orthogonal to the columns of X", regression_calls,
             _residuals_orthogonal, examples=20, edge_cases=HARD_REGRESSIONS[:3]),
    Property(LINEAR, "linear_regression_mle σ² is the mean squared residual (divides by N)", few_sample_calls,
             _variance_is_mean_square, examples=20, edge_cases=[Call(([[1], [1], [1], [1]], [1.0, 2.0, 4.0, 5.0]))]),
    rejects(LINEAR, "linear_regression_mle rejects X that is not 2-D and y of the wrong length", bad_regressions,
            examples=15,
            edge_cases=[Call(([1.0, 2.0, 3.0], [1.0, 2.0, 3.0])), Call(([[1, 0], [1, 1], [1, 2]], [1, 3]))]),
    # sigmoid
    matches_reference_silently(SIGMOID, "sigmoid matches the reference on scalars and arrays, without warnings",
                               calls(_z_inputs(st.one_of(moderate_z, any_z))), examples=40,
                               edge_cases=[Call((0.0,)), Call((0,)), Call(([-2.0, 2.0],))]),
    matches_reference_silently(SIGMOID, "sigmoid is accurate and silent for |z| up to 1e3",
                               calls(_z_inputs(extreme_z)), examples=25,
                               edge_cases=[Call((-1000.0,)), Call((1000.0,)),
                                           Call((np.array([-1e3, -745.0, -1e-300, 0.0, 1e-300, 745.0, 1e3]),))]),
    Property(SIGMOID, "sigmoid(-z) = 1 - sigmoid(z)", mirror_pairs, _symmetric, examples=20),
    # logistic negative log-likelihood
    matches_reference_silently(NLL, "logistic_nll matches the reference mean cross-entropy loss",
                               _logistic_calls(moderate_logistic), examples=40,
                               edge_cases=[Call(([0.0], [[1.0], [2.0]], [1, 0])),
                                           Call(([1.0, -1.0], [[1.0, 2.0], [1.0, -1.0], [1.0, 0.5]], [1, 0, 0]))]),
    matches_reference_silently(NLL, "logistic_nll is finite, accurate and silent for |x_i·w| up to 1e3",
                               _logistic_calls(extreme_logistic), examples=25,
                               edge_cases=[Call(([1000.0], [[1.0], [1.0]], [1, 0])),
                                           Call(([-1000.0], [[1.0]], [1])), Call(([1000.0], [[1.0]], [1]))]),
    rejects(NLL, "logistic_nll rejects X not 2-D, labels not 0/1, and y or w of the wrong length",
            bad_logistic, examples=20, edge_cases=BAD_LOGISTIC),
    # logistic gradient
    matches_reference(GRADIENT, "logistic_gradient matches (1/N) Xᵀ(σ(Xw) - y)", _logistic_calls(any_logistic),
                      examples=40,
                      edge_cases=[Call(([0.0, 0.0], [[1, 2], [1, -1]], [1, 0])),
                                  Call(([math.log(3)], [[1], [1], [1], [1]], [1, 1, 1, 0])),
                                  Call(([1000.0], [[1.0], [1.0]], [1, 0]))]),
    Property(GRADIENT, "logistic_gradient matches central finite differences of logistic_nll",
             _logistic_calls(moderate_logistic), _matches_finite_differences, examples=20),
    rejects(GRADIENT, "logistic_gradient rejects X not 2-D, labels not 0/1, and y or w of the wrong length",
            bad_logistic, examples=15, edge_cases=BAD_LOGISTIC),
    # fitting logistic regression
    Property(FIT, "fit_logistic_regression finds w where the gradient vanishes (within 1e-6)", fit_calls,
             _gradient_vanishes, examples=16,
             edge_cases=[Call(([[1, -2], [1, -1], [1, 0], [1, 1], [1, 2]], [0, 1, 0, 1, 1])),
                         Call(([[1], [1], [1], [1]], [1, 1, 1, 0])), STRONG_FIT, WIDE_FIT]),
    rejects(FIT, "fit_logistic_regression rejects X not 2-D, labels not 0/1, and y of the wrong length",
            bad_fits, examples=4, edge_cases=BAD_FITS),
]
