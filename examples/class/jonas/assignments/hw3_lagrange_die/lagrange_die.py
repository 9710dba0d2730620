"""Assignment 3: the maximum-likelihood die, by Lagrange multipliers (Lecture §5).

A die with K faces (K = 6 for the usual die) has parameters
theta = (theta_1, ..., theta_K), the probability of each face. N rolls show
face k n_k times; the counts n = (n_1, ..., n_K) are all the likelihood needs.
You count rolls, write the log-likelihood and its Lagrangian, solve for the
stationary point by hand, and check it against a numerical optimiser.

Conventions used by every function here (RULES.md, the common rules, has them all):

- Faces are numbered 1..K; ``counts[k - 1]`` is the count of face k.
- A probability vector is 1-D, non-empty, finite, non-negative and sums to 1
  within 1e-6. ``0 * log 0`` counts as 0.
- Invalid input raises ``ValueError`` naming the parameter and the bad value.
- Inputs are never modified; results are new arrays or Python floats.

The helpers below are provided: use them to check and convert your inputs.

- ``_whole_number(value, name)``: an integer >= 1 (``n_sides``).
- ``_faces(rolls, n_sides)``: rolls as an integer array, each in 1..n_sides.
- ``_counts(counts, name)``: non-negative integer counts as a float array.
- ``_probability_vector(p, name)``: a probability vector as a float array.
- ``_positive_vector(theta, name)``: a vector with every entry > 0.
- ``_finite_number(value, name)``: a finite real number as a float.
- ``_same_length(theta, counts)``: ``theta`` and ``counts`` match in length.
- ``_total(counts)``: N = sum of the counts, which must be > 0.
"""
import numpy as np
import scipy.optimize


def _show(value):
    """``repr(value)``, cut to 80 characters for error messages."""
    text = repr(value)
    return text if len(text) <= 80 else text[:76] + " ..."


def _float_array(values, name):
    """Return ``values`` as a new float array; raise ValueError if they are not real numbers."""
    try:
        kind = np.asarray(values).dtype.kind
        array = np.array(values, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"`{name}` must hold real numbers, got {_show(values)}") from None
    if kind not in "biuf":
        raise ValueError(f"`{name}` must hold real numbers, got {_show(values)}")
    return array


def _whole_number(value, name):
    """Return ``value`` as an int, or raise ValueError unless it is an integer >= 1."""
    if np.ndim(value) != 0 or isinstance(value, (bool, np.bool_)):
        raise ValueError(f"`{name}` must be an integer >= 1, got {_show(value)}")
    number = _float_array(value, name)
    if not np.isfinite(number) or number != np.floor(number) or number < 1:
        raise ValueError(f"`{name}` must be an integer >= 1, got {_show(value)}")
    return int(number)


def _finite_number(value, name):
    """Return ``value`` as a float, or raise ValueError unless it is a finite real number."""
    if np.ndim(value) != 0:
        raise ValueError(f"`{name}` must be a single finite number, got {_show(value)}")
    number = _float_array(value, name)
    if not np.isfinite(number):
        raise ValueError(f"`{name}` must be a single finite number, got {_show(value)}")
    return float(number)


def _faces(rolls, n_sides):
    """Return ``rolls`` as a new 1-D integer array; each roll must be a face in 1..n_sides.

    ``rolls`` may be empty.
    """
    faces = _float_array(rolls, "rolls")
    if faces.ndim != 1:
        raise ValueError(f"`rolls` must be a 1-D sequence of faces, got shape {faces.shape}")
    bad = ~np.isfinite(faces) | (faces != np.floor(faces)) | (faces < 1) | (faces > n_sides)
    if np.any(bad):
        raise ValueError(f"`rolls` must be faces numbered 1..{n_sides}, got {faces[bad][0]:g}")
    return faces.astype(np.int64)


def _counts(counts, name="counts"):
    """Return ``counts`` as a new 1-D float array of non-negative whole numbers (3.0 is fine, 2.5 is not)."""
    n = _float_array(counts, name)
    if n.ndim != 1 or n.size == 0:
        raise ValueError(f"`{name}` must be a non-empty 1-D vector, got shape {n.shape}")
    if not np.all(np.isfinite(n)) or np.any(n < 0) or np.any(n != np.floor(n)):
        raise ValueError(f"`{name}` must be non-negative integers, got {n}")
    return n


def _probability_vector(p, name):
    """Return ``p`` as a new 1-D float array, or raise ValueError naming ``name``."""
    p = _float_array(p, name)
    if p.ndim != 1 or p.size == 0:
        raise ValueError(f"`{name}` must be a non-empty 1-D vector, got shape {p.shape}")
    if not np.all(np.isfinite(p)) or np.any(p < 0):
        raise ValueError(f"`{name}` must be finite and non-negative, got {p}")
    if abs(p.sum() - 1.0) > 1e-6:
        raise ValueError(f"`{name}` must sum to 1, got sum {float(p.sum())!r}")
    return p


def _positive_vector(theta, name):
    """Return ``theta`` as a new 1-D float array whose entries are all finite and > 0."""
    theta = _float_array(theta, name)
    if theta.ndim != 1 or theta.size == 0:
        raise ValueError(f"`{name}` must be a non-empty 1-D vector, got shape {theta.shape}")
    if not np.all(np.isfinite(theta)) or np.any(theta <= 0):
        raise ValueError(f"`{name}` must be finite and > 0 everywhere (log 0 is undefined), got {theta}")
    return theta


def _same_length(theta, counts):
    """Raise ValueError unless ``theta`` and ``counts`` have one entry per face each."""
    if theta.shape != counts.shape:
        raise ValueError(f"`theta` and `counts` must have the same length, got {theta.size} and {counts.size}")


def _total(counts):
    """Return N = sum of ``counts`` as a float; raise ValueError if N = 0 (no rolls, no estimate)."""
    total = float(counts.sum())
    if total <= 0:
        raise ValueError(f"`counts` must contain at least one roll (N > 0), got {counts}")
    return total


def counts_from_rolls(rolls, n_sides=6):
    rolls = np.asarray(rolls, dtype=int)
    if rolls.size and (rolls.min() < 1 or rolls.max() > n_sides):
        raise ValueError("faces must lie in 1..n_sides")
    return np.array([int(np.sum(rolls == face)) for face in range(n_sides)])
    ### END SOLUTION


def die_log_likelihood(theta, counts):
    r"""Log-likelihood of a die with face probabilities ``theta`` given face counts.

    .. math:: LL(\theta) = \log \prod_{k=1}^K \theta_k^{n_k} = \sum_{k=1}^K n_k \log\theta_k

    Lecture §5, the die. The die has K faces; ``counts`` sum to N rolls.
    A face never rolled adds nothing (0 log 0 = 0, Lecture §7); a face that
    was rolled but has probability 0 makes the data impossible: -inf.

    Parameters
    ----------
    theta : array_like, shape (K,)
        A probability vector: theta_k is the probability of face k.
    counts : array_like, shape (K,)
        n_k, the number of rolls showing face k: non-negative integers.

    Returns
    -------
    float
        The log-likelihood in nats, <= 0; ``-inf`` where some n_k > 0 = theta_k.

    Raises
    ------
    ValueError
        If ``theta`` is not a probability vector, ``counts`` are not
        non-negative integers, or the two differ in length.

    Examples
    --------
    >>> bool(np.isclose(die_log_likelihood([0.5, 0.5], [2, 1]), 3 * np.log(0.5)))
    True
    >>> die_log_likelihood([1.0, 0.0], [2, 0])     # the unrolled face costs nothing
    0.0
    >>> die_log_likelihood([1.0, 0.0], [2, 1])     # a roll of probability 0
    -inf
    """
    # Hint: sum over the faces with n_k > 0 only, so 0 log 0 never has to be computed.
    ### BEGIN SOLUTION
    theta = _probability_vector(theta, "theta")
    n = _counts(counts)
    _same_length(theta, n)
    rolled = n > 0
    with np.errstate(divide="ignore"):  # log 0 = -inf is the right answer here
        return float(np.sum(n[rolled] * np.log(theta[rolled])))
    ### END SOLUTION


def lagrangian(theta, lam, counts):
    r"""The Lagrangian of the die's constrained maximum-likelihood problem.

    .. math:: J(\theta, \lambda) = \sum_{k=1}^K n_k \log\theta_k + \lambda \Big(1 - \sum_{k=1}^K \theta_k\Big)

    Lecture §5: maximise the log-likelihood subject to sum_k theta_k = 1 by
    making the constraint a term with a multiplier lambda. J is defined for
    any theta with every theta_k > 0, on or off the simplex. The die has K
    faces; ``counts`` sum to N rolls.

    Parameters
    ----------
    theta : array_like, shape (K,)
        Positive numbers theta_k > 0; they need not sum to 1.
    lam : float
        The Lagrange multiplier lambda, any finite number.
    counts : array_like, shape (K,)
        n_k, the number of rolls showing face k: non-negative integers.

    Returns
    -------
    float
        J(theta, lambda).

    Raises
    ------
    ValueError
        If some theta_k <= 0 or is not finite, ``lam`` is not a finite number,
        ``counts`` are not non-negative integers, or theta and counts differ
        in length.

    Examples
    --------
    On the simplex the constraint term vanishes and J is the log-likelihood:

    >>> bool(np.isclose(lagrangian([0.25, 0.75], 4.0, [1, 3]),
    ...                 np.log(0.25) + 3 * np.log(0.75)))
    True

    Off the simplex the multiplier charges for the excess mass:

    >>> bool(np.isclose(lagrangian([0.5, 0.5, 0.5], 2.0, [1, 1, 1]), 3 * np.log(0.5) - 1.0))
    True
    """
    ### BEGIN SOLUTION
    theta = _positive_vector(theta, "theta")
    lam = _finite_number(lam, "lam")
    n = _counts(counts)
    _same_length(theta, n)
    return float(np.sum(n * np.log(theta)) + lam * (1.0 - theta.sum()))
    ### END SOLUTION


def lagrangian_gradient(theta, lam, counts):
    r"""Gradient of the Lagrangian J with respect to (theta_1, ..., theta_K, lambda).

    .. math::
        \frac{\partial J}{\partial\theta_k} = \frac{n_k}{\theta_k} - \lambda,
        \qquad
        \frac{\partial J}{\partial\lambda} = 1 - \sum_{k=1}^K \theta_k

    Lecture §5, steps 1 and 2: setting the lambda component to zero gives back
    the constraint; setting the theta components to zero gives
    theta_k = n_k / lambda. The die has K faces; ``counts`` sum to N rolls.

    Parameters
    ----------
    theta : array_like, shape (K,)
        Positive numbers theta_k > 0; they need not sum to 1.
    lam : float
        The Lagrange multiplier lambda, any finite number.
    counts : array_like, shape (K,)
        n_k, the number of rolls showing face k: non-negative integers.

    Returns
    -------
    ndarray of float, shape (K + 1,)
        (dJ/dtheta_1, ..., dJ/dtheta_K, dJ/dlambda).

    Raises
    ------
    ValueError
        If some theta_k <= 0 or is not finite, ``lam`` is not a finite number,
        ``counts`` are not non-negative integers, or theta and counts differ
        in length.

    Examples
    --------
    >>> lagrangian_gradient([0.5, 0.5], 1.0, [1, 3]).tolist()
    [1.0, 5.0, 0.0]

    At theta = n / N, lambda = N every component is zero (Lecture §5):

    >>> bool(np.allclose(lagrangian_gradient([1/6, 2/6, 3/6], 6.0, [1, 2, 3]), 0.0))
    True
    """
    ### BEGIN SOLUTION
    theta = _positive_vector(theta, "theta")
    lam = _finite_number(lam, "lam")
    n = _counts(counts)
    _same_length(theta, n)
    return np.append(n / theta - lam, 1.0 - theta.sum())
    ### END SOLUTION


def stationary_point(counts):
    r"""The stationary point of the die's Lagrangian, solved by hand.

    .. math:: \hat\theta_k = \frac{n_k}{N}, \qquad \hat\lambda = N = \sum_{k=1}^K n_k

    Lecture §5, steps 2 to 4: theta_k = n_k / lambda from dJ/dtheta_k = 0, then
    the constraint gives lambda = N. By the KL argument (Lecture §5 and §7)
    this point is the global maximum of the likelihood. The die has K faces;
    ``counts`` sum to N > 0 rolls.

    Parameters
    ----------
    counts : array_like, shape (K,)
        n_k, the number of rolls showing face k: non-negative integers with
        N = sum_k n_k > 0.

    Returns
    -------
    theta : ndarray of float, shape (K,)
        The maximum-likelihood face probabilities n_k / N (a probability vector).
    lam : float
        The multiplier lambda = N.

    Raises
    ------
    ValueError
        If ``counts`` are not non-negative integers, or N = 0.

    Examples
    --------
    >>> theta, lam = stationary_point([1, 2, 3])
    >>> bool(np.allclose(theta, [1/6, 2/6, 3/6])), lam
    (True, 6.0)
    >>> bool(np.allclose(lagrangian_gradient(theta, lam, [1, 2, 3]), 0.0))
    True
    """
    ### BEGIN SOLUTION
    n = _counts(counts)
    total = _total(n)
    return n / total, total
    ### END SOLUTION


def numerical_mle(counts):
    r"""The die's maximum-likelihood estimate found by a numerical optimiser.

    .. math:: \hat\theta = \arg\max_{\theta:\ \sum_k \theta_k = 1,\ \theta_k \ge 0} \sum_{k=1}^K n_k \log\theta_k

    Lecture §6: when there is no closed form, the MLE needs iterative
    optimisation; here we check that an optimiser (``scipy.optimize``) finds
    the closed form of Lecture §5, theta_k = n_k / N, without being told it.
    The die has K faces; ``counts`` sum to N > 0 rolls.

    Parameters
    ----------
    counts : array_like, shape (K,)
        n_k, the number of rolls showing face k: non-negative integers with
        N = sum_k n_k > 0.

    Returns
    -------
    ndarray of float, shape (K,)
        A probability vector within 1e-4 of n / N (the reference is within
        1e-7).

    Raises
    ------
    ValueError
        If ``counts`` are not non-negative integers, or N = 0.

    Notes
    -----
    A face never rolled has n_k log theta_k = 0 whatever theta_k is, so any
    probability given to it is taken from the faces that were rolled: its
    maximum-likelihood probability is 0. The reference gives those faces 0
    and optimises over the M faces that were rolled, writing
    theta = softmax(z_1, ..., z_{M-1}, 0) so that theta stays on the simplex
    while z is unconstrained. It minimises the average negative
    log-likelihood -(1/N) sum_k n_k log theta_k, whose gradient with respect
    to z_k is theta_k - n_k / N and whose Hessian is
    diag(theta) - theta theta^T (first M - 1 faces), with Newton's method in
    a trust region (``scipy.optimize.minimize(method="trust-ncg")``).

    Examples
    --------
    >>> bool(np.allclose(numerical_mle([1, 2, 3]), [1/6, 2/6, 3/6], atol=1e-6))
    True
    >>> bool(np.allclose(numerical_mle([0, 3, 1]), [0, 0.75, 0.25], atol=1e-6))
    True
    >>> bool(np.isclose(numerical_mle([7, 0, 3]).sum(), 1.0))
    True
    """
    # Hint: scipy.optimize.minimize over unconstrained z, with theta = softmax(z) on the simplex.
    ### BEGIN SOLUTION
    n = _counts(counts)
    total = _total(n)
    rolled = n > 0
    n_rolled = n[rolled]

    def log_softmax(v):  # z = (v, 0): the last face rolled is the reference, z_M = 0
        z = np.append(v, 0.0)
        return z - z.max() - np.log(np.sum(np.exp(z - z.max())))

    def average_nll_and_gradient(v):
        log_theta = log_softmax(v)
        return -np.dot(n_rolled, log_theta) / total, (np.exp(log_theta) - n_rolled / total)[:-1]

    def hessian(v):
        theta = np.exp(log_softmax(v))[:-1]
        return np.diag(theta) - np.outer(theta, theta)

    theta = np.zeros(n.size)
    if n_rolled.size == 1:  # one face rolled: the simplex over it is the single point (1,)
        theta[rolled] = 1.0
        return theta
    result = scipy.optimize.minimize(average_nll_and_gradient, np.zeros(n_rolled.size - 1), jac=True,
                                     hess=hessian, method="trust-ncg", options={"gtol": 1e-12, "maxiter": 200})
    theta[rolled] = np.exp(log_softmax(result.x))
    theta = np.clip(theta, 0.0, None)
    return theta / theta.sum()
    ### END SOLUTION
