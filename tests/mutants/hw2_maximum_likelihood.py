"""Realistic wrong and alternative-correct submissions for hw2_maximum_likelihood."""
from mutants import Alternative, Wrong

A = "hw2_maximum_likelihood"

WRONG = [
    Wrong(f"{A}.gaussian_mle", 'gaussian unbiased', '''
def gaussian_mle(x):
    x = _samples(x, "x")
    return float(np.mean(x)), float(np.var(x, ddof=1))
''', named='the N−1 (unbiased) variance'),
    Wrong(f"{A}.gaussian_mle", 'gaussian std', '''
def gaussian_mle(x):
    x = _samples(x, "x")
    return float(np.mean(x)), float(np.std(x))
''', named='returning the standard deviation instead of the variance'),
    Wrong(f"{A}.gaussian_mle", 'gaussian one pass', '''
def gaussian_mle(x):
    x = _samples(x, "x")
    mu = np.mean(x)
    return float(mu), float(np.mean(x ** 2) - mu ** 2)
''', named='the one-pass formula E[x²] − x̄², which cancels catastrophically'),
    Wrong(f"{A}.gaussian_mle", 'gaussian in place', '''
def gaussian_mle(x):
    if isinstance(x, np.ndarray):
        data = x
    else:
        data = _samples(x, "x")
    _samples(data, "x")
    mu = data.mean()
    data -= mu
    return float(mu), float(np.mean(data ** 2))
'''),
    Wrong(f"{A}.binomial_mle", 'binomial by m', '''
def binomial_mle(heads, n):
    heads = _counts(heads, "heads")
    if n < 1 or n != int(n):
        raise ValueError(f"`n` must be a whole number >= 1, got {n!r}")
    if np.any(heads > n):
        raise ValueError("heads > n")
    return float(np.mean(heads))
''', named='dividing by M instead of M·n (the mean number of heads per experiment)'),
    Wrong(f"{A}.binomial_mle", 'binomial by n', '''
def binomial_mle(heads, n):
    heads = _counts(heads, "heads")
    if n < 1 or n != int(n):
        raise ValueError(f"`n` must be a whole number >= 1, got {n!r}")
    if np.any(heads > n):
        raise ValueError("heads > n")
    return float(np.sum(heads) / n)
''', named='dividing by n only'),
    Wrong(f"{A}.binomial_mle", 'binomial no upper check', '''
def binomial_mle(heads, n):
    heads = _counts(heads, "heads")
    if not np.isfinite(n) or n < 1 or n != int(n):
        raise ValueError(f"`n` must be a whole number >= 1, got {n!r}")
    return float(np.sum(heads) / (heads.size * n))
'''),
    Wrong(f"{A}.bernoulli_mle", 'bernoulli laplace', '''
def bernoulli_mle(x):
    x = _samples(x, "x")
    if not np.all((x == 0) | (x == 1)):
        raise ValueError("only 0 and 1")
    return float((np.sum(x) + 1) / (x.size + 2))
''', named='Laplace (add-one) smoothing'),
    Wrong(f"{A}.bernoulli_mle", 'bernoulli no value check', '''
def bernoulli_mle(x):
    x = _samples(x, "x")
    return float(np.mean(x))
'''),
    Wrong(f"{A}.bernoulli_mle", 'bernoulli tails', '''
def bernoulli_mle(x):
    x = _samples(x, "x")
    if not np.all((x == 0) | (x == 1)):
        raise ValueError("only 0 and 1")
    return float(np.mean(x == 0))
''', named='the fraction of tails instead of heads'),
    Wrong(f"{A}.poisson_mle", 'poisson variance', '''
def poisson_mle(counts):
    counts = _counts(counts, "counts")
    return float(np.var(counts))
''', named='the variance of the counts instead of their mean'),
    Wrong(f"{A}.poisson_mle", 'poisson n minus 1', '''
def poisson_mle(counts):
    counts = _counts(counts, "counts")
    return float(np.sum(counts) / max(counts.size - 1, 1))
''', named='dividing by N − 1'),
    Wrong(f"{A}.poisson_mle", 'poisson no integer check', '''
def poisson_mle(counts):
    counts = _samples(counts, "counts")
    if np.any(counts < 0):
        raise ValueError("negative count")
    return float(np.mean(counts))
'''),
    Wrong(f"{A}.gaussian_log_likelihood", 'll sign', '''
def gaussian_log_likelihood(x, mu, sigma2):
    x = _samples(x, "x")
    mu = _finite_number(mu, "mu")
    sigma2 = _positive_number(sigma2, "sigma2")
    return float(0.5 * x.size * np.log(2 * np.pi * sigma2) + np.sum((x - mu) ** 2) / (2 * sigma2))
''', named='a missing minus sign'),
    Wrong(f"{A}.gaussian_log_likelihood", 'll no normaliser', '''
def gaussian_log_likelihood(x, mu, sigma2):
    x = _samples(x, "x")
    mu = _finite_number(mu, "mu")
    sigma2 = _positive_number(sigma2, "sigma2")
    return float(-np.sum((x - mu) ** 2) / (2 * sigma2))
''', named='dropping the −N/2 log(2πσ²) term'),
    Wrong(f"{A}.gaussian_log_likelihood", 'll no two pi', '''
def gaussian_log_likelihood(x, mu, sigma2):
    x = _samples(x, "x")
    mu = _finite_number(mu, "mu")
    sigma2 = _positive_number(sigma2, "sigma2")
    return float(-0.5 * x.size * np.log(sigma2) - np.sum((x - mu) ** 2) / (2 * sigma2))
''', named='dropping the constant −N/2 log(2π)'),
    Wrong(f"{A}.gaussian_log_likelihood", 'll sigma not sigma2', '''
def gaussian_log_likelihood(x, mu, sigma2):
    x = _samples(x, "x")
    mu = _finite_number(mu, "mu")
    sigma = _positive_number(sigma2, "sigma2")   # read as the standard deviation
    return float(-x.size * np.log(sigma * np.sqrt(2 * np.pi)) - np.sum((x - mu) ** 2) / (2 * sigma ** 2))
''', named='using σ instead of σ² (sigma2 read as the standard deviation)'),
    Wrong(f"{A}.gaussian_log_likelihood", 'll product', '''
def gaussian_log_likelihood(x, mu, sigma2):
    x = _samples(x, "x")
    mu = _finite_number(mu, "mu")
    sigma2 = _positive_number(sigma2, "sigma2")
    densities = np.exp(-(x - mu) ** 2 / (2 * sigma2)) / np.sqrt(2 * np.pi * sigma2)
    return float(np.log(np.prod(densities)))
''', named='the log of a product of densities, which underflows (or overflows)'),
    Wrong(f"{A}.gaussian_log_likelihood", 'll no sigma check', '''
def gaussian_log_likelihood(x, mu, sigma2):
    x = _samples(x, "x")
    mu = _finite_number(mu, "mu")
    return float(-0.5 * x.size * np.log(2 * np.pi * sigma2) - np.sum((x - mu) ** 2) / (2 * sigma2))
'''),
    Wrong(f"{A}.gaussian_hessian", 'hessian sign', '''
def gaussian_hessian(x, mu, sigma2):
    x = _samples(x, "x")
    mu = _finite_number(mu, "mu")
    sigma2 = _positive_number(sigma2, "sigma2")
    n, r = x.size, x - mu
    return np.array([[n / sigma2, np.sum(r) / sigma2 ** 2],
                     [np.sum(r) / sigma2 ** 2, -n / (2 * sigma2 ** 2) + np.sum(r ** 2) / sigma2 ** 3]])
''', named='the sign flipped (the Hessian of −LL)'),
    Wrong(f"{A}.gaussian_hessian", 'hessian no off diagonal', '''
def gaussian_hessian(x, mu, sigma2):
    x = _samples(x, "x")
    mu = _finite_number(mu, "mu")
    sigma2 = _positive_number(sigma2, "sigma2")
    n, r = x.size, x - mu
    return np.array([[-n / sigma2, 0.0], [0.0, n / (2 * sigma2 ** 2) - np.sum(r ** 2) / sigma2 ** 3]])
''', named='leaving out the off-diagonal term'),
    Wrong(f"{A}.gaussian_hessian", 'hessian no sixth power sum', '''
def gaussian_hessian(x, mu, sigma2):
    x = _samples(x, "x")
    mu = _finite_number(mu, "mu")
    sigma2 = _positive_number(sigma2, "sigma2")
    n, r = x.size, x - mu
    off = -np.sum(r) / sigma2 ** 2
    return np.array([[-n / sigma2, off], [off, n / (2 * sigma2 ** 2)]])
''', named='∂²LL/∂(σ²)² missing the −Σ(x_i − μ)²/σ⁶ term'),
    Wrong(f"{A}.gaussian_hessian", 'hessian mle form everywhere', '''
def gaussian_hessian(x, mu, sigma2):
    x = _samples(x, "x")
    mu = _finite_number(mu, "mu")
    sigma2 = _positive_number(sigma2, "sigma2")
    n = x.size
    return np.array([[-n / sigma2, 0.0], [0.0, -n / (2 * sigma2 ** 2)]])
''', named='the Hessian at the MLE, diag(−N/σ², −N/(2σ⁴)), used at every point'),
    Wrong(f"{A}.gaussian_hessian", 'hessian off diagonal sigma2', '''
def gaussian_hessian(x, mu, sigma2):
    x = _samples(x, "x")
    mu = _finite_number(mu, "mu")
    sigma2 = _positive_number(sigma2, "sigma2")
    n, r = x.size, x - mu
    off = -np.sum(r) / sigma2
    return np.array([[-n / sigma2, off], [off, n / (2 * sigma2 ** 2) - np.sum(r ** 2) / sigma2 ** 3]])
''', named='∂²LL/∂μ∂σ² with 1/σ² instead of 1/σ⁴'),
    Wrong(f"{A}.gaussian_hessian", 'hessian sixth power as fourth', '''
def gaussian_hessian(x, mu, sigma2):
    x = _samples(x, "x")
    mu = _finite_number(mu, "mu")
    sigma2 = _positive_number(sigma2, "sigma2")
    n, r = x.size, x - mu
    off = -np.sum(r) / sigma2 ** 2
    return np.array([[-n / sigma2, off], [off, n / (2 * sigma2 ** 2) - np.sum(r ** 2) / sigma2 ** 2]])
''', named='∂²LL/∂(σ²)² with Σ(x_i − μ)²/σ⁴ instead of /σ⁶'),
    Wrong(f"{A}.multinomial_mle", 'multinomial laplace', '''
def multinomial_mle(counts):
    counts = _counts(counts, "counts")
    if counts.sum() == 0:
        raise ValueError("all zero")
    return (counts + 1) / (counts.sum() + counts.size)
''', named='Laplace (add-one) smoothing'),
    Wrong(f"{A}.multinomial_mle", 'multinomial unnormalised', '''
def multinomial_mle(counts):
    counts = _counts(counts, "counts")
    if counts.sum() == 0:
        raise ValueError("all zero")
    return counts
''', named='returning the counts unnormalised'),
    Wrong(f"{A}.multinomial_mle", 'multinomial by k', '''
def multinomial_mle(counts):
    counts = _counts(counts, "counts")
    if counts.sum() == 0:
        raise ValueError("all zero")
    return counts / counts.size
''', named='dividing by the number of outcomes K instead of N'),
    Wrong(f"{A}.multinomial_mle", 'multinomial no zero check', '''
def multinomial_mle(counts):
    counts = _counts(counts, "counts")
    with np.errstate(invalid="ignore"):
        return counts / counts.sum()
'''),
    # recognised in every function where the mistake can happen (issue 9, item 2)
    Wrong(f"{A}.bernoulli_mle", "bernoulli n minus 1", '''
def bernoulli_mle(x):
    x = _samples(x, "x")
    if not np.all((x == 0) | (x == 1)):
        raise ValueError("x must hold only 0 and 1")
    return float(np.sum(x) / max(x.size - 1, 1))
''', named="dividing by N − 1"),
    Wrong(f"{A}.gaussian_log_likelihood", "ll averaged over the samples", '''
def gaussian_log_likelihood(x, mu, sigma2):
    x = _samples(x, "x")
    mu = _finite_number(mu, "mu")
    sigma2 = _positive_number(sigma2, "sigma2")
    with np.errstate(over="ignore"):
        squares = np.mean((x - mu) ** 2)
    return float(-0.5 * (np.log(2 * np.pi) + np.log(sigma2)) - 0.5 * squares / sigma2)
''', named="the average log-likelihood (divided by N)"),
]


ALTERNATIVES = [
    Alternative("hw2 in plain Python loops, lists and tuples returned", modules={A: "hw2_plain_loops.py"}),
    Alternative("hw2 with scipy.stats", modules={A: "hw2_scipy.py"}),
    Alternative("hw2 with other correct formulas (statistics.pvariance, mean-based Hessian)", modules={A: "hw2_variants.py"}),
]
