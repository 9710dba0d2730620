"""A correct hw2 in plain Python: loops, math, lists and tuples (numpy only to read arrays)."""
import math


def _values(x, name):
    if hasattr(x, "tolist"):           # numpy arrays and scalars
        x = x.tolist()
    if not isinstance(x, (list, tuple)):
        raise ValueError(f"`{name}` must be a 1-D sequence, got {x!r}")
    out = []
    for v in x:
        if isinstance(v, (list, tuple)):
            raise ValueError(f"`{name}` must be 1-D")
        if not isinstance(v, (int, float)):
            raise ValueError(f"`{name}` must hold numbers")
        v = float(v)
        if math.isnan(v) or math.isinf(v):
            raise ValueError(f"`{name}` must be finite")
        out.append(v)
    if not out:
        raise ValueError(f"`{name}` must not be empty")
    return out


def _whole(values, name):
    for v in values:
        if v < 0 or v != math.floor(v):
            raise ValueError(f"`{name}` must be non-negative integers")
    return values


def bernoulli_mle(x):
    x = _values(x, "x")
    heads = 0
    for v in x:
        if v not in (0.0, 1.0):
            raise ValueError("tosses are 0 or 1")
        heads += v
    return heads / len(x)


def binomial_mle(heads, n):
    heads = _whole(_values(heads, "heads"), "heads")
    if isinstance(n, bool) or not isinstance(n, (int, float)) or not math.isfinite(n) or n < 1 or n != int(n):
        raise ValueError("n must be a whole number >= 1")
    total = 0
    for k in heads:
        if k > n:
            raise ValueError("more heads than tosses")
        total += k
    return total / (len(heads) * n)


def poisson_mle(counts):
    counts = _whole(_values(counts, "counts"), "counts")
    return math.fsum(counts) / len(counts)


def _finite(v, name):
    if hasattr(v, "item"):
        v = v.item()
    if not isinstance(v, (int, float)) or not math.isfinite(v):
        raise ValueError(f"`{name}` must be a finite number")
    return float(v)


def gaussian_log_likelihood(x, mu, sigma2):
    x = _values(x, "x")
    mu, sigma2 = _finite(mu, "mu"), _finite(sigma2, "sigma2")
    if sigma2 <= 0:
        raise ValueError("sigma2 must be positive")
    squares = 0.0
    for v in x:
        squares += (v - mu) ** 2
    return -len(x) / 2 * math.log(2 * math.pi * sigma2) - squares / (2 * sigma2)


def gaussian_mle(x):
    x = _values(x, "x")
    n = len(x)
    mu = sum(x) / n
    return mu, sum((v - mu) ** 2 for v in x) / n


def gaussian_hessian(x, mu, sigma2):
    x = _values(x, "x")
    mu, sigma2 = _finite(mu, "mu"), _finite(sigma2, "sigma2")
    if sigma2 <= 0:
        raise ValueError("sigma2 must be positive")
    n = len(x)
    first = second = 0.0
    for v in x:
        first += v - mu
        second += (v - mu) ** 2
    off = -first / sigma2 ** 2
    return [[-n / sigma2, off], [off, n / (2 * sigma2 ** 2) - second / sigma2 ** 3]]


def multinomial_mle(counts):
    counts = _whole(_values(counts, "counts"), "counts")
    total = sum(counts)
    if total == 0:
        raise ValueError("counts must not all be 0")
    return [c / total for c in counts]
