"""Input strategies for the hidden tests, in one place.

Small inputs come from hypothesis's own strategies, so that failures shrink to
readable examples; large ones (N in the thousands) are built by numpy from a
drawn seed, which is fast and just as deterministic.
"""
import math

import numpy as np
from hypothesis import strategies as st

BASES = (None, 2, 10, math.e, 3.0)
INVALID_BASES = (0, -2.0, 1, 1.0, math.nan, math.inf)
TINY = 1e-300


# -- containers ---------------------------------------------------------------
def containers(arrays):
    """The same numbers as a float ndarray, a list or a tuple (the contract accepts all three)."""
    return st.tuples(arrays, st.sampled_from(("array", "list", "tuple"))).map(_as_container)


def _as_container(pair):
    array, kind = pair
    if kind == "list":
        return array.tolist()
    if kind == "tuple":
        return tuple(array.tolist())
    return array


def seeds():
    return st.integers(0, 2**32 - 1)


# -- probability vectors ------------------------------------------------------
_weights = st.one_of(st.just(0.0), st.just(TINY), st.just(1e-12), st.floats(0.0, 1.0), st.just(1.0))


def _normalise(weights):
    w = np.array(weights, dtype=float)
    if w.sum() <= 0:
        w[0] = 1.0
    return w / w.sum()


def _dirichlet(seed_and_k):
    seed, k, alpha = seed_and_k
    p = np.random.default_rng(seed).dirichlet(np.full(k, alpha))
    return p / p.sum()


def probability_arrays(min_k=1, max_k=40):
    """Probability vectors as float arrays: exact zeros, tiny entries, one-hot, uniform, K up to max_k."""
    options = [st.integers(min_k, max_k).map(lambda k: np.full(k, 1.0 / k)),
               st.integers(min_k, max_k).flatmap(lambda k: st.integers(0, k - 1).map(lambda i: np.eye(k)[i].copy()))]
    if min_k <= 8:
        options.insert(0, st.lists(_weights, min_size=min_k, max_size=min(max_k, 8)).map(_normalise))
    if max_k >= 2:
        options.append(st.tuples(seeds(), st.integers(max(min_k, 2), max_k),
                                 st.sampled_from((0.1, 1.0, 10.0))).map(_dirichlet))
    return st.one_of(options)


def probability_vectors(min_k=1, max_k=40):
    return containers(probability_arrays(min_k, max_k))


def probability_pairs(min_k=1, max_k=40, related=True):
    """Two probability vectors of the same length K; ``related`` mixes in q = p and q with zeros where p has none."""
    def pair(k):
        p = probability_arrays(k, k)
        return st.tuples(p, p)
    pairs = st.integers(min_k, max_k).flatmap(pair)
    if related:
        same = probability_arrays(min_k, max_k).map(lambda p: (p, p.copy()))
        pairs = st.one_of(pairs, same)
    return pairs


def bases():
    return st.sampled_from(BASES)


def invalid_bases():
    return st.sampled_from(INVALID_BASES)


def not_probability_vectors(max_k=10):
    """1-D vectors that are not probability vectors: negative, NaN, infinite, or not summing to 1."""
    def spoil(pair):
        p, how = pair
        p = p.copy()
        if how == "negative":
            p[0] = -0.25
        elif how == "nan":
            p[0] = math.nan
        elif how == "inf":
            p[0] = math.inf
        elif how == "sum":
            p = p * 1.5 + 0.01
        return p
    vectors = st.tuples(probability_arrays(1, max_k), st.sampled_from(("negative", "nan", "inf", "sum"))).map(spoil)
    return st.one_of(vectors, st.just(np.zeros(0)), st.just(np.full((2, 2), 0.25)))


# -- counts and samples -------------------------------------------------------
def count_arrays(min_k=1, max_k=30, min_total=0, max_count=50):
    """Non-negative integer counts of K outcomes (some zero), total at least ``min_total``."""
    small = st.lists(st.integers(0, max_count), min_size=min_k, max_size=max_k)
    large = st.tuples(seeds(), st.integers(min_k, max_k)).map(
        lambda sk: np.random.default_rng(sk[0]).poisson(np.random.default_rng(sk[0] + 1).uniform(0, 300, sk[1])))
    counts = st.one_of(small.map(lambda c: np.array(c, dtype=np.int64)), large)
    return counts.filter(lambda c: c.sum() >= min_total)


def finite_samples(min_n=1, max_n=2000):
    """Real samples, badly scaled on purpose: location up to 1e6, spread from 1e-3 to 1e3."""
    small = st.lists(st.floats(-1e3, 1e3, allow_nan=False), min_size=min_n, max_size=min(max_n, 10)).map(
        lambda x: np.array(x, dtype=float))
    large = st.tuples(seeds(), st.integers(max(min_n, 2), max_n), st.sampled_from((0.0, 1.0, -50.0, 1e6)),
                      st.sampled_from((1e-3, 1.0, 1e3))).map(
        lambda a: a[2] + a[3] * np.random.default_rng(a[0]).standard_normal(a[1]))
    return st.one_of(small, large)
