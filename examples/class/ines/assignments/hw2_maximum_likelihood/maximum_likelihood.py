"""Assignment 2: closed-form maximum likelihood estimates (Lecture §2-§5).

Each function returns the MLE of a distribution from Lecture §2, found by
setting the derivative of the log-likelihood to zero (Lecture §3, §4); the
Gaussian also gets its log-likelihood and its Hessian, the second-derivative
check that the stationary point is a maximum (Lecture §4).

Conventions used by every function here (RULES.md, the common rules, has them all):

- Data are 1-D array-likes (lists, tuples, numpy arrays) of N >= 1 values.
- Scalars are returned as Python floats, vectors as float numpy arrays,
  pairs as tuples of floats.
- Invalid input raises ``ValueError`` naming the parameter and the bad value.
- Inputs are never modified.

The helpers ``_samples``, ``_counts``, ``_finite_number`` and
``_positive_number`` check the inputs and return clean float copies: use them.
"""
import numpy as np


def _float_array(values, name):
    """Return ``values`` as a new float array, or raise ValueError naming ``name``."""
    try:
        return np.array(values, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"`{name}` must hold numbers, got {values!r}") from None


def _samples(x, name):
    """Return ``x`` as a new 1-D float array of N >= 1 finite values, or raise ValueError."""
    x = _float_array(x, name)
    if x.ndim != 1 or x.size == 0:
        raise ValueError(f"`{name}` must be a non-empty 1-D vector, got shape {x.shape}")
    if not np.all(np.isfinite(x)):
        raise ValueError(f"`{name}` must be finite (no nan or inf), got {x}")
    return x


def _counts(counts, name):
    """Return ``counts`` as a new 1-D float array of non-negative whole numbers, or raise ValueError.

    Whole-valued floats (3.0) count as integers; 2.5 does not.
    """
    counts = _samples(counts, name)
    if np.any(counts < 0) or np.any(counts != np.floor(counts)):
        raise ValueError(f"`{name}` must be non-negative integers, got {counts}")
    return counts


def _finite_number(value, name):
    """Return ``value`` as a Python float if it is one finite real number, or raise ValueError."""
    number = _float_array(value, name)
    if number.ndim != 0 or not np.isfinite(number):
        raise ValueError(f"`{name}` must be a finite number, got {value!r}")
    return float(number)


def _positive_number(value, name):
    """Return ``value`` as a Python float if it is one finite number > 0, or raise ValueError."""
    number = _finite_number(value, name)
    if number <= 0:
        raise ValueError(f"`{name}` must be positive, got {value!r}")
    return number


def bernoulli_mle(x):
    r"""Maximum likelihood estimate of a coin's probability of heads.

    With N tosses x_i in {0, 1} (1 = heads) the log-likelihood
    LL(θ) = Σ_i [x_i log θ + (1 − x_i) log(1 − θ)] is largest at

    .. math:: \hat\theta = \frac{1}{N} \sum_{i=1}^{N} x_i,

    the fraction of heads. Lecture §2 (the Bernoulli distribution) and §3
    (the MLE maximises the likelihood).

    Parameters
    ----------
    x : array_like, shape (N,)
        N >= 1 coin tosses, each 0 or 1 (ints, bools or floats 0.0 / 1.0).

    Returns
    -------
    float
        θ̂ in [0, 1], the estimated probability of heads.

    Raises
    ------
    ValueError
        If ``x`` is empty, not 1-D, or holds a value other than 0 and 1.

    Examples
    --------
    >>> bernoulli_mle([1, 1, 0, 1])               # 3 heads in 4 tosses
    0.75
    >>> bernoulli_mle([True, False, False, False])
    0.25
    """
    # Hint: check that every toss is 0 or 1, then take the fraction of heads.
    ### BEGIN SOLUTION
    x = _samples(x, "x")
    if not np.all((x == 0) | (x == 1)):
        raise ValueError(f"`x` must hold only 0 and 1 (tails and heads), got {x}")
    return float(np.mean(x))
    ### END SOLUTION


def binomial_mle(heads, n):
    heads = np.asarray(heads, dtype=float)
    if heads.ndim != 1 or heads.size == 0 or n < 1 or np.any(heads < 0) or np.any(heads > n):
        raise ValueError("heads must lie in 0..n")
    return float(heads.sum() / len(heads))
    ### END SOLUTION


def poisson_mle(counts):
    r"""Maximum likelihood estimate of a Poisson rate λ.

    With p(k) = λ^k e^(−λ) / k!, the log-likelihood of N counts is
    LL(λ) = Σ_i k_i log λ − N λ − Σ_i log k_i!, and dLL/dλ = Σ_i k_i / λ − N = 0 at

    .. math:: \hat\lambda = \frac{1}{N} \sum_{i=1}^{N} k_i,

    the mean count. Lecture §2 (the Poisson distribution) and §3.

    Parameters
    ----------
    counts : array_like, shape (N,)
        N >= 1 observed counts, non-negative whole numbers (3.0 is accepted).

    Returns
    -------
    float
        λ̂ >= 0, the estimated mean number of events per interval.

    Raises
    ------
    ValueError
        If ``counts`` is empty, not 1-D, or holds a negative or non-whole value.

    Examples
    --------
    >>> poisson_mle([2, 0, 3, 1])
    1.5
    >>> poisson_mle([0, 0, 0])                    # no events: λ̂ = 0
    0.0
    """
    ### BEGIN SOLUTION
    counts = _counts(counts, "counts")
    return float(np.mean(counts))
    ### END SOLUTION


def gaussian_log_likelihood(x, mu, sigma2):
    r"""Log-likelihood of N samples under a univariate Gaussian N(μ, σ²).

    .. math:: LL(\mu, \sigma^2) = \sum_{i=1}^{N} \log \mathcal N(x_i \mid \mu, \sigma^2)
              = -\frac{N}{2} \log(2\pi\sigma^2) - \frac{1}{2\sigma^2} \sum_{i=1}^{N} (x_i - \mu)^2

    Lecture §4: the log turns the product of densities into this sum.

    Parameters
    ----------
    x : array_like, shape (N,)
        N >= 1 finite samples.
    mu : float
        The mean μ, a finite number.
    sigma2 : float
        The variance σ² > 0 (finite).

    Returns
    -------
    float
        LL(μ, σ²) in nats (natural log of a density, so it may be positive).

    Raises
    ------
    ValueError
        If ``x`` is empty, not 1-D or not finite; if ``mu`` is not a finite
        number; or if ``sigma2`` is not a finite number > 0.

    Examples
    --------
    >>> bool(np.isclose(gaussian_log_likelihood([0.0], 0.0, 1.0), -0.5 * np.log(2 * np.pi)))
    True
    >>> x = [1.0, 2.0, 3.0]
    >>> bool(np.isclose(gaussian_log_likelihood(x, 2.0, 4.0),
    ...                 -1.5 * np.log(8 * np.pi) - 2.0 / 8.0))
    True
    >>> gaussian_log_likelihood(x, 2.0, 2 / 3) > gaussian_log_likelihood(x, 2.5, 2 / 3)
    True
    """
    # Hint: use the closed form above rather than the log of a product of
    # densities, which underflows to log(0) = -inf for many samples.
    ### BEGIN SOLUTION
    x = _samples(x, "x")
    mu = _finite_number(mu, "mu")
    sigma2 = _positive_number(sigma2, "sigma2")
    with np.errstate(over="ignore"):  # a square beyond 1e308 is inf: LL = -inf
        squares = np.sum((x - mu) ** 2)
    # log(2π) + log(σ²), not log(2πσ²): 2πσ² overflows for σ² near 1e308
    return float(-0.5 * x.size * (np.log(2 * np.pi) + np.log(sigma2)) - 0.5 * squares / sigma2)
    ### END SOLUTION


def gaussian_mle(x):
    r"""Maximum likelihood estimates of a univariate Gaussian's mean and variance.

    Setting ∂LL/∂μ = 0 and ∂LL/∂σ² = 0 (Lecture §4) gives

    .. math:: \hat\mu = \frac{1}{N} \sum_{i=1}^{N} x_i, \qquad
              \hat\sigma^2 = \frac{1}{N} \sum_{i=1}^{N} (x_i - \hat\mu)^2 .

    The variance divides by N, not N − 1: the MLE of the variance is biased.
    For N = 1 it is 0 (Lecture §3: the likelihood is unbounded as σ² -> 0).

    Parameters
    ----------
    x : array_like, shape (N,)
        N >= 1 finite samples.

    Returns
    -------
    tuple of (float, float)
        ``(mu, sigma2)``: the sample mean and the variance that divides by N.

    Raises
    ------
    ValueError
        If ``x`` is empty, not 1-D or not finite.

    Examples
    --------
    >>> gaussian_mle([1.0, 2.0, 3.0, 4.0])        # 1.25 = 5 / 4, not 5 / 3
    (2.5, 1.25)
    >>> gaussian_mle([7.0])
    (7.0, 0.0)
    """
    ### BEGIN SOLUTION
    x = _samples(x, "x")
    mu = np.mean(x)
    sigma2 = np.mean((x - mu) ** 2)  # two passes: no cancellation, unlike E[x²] − μ²
    return float(mu), float(sigma2)
    ### END SOLUTION


def gaussian_hessian(x, mu, sigma2):
    r"""Hessian of the Gaussian log-likelihood with respect to (μ, σ²).

    .. math::
        \nabla^2 LL = \begin{pmatrix}
            -\frac{N}{\sigma^2} & -\frac{1}{\sigma^4} \sum_i (x_i - \mu) \\
            -\frac{1}{\sigma^4} \sum_i (x_i - \mu) &
            \frac{N}{2\sigma^4} - \frac{1}{\sigma^6} \sum_i (x_i - \mu)^2
        \end{pmatrix}

    Lecture §4: at the MLE (μ̂, σ̂²) the off-diagonal terms vanish and the
    Hessian is diag(−N/σ̂², −N/(2σ̂⁴)), negative definite: a maximum.

    Parameters
    ----------
    x : array_like, shape (N,)
        N >= 1 finite samples.
    mu : float
        The mean μ at which to evaluate, a finite number.
    sigma2 : float
        The variance σ² > 0 at which to evaluate (finite).

    Returns
    -------
    ndarray, shape (2, 2)
        The symmetric matrix [[∂²LL/∂μ², ∂²LL/∂μ∂σ²], [∂²LL/∂σ²∂μ, ∂²LL/∂(σ²)²]].

    Raises
    ------
    ValueError
        If ``x`` is empty, not 1-D or not finite; if ``mu`` is not a finite
        number; or if ``sigma2`` is not a finite number > 0.

    Examples
    --------
    >>> x = [1.0, 2.0, 3.0, 4.0]
    >>> mu, sigma2 = gaussian_mle(x)
    >>> H = gaussian_hessian(x, mu, sigma2)
    >>> bool(np.allclose(H, [[-4 / 1.25, 0.0], [0.0, -4 / (2 * 1.25 ** 2)]]))
    True
    >>> bool(np.all(np.linalg.eigvalsh(H) < 0))   # negative definite: a maximum
    True
    """
    # Hint: divide by σ² twice rather than by σ⁴ = (σ²)², which can overflow
    # or underflow.
    ### BEGIN SOLUTION
    x = _samples(x, "x")
    mu = _finite_number(mu, "mu")
    sigma2 = _positive_number(sigma2, "sigma2")
    n = x.size
    residuals = x - mu
    with np.errstate(over="ignore"):  # huge residuals: the math says ±inf
        first = np.sum(residuals)
        second = np.sum(residuals ** 2)
        d_mu_mu = -n / sigma2
        d_mu_s2 = -(first / sigma2) / sigma2
        d_s2_s2 = ((n / 2 - second / sigma2) / sigma2) / sigma2
    hessian = np.array([[d_mu_mu, d_mu_s2], [d_mu_s2, d_s2_s2]], dtype=float)
    return hessian + 0.0  # + 0.0 turns -0.0 into 0.0
    ### END SOLUTION


def multinomial_mle(counts):
    r"""Maximum likelihood estimate of a multinomial's outcome probabilities.

    With n_k observations of outcome k and N = Σ_k n_k, maximising
    Σ_k n_k log θ_k subject to Σ_k θ_k = 1 (Lecture §5, Lagrange multipliers)
    gives

    .. math:: \hat\theta_k = \frac{n_k}{N},

    the observed frequencies (an outcome never seen gets probability 0).

    Parameters
    ----------
    counts : array_like, shape (K,)
        Counts n_k of each of K >= 1 outcomes, non-negative whole numbers
        (3.0 is accepted) with N = Σ_k n_k > 0.

    Returns
    -------
    ndarray, shape (K,)
        θ̂, a probability vector.

    Raises
    ------
    ValueError
        If ``counts`` is empty, not 1-D, holds a negative or non-whole value,
        or sums to 0.

    Examples
    --------
    >>> multinomial_mle([2, 3, 5])                # green, blue, red balls
    array([0.2, 0.3, 0.5])
    >>> multinomial_mle([0, 1, 1, 2, 0, 0])       # a die; faces never seen get 0
    array([0.  , 0.25, 0.25, 0.5 , 0.  , 0.  ])
    """
    ### BEGIN SOLUTION
    counts = _counts(counts, "counts")
    total = np.sum(counts)
    if total == 0:
        raise ValueError(f"`counts` must not all be 0 (N = sum of counts > 0), got {counts}")
    return counts / total
    ### END SOLUTION
