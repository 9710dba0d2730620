"""Assignment 1: surprise, entropy, cross-entropy and KL divergence (Lecture §7).

Conventions used by every function here (RULES.md, the common rules, has them all):

- ``base=None`` means natural logarithms, results in nats; ``base=2`` gives
  bits. Any other base b > 0, b != 1 gives units of log base b.
- A probability vector is 1-D, non-empty, finite, non-negative and sums to 1
  within 1e-6. ``0 * log 0`` counts as 0.
- Invalid input raises ``ValueError`` naming the parameter and the bad value.
- Inputs are never modified.

The helpers ``_log_base`` and ``_probability_vector`` are provided: use them.
"""
import numpy as np


def _log_base(base):
    """Return log(base), the divisor that turns nats into units of ``base``.

    ``None`` means nats (divisor 1). Raises ValueError unless base > 0, != 1.
    """
    if base is None:
        return 1.0
    try:
        valid = np.isscalar(base) and bool(np.isfinite(base)) and base > 0 and base != 1
    except TypeError:  # a string, a complex number, ...
        valid = False
    if not valid:
        raise ValueError(f"`base` must be positive and not 1, got {base!r}")
    return float(np.log(base))


def _probability_vector(p, name):
    """Return ``p`` as a new 1-D float array, or raise ValueError naming ``name``."""
    p = np.array(p, dtype=float)
    if p.ndim != 1 or p.size == 0:
        raise ValueError(f"`{name}` must be a non-empty 1-D vector, got shape {p.shape}")
    if not np.all(np.isfinite(p)) or np.any(p < 0):
        raise ValueError(f"`{name}` must be finite and non-negative, got {p}")
    if abs(p.sum() - 1.0) > 1e-6:
        raise ValueError(f"`{name}` must sum to 1, got sum {float(p.sum())!r}")
    return p


def surprise(p, base=None):
    r"""Surprise (self-information) of an event of probability ``p``.

    .. math:: S(p) = -\log_b p

    Lecture §7: as p -> 1 the surprise goes to 0; as p -> 0 it goes to infinity.

    Parameters
    ----------
    p : float or array_like
        Probabilities, each in [0, 1]; any shape.
    base : float, optional
        Logarithm base: None for nats (natural log), 2 for bits.

    Returns
    -------
    float or ndarray
        -log_b p elementwise, same shape as ``p`` (a float for a scalar);
        ``inf`` where p = 0.

    Raises
    ------
    ValueError
        If some p is outside [0, 1] or not a number, or ``base`` is invalid.

    Examples
    --------
    >>> float(surprise(0.5, base=2))     # a fair coin landing heads: 1 bit
    1.0
    >>> float(surprise(1.0))             # a sure thing is no surprise
    0.0
    >>> float(surprise(0.0))
    inf
    """
    ### BEGIN SOLUTION
    divisor = _log_base(base)
    p = np.array(p, dtype=float)
    if np.any(np.isnan(p)) or np.any((p < 0) | (p > 1)):
        raise ValueError(f"`p` must lie in [0, 1], got {p}")
    with np.errstate(divide="ignore"):
        s = -np.log(p) / divisor
    s = s + 0.0  # turns -0.0 (at p = 1) into 0.0
    return float(s) if s.ndim == 0 else s
    ### END SOLUTION


def entropy(p, base=None):
    r"""Entropy of a discrete distribution: its expected surprise.

    .. math:: H(p) = -\sum_{k=1}^{K} p_k \log_b p_k, \qquad 0 \log 0 = 0

    Lecture §7: a fair coin has 1 bit (= log 2 nats) of entropy, a two-headed
    coin 0, and the uniform distribution over K outcomes has the most, log K.

    Parameters
    ----------
    p : array_like, shape (K,)
        A probability vector over K >= 1 outcomes.
    base : float, optional
        Logarithm base: None for nats (natural log), 2 for bits.

    Returns
    -------
    float
        H(p) in nats (``base=None``), bits (``base=2``) or units of log base
        b; >= 0 for every base b > 1 (<= 0 for b < 1, where log_b is
        decreasing). Outcomes with p_k = 0 contribute 0.

    Raises
    ------
    ValueError
        If ``p`` is not a probability vector or ``base`` is invalid.

    Examples
    --------
    >>> entropy([0.5, 0.5], base=2)       # a fair coin: 1 bit
    1.0
    >>> bool(np.isclose(entropy([0.5, 0.5]), np.log(2)))   # = log 2 nats
    True
    >>> entropy([1.0, 0.0])               # a two-headed coin: no uncertainty
    0.0
    >>> round(entropy([0.25, 0.25, 0.25, 0.25], base=2), 12)   # uniform: log2(4)
    2.0
    >>> entropy([0.7, 0.1, 0.1, 0.1], base=2) < 2.0           # less than uniform
    True
    """
    # Hint: keep only the outcomes with p_k > 0; that is the rule 0 log 0 = 0.
    ### BEGIN SOLUTION
    divisor = _log_base(base)
    p = _probability_vector(p, "p")
    support = p[p > 0]
    nats = -np.sum(support * np.log(support))
    nats = max(float(nats), 0.0)  # p_k may exceed 1 by the 1e-6 tolerance
    return nats / divisor + 0.0   # + 0.0 turns -0.0 into 0.0
    ### END SOLUTION


def binary_entropy(theta, base=None):
    r"""Entropy of a coin that lands heads with probability ``theta``.

    .. math:: H_2(\theta) = -\theta \log_b \theta - (1 - \theta) \log_b (1 - \theta)

    with ``0 log 0 = 0``, so H_2(0) = H_2(1) = 0. This is ``entropy`` of the
    probability vector (θ, 1 − θ), applied elementwise. Lecture §7 (entropy)
    and §2 (the Bernoulli distribution).

    Parameters
    ----------
    theta : float or array_like
        Probabilities of heads, each in [0, 1]; any shape.
    base : float, optional
        Logarithm base: None for nats (natural log), 2 for bits.

    Returns
    -------
    float or ndarray
        H_2(θ) elementwise, same shape as ``theta`` (a float for a scalar),
        in nats (``base=None``), bits (``base=2``) or units of log base b.
        Largest at θ = 1/2 (1 bit), 0 at θ in {0, 1}.

    Raises
    ------
    ValueError
        If some θ is outside [0, 1] or not a number, or ``base`` is invalid.

    Examples
    --------
    >>> round(binary_entropy(0.5, base=2), 12)    # a fair coin: 1 bit
    1.0
    >>> binary_entropy([0.0, 1.0])        # a coin that always lands the same way
    array([0., 0.])
    >>> bool(np.isclose(binary_entropy(0.1), entropy([0.1, 0.9])))
    True
    """
    # Hint: np.log(0) is -inf and 0 * -inf is nan; handle θ = 0 and θ = 1
    # separately (np.where, masks) without emitting numpy warnings.
    ### BEGIN SOLUTION
    divisor = _log_base(base)
    theta = np.array(theta, dtype=float)
    if np.any(np.isnan(theta)) or np.any((theta < 0) | (theta > 1)):
        raise ValueError(f"`theta` must lie in [0, 1], got {theta}")
    heads = np.zeros_like(theta)
    tails = np.zeros_like(theta)
    inside = theta > 0
    heads[inside] = -theta[inside] * np.log(theta[inside])
    inside = theta < 1
    tails[inside] = -(1 - theta[inside]) * np.log1p(-theta[inside])  # log1p: accurate for small θ
    h = (heads + tails) / divisor + 0.0
    return float(h) if h.ndim == 0 else h
    ### END SOLUTION


def cross_entropy(p, q, base=None):
    r"""Cross-entropy of a model distribution ``q`` relative to ``p``.

    .. math:: H(p, q) = -\sum_{k=1}^{K} p_k \log_b q_k = H(p) + KL(p \,\|\, q)

    Terms with p_k = 0 count as 0 (even where q_k = 0). Lecture §7:
    maximising the likelihood of a model q is minimising H(p̂_data, q).

    Parameters
    ----------
    p : array_like, shape (K,)
        The probability vector the outcomes are drawn from (K outcomes).
    q : array_like, shape (K,)
        The model's probability vector over the same K outcomes.
    base : float, optional
        Logarithm base: None for nats (natural log), 2 for bits.

    Returns
    -------
    float
        H(p, q) in nats (``base=None``), bits (``base=2``) or units of log
        base b; ``inf`` if some p_k > 0 = q_k (``-inf`` for a base b < 1,
        where log_b is decreasing).

    Raises
    ------
    ValueError
        If ``p`` or ``q`` is not a probability vector, their lengths differ,
        or ``base`` is invalid.

    Examples
    --------
    >>> p, q = [0.5, 0.5], [0.25, 0.75]
    >>> cross_entropy(p, p, base=2)       # H(p, p) = H(p): 1 bit for a fair coin
    1.0
    >>> bool(np.isclose(cross_entropy(p, q), entropy(p) + kl_divergence(p, q)))
    True
    >>> cross_entropy(p, [1.0, 0.0])      # q rules out an outcome that p allows
    inf
    """
    # Hint: check p_k > 0 = q_k before taking any logarithm.
    ### BEGIN SOLUTION
    divisor = _log_base(base)
    p = _probability_vector(p, "p")
    q = _probability_vector(q, "q")
    if p.size != q.size:
        raise ValueError(f"`p` and `q` must have the same length, got {p.size} and {q.size}")
    support = p > 0
    if np.any(q[support] == 0):
        return float("inf") / divisor  # -inf for a base below 1, like surprise
    nats = -np.sum(p[support] * np.log(q[support]))
    return float(nats) / divisor + 0.0
    ### END SOLUTION


def kl_divergence(p, q, base=None):
    r"""Kullback-Leibler divergence (relative entropy) of ``q`` from ``p``.

    .. math:: KL(p \,\|\, q) = \sum_{k:\, p_k > 0} p_k \log_b \frac{p_k}{q_k} \;\ge\; 0

    Zero if and only if p = q; not symmetric, so not a metric (Lecture §7).
    Also KL(p‖q) = H(p, q) − H(p).

    Parameters
    ----------
    p : array_like, shape (K,)
        A probability vector over K outcomes.
    q : array_like, shape (K,)
        A probability vector over the same K outcomes.
    base : float, optional
        Logarithm base: None for nats (natural log), 2 for bits.

    Returns
    -------
    float
        KL(p‖q) in nats (``base=None``), bits (``base=2``) or units of log
        base b; >= 0 for every base b > 1 (rounding below 0 is returned as
        0.0, and <= 0 for a base b < 1); ``inf`` if some p_k > 0 = q_k
        (``-inf`` for a base b < 1).

    Raises
    ------
    ValueError
        If ``p`` or ``q`` is not a probability vector, their lengths differ,
        or ``base`` is invalid.

    Examples
    --------
    >>> kl_divergence([0.5, 0.5], [0.5, 0.5])     # KL(p || p) = 0
    0.0
    >>> kl_divergence([1.0, 0.0], [0.5, 0.5], base=2)
    1.0
    >>> kl_divergence([0.5, 0.5], [1.0, 0.0])     # not symmetric
    inf
    """
    # Hint: sum over the outcomes with p_k > 0 only; check p_k > 0 = q_k first.
    ### BEGIN SOLUTION
    divisor = _log_base(base)
    p = _probability_vector(p, "p")
    q = _probability_vector(q, "q")
    if p.size != q.size:
        raise ValueError(f"`p` and `q` must have the same length, got {p.size} and {q.size}")
    support = p > 0
    if np.any(q[support] == 0):
        return float("inf") / divisor  # -inf for a base below 1, like surprise
    p, q = p[support], q[support]
    nats = np.sum(p * (np.log(p) - np.log(q)))  # not log(p / q): p / q can overflow
    nats = max(float(nats), 0.0)  # KL >= 0; a sum of rounded terms can dip below
    return nats / divisor + 0.0
    ### END SOLUTION
