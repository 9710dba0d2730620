"""Hidden tests for assignment 2: closed-form maximum likelihood estimates (Lecture §2-§5)."""
import math

import numpy as np
from hypothesis import strategies as st

from autograder import checks, misconceptions
from autograder import strategies as s
from autograder.engine import Call, Property, calls, matches_reference, rejects
from autograder.misconceptions import NOT_APPLICABLE, known

A = "hw2_maximum_likelihood"
BERNOULLI, BINOMIAL, POISSON = f"{A}.bernoulli_mle", f"{A}.binomial_mle", f"{A}.poisson_mle"
LOG_LIKELIHOOD, GAUSSIAN, HESSIAN = f"{A}.gaussian_log_likelihood", f"{A}.gaussian_mle", f"{A}.gaussian_hessian"
MULTINOMIAL = f"{A}.multinomial_mle"
EPS = np.finfo(float).eps


def _floats(x):
    return np.asarray(x, dtype=float)


def _mle(x):
    """(μ̂, σ̂²) as the lecture writes them (two passes: mean, then mean squared deviation)."""
    x = _floats(x)
    mu = float(np.mean(x))
    return mu, float(np.mean((x - mu) ** 2))


def _log_likelihood(x, mu, sigma2):
    from autograder.reference import function
    return function(LOG_LIKELIHOOD)(x, mu, sigma2)


def _hessian(x, mu, sigma2):
    from autograder.reference import function
    return function(HESSIAN)(x, mu, sigma2)


# -- misconceptions -------------------------------------------------------------
@known(BERNOULLI, "Laplace (add-one) smoothing", "Lecture §3",
       "the MLE is the plain fraction of heads Σx / N; pseudo-counts give a Bayesian estimate, not the MLE")
def _bernoulli_laplace(x):
    x = _floats(x)
    return (x.sum() + 1.0) / (x.size + 2.0)


@known(BERNOULLI, "the fraction of tails instead of heads", "Lecture §2",
       "θ = P(X = 1): the MLE is the fraction of ones")
def _bernoulli_tails(x):
    return 1.0 - float(np.mean(_floats(x)))


@known(BERNOULLI, "the number of heads instead of their fraction", "Lecture §2-§3",
       "θ̂ is a probability: divide the number of heads by the number of tosses N")
def _bernoulli_count(x):
    return float(np.sum(_floats(x)))


@known(BINOMIAL, "dividing by M instead of M·n (the mean number of heads per experiment)", "Lecture §2",
       "θ̂ = Σ heads / (M·n): divide by all the tosses, M experiments of n tosses each")
def _binomial_by_m(heads, n):
    return float(np.sum(_floats(heads)) / len(heads))


@known(BINOMIAL, "dividing by n only", "Lecture §2",
       "θ̂ = Σ heads / (M·n): there are M experiments of n tosses each, M·n tosses in all")
def _binomial_by_n(heads, n):
    return float(np.sum(_floats(heads)) / n)


@known(BINOMIAL, "Laplace (add-one) smoothing", "Lecture §3",
       "the MLE is Σ heads / (M·n); pseudo-counts give a Bayesian estimate, not the MLE")
def _binomial_laplace(heads, n):
    return float((np.sum(_floats(heads)) + 1.0) / (len(heads) * n + 2.0))


@known(POISSON, "the variance of the counts instead of their mean", "Lecture §2",
       "λ is the mean rate: dLL/dλ = Σk/λ − N = 0 gives λ̂ = Σk / N")
def _poisson_variance(counts):
    return float(np.var(_floats(counts)))


@known(POISSON, "dividing by N − 1", "Lecture §2",
       "dLL/dλ = Σk/λ − N = 0 gives λ̂ = Σk / N, the plain mean (N − 1 belongs to the unbiased variance)")
def _poisson_n_minus_1(counts):
    counts = _floats(counts)
    if counts.size < 2:
        return NOT_APPLICABLE  # one count: no N - 1 version
    return float(np.sum(counts) / (counts.size - 1))


@known(LOG_LIKELIHOOD, "a missing minus sign", "Lecture §4",
       "LL = −N/2 log(2πσ²) − Σ(x_i − μ)² / (2σ²): the squared deviations lower the likelihood")
def _ll_sign(x, mu, sigma2):
    return -_log_likelihood(x, mu, sigma2)


@known(LOG_LIKELIHOOD, "dropping the −N/2 log(2πσ²) term", "Lecture §4",
       "the normalising term depends on σ²: keep −N/2 log(2πσ²), or σ² → ∞ would look best")
def _ll_no_normaliser(x, mu, sigma2):
    return float(-np.sum((_floats(x) - mu) ** 2) / (2 * sigma2))


@known(LOG_LIKELIHOOD, "dropping the constant −N/2 log(2π)", "Lecture §4",
       "the function must return the log-likelihood itself: −N/2 log(2πσ²), 2π included")
def _ll_no_two_pi(x, mu, sigma2):
    return _log_likelihood(x, mu, sigma2) + 0.5 * len(x) * math.log(2 * math.pi)


@known(LOG_LIKELIHOOD, "using σ instead of σ² (sigma2 read as the standard deviation)", "Lecture §4",
       "the argument is the variance σ²: N(x | μ, σ²) = exp(−(x − μ)² / (2σ²)) / sqrt(2πσ²)")
def _ll_sigma(x, mu, sigma2):
    return _log_likelihood(x, mu, sigma2 ** 2)


@known(LOG_LIKELIHOOD, "a missing 1/2 in the quadratic term", "Lecture §4",
       "the exponent of the Gaussian is −(x − μ)² / (2σ²), so LL has −Σ(x_i − μ)² / (2σ²)")
def _ll_no_half(x, mu, sigma2):
    x = _floats(x)
    return float(-0.5 * x.size * math.log(2 * math.pi * sigma2) - np.sum((x - mu) ** 2) / sigma2)


@known(LOG_LIKELIHOOD, "the log of a product of densities, which underflows (or overflows)", "Lecture §4",
       "take the log first: LL = −N/2 log(2πσ²) − Σ(x_i − μ)² / (2σ²) is a sum, finite for any N")
def _ll_product(x, mu, sigma2):
    x = _floats(x)
    densities = np.exp(-(x - mu) ** 2 / (2 * sigma2)) / np.sqrt(2 * np.pi * sigma2)
    return float(np.log(np.prod(densities)))


@known(GAUSSIAN, "the N−1 (unbiased) variance", "Lecture §4",
       "the MLE of the variance divides by N, not N − 1: it is biased, and it is what maximises the likelihood")
def _gaussian_unbiased(x):
    x = _floats(x)
    if x.size < 2:
        return NOT_APPLICABLE  # one sample: no N - 1 variance
    mu, sigma2 = _mle(x)
    return mu, sigma2 * x.size / (x.size - 1)


@known(GAUSSIAN, "returning the standard deviation instead of the variance", "Lecture §3-§4",
       "return σ̂² = (1/N) Σ(x_i − μ̂)²; σ̂ = sqrt(σ̂²) is the MLE of another parameter (invariance)")
def _gaussian_std(x):
    mu, sigma2 = _mle(x)
    return mu, math.sqrt(sigma2)


@known(GAUSSIAN, "the pair in the wrong order, (σ², μ)", "Lecture §4",
       "return the tuple (mu, sigma2): the mean first, then the variance")
def _gaussian_swapped(x):
    mu, sigma2 = _mle(x)
    return sigma2, mu


@known(GAUSSIAN, "the one-pass formula E[x²] − x̄², which cancels catastrophically", "Lecture §4",
       "compute σ̂² = (1/N) Σ(x_i − μ̂)² from the deviations; E[x²] − x̄² subtracts two nearly equal numbers "
       "when |x̄| is much larger than the spread")
def _gaussian_one_pass(x):
    x = _floats(x)
    mu = float(np.mean(x))
    return mu, float(np.mean(x ** 2) - mu ** 2)


@known(HESSIAN, "the sign flipped (the Hessian of −LL)", "Lecture §4",
       "differentiate LL itself: ∂²LL/∂μ² = −N/σ² is negative, and at a maximum the Hessian is negative definite")
def _hessian_sign(x, mu, sigma2):
    return -_hessian(x, mu, sigma2)


@known(HESSIAN, "leaving out the off-diagonal term", "Lecture §4",
       "∂²LL/∂μ∂σ² = −Σ(x_i − μ)/σ⁴ vanishes only at the MLE; at any other μ it does not")
def _hessian_diagonal(x, mu, sigma2):
    return np.diag(np.diag(_hessian(x, mu, sigma2)))


@known(HESSIAN, "∂²LL/∂(σ²)² missing the −Σ(x_i − μ)²/σ⁶ term", "Lecture §4",
       "∂²LL/∂(σ²)² = N/(2σ⁴) − Σ(x_i − μ)²/σ⁶: the quadratic term depends on σ² too")
def _hessian_no_sixth_power(x, mu, sigma2):
    hessian = _hessian(x, mu, sigma2)
    hessian[1, 1] = len(x) / (2 * sigma2 ** 2)
    return hessian


@known(HESSIAN, "the Hessian at the MLE, diag(−N/σ², −N/(2σ⁴)), used at every point", "Lecture §4",
       "that form holds only at (μ̂, σ̂²); at any other (μ, σ²) use the general second derivatives")
def _hessian_at_mle_everywhere(x, mu, sigma2):
    n = len(x)
    return np.array([[-n / sigma2, 0.0], [0.0, -n / (2 * sigma2 ** 2)]])


@known(HESSIAN, "∂²LL/∂μ∂σ² with 1/σ² instead of 1/σ⁴", "Lecture §4",
       "∂LL/∂μ = Σ(x_i − μ)/σ², and differentiating 1/σ² by σ² gives −1/σ⁴: ∂²LL/∂μ∂σ² = −Σ(x_i − μ)/σ⁴")
def _hessian_off_diagonal_power(x, mu, sigma2):
    hessian = _hessian(x, mu, sigma2)
    hessian[0, 1] = hessian[1, 0] = -float(np.sum(_floats(x) - mu)) / sigma2
    return hessian


@known(HESSIAN, "∂²LL/∂(σ²)² with Σ(x_i − μ)²/σ⁴ instead of /σ⁶", "Lecture §4",
       "∂LL/∂σ² has Σ(x_i − μ)²/(2σ⁴); differentiating again gives −Σ(x_i − μ)²/σ⁶")
def _hessian_fourth_power(x, mu, sigma2):
    hessian = _hessian(x, mu, sigma2)
    hessian[1, 1] = len(x) / (2 * sigma2 ** 2) - float(np.sum((_floats(x) - mu) ** 2)) / sigma2 ** 2
    return hessian


@known(MULTINOMIAL, "Laplace (add-one) smoothing", "Lecture §5",
       "θ̂_k = n_k / N: an outcome never seen gets probability 0; pseudo-counts are not the MLE")
def _multinomial_laplace(counts):
    counts = _floats(counts)
    return (counts + 1.0) / (counts.sum() + counts.size)


@known(MULTINOMIAL, "returning the counts unnormalised", "Lecture §5",
       "divide by N = Σ_k n_k (the multiplier λ = N) so that θ̂ sums to 1")
def _multinomial_counts(counts):
    return _floats(counts)


@known(MULTINOMIAL, "dividing by the number of outcomes K instead of N", "Lecture §5",
       "the multiplier is λ = N = Σ_k n_k, the number of observations, not the number of outcomes")
def _multinomial_by_k(counts):
    counts = _floats(counts)
    return counts / counts.size


@known(BERNOULLI, "dividing by N − 1", "Lecture §2-§3",
       "dLL/dθ = 0 gives θ̂ = Σx / N, the plain fraction of heads (N − 1 belongs to the unbiased variance)")
def _bernoulli_n_minus_1(x):
    x = _floats(x)
    if x.size < 2:
        return NOT_APPLICABLE  # one toss: no N - 1 version
    return float(x.sum() / (x.size - 1))


@known(MULTINOMIAL, "dividing by N − 1", "Lecture §5",
       "θ̂_k = n_k / N with N = Σ_k n_k (the multiplier λ = N), so that θ̂ sums to 1")
def _multinomial_n_minus_1(counts):
    counts = _floats(counts)
    if counts.sum() < 2:
        return NOT_APPLICABLE  # one observation: no N - 1 version
    return counts / (counts.sum() - 1)


@known(LOG_LIKELIHOOD, "the average log-likelihood (divided by N)", "Lecture §4",
       "the log-likelihood is the sum over the N samples, N times the average")
def _ll_average(x, mu, sigma2):
    if len(x) < 2:
        return NOT_APPLICABLE  # N = 1: the sum is the average
    return _log_likelihood(x, mu, sigma2) / len(x)


# -- strategies ------------------------------------------------------------------
def _sized(small, large):
    """Mostly small inputs (readable, fast), now and then N in the thousands."""
    return st.one_of(small, small, large)


def _rng(seed):
    return np.random.default_rng(seed)


# coin tosses: 0/1 as ints, bools or floats
_small_bits = st.lists(st.integers(0, 1), min_size=1, max_size=12).map(np.array)
_large_bits = st.tuples(s.seeds(), st.integers(13, 3000), st.sampled_from((0.0, 0.01, 0.5, 0.9, 1.0))).map(
    lambda a: (_rng(a[0]).random(a[1]) < a[2]).astype(int))
tosses = s.containers(st.tuples(_sized(_small_bits, _large_bits), st.sampled_from((bool, int, float))).map(
    lambda a: a[0].astype(a[1])))
NOT_A_TOSS = (2, -1, 0.5, 0.25, 10, math.nan, math.inf, -math.inf)


def _insert(pair):
    """Put one bad value into a list of valid ones; numpy picks the dtype (ints stay ints)."""
    values, index, bad = pair
    values = list(values)
    values.insert(index % (len(values) + 1), bad)
    return np.array(values)


bad_tosses = s.containers(st.tuples(st.lists(st.integers(0, 1), max_size=8), st.integers(0, 8),
                                    st.sampled_from(NOT_A_TOSS)).map(_insert))


def _not_vectors(valid):
    """Empty input, or valid values arranged as a 2-D array or nested lists."""
    empty = st.sampled_from(([], (), np.zeros(0), np.zeros(0, dtype=int)))
    two_d = st.tuples(valid, st.sampled_from(("column", "row", "lists"))).map(_two_d)
    return st.one_of(empty, two_d)


def _two_d(pair):
    values, how = pair
    values = np.asarray(values)
    if how == "column":
        return values.reshape(-1, 1)
    if how == "row":
        return values.reshape(1, -1)
    return [values.tolist(), values.tolist()]


# binomial experiments: M experiments of n tosses, heads in {0..n}
_small_binomial = st.integers(1, 20).flatmap(
    lambda n: st.tuples(st.lists(st.integers(0, n), min_size=1, max_size=10).map(np.array), st.just(n)))
_large_binomial = st.tuples(s.seeds(), st.integers(11, 3000), st.sampled_from((1, 2, 10, 1000, 10**6)),
                            st.sampled_from((0.0, 0.001, 0.3, 0.5, 1.0))).map(
    lambda a: (_rng(a[0]).binomial(a[2], a[3], a[1]), a[2]))
experiments = st.tuples(_sized(_small_binomial, _large_binomial), st.sampled_from((int, float)),
                        st.sampled_from(("array", "list", "tuple"))).map(
    lambda a: Call((s._as_container((a[0][0].astype(a[1]), a[2])), a[0][1])))


def _bad_heads(args):
    (heads, n), index, how = args
    bad = {"over": n + 1, "far over": n + 7, "negative": -1, "fraction": 0.5, "half over": n + 0.5,
           "nan": math.nan, "inf": math.inf}[how]
    return Call((_insert((heads.tolist(), index, bad)), n))


bad_heads = st.tuples(_small_binomial, st.integers(0, 10),
                      st.sampled_from(("over", "far over", "negative", "fraction", "half over", "nan", "inf"))).map(
    _bad_heads)
bad_n = calls(st.lists(st.integers(0, 1), min_size=1, max_size=6),
              st.sampled_from((0, -1, -10, 0.5, 2.5, math.nan, math.inf, -math.inf)))

# counts: Poisson observations and multinomial outcome counts
_small_counts = st.one_of(st.lists(st.integers(0, 20), min_size=1, max_size=12),
                          st.integers(1, 12).map(lambda n: [0] * n)).map(np.array)
_large_counts = st.tuples(s.seeds(), st.integers(13, 3000), st.sampled_from((0.0, 0.01, 1.0, 7.5, 1e3, 1e6))).map(
    lambda a: _rng(a[0]).poisson(a[2], a[1]))
poisson_counts = s.containers(st.tuples(_sized(_small_counts, _large_counts), st.sampled_from((int, float))).map(
    lambda a: a[0].astype(a[1])))
NOT_A_COUNT = (-1, -7, 0.5, 2.5, math.nan, math.inf, -math.inf)
bad_counts = s.containers(st.tuples(st.lists(st.integers(0, 9), max_size=8), st.integers(0, 8),
                                    st.sampled_from(NOT_A_COUNT)).map(_insert))
outcome_counts = s.containers(st.tuples(s.count_arrays(1, 30, min_total=1), st.sampled_from((int, float))).map(
    lambda a: a[0].astype(a[1])))
zero_counts = s.containers(st.tuples(st.integers(1, 30), st.sampled_from((int, float))).map(
    lambda a: np.zeros(a[0], dtype=a[1])))

# Gaussian samples, badly scaled on purpose, and points (μ, σ²) at and away from the MLE
samples = _sized(s.finite_samples(max_n=10), s.finite_samples())
sigma2s = st.one_of(st.sampled_from((1e-3, 1.0, 1e3)), st.floats(-3.0, 3.0).map(lambda e: 10.0 ** e))
OFFSETS = (-10.0, -1.0, -0.5, 0.5, 1.0, 3.0)   # μ − μ̂ in units of the data's spread
FACTORS = (None, None, 0.01, 0.5, 2.0, 10.0)   # σ² / σ̂², None: σ² drawn on its own


def _at_mle(x):
    mu, sigma2 = _mle(x)
    return x, mu, sigma2


def _away(args):
    """A point away from the MLE: μ a few spreads off (never within rounding of μ̂), σ² from 1e-3 to 1e3 or σ̂²·f."""
    x, offset, sigma2, factor = args
    mu_hat, sigma2_hat = _mle(x)
    spread = max(math.sqrt(sigma2_hat), 1e-3 * abs(mu_hat), 1e-3)
    if factor is not None and sigma2_hat >= 1e-8:
        sigma2 = sigma2_hat * factor
    return x, mu_hat + offset * spread, float(sigma2)


def _spread_ok(point):
    """σ̂² (or σ²) in a range where σ⁴ and σ⁶ are ordinary floats: no underflow to blame."""
    return 1e-8 <= point[2] <= 1e8


def _ll_well_conditioned(point):
    """The two terms of LL do not cancel to rounding noise (assume, rather than loosen the tolerance)."""
    x, mu, sigma2 = point
    normaliser = -0.5 * x.size * math.log(2 * math.pi * sigma2)
    quadratic = 0.5 * float(np.sum((x - mu) ** 2)) / sigma2
    return abs(normaliser - quadratic) >= 1e-6 * (abs(normaliser) + quadratic)


def _hessian_well_conditioned(point):
    """∂²LL/∂(σ²)² = (N/2 − Σ(x − μ)²/σ²)/σ⁴ is not a difference of nearly equal terms."""
    x, mu, sigma2 = point
    n, ratio = x.size / 2, float(np.sum((x - mu) ** 2)) / sigma2
    return abs(n - ratio) >= 1e-6 * (n + ratio)


def _quiet_at_mle(point):
    """At the MLE, Σ(x_i − μ̂) is rounding noise; keep data where that noise over σ̂⁴ is far below the tolerance."""
    x, _, sigma2 = point
    return sigma2 > 0 and x.size * EPS * float(np.max(np.abs(x))) * 10 / sigma2 ** 2 <= 1e-10


def _as_call(point_and_kind):
    (x, mu, sigma2), kind = point_and_kind
    return Call((s._as_container((x, kind)), mu, sigma2))


def _point_calls(points):
    return st.tuples(points, st.sampled_from(("array", "list", "tuple"))).map(_as_call)


away_points = st.tuples(samples, st.sampled_from(OFFSETS), sigma2s, st.sampled_from(FACTORS)).map(_away)
mle_points = samples.map(_at_mle).filter(_spread_ok)
ll_away = st.tuples(samples, st.sampled_from((0.0,) + OFFSETS), sigma2s, st.sampled_from(FACTORS)).map(_away)
ll_points = st.one_of(ll_away, ll_away, mle_points).filter(_ll_well_conditioned)
hessian_points = st.one_of(away_points, away_points, mle_points.filter(_quiet_at_mle)).filter(
    _hessian_well_conditioned)
spread_samples = samples.filter(lambda x: _spread_ok(_at_mle(x)))


def _ll_around_mle(args):
    """LL at the MLE first, then at points around it: μ̂ ± a fraction of σ̂, σ̂² scaled."""
    x, kind = args
    mu, sigma2 = _mle(x)
    sigma = math.sqrt(sigma2)
    shown = s._as_container((x, kind))
    points = [(mu, sigma2), (mu + 0.5 * sigma, sigma2), (mu, 2.0 * sigma2), (mu - sigma, 0.5 * sigma2)]
    return tuple(Call((shown, m, v)) for m, v in points)


NOT_FINITE = (math.nan, math.inf, -math.inf)
non_finite_samples = st.tuples(st.lists(st.floats(-1e3, 1e3), max_size=8), st.integers(0, 8),
                               st.sampled_from(NOT_FINITE)).map(_insert)
NOT_A_VARIANCE = (0.0, -0.0, -1.0, -1e-3, -1e300) + NOT_FINITE
small_samples = s.containers(s.finite_samples(max_n=8))


def _point_rejects(qualname, title):
    """The three kinds of invalid input of gaussian_log_likelihood and gaussian_hessian."""
    return [
        rejects(qualname, f"{title} rejects σ² <= 0 (and σ² that is not a finite number)",
                calls(small_samples, st.floats(-1e3, 1e3), st.sampled_from(NOT_A_VARIANCE)),
                edge_cases=[Call(([1.0, 2.0], 1.5, 0.0)), Call(([1.0], 0.0, -1.0))]),
        rejects(qualname, f"{title} rejects non-finite samples (and a non-finite μ)",
                st.one_of(calls(s.containers(non_finite_samples), st.floats(-1e3, 1e3), sigma2s),
                          calls(small_samples, st.sampled_from(NOT_FINITE), sigma2s)),
                edge_cases=[Call(([1.0, math.nan], 0.0, 1.0))]),
        rejects(qualname, f"{title} rejects empty samples and 2-D arrays",
                calls(_not_vectors(s.finite_samples(max_n=6)), st.floats(-1e3, 1e3), sigma2s),
                edge_cases=[Call(([], 0.0, 1.0))]),
    ]


# -- lecture properties -------------------------------------------------------------
def _number(got):
    """``got`` as a float array of shape (), or NaN when it is not one number."""
    try:
        value = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        return np.array(math.nan)
    return value if value.shape == () else np.array(math.nan)


def _is_sample_mean(qualname, calls_, outcomes):
    """Lecture §2-§3: the Bernoulli and Poisson MLEs are the sample mean, Σx / N."""
    (call,), (outcome,) = calls_, outcomes
    name = qualname.split(".")[1]
    mean = float(np.mean(_floats(call.args[0])))
    got = checks.returned(call.show(name), outcome, f"the sample mean {mean!r}")
    checks.expect(checks.close(_number(got), mean), call.show(name),
                  f"the sample mean Σx / N = {mean!r} (Lecture §2-§3: set dLL/dθ = 0)", got,
                  lambda: misconceptions.explain(qualname, call, got, checks.close))


def _is_probability_vector(qualname, calls_, outcomes):
    """Lecture §5: θ̂ = n / N satisfies the constraint Σ θ_k = 1 with θ_k >= 0."""
    (call,), (outcome,) = calls_, outcomes
    k = len(call.args[0])
    claim = f"a probability vector of length K = {k}: 1-D, finite, non-negative, summing to 1 (Lecture §5)"
    got = checks.returned(call.show("multinomial_mle"), outcome, claim)
    try:
        theta = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        theta = np.array(math.nan)
    ok = (theta.shape == (k,) and bool(np.all(np.isfinite(theta))) and bool(np.all(theta >= 0))
          and abs(float(np.sum(theta)) - 1.0) <= 1e-6)
    checks.expect(ok, call.show("multinomial_mle"), claim, got,
                  lambda: misconceptions.explain(qualname, call, got, checks.close))


def _mle_maximises(qualname, calls_, outcomes):
    """Lecture §3-§4: LL at the returned (μ, σ²) is at least LL at any other (μ, σ²), the MLE among them."""
    (call,), (outcome,) = calls_, outcomes
    x, shown = call.args[0], call.show("gaussian_mle")
    got = checks.returned(shown, outcome, "a pair (mu, sigma2) with the largest log-likelihood")
    try:
        mu, sigma2 = (float(v) for v in got)
    except (TypeError, ValueError):
        mu, sigma2 = math.nan, math.nan
    def explained():
        return misconceptions.explain(qualname, call, got, checks.close)
    checks.expect(math.isfinite(mu) and math.isfinite(sigma2) and sigma2 > 0, shown,
                  "a pair (mu, sigma2) of finite numbers with sigma2 > 0 (here N >= 2 and the samples differ)",
                  got, explained)
    ours = _log_likelihood(x, mu, sigma2)
    mu_hat, sigma2_hat = _mle(x)
    sigma_hat = math.sqrt(sigma2_hat)
    for m, v in ((mu_hat, sigma2_hat), (mu_hat + 1e-3 * sigma_hat, sigma2_hat), (mu_hat, 1.001 * sigma2_hat),
                 (mu_hat - 0.1 * sigma_hat, 0.9 * sigma2_hat)):
        other = _log_likelihood(x, m, v)
        checks.expect(ours >= other - (checks.ATOL + checks.RTOL * abs(other)), shown,
                      "the (μ, σ²) with the largest log-likelihood (Lecture §3: the MLE maximises LL)", got,
                      lambda: [f"  LL(x, {mu!r}, {sigma2!r}) = {ours!r}, but LL(x, {m!r}, {v!r}) = {other!r} "
                               "is larger", *explained()])


def _largest_at_mle(qualname, calls_, outcomes):
    """Lecture §4: LL(μ̂, σ̂²) >= LL(μ, σ²) at every other point."""
    name = "gaussian_log_likelihood"
    values = []
    for call, outcome in zip(calls_, outcomes):
        got = checks.returned(call.show(name), outcome, "a finite log-likelihood")
        value = _number(got)
        checks.expect(bool(np.isfinite(value)), call.show(name),
                      "a finite log-likelihood (finite samples, σ² > 0; Lecture §4)", got,
                      lambda: misconceptions.explain(qualname, call, got, checks.close))
        values.append((got, float(value)))
    (first, at_mle), shown = values[0], calls_[0].show(name)
    for call, (got, other) in zip(calls_[1:], values[1:]):
        checks.expect(at_mle >= other - (checks.ATOL + checks.RTOL * abs(other)), shown,
                      lambda: f"at least {call.show(name)} = {checks.show(got)}: LL is largest at the MLE "
                              "(μ̂, σ̂²) (Lecture §4)", first, lambda: misconceptions.explain(qualname, calls_[0], first, checks.close))


def _diagonal_at_mle(qualname, calls_, outcomes):
    """Lecture §4: at the MLE the Hessian is diag(−N/σ̂², −N/(2σ̂⁴)), negative definite."""
    (call,), (outcome,) = calls_, outcomes
    x, _, sigma2 = call.args
    n, shown = len(x), call.show("gaussian_hessian")
    expected = np.array([[-n / sigma2, 0.0], [0.0, -n / (2 * sigma2 ** 2)]])
    got = checks.returned(shown, outcome, checks.Lazy(checks.show, expected))
    def explained():
        return misconceptions.explain(qualname, call, got, checks.close)
    checks.expect(checks.close(got, expected), shown,
                  lambda: f"diag(−N/σ², −N/(2σ⁴)) = {checks.show(expected)} at the MLE (Lecture §4)", got, explained)
    h = np.asarray(got, dtype=float)
    checks.expect(h[0, 0] < 0 and h[0, 0] * h[1, 1] - h[0, 1] * h[1, 0] > 0, shown,
                  "a negative definite matrix at the MLE: a maximum (Lecture §4)", got, explained)


def _symmetric(qualname, calls_, outcomes):
    """∂²LL/∂μ∂σ² = ∂²LL/∂σ²∂μ: the Hessian is a symmetric 2×2 matrix."""
    (call,), (outcome,) = calls_, outcomes
    shown = call.show("gaussian_hessian")
    got = checks.returned(shown, outcome, "a symmetric 2×2 matrix")
    try:
        h = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        h = np.array(math.nan)
    checks.expect(h.shape == (2, 2) and checks.close(h[1, 0], h[0, 1]), shown,
                  "a symmetric 2×2 matrix: ∂²LL/∂μ∂σ² = ∂²LL/∂σ²∂μ (Lecture §4)", got)


PROPERTIES = [
    # bernoulli_mle
    matches_reference(BERNOULLI, "bernoulli_mle matches the fraction of heads on ints, bools and floats",
                      calls(tosses), examples=40,
                      edge_cases=[Call(([1, 1, 0, 1],)), Call(([True, False, False, False],)), Call(([0, 0, 0],)),
                                  Call((np.array([1.0]),))]),
    Property(BERNOULLI, "bernoulli_mle equals the sample mean of the tosses", calls(tosses), _is_sample_mean,
             examples=20),
    rejects(BERNOULLI, "bernoulli_mle rejects tosses other than 0 and 1", calls(bad_tosses),
            edge_cases=[Call(([0, 1, 2],)), Call(([0.5],))]),
    rejects(BERNOULLI, "bernoulli_mle rejects empty tosses and 2-D arrays", calls(_not_vectors(_small_bits)),
            edge_cases=[Call(([],))]),
    # binomial_mle
    matches_reference(BINOMIAL, "binomial_mle matches Σ heads / (M·n) for M experiments of n tosses",
                      experiments, examples=40,
                      edge_cases=[Call(([3, 5, 4], 10)), Call(([7],), {"n": 10}), Call(([1, 1, 0, 1], 1)),
                                  Call(([0, 0], 5)), Call(([5, 5], 5))]),
    rejects(BINOMIAL, "binomial_mle rejects heads outside {0..n} or not whole numbers", bad_heads, examples=25,
            edge_cases=[Call(([3, 11], 10)), Call(([1, 2.5], 3))]),
    rejects(BINOMIAL, "binomial_mle rejects n < 1 and n that is not a whole number", bad_n,
            edge_cases=[Call(([0, 0], 0))]),
    rejects(BINOMIAL, "binomial_mle rejects empty heads and 2-D arrays",
            st.builds(lambda h: Call((h, 20)), _not_vectors(st.lists(st.integers(0, 20), min_size=1, max_size=6))),
            edge_cases=[Call(([], 10))]),
    # poisson_mle
    matches_reference(POISSON, "poisson_mle matches the mean count, all-zero counts included",
                      calls(poisson_counts), examples=40,
                      edge_cases=[Call(([2, 0, 3, 1],)), Call(([0, 0, 0],)), Call((np.array([3.0, 1.0]),)),
                                  Call(([4],))]),
    Property(POISSON, "poisson_mle equals the sample mean of the counts", calls(poisson_counts), _is_sample_mean,
             examples=20),
    rejects(POISSON, "poisson_mle rejects negative, fractional or non-finite counts", calls(bad_counts),
            edge_cases=[Call(([2, -1],)), Call(([2, 2.5],))]),
    rejects(POISSON, "poisson_mle rejects empty counts and 2-D arrays", calls(_not_vectors(_small_counts)),
            edge_cases=[Call(([],))]),
    # gaussian_log_likelihood
    matches_reference(LOG_LIKELIHOOD, "gaussian_log_likelihood matches the reference at and away from the MLE",
                      _point_calls(ll_points), examples=40,
                      edge_cases=[Call(([1.0, 2.0, 3.0], 2.0, 4.0)), Call(([0.0], 0.0, 1.0)),
                                  Call(([1.0, 2.0, 3.0], 2.5, 2 / 3)), Call((np.linspace(-3.0, 3.0, 2001), 0.0, 1.0))]),
    Property(LOG_LIKELIHOOD, "gaussian_log_likelihood is largest at the MLE (μ̂, σ̂²)",
             st.tuples(spread_samples, st.sampled_from(("array", "list", "tuple"))).map(_ll_around_mle),
             _largest_at_mle, examples=15, edge_cases=[_ll_around_mle((np.array([1.0, 2.0, 3.0, 4.0]), "list"))]),
    *_point_rejects(LOG_LIKELIHOOD, "gaussian_log_likelihood"),
    # gaussian_mle
    matches_reference(GAUSSIAN, "gaussian_mle matches (mean, variance dividing by N) on badly scaled samples",
                      calls(s.containers(samples)), examples=40,
                      edge_cases=[Call(([1.0, 2.0, 3.0, 4.0],)), Call(([7.0],)), Call(([0.3, -1.2, 2.5, 0.7],)),
                                  Call((np.array([1e6 + 1e-3, 1e6 - 1e-3, 1e6]),)),
                                  Call((1e6 + 1e-3 * np.random.default_rng(5).standard_normal(3000),))]),
    Property(GAUSSIAN, "gaussian_mle maximises the log-likelihood: no other (μ, σ²) does better",
             calls(s.containers(spread_samples)), _mle_maximises, examples=25,
             edge_cases=[Call(([1.0, 2.0, 3.0, 4.0],)), Call(([0.0, 1.0],))]),
    rejects(GAUSSIAN, "gaussian_mle rejects non-finite samples", calls(s.containers(non_finite_samples)),
            edge_cases=[Call(([1.0, math.inf],))]),
    rejects(GAUSSIAN, "gaussian_mle rejects empty samples and 2-D arrays",
            calls(_not_vectors(s.finite_samples(max_n=6))),
            edge_cases=[Call(([],))]),
    # gaussian_hessian
    matches_reference(HESSIAN, "gaussian_hessian matches the reference at and away from the MLE",
                      _point_calls(hessian_points), examples=40,
                      edge_cases=[Call(([1.0, 2.0, 3.0, 4.0], 2.5, 1.25)), Call(([0.0, 2.0], 0.0, 1.0)),
                                  Call(([1.0, 2.0, 3.0], 0.0, 1e-3)), Call(([5.0], 4.0, 1e3))]),
    Property(HESSIAN, "gaussian_hessian at the MLE is diag(−N/σ², −N/(2σ⁴)), negative definite",
             _point_calls(mle_points.filter(_quiet_at_mle)),
             _diagonal_at_mle, examples=25, edge_cases=[Call(([1.0, 2.0, 3.0, 4.0], 2.5, 1.25))]),
    Property(HESSIAN, "gaussian_hessian is a symmetric 2×2 matrix", _point_calls(away_points), _symmetric,
             examples=20),
    *_point_rejects(HESSIAN, "gaussian_hessian"),
    # multinomial_mle
    matches_reference(MULTINOMIAL, "multinomial_mle matches n_k / N, outcomes never seen included",
                      calls(outcome_counts), examples=40,
                      edge_cases=[Call(([2, 3, 5],)), Call(([0, 1, 1, 2, 0, 0],)), Call(([5],)),
                                  Call((np.array([0.0, 4.0]),)), Call(([0, 1, 0],))]),
    Property(MULTINOMIAL, "multinomial_mle returns a probability vector", calls(outcome_counts),
             _is_probability_vector, examples=20),
    rejects(MULTINOMIAL, "multinomial_mle rejects negative, fractional or non-finite counts", calls(bad_counts),
            edge_cases=[Call(([1, -1, 2],)), Call(([0.5, 1],))]),
    rejects(MULTINOMIAL, "multinomial_mle rejects counts that are all 0", calls(zero_counts),
            edge_cases=[Call(([0, 0, 0],))]),
    rejects(MULTINOMIAL, "multinomial_mle rejects empty counts and 2-D arrays", calls(_not_vectors(_small_counts)),
            edge_cases=[Call(([],))]),
]
