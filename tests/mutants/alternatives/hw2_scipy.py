"""A correct hw2 leaning on scipy.stats and numpy."""
import numpy as np
from scipy import stats


def _vector(x, name):
    x = np.asarray(x, dtype=float)
    if x.ndim != 1 or x.size == 0 or not np.isfinite(x).all():
        raise ValueError(f"`{name}` must be a non-empty 1-D vector of finite numbers")
    return x


def _integers(x, name):
    x = _vector(x, name)
    if (x < 0).any() or (np.mod(x, 1) != 0).any():
        raise ValueError(f"`{name}` must be non-negative integers")
    return x


def bernoulli_mle(x):
    x = _vector(x, "x")
    if not np.isin(x, (0.0, 1.0)).all():
        raise ValueError("tosses are 0 or 1")
    return stats.describe(x).mean


def binomial_mle(heads, n):
    heads = _integers(heads, "heads")
    n_arr = np.asarray(n, dtype=float)
    if n_arr.ndim or not np.isfinite(n_arr) or n_arr < 1 or n_arr % 1:
        raise ValueError("n must be a whole number >= 1")
    if (heads > n_arr).any():
        raise ValueError("heads above n")
    return heads.sum() / (heads.size * float(n_arr))


def poisson_mle(counts):
    return np.mean(_integers(counts, "counts"))


def _point(mu, sigma2):
    mu, sigma2 = np.asarray(mu, dtype=float), np.asarray(sigma2, dtype=float)
    if mu.ndim or sigma2.ndim or not np.isfinite(mu) or not np.isfinite(sigma2) or sigma2 <= 0:
        raise ValueError("mu must be finite and sigma2 a finite number > 0")
    return float(mu), float(sigma2)


def gaussian_log_likelihood(x, mu, sigma2):
    x = _vector(x, "x")
    mu, sigma2 = _point(mu, sigma2)
    return stats.norm.logpdf(x, loc=mu, scale=np.sqrt(sigma2)).sum()


def gaussian_mle(x):
    loc, scale = stats.norm.fit(_vector(x, "x"))
    return loc, scale ** 2


def gaussian_hessian(x, mu, sigma2):
    x = _vector(x, "x")
    mu, sigma2 = _point(mu, sigma2)
    r = x - mu
    n = x.size
    return np.array([[-n / sigma2, -r.sum() / sigma2 ** 2],
                     [-r.sum() / sigma2 ** 2, n / (2 * sigma2 ** 2) - (r ** 2).sum() / sigma2 ** 3]])


def multinomial_mle(counts):
    counts = _integers(counts, "counts")
    if counts.sum() == 0:
        raise ValueError("counts must not all be 0")
    return np.bincount(np.repeat(np.arange(counts.size), counts.astype(int)), minlength=counts.size) / counts.sum()
