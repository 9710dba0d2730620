"""Hidden tests for assignment 1: surprise, entropy, cross-entropy, KL (Lecture §7)."""
import math

import numpy as np
from hypothesis import strategies as st

from autograder import checks
from autograder import strategies as s
from autograder.engine import Call, Property, calls, matches_reference, rejects
from autograder.misconceptions import NOT_APPLICABLE, known

A = "hw1_information_theory"
SURPRISE, ENTROPY, BINARY = f"{A}.surprise", f"{A}.entropy", f"{A}.binary_entropy"
CROSS, KL = f"{A}.cross_entropy", f"{A}.kl_divergence"


def _log(base):
    return 1.0 if base is None else math.log(base)


# -- misconceptions -------------------------------------------------------------
for _qualname in (SURPRISE, ENTROPY, BINARY, CROSS, KL):
    @known(_qualname, "a log-base mistake: the answer is in nats, not in the requested base", "Lecture §7",
           "divide the natural log by log(base); base=2 gives bits, base=None nats")
    def _in_nats(*args, base=None, _q=_qualname):
        from autograder.reference import function
        return function(_q)(*args) if base not in (None, math.e) else NOT_APPLICABLE

    @known(_qualname, "a log-base mistake: the answer is in bits whatever the base", "Lecture §7",
           "only base=2 gives bits; base=None means natural logs (nats)")
    def _in_bits(*args, base=None, _q=_qualname):
        from autograder.reference import function
        return function(_q)(*args, base=2) if base != 2 else NOT_APPLICABLE


@known(ENTROPY, "0·log 0 giving NaN instead of 0", "Lecture §7", "by convention 0·log 0 = 0: skip the zero entries")
def _entropy_nan(p, base=None):
    p = np.asarray(p, dtype=float)
    with np.errstate(all="ignore"):
        return float(-np.sum(p * np.log(p)) / _log(base))


@known(ENTROPY, "a missing minus sign", "Lecture §7", "H(p) = -Σ p log p is never negative")
def _entropy_sign(p, base=None):
    from autograder.reference import function
    return -function(ENTROPY)(p, base=base)


@known(KL, "swapped arguments, KL(q‖p) instead of KL(p‖q)", "Lecture §7",
       "KL is not symmetric: the first argument weights the log-ratio, KL(p‖q) = Σ p log(p/q)")
def _kl_swapped(p, q, base=None):
    from autograder.reference import function
    return function(KL)(q, p, base=base)


@known(CROSS, "swapped arguments, H(q, p) instead of H(p, q)", "Lecture §7",
       "H(p, q) = -Σ p log q: p weights, q is inside the log")
def _cross_swapped(p, q, base=None):
    from autograder.reference import function
    return function(CROSS)(q, p, base=base)


@known(CROSS, "the KL divergence instead of the cross-entropy", "Lecture §7", "H(p, q) = H(p) + KL(p‖q)")
def _cross_is_kl(p, q, base=None):
    from autograder.reference import function
    return function(KL)(p, q, base=base)


def _reference(qualname):
    from autograder.reference import function
    return function(qualname)


def _nats_nan(terms, base):
    """Σ terms / log(base), with the NaNs of 0·log 0 kept: what an implementation without the 0·log 0 rule returns.

    NOT_APPLICABLE where no term is NaN (the rule makes no difference there).
    """
    terms = np.asarray(terms, dtype=float)
    if not np.isnan(terms).any():
        return NOT_APPLICABLE
    return float(np.sum(terms) / _log(base))


@known(SURPRISE, "a missing minus sign", "Lecture §7", "S(p) = -log p is never negative: log p <= 0 for p <= 1")
def _surprise_sign(p, base=None):
    return -_reference(SURPRISE)(p, base=base)


@known(BINARY, "a missing minus sign", "Lecture §7", "H(θ) = -[θ log θ + (1 - θ) log(1 - θ)] is never negative")
def _binary_sign(theta, base=None):
    return -_reference(BINARY)(theta, base=base)


@known(BINARY, "0·log 0 giving NaN instead of 0", "Lecture §7",
       "by convention 0·log 0 = 0: at θ = 0 or θ = 1 one of the two terms is 0, and H = 0 there")
def _binary_nan(theta, base=None):
    t = np.asarray(theta, dtype=float)
    h = -(t * np.log(t) + (1 - t) * np.log(1 - t)) / _log(base)
    if not np.isnan(h).any():
        return NOT_APPLICABLE
    return float(h) if h.ndim == 0 else h


@known(BINARY, "only the heads term, -θ log θ (the tails term is missing)", "Lecture §7",
       "a coin has two outcomes: H(θ) = -θ log θ - (1 - θ) log(1 - θ)")
def _binary_heads_only(theta, base=None):
    t = np.asarray(theta, dtype=float)
    h = np.where(t > 0, -t * np.log(np.where(t > 0, t, 1.0)), 0.0) / _log(base)
    return float(h) if h.ndim == 0 else h


@known(CROSS, "a missing minus sign", "Lecture §7", "H(p, q) = -Σ p log q is never negative")
def _cross_sign(p, q, base=None):
    return -_reference(CROSS)(p, q, base=base)


@known(CROSS, "0·log 0 giving NaN instead of 0", "Lecture §7",
       "by convention 0·log 0 = 0: an outcome with p_k = 0 adds nothing, whatever q_k")
def _cross_nan(p, q, base=None):
    p, q = np.asarray(p, dtype=float), np.asarray(q, dtype=float)
    return _nats_nan(-p * np.log(q), base)


@known(KL, "a missing minus sign", "Lecture §7", "KL(p‖q) = Σ p log(p/q) is never negative (Gibbs' inequality)")
def _kl_sign(p, q, base=None):
    return -_reference(KL)(p, q, base=base)


@known(KL, "0·log 0 giving NaN instead of 0", "Lecture §7",
       "by convention 0·log(0/q) = 0: an outcome with p_k = 0 adds nothing to KL(p‖q)")
def _kl_nan(p, q, base=None):
    p, q = np.asarray(p, dtype=float), np.asarray(q, dtype=float)
    return _nats_nan(p * np.log(p / q), base)


@known(KL, "the symmetrised divergence (KL(p‖q) + KL(q‖p)) / 2", "Lecture §7",
       "KL is not symmetric, and that is the point: KL(p‖q) = Σ p log(p/q) weights by p only")
def _kl_symmetrised(p, q, base=None):
    return (_reference(KL)(p, q, base=base) + _reference(KL)(q, p, base=base)) / 2


# -- strategies ------------------------------------------------------------------
probabilities = st.one_of(st.sampled_from((0.0, 1.0, 0.5, s.TINY)), st.floats(0.0, 1.0))
probability_arrays = st.lists(probabilities, min_size=0, max_size=12).map(lambda v: np.array(v, dtype=float))
probability_inputs = st.one_of(probabilities, s.containers(probability_arrays),
                               probability_arrays.map(lambda v: v.reshape(-1, 1)))
outside_unit = st.one_of(st.floats(1.0, 1e9, exclude_min=True), st.floats(-1e9, 0.0, exclude_max=True),
                         st.just(math.nan))
pairs = s.probability_pairs().map(lambda pq: (s._as_container((pq[0], "list")), pq[1]))
unequal = st.tuples(s.probability_arrays(1, 6), s.probability_arrays(1, 6)).filter(lambda pq: len(pq[0]) != len(pq[1]))


def _stays_below_log_k(qualname, calls_, outcomes):
    """Lecture §7: the uniform distribution has the most entropy, log K."""
    (call,), (outcome,) = calls_, outcomes
    p, base = np.asarray(call.args[0], dtype=float), call.kwargs.get("base")
    bound = math.log(len(p)) / _log(base)
    got = checks.returned(call.show("entropy"), outcome, f"a value between 0 and log K = {bound!r}")
    value = np.asarray(got, dtype=float) if isinstance(got, (int, float, np.ndarray)) else np.array(math.nan)
    checks.expect(value.shape == () and -1e-9 <= value <= bound + 1e-9 + 1e-6 * bound, call.show("entropy"),
                  f"0 <= H(p) <= log K = {bound!r} (Lecture §7: the uniform distribution has the most)", got)


def _symmetric(qualname, calls_, outcomes):
    """A coin with P(heads) = θ is as uncertain as one with 1 - θ."""
    first, second = (checks.returned(c.show("binary_entropy"), o, "H(θ) = H(1 - θ)") for c, o in zip(calls_, outcomes))
    checks.expect(checks.close(second, first), calls_[1].show("binary_entropy"),
                  lambda: f"the same as {calls_[0].show('binary_entropy')} = {checks.show(first)} "
                          "(a coin and its mirror image)", second)


def _zero_for_equal(qualname, calls_, outcomes):
    """Lecture §7: KL(p‖p) = 0."""
    (call,), (outcome,) = calls_, outcomes
    got = checks.returned(call.show("kl_divergence"), outcome, "0.0")
    checks.expect(checks.close(got, 0.0), call.show("kl_divergence"), "0.0 (KL(p‖p) = 0, Lecture §7)", got)


def _mirror(theta_call):
    theta = np.asarray(theta_call.args[0], dtype=float)
    return (theta_call, Call((1.0 - theta,), dict(theta_call.kwargs)))


PROPERTIES = [
    # surprise
    matches_reference(SURPRISE, "surprise matches -log_b p on scalars and arrays, with inf at p = 0",
                      calls(probability_inputs, base=s.bases()), examples=40,
                      edge_cases=[Call((0.5,), {"base": 2}), Call((np.array([0.0, 1.0]),), {}), Call((0.0,), {})]),
    rejects(SURPRISE, "surprise rejects probabilities outside [0, 1] and invalid bases",
            st.one_of(calls(outside_unit), calls(st.just(0.5), base=s.invalid_bases()),
                      calls(st.lists(outside_unit, min_size=1, max_size=4).map(lambda v: np.array([0.5] + v))))),
    # entropy
    matches_reference(ENTROPY, "entropy matches the reference on probability vectors, every base",
                      calls(s.probability_vectors(), base=s.bases()), examples=40,
                      edge_cases=[Call(([0.5, 0.5],), {"base": 2}), Call(([1.0, 0.0],), {}), Call(([1.0],), {})]),
    Property(ENTROPY, "entropy lies between 0 and log K", calls(s.probability_vectors(), base=s.bases()),
             _stays_below_log_k, examples=25),
    matches_reference(ENTROPY, "entropy of the uniform distribution is log K",
                      calls(st.integers(1, 60).map(lambda k: [1.0 / k] * k), base=s.bases()), examples=10),
    rejects(ENTROPY, "entropy rejects what is not a probability vector, and invalid bases",
            st.one_of(calls(s.not_probability_vectors()), calls(st.just([0.5, 0.5]), base=s.invalid_bases()))),
    # binary entropy
    matches_reference(BINARY, "binary_entropy matches the reference elementwise, 0 at θ in {0, 1}",
                      calls(probability_inputs, base=s.bases()), examples=40,
                      edge_cases=[Call((0.5,), {"base": 2}), Call((np.array([0.0, 1.0]),), {})]),
    Property(BINARY, "binary_entropy is symmetric: H(θ) = H(1 - θ)",
             calls(s.containers(probability_arrays), base=s.bases()).map(_mirror), _symmetric, examples=15),
    rejects(BINARY, "binary_entropy rejects θ outside [0, 1] and invalid bases",
            st.one_of(calls(outside_unit), calls(st.just(0.5), base=s.invalid_bases()))),
    # cross-entropy
    matches_reference(CROSS, "cross_entropy matches the reference, with inf where q_k = 0 < p_k",
                      st.builds(lambda pq, b: Call(pq, {"base": b}), pairs, s.bases()), examples=40,
                      edge_cases=[Call(([0.5, 0.5], [0.5, 0.5]), {"base": 2}), Call(([1.0, 0.0], [0.0, 1.0]), {}),
                                  Call(([0.0, 1.0], [0.5, 0.5]), {})]),
    rejects(CROSS, "cross_entropy rejects vectors of unequal length or that are not probability vectors",
            st.one_of(st.builds(lambda pq: Call(pq), unequal),
                      st.builds(lambda p: Call((p, [1.0])), s.not_probability_vectors()),
                      calls(st.just([1.0]), st.just([1.0]), base=s.invalid_bases()))),
    # KL divergence
    matches_reference(KL, "kl_divergence matches the reference, with inf where q_k = 0 < p_k",
                      st.builds(lambda pq, b: Call(pq, {"base": b}), pairs, s.bases()), examples=40,
                      edge_cases=[Call(([0.5, 0.5], [0.5, 0.5]), {}), Call(([1.0, 0.0], [0.5, 0.5]), {"base": 2}),
                                  Call(([0.5, 0.5], [1.0, 0.0]), {}), Call(([0.9, 0.1], [0.5, 0.5]), {})]),
    Property(KL, "kl_divergence of a distribution to itself is 0",
             st.builds(lambda p, b: Call((p, p.copy()), {"base": b}), s.probability_arrays(), s.bases()),
             _zero_for_equal, examples=15),
    rejects(KL, "kl_divergence rejects vectors of unequal length or that are not probability vectors",
            st.one_of(st.builds(lambda pq: Call(pq), unequal),
                      st.builds(lambda p: Call(([1.0], p)), s.not_probability_vectors()),
                      calls(st.just([1.0]), st.just([1.0]), base=s.invalid_bases()))),
]
