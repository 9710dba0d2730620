"""Assignment 1: surprise, entropy, cross-entropy and KL divergence (Lecture §7).

Conventions used by every function here (see COURSE_SPEC.md, "Common rules"):

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
    if not np.isscalar(base) or not np.isfinite(base) or base <= 0 or base == 1:
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
        raise ValueError(f"`{name}` must sum to 1, got sum {p.sum()!r}")
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
