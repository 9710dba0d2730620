"""Hidden tests for assignment 3: the maximum-likelihood die, by Lagrange multipliers (Lecture §5)."""
import math

import numpy as np
from hypothesis import strategies as st

from autograder import checks, misconceptions
from autograder import strategies as s
from autograder.engine import Call, Property, calls, matches_reference, rejects
from autograder.misconceptions import NOT_APPLICABLE, known

A = "hw3_lagrange_die"
COUNTS, LOGLIK, LAGRANGIAN = f"{A}.counts_from_rolls", f"{A}.die_log_likelihood", f"{A}.lagrangian"
GRADIENT, STATIONARY, NUMERICAL = f"{A}.lagrangian_gradient", f"{A}.stationary_point", f"{A}.numerical_mle"
NUMERICAL_ATOL = 1e-4  # COURSE_SPEC.md: numerical_mle is graded within an absolute 1e-4 of n/N


def _n(counts):
    return np.asarray(counts, dtype=float)


def _faces(rolls):
    return np.asarray(rolls, dtype=float).astype(np.int64).reshape(-1)


# -- misconceptions -------------------------------------------------------------
@known(COUNTS, "faces counted from 0 instead of 1 (the counts are shifted by one face)", "Lecture §5",
       "face k is stored at index k - 1: count the faces 1..K, e.g. np.bincount(rolls - 1, minlength=K)")
def _counts_zero_based(rolls, n_sides=6):
    return np.bincount(_faces(rolls), minlength=n_sides)


@known(COUNTS, "faces counted from 0 instead of 1 (the counts are shifted by one face)", "Lecture §5",
       "face k is stored at index k - 1, and the faces run from 1 to K, not from 0 to K - 1")
def _counts_zero_to_k_minus_one(rolls, n_sides=6):
    faces = _faces(rolls).tolist()
    return np.array([faces.count(k) for k in range(n_sides)])


@known(COUNTS, "forgetting the faces above the highest roll (np.bincount without minlength)", "Lecture §5",
       "the result has one entry per face, K in all, even for faces nobody rolled: pass minlength=K")
def _counts_no_minlength(rolls, n_sides=6):
    return np.bincount(_faces(rolls) - 1)


@known(COUNTS, "counting only the faces that were rolled (np.unique drops the zero counts)", "Lecture §5",
       "every face 1..K gets an entry, n_k = 0 for a face never rolled")
def _counts_unique(rolls, n_sides=6):
    return np.unique(_faces(rolls), return_counts=True)[1]


@known(COUNTS, "np.histogram with n_sides bins (its bins span the data's range, not the faces 1..K)", "Lecture §5",
       "n_k counts the rolls equal to k: one bin per face, np.bincount(rolls - 1, minlength=K)")
def _counts_histogram(rolls, n_sides=6):
    return np.histogram(_faces(rolls), bins=n_sides)[0]


@known(LOGLIK, "0·log 0 giving NaN instead of 0", "Lecture §7",
       "by convention 0·log 0 = 0: a face never rolled adds nothing, so sum over the faces with n_k > 0")
def _loglik_nan(theta, counts):
    return float(np.sum(_n(counts) * np.log(_n(theta))))


@known(LOGLIK, "the log-likelihood without the counts, Σ_k log θ_k", "Lecture §5",
       "each face contributes n_k log θ_k: weight log θ_k by the number of rolls showing face k")
def _loglik_unweighted(theta, counts):
    return float(np.sum(np.log(_n(theta))))


@known(LOGLIK, "the log of the likelihood product, which underflows to 0 and gives -inf", "Lecture §4",
       "take logs first: Σ_k n_k log θ_k stays finite where the product Π_k θ_k^n_k underflows")
def _loglik_product(theta, counts):
    return float(np.log(np.prod(_n(theta) ** _n(counts))))


@known(LOGLIK, "the average log-likelihood (divided by N)", "Lecture §7",
       "the log-likelihood is the sum Σ_k n_k log θ_k, N times the average")
def _loglik_average(theta, counts):
    from autograder.reference import function
    return function(LOGLIK)(theta, counts) / _n(counts).sum()


@known(LOGLIK, "the negative log-likelihood", "Lecture §5", "LL(θ) = Σ_k n_k log θ_k, which is never positive")
def _loglik_negative(theta, counts):
    from autograder.reference import function
    return -function(LOGLIK)(theta, counts)


@known(LOGLIK, "skipping the faces with θ_k = 0 instead of those with n_k = 0", "Lecture §5",
       "only a face never rolled may be skipped (0·log 0 = 0); a rolled face of probability 0 makes LL = -inf")
def _loglik_skips_impossible(theta, counts):
    theta, n = _n(theta), _n(counts)
    return float(np.sum(n[theta > 0] * np.log(theta[theta > 0])))


@known(LAGRANGIAN, "the wrong sign of the constraint term, + λ(Σθ − 1)", "Lecture §5",
       "J(θ, λ) = Σ_k n_k log θ_k + λ(1 − Σ_k θ_k)")
def _lagrangian_sign(theta, lam, counts):
    theta, n = _n(theta), _n(counts)
    return float(np.sum(n * np.log(theta)) + lam * (theta.sum() - 1.0))


@known(LAGRANGIAN, "the log-likelihood without the constraint term", "Lecture §5",
       "J adds λ(1 − Σ_k θ_k) to the log-likelihood; it only vanishes on the simplex")
def _lagrangian_no_constraint(theta, lam, counts):
    theta, n = _n(theta), _n(counts)
    return float(np.sum(n * np.log(theta)))


@known(LAGRANGIAN, "the constraint term without the 1, −λ Σθ", "Lecture §5",
       "the constraint is Σ_k θ_k = 1, so its term is λ(1 − Σ_k θ_k)")
def _lagrangian_no_one(theta, lam, counts):
    theta, n = _n(theta), _n(counts)
    return float(np.sum(n * np.log(theta)) - lam * theta.sum())


@known(LAGRANGIAN, "the log-likelihood without the counts, Σ_k log θ_k", "Lecture §5",
       "each face contributes n_k log θ_k: weight log θ_k by the number of rolls showing face k")
def _lagrangian_unweighted(theta, lam, counts):
    theta = _n(theta)
    return float(np.sum(np.log(theta)) + lam * (1.0 - theta.sum()))


@known(GRADIENT, "a gradient missing the −λ term", "Lecture §5",
       "∂J/∂θ_k = n_k/θ_k − λ: the constraint term λ(1 − Σθ) contributes −λ to every θ_k")
def _gradient_no_lambda(theta, lam, counts):
    theta, n = _n(theta), _n(counts)
    return np.append(n / theta, 1.0 - theta.sum())


@known(GRADIENT, "the last entry Σθ − 1 instead of 1 − Σθ", "Lecture §5",
       "∂J/∂λ = 1 − Σ_k θ_k (step 1: the constraint comes back)")
def _gradient_last_sign(theta, lam, counts):
    theta, n = _n(theta), _n(counts)
    return np.append(n / theta - lam, theta.sum() - 1.0)


@known(GRADIENT, "the gradient of a Lagrangian with the wrong sign, + λ(Σθ − 1)", "Lecture §5",
       "J = Σ_k n_k log θ_k + λ(1 − Σ_k θ_k), so ∂J/∂θ_k = n_k/θ_k − λ and ∂J/∂λ = 1 − Σ_k θ_k")
def _gradient_wrong_lagrangian(theta, lam, counts):
    theta, n = _n(theta), _n(counts)
    return np.append(n / theta + lam, theta.sum() - 1.0)


@known(GRADIENT, "a gradient without the λ component", "Lecture §5",
       "J depends on K + 1 variables: return the K entries ∂J/∂θ_k and then ∂J/∂λ = 1 − Σ_k θ_k")
def _gradient_no_lambda_entry(theta, lam, counts):
    return _n(counts) / _n(theta) - lam


@known(STATIONARY, "λ = K (the number of faces) instead of λ = N", "Lecture §5",
       "step 3: Σ_k n_k/λ = 1 gives λ = N, the number of rolls")
def _stationary_lambda_k(counts):
    n = _n(counts)
    return n / n.sum(), float(n.size)


@known(STATIONARY, "λ = K (the number of faces) instead of λ = N, so θ = n/K", "Lecture §5",
       "step 3: Σ_k n_k/λ = 1 gives λ = N, the number of rolls, and θ_k = n_k/N")
def _stationary_over_k(counts):
    n = _n(counts)
    return n / n.size, float(n.size)


@known(STATIONARY, "θ = n/K instead of n/N", "Lecture §5", "θ_k = n_k/λ with λ = N: divide by the number of rolls")
def _stationary_theta_over_k(counts):
    n = _n(counts)
    return n / n.size, float(n.sum())


@known(STATIONARY, "λ = −N, from the constraint term written as λ(Σθ − 1)", "Lecture §5",
       "with J = Σ n_k log θ_k + λ(1 − Σ θ_k), ∂J/∂θ_k = n_k/θ_k − λ = 0 gives λ = N > 0")
def _stationary_minus_n(counts):
    n = _n(counts)
    return n / n.sum(), -float(n.sum())


@known(STATIONARY, "λ = 1 (the multiplier of the average log-likelihood)", "Lecture §5",
       "for J built on Σ_k n_k log θ_k, step 3 gives λ = N = Σ_k n_k")
def _stationary_lambda_one(counts):
    n = _n(counts)
    return n / n.sum(), 1.0


@known(STATIONARY, "the pair in the wrong order, (λ, θ)", "Lecture §5", "return the tuple (theta, lam)")
def _stationary_swapped(counts):
    n = _n(counts)
    return float(n.sum()), n / n.sum()


@known(NUMERICAL, "Laplace (add-one) smoothing, (n + 1)/(N + K)", "Lecture §5",
       "the maximum-likelihood estimate is n_k/N, zero for a face never rolled; add-one smoothing is not the MLE")
def _numerical_laplace(counts):
    n = _n(counts)
    return (n + 1.0) / (n.sum() + n.size)


@known(NUMERICAL, "θ = n/K instead of n/N", "Lecture §5", "θ_k = n_k/N: divide by the number of rolls")
def _numerical_over_k(counts):
    n = _n(counts)
    return n / n.size


@known(NUMERICAL, "the optimiser's starting point, the uniform 1/K (it never moved)", "Lecture §6",
       "check that the optimiser ran and succeeded, and that it minimises −Σ_k n_k log θ_k (the counts enter)")
def _numerical_uniform(counts):
    n = _n(counts)
    return np.full(n.size, 1.0 / n.size)


def _close_or_both_nan(got, wrong):
    """checks.close, except that NaN matches NaN: to recognise a misconception that returns NaN."""
    try:
        got, wrong = np.asarray(got, dtype=float), np.asarray(wrong, dtype=float)
    except (TypeError, ValueError, OverflowError):
        return False
    if got.shape != wrong.shape or not np.array_equal(np.isnan(got), np.isnan(wrong)):
        return False
    return checks.close(np.nan_to_num(got, nan=0.0, posinf=np.inf, neginf=-np.inf),
                        np.nan_to_num(wrong, nan=0.0, posinf=np.inf, neginf=-np.inf))


def _close_numerically(got, wrong):
    return checks.close(got, wrong, atol=NUMERICAL_ATOL, rtol=0.0)


def _hints(qualname, call, outcome, like=checks.close):
    """The misconception line for what the student returned, if one matches and the reference does not."""
    if not outcome.returned or outcome.mutated:
        return []
    expected = call.expected(qualname)
    if not expected.raises and like(outcome.value, expected.value):
        return []  # the value is right (a property failed for another reason): a misconception would mislead
    return misconceptions.explain(qualname, call, outcome.value, like)


def _expect_close(qualname, call, outcome, expected, atol=checks.ATOL, rtol=checks.RTOL, like=checks.close):
    """checks.expect_close, then misconceptions matched with ``like`` (NaN-aware, or the optimiser's tolerance)."""
    shown = call.show(qualname.split(".")[1])
    try:
        return checks.expect_close(qualname, call, shown, outcome, expected, atol, rtol)
    except checks.Failure as failure:
        if failure.misconceptions:
            raise
        raise checks.Failure(failure.lines + _hints(qualname, call, outcome, like)) from None


@known(LOGLIK, "a log-base mistake: the answer is in bits, not nats", "Lecture §7",
       "the log-likelihood uses natural logarithms (np.log): Σ_k n_k ln θ_k")
def _loglik_bits(theta, counts):
    from autograder.reference import function
    return function(LOGLIK)(theta, counts) / math.log(2)


@known(GRADIENT, "the gradient of the log-likelihood without the counts, 1/θ_k − λ", "Lecture §5",
       "J has Σ_k n_k log θ_k, so ∂J/∂θ_k = n_k/θ_k − λ: each face weighted by its count")
def _gradient_unweighted(theta, lam, counts):
    theta = _n(theta)
    return np.append(1.0 / theta - lam, 1.0 - theta.sum())


@known(STATIONARY, "Laplace (add-one) smoothing, (n + 1)/(N + K)", "Lecture §5",
       "the stationary point of J is θ_k = n_k/N exactly, 0 for a face never rolled; pseudo-counts are not the MLE")
def _stationary_laplace(counts):
    n = _n(counts)
    return (n + 1.0) / (n.sum() + n.size), float(n.sum())


# -- strategies ------------------------------------------------------------------
MAX_FACES = 30
kinds = st.sampled_from(("array", "list", "tuple"))


def _as(array, kind):
    return s._as_container((array, kind))


def _many_rolls(args):
    """Thousands of rolls of a loaded die, some faces (often the last ones) never rolled."""
    seed, k, size = args
    rng = np.random.default_rng(seed)
    weights = rng.dirichlet(np.full(k, 0.5)) * (rng.random(k) < 0.7)
    if weights.sum() == 0:
        weights[0] = 1.0
    return rng.choice(np.arange(1, k + 1), size=size, p=weights / weights.sum()).astype(np.int64)


def _valid_rolls(k):
    few = st.lists(st.integers(1, k), max_size=12).map(lambda r: np.array(r, dtype=np.int64))
    many = st.tuples(s.seeds(), st.just(k), st.integers(13, 5000)).map(_many_rolls)
    return st.sampled_from((False, False, False, True)).flatmap(lambda big: many if big else few)


def _rolls_call(rolls, k, how):
    if how == "positional":
        return Call((rolls, k))
    return Call((rolls,)) if how == "default" else Call((rolls,), {"n_sides": k})


def _rolls_calls(rolls_for):
    """counts_from_rolls calls: K = n_sides in 1..30 (6 often, also by default), rolls drawn by ``rolls_for(k)``."""
    def for_sides(k):
        hows = ("keyword", "positional", "default") if k == 6 else ("keyword", "positional")
        return st.builds(lambda r, how: _rolls_call(r, k, how), rolls_for(k), st.sampled_from(hows))
    return st.one_of(st.just(6), st.integers(1, MAX_FACES)).flatmap(for_sides)


def _spoilt_rolls(bad_faces):
    """Valid rolls with one bad face inserted; ndarray, list or tuple."""
    def for_sides(k):
        def spoil(args):
            rolls, bad, position, kind = args
            values = rolls.tolist()
            values.insert(min(position, len(values)), bad)
            return np.array(values) if kind == "array" else _as(np.array(values, dtype=object), kind)
        return st.tuples(st.lists(st.integers(1, k), max_size=8).map(np.array), bad_faces(k),
                         st.integers(0, 8), kinds).map(spoil)
    return for_sides


def _outside(k):
    return st.sampled_from((0, -1, k + 1, k + 7, 100, -6, float(k + 1)))


def _not_whole(k):
    return st.one_of(st.sampled_from((1.5, 0.5, k + 0.5, math.nan, math.inf, -math.inf)),
                     st.floats(1.0, float(k) + 0.99).filter(lambda x: x != math.floor(x)))


def _sparse(args):
    """Counts with many faces never rolled (at least one rolled)."""
    counts, seed = args
    keep = np.random.default_rng(seed).random(counts.size) < 0.5
    sparse = counts * keep
    return sparse if sparse.sum() > 0 else counts


def _counts(min_k=1, max_k=MAX_FACES, min_total=0):
    plain = s.count_arrays(min_k, max_k, min_total=min_total)
    if min_total < 1:
        return plain
    return st.one_of(plain, st.tuples(plain, s.seeds()).map(_sparse))


def _theta_and_counts(k):
    """A probability vector θ (exact zeros, tiny entries, one-hot) and counts of the same length."""
    theta, counts = s.probability_arrays(k, k), s.count_arrays(k, k)
    independent = st.tuples(theta, counts)  # often -inf: a rolled face of probability 0
    masked = independent.map(lambda tc: (tc[0], tc[1] * (tc[0] > 0)))  # finite, with 0·log 0 terms
    at_mle = counts.filter(lambda c: c.sum() > 0).map(lambda c: (c / c.sum(), c))
    return st.one_of(independent, masked, at_mle)


def _loglik_call(args):
    (theta, counts), kind_theta, kind_counts = args
    return Call((_as(theta, kind_theta), _as(counts, kind_counts)))


loglik_calls = st.tuples(st.integers(1, MAX_FACES).flatmap(_theta_and_counts), kinds, kinds).map(_loglik_call)


def _positive_thetas(k):
    """θ with every θ_k > 0, mostly off the simplex (they need not sum to 1), sometimes on it."""
    free = st.lists(st.floats(1e-6, 10.0), min_size=k, max_size=k).map(lambda t: np.array(t, dtype=float))
    scaled = st.tuples(s.probability_arrays(k, k), st.sampled_from((0.5, 2.0, 1.1, 0.9))).map(
        lambda pc: (pc[0] + 1e-3) * pc[1])
    on_simplex = s.probability_arrays(k, k).map(lambda p: (p + 1e-3) / (p + 1e-3).sum())
    return st.one_of(free, scaled, on_simplex)


lambdas = st.one_of(st.floats(-1e4, 1e4), st.sampled_from((0.0, 1.0, -1.0, -3, 7, "N")))


def _lagrangian_call(args):
    theta, lam, counts, kind_theta, kind_counts = args
    lam = float(counts.sum()) if lam == "N" else lam
    return Call((_as(theta, kind_theta), lam, _as(counts, kind_counts)))


def _lagrangian_inputs(k):
    return st.tuples(_positive_thetas(k), lambdas, s.count_arrays(k, k), kinds, kinds)


lagrangian_calls = st.integers(1, MAX_FACES).flatmap(_lagrangian_inputs).map(_lagrangian_call)


def _at_stationary_point(args):
    """(θ, λ, counts) at the reference's stationary point θ = n/N, λ = N, for counts with every n_k > 0."""
    from autograder.reference import function
    counts, kind_theta, kind_counts = args
    theta, lam = function(STATIONARY)(counts)
    return Call((_as(np.asarray(theta, dtype=float), kind_theta), float(lam), _as(counts, kind_counts)))


all_rolled = s.count_arrays(1, MAX_FACES).map(lambda c: np.maximum(c, 1))
stationary_calls = st.tuples(all_rolled, kinds, kinds).map(_at_stationary_point)
rolled_counts = s.containers(_counts(min_total=1))
optimiser_counts = s.containers(_counts(min_k=2, min_total=1))  # K = 1 is an edge case: no optimiser needed
sparse_counts = s.containers(st.tuples(_counts(min_k=2, min_total=1), s.seeds()).map(_sparse))


def _many_faces(args):
    """K in the dozens, N in the thousands, about a third of the faces never rolled."""
    k, seed = args
    rng = np.random.default_rng(seed)
    n = rng.poisson(rng.uniform(0, 300, k))
    n[rng.random(k) < 0.3] = 0
    n[rng.integers(k)] += 1  # at least one roll
    return n


MANY_FACES = (31, 48)  # "dozens": an optimiser capped at ~100 iterations stops short; SLSQP still takes < 2 s
many_faces = st.tuples(st.integers(*MANY_FACES), s.seeds()).map(_many_faces)


def _spoil_counts(args):
    """Counts that are not non-negative integers: a negative, fractional, NaN or infinite entry."""
    counts, bad, position = args
    counts = counts.astype(float)
    counts[position % counts.size] = bad
    return counts


bad_entries = st.sampled_from((-1, -3, 2.5, 0.5, math.nan, math.inf, -0.5))
bad_counts = st.tuples(s.count_arrays(1, 10), bad_entries, st.integers(0, 9)).map(_spoil_counts)
bad_count_inputs = s.containers(bad_counts)


def _wrong_length(k):
    longer_or_shorter = st.sampled_from((k + 1, k - 1)).filter(lambda m: m >= 1)
    return longer_or_shorter.flatmap(lambda m: s.count_arrays(m, m))


def _valid_theta_bad_counts(theta_for):
    def for_faces(k):
        return st.tuples(theta_for(k), st.one_of(bad_counts, _wrong_length(k), st.just(np.zeros(0, dtype=np.int64))))
    return st.integers(1, 8).flatmap(for_faces)


def _theta_without_positivity(args):
    theta, position, bad = args
    theta = theta.copy()
    theta[position % theta.size] = bad
    return theta


def _nonpositive_thetas(k):
    return st.tuples(_positive_thetas(k), st.integers(0, k - 1), st.sampled_from((0.0, -0.0, -0.1, -1.0, -1e-300))).map(
        _theta_without_positivity)


def _bad_theta_lagrangian_calls():
    def for_faces(k):
        return st.tuples(_nonpositive_thetas(k), lambdas, s.count_arrays(k, k), kinds, kinds)
    return st.integers(1, 10).flatmap(for_faces).map(_lagrangian_call)


def _bad_counts_lagrangian_calls():
    def build(args):
        (theta, counts), lam, kind = args
        lam = 1.0 if lam == "N" else lam
        return Call((_as(theta, kind), lam, _as(counts, kind)))
    return st.tuples(_valid_theta_bad_counts(_positive_thetas), lambdas, kinds).map(build)


def _not_probability_call(theta):
    counts = np.ones(theta.shape[0] if theta.ndim == 1 else 2, dtype=np.int64)
    return Call((theta, counts))


def _bad_counts_loglik_call(args):
    (theta, counts), kind = args
    return Call((_as(theta, kind), _as(counts, kind)))


no_rolls = st.one_of(st.integers(1, MAX_FACES).map(lambda k: np.zeros(k, dtype=np.int64)), st.just(np.zeros(0)))


# -- lecture properties (one student function each, the trusted reference for the rest) --
def _counts_add_up(qualname, calls_, outcomes):
    """Lecture §5: one count per face, whole numbers, adding up to the number of rolls N."""
    (call,), (outcome,) = calls_, outcomes
    shown = call.show("counts_from_rolls")
    k = call.args[1] if len(call.args) > 1 else call.kwargs.get("n_sides", 6)
    total = len(call.args[0])
    got = checks.returned(shown, outcome, f"{k} integer counts that add up to N = {total}")
    hints = _hints(qualname, call, outcome)
    try:
        values = np.asarray(got)
    except (TypeError, ValueError):
        values = np.array(math.nan)
    checks.expect(values.shape == (k,), shown, f"one count per face: {k} entries (Lecture §5)", got, hints)
    checks.expect(values.dtype.kind in "iuf" and bool(np.all(values == np.round(values))), shown,
                  "whole-number counts: n_k is a number of rolls (Lecture §5)", got, hints)
    checks.expect(int(values.sum()) == total, shown,
                  f"counts that add up to the number of rolls, N = {total} (Lecture §5)", got, hints)


def _scalar(value):
    """``value`` as a 0-d float array, or NaN if it is not a single real number."""
    try:
        value = np.asarray(value, dtype=float)
    except (TypeError, ValueError, OverflowError):
        return np.array(math.nan)
    return value if value.shape == () else np.array(math.nan)


def _maximal_at_mle(qualname, calls_, outcomes):
    """Lecture §5 and §7: LL(θ) = -N [H(n/N) + KL(n/N ‖ θ)] is largest at θ = n/N."""
    shown = [c.show("die_log_likelihood") for c in calls_]
    best = checks.returned(shown[0], outcomes[0], "the largest log-likelihood, a finite number")
    best_value = _scalar(best)
    checks.expect(bool(np.isfinite(best_value)), shown[0],
                  "a finite number: θ = n/N gives every rolled face a positive probability (Lecture §5)", best,
                  lambda: _hints(qualname, calls_[0], outcomes[0], _close_or_both_nan))
    slack = checks.ATOL + checks.RTOL * abs(float(best_value))
    for call, outcome, text in zip(calls_[1:], outcomes[1:], shown[1:]):
        got = checks.returned(text, outcome, checks.Lazy(lambda: f"at most LL(n/N) = {checks.show(best)}"))
        value = _scalar(got)
        checks.expect(bool(value <= best_value + slack), text,
                      lambda: f"at most {checks.show(best)}, the log-likelihood at θ = n/N: the MLE maximises it "
                              "(Lecture §5, the KL argument)", got,
                      lambda: [f"  (compared with {shown[0]} = {checks.show(best)})",
                               *_hints(qualname, call, outcome, _close_or_both_nan)])


def _equals_loglik_at_stationary_point(qualname, calls_, outcomes):
    """Lecture §5: on the simplex the constraint term vanishes, so J(n/N, N) = LL(n/N)."""
    from autograder.reference import function
    (call,), (outcome,) = calls_, outcomes
    theta, _, counts = call.args
    _expect_close(qualname, call, outcome, function(LOGLIK)(theta, counts))


def _zero_gradient(qualname, calls_, outcomes):
    """Lecture §5: ∇J = 0 at θ = n/N, λ = N."""
    (call,), (outcome,) = calls_, outcomes
    shown = call.show("lagrangian_gradient")
    size = len(call.args[2]) + 1
    got = checks.returned(shown, outcome, f"{size} zeros")
    checks.expect(checks.close(got, np.zeros(size)), shown,
                  f"{size} zeros: the gradient vanishes at θ = n/N, λ = N (Lecture §5, steps 1-4)", got,
                  lambda: _hints(qualname, call, outcome))


def _lambda_is_n(qualname, calls_, outcomes):
    """Lecture §5, step 3: λ = N."""
    (call,), (outcome,) = calls_, outcomes
    shown = call.show("stationary_point")
    total = float(_n(call.args[0]).sum())
    got = checks.returned(shown, outcome, f"a pair (theta, lam) with lam = N = {total!r}")
    pair = isinstance(got, (tuple, list)) and len(got) == 2
    hints = _hints(qualname, call, outcome)
    checks.expect(pair, shown, "a pair (theta, lam)", got, hints)
    checks.expect(checks.close(got[1], total), shown,
                  f"lam = N = {total!r}, the number of rolls (Lecture §5, step 3: Σ_k n_k/λ = 1)", got, hints)


def _numerical_matches(qualname, calls_, outcomes):
    """The reference's answer within the contract's absolute 1e-4."""
    for call, outcome in zip(calls_, outcomes):
        _expect_close(qualname, call, outcome, call.expected(qualname).value, atol=NUMERICAL_ATOL, rtol=0.0,
                      like=_close_numerically)


def _numerical_is_the_mle(qualname, calls_, outcomes):
    """Lecture §5 and §6: the optimiser finds the closed form: a probability vector near n/N, 0 for unrolled faces."""
    (call,), (outcome,) = calls_, outcomes
    shown = call.show("numerical_mle")
    n = _n(call.args[0])
    mle = n / n.sum()
    got = checks.returned(shown, outcome, f"a probability vector within {NUMERICAL_ATOL:g} of n/N")
    hints = _hints(qualname, call, outcome, _close_numerically)
    try:
        theta = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        theta = np.array(math.nan)
    checks.expect(theta.shape == n.shape and bool(np.all(np.isfinite(theta))), shown,
                  f"{n.size} finite probabilities, one per face", got, hints)
    checks.expect(bool(np.all(theta >= 0)) and abs(theta.sum() - 1.0) <= 1e-6, shown,
                  "a probability vector: θ_k >= 0 and Σ_k θ_k = 1 within 1e-6 (the optimiser works on the simplex)",
                  got, hints)
    checks.expect(bool(np.all(theta[n == 0] <= NUMERICAL_ATOL)), shown,
                  f"θ_k = 0 (within {NUMERICAL_ATOL:g}) for every face never rolled: the MLE gives it no probability",
                  got, hints)
    checks.expect(checks.close(theta, mle, atol=NUMERICAL_ATOL, rtol=0.0), shown,
                  lambda: f"n/N = {checks.show(mle)} within {NUMERICAL_ATOL:g} (Lecture §5: the MLE is θ_k = n_k/N)",
                  got, hints)


def _loglik_matches(qualname, calls_, outcomes):
    """The reference's answer; a NaN is matched against the misconceptions too (0·log 0)."""
    for call, outcome in zip(calls_, outcomes):
        expected = call.expected(qualname)
        if expected.raises:
            checks.expect_value_error(call.show("die_log_likelihood"), outcome, expected.error)
        else:
            _expect_close(qualname, call, outcome, expected.value, like=_close_or_both_nan)


def _against_mle(args):
    """LL at θ = n/N, then at other probability vectors: uniform, random, and near n/N."""
    counts, seed, kind = args
    n = counts.astype(float)
    k, mle = n.size, n / n.sum()
    rng = np.random.default_rng(seed)
    uniform = np.full(k, 1.0 / k)
    others = [uniform, rng.dirichlet(np.ones(k)), 0.9 * mle + 0.1 * uniform, 0.999 * mle + 0.001 * uniform]
    if k > 1:
        nudged = mle.copy()
        top, other = int(np.argmax(mle)), int(rng.integers(0, k - 1))
        other += other >= top
        nudged[top] -= 0.01 * mle[top]
        nudged[other] += 0.01 * mle[top]
        others.append(nudged)
    return tuple(Call((_as(theta, kind), _as(counts, kind))) for theta in [mle] + others)


PROPERTIES = [
    # counts_from_rolls
    matches_reference(COUNTS, "counts_from_rolls counts each face 1..n_sides, faces never rolled included",
                      _rolls_calls(lambda k: s.containers(_valid_rolls(k))), examples=40,
                      edge_cases=[Call(([1, 3, 3, 6],)), Call(([],), {"n_sides": 3}),
                                  Call(([2, 2, 1],), {"n_sides": 2}), Call(([1, 1, 2],), {"n_sides": 6}),
                                  Call(([1, 1, 1], 1)),
                                  Call((np.array([6, 6]),)), Call(((1, 1, 1),), {"n_sides": 1})]),
    Property(COUNTS, "counts_from_rolls returns whole-number counts that add up to the number of rolls",
             _rolls_calls(lambda k: s.containers(_valid_rolls(k))), _counts_add_up, examples=25,
             edge_cases=[Call(([1, 3, 3, 6],)), Call(([],), {"n_sides": 4})]),
    rejects(COUNTS, "counts_from_rolls rejects faces outside 1..n_sides",
            _rolls_calls(_spoilt_rolls(_outside)), examples=20,
            edge_cases=[Call(([1, 7],)), Call(([0, 1],), {"n_sides": 6}), Call(([3],), {"n_sides": 2})]),
    rejects(COUNTS, "counts_from_rolls rejects faces that are not whole numbers",
            _rolls_calls(_spoilt_rolls(_not_whole)), examples=20, edge_cases=[Call(([1, 2.5],))]),
    # die_log_likelihood
    Property(LOGLIK, "die_log_likelihood matches Σ n_k log θ_k, with 0·log 0 = 0 and -inf where n_k > 0 = θ_k",
             loglik_calls, _loglik_matches, examples=40,
             edge_cases=[Call(([0.5, 0.5], [2, 1])), Call(([1.0, 0.0], [2, 0])), Call(([1.0, 0.0], [2, 1])),
                         Call(([1.0], [0])), Call(([1 / 6] * 6, np.array([1000, 2000, 1500, 500, 700, 300])))]),
    Property(LOGLIK, "die_log_likelihood is largest at θ = n/N",
             st.tuples(_counts(min_total=1), s.seeds(), kinds).map(_against_mle), _maximal_at_mle, examples=20),
    rejects(LOGLIK, "die_log_likelihood rejects θ that is not a probability vector",
            s.not_probability_vectors().map(_not_probability_call), examples=20,
            edge_cases=[Call(([0.5, 0.6], [1, 1])), Call(([1.5, -0.5], [1, 1]))]),
    rejects(LOGLIK, "die_log_likelihood rejects counts that are negative, fractional, or of another length than θ",
            st.tuples(_valid_theta_bad_counts(s.probability_arrays), kinds).map(_bad_counts_loglik_call), examples=20,
            edge_cases=[Call(([0.5, 0.5], [1, -1])), Call(([0.5, 0.5], [1, 2, 3])), Call(([0.5, 0.5], [1.5, 1]))]),
    # lagrangian
    matches_reference(LAGRANGIAN,
                      "lagrangian matches J(θ, λ) = Σ n_k log θ_k + λ(1 − Σ θ_k), on and off the simplex",
                      lagrangian_calls, examples=40,
                      edge_cases=[Call(([0.25, 0.75], 4.0, [1, 3])), Call(([0.5, 0.5, 0.5], 2.0, [1, 1, 1])),
                                  Call(([2.0, 1.0], -3.0, [0, 5])), Call(([0.2], 0.0, [0]))]),
    Property(LAGRANGIAN, "lagrangian equals the log-likelihood at the stationary point θ = n/N, λ = N",
             stationary_calls, _equals_loglik_at_stationary_point, examples=20),
    rejects(LAGRANGIAN, "lagrangian rejects θ with some θ_k <= 0", _bad_theta_lagrangian_calls(), examples=20,
            edge_cases=[Call(([0.5, 0.0], 1.0, [1, 0])), Call(([-0.5, 1.5], 1.0, [1, 1]))]),
    rejects(LAGRANGIAN, "lagrangian rejects counts that are negative, fractional, or of another length than θ",
            _bad_counts_lagrangian_calls(), examples=20,
            edge_cases=[Call(([0.5, 0.5], 1.0, [1, -1])), Call(([0.5, 0.5], 1.0, [1, 2, 3]))]),
    # lagrangian_gradient
    matches_reference(GRADIENT, "lagrangian_gradient matches (n_k/θ_k − λ, ..., 1 − Σ θ_k)",
                      lagrangian_calls, examples=40,
                      edge_cases=[Call(([0.5, 0.5], 1.0, [1, 3])), Call(([1 / 6, 2 / 6, 3 / 6], 6.0, [1, 2, 3])),
                                  Call(([2.0, 1.0], -3.0, [0, 5])), Call(([0.2], 0.0, [0]))]),
    Property(GRADIENT, "lagrangian_gradient is zero at the stationary point θ = n/N, λ = N",
             stationary_calls, _zero_gradient, examples=20,
             edge_cases=[Call((np.array([1 / 6, 2 / 6, 3 / 6]), 6.0, [1, 2, 3]))]),
    rejects(GRADIENT, "lagrangian_gradient rejects θ with some θ_k <= 0", _bad_theta_lagrangian_calls(), examples=20,
            edge_cases=[Call(([0.5, 0.0], 1.0, [1, 0])), Call(([-0.5, 1.5], 1.0, [1, 1]))]),
    rejects(GRADIENT, "lagrangian_gradient rejects counts that are negative, fractional, or of another length than θ",
            _bad_counts_lagrangian_calls(), examples=20,
            edge_cases=[Call(([0.5, 0.5], 1.0, [1, -1])), Call(([0.5, 0.5], 1.0, [1, 2, 3]))]),
    # stationary_point
    matches_reference(STATIONARY, "stationary_point returns (n/N, N)", calls(rolled_counts), examples=30,
                      edge_cases=[Call(([1, 2, 3],)), Call(([0, 3, 1],)), Call(([5],)), Call(([0, 0, 0, 0, 0, 2],)),
                                  Call(([0, 1, 0],))]),
    Property(STATIONARY, "stationary_point has λ = N, the number of rolls", calls(rolled_counts), _lambda_is_n,
             examples=20, edge_cases=[Call(([1, 2, 3, 4, 5, 6],))]),
    rejects(STATIONARY, "stationary_point rejects counts with no rolls (N = 0)", calls(s.containers(no_rolls)),
            examples=15, edge_cases=[Call(([0, 0, 0, 0, 0, 0],))]),
    rejects(STATIONARY, "stationary_point rejects counts that are not non-negative integers", calls(bad_count_inputs),
            examples=15, edge_cases=[Call(([3, -1, 2],)), Call(([2.5, 1],))]),
    # numerical_mle (each call runs an optimiser: few examples)
    Property(NUMERICAL, "numerical_mle matches the maximum-likelihood estimate within 1e-4",
             calls(optimiser_counts), _numerical_matches, examples=15,
             edge_cases=[Call(([1, 2, 3],)), Call(([0, 3, 1],)), Call(([5],)), Call(([1000, 1, 0, 1, 0, 0],)),
                         Call(([0, 1, 0],))]),
    Property(NUMERICAL, "numerical_mle returns a probability vector within 1e-4 of n/N, 0 for faces never rolled",
             calls(sparse_counts), _numerical_is_the_mle, examples=12,
             edge_cases=[Call(([7, 0, 3],)), Call((np.array([0, 0, 2, 0, 0, 0]),))]),
    Property(NUMERICAL, "numerical_mle converges for dozens of faces and thousands of rolls",
             calls(s.containers(many_faces)), _numerical_is_the_mle, examples=6,
             edge_cases=[Call((_many_faces((MANY_FACES[1], 3)),))]),
    rejects(NUMERICAL, "numerical_mle rejects counts with no rolls (N = 0)", calls(s.containers(no_rolls)),
            examples=10, edge_cases=[Call(([0, 0, 0],))]),
    rejects(NUMERICAL, "numerical_mle rejects counts that are not non-negative integers", calls(bad_count_inputs),
            examples=10, edge_cases=[Call(([3, -1, 2],)), Call(([2.5, 1],))]),
]
