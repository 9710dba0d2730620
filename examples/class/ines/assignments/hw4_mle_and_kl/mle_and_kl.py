"""Assignment 4: MLE = minimum KL = minimum cross-entropy; iterative MLE (Lecture §1, §6, §7).

First the identity of Lecture §7: the average negative log-likelihood of a
model theta on N samples is the cross-entropy H(p_hat, theta) from the
empirical distribution p_hat of the samples, so maximising the likelihood is
minimising the cross-entropy (and the KL divergence). Then two models of
Lecture §1: linear regression, whose MLE has a closed form, and logistic
regression, whose MLE needs an iterative optimiser (Lecture §6).

Conventions used by every function here (RULES.md, the common rules, has them all):

- Letters: N samples, K outcomes (numbered 0..K-1), D features. ``X`` is
  an N x D matrix whose row i is the feature vector x_i.
- A probability vector is 1-D, non-empty, finite, non-negative and sums to 1
  within 1e-6. ``0 * log 0`` counts as 0. Logarithms are natural (nats).
- Invalid input raises ``ValueError`` naming the parameter and the bad value.
- Inputs are never modified; results are new arrays or Python floats.

The helpers below are provided: use them to check and convert your inputs.

- ``_whole_number(value, name)``: an integer >= 1 (``n_outcomes``).
- ``_samples(samples, n_outcomes)``: N >= 1 outcomes in 0..K-1, as integers.
- ``_probability_vector(p, name)``: a probability vector as a float array.
- ``_design_matrix(X)``: a finite N x D matrix as a float array.
- ``_targets(y, n)``: N finite real targets; ``_labels(y, n)``: N labels in {0, 1}.
- ``_weights(w, d)``: D finite weights.
- ``_full_column_rank(X)``: N >= D and linearly independent columns.
"""
import numpy as np


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


def _samples(samples, n_outcomes):
    """Return ``samples`` as a new 1-D integer array of N >= 1 outcomes, each in 0..n_outcomes-1."""
    x = _float_array(samples, "samples")
    if x.ndim != 1 or x.size == 0:
        raise ValueError(f"`samples` must be a non-empty 1-D sequence, got shape {x.shape}")
    bad = ~np.isfinite(x) | (x != np.floor(x)) | (x < 0) | (x >= n_outcomes)
    if np.any(bad):
        raise ValueError(f"`samples` must be outcomes numbered 0..{n_outcomes - 1}, "
                         f"got {x[bad][0]:g}")
    return x.astype(np.int64)


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


def _design_matrix(X):
    """Return ``X`` as a new N x D float array (N, D >= 1, every entry finite)."""
    X = _float_array(X, "X")
    if X.ndim != 2 or X.size == 0:
        raise ValueError(f"`X` must be a non-empty 2-D array (N samples x D features), got shape {X.shape}")
    if not np.all(np.isfinite(X)):
        raise ValueError(f"`X` must be finite, got {X}")
    return X


def _vector(v, name, length, what):
    """Return ``v`` as a new 1-D float array of ``length`` finite entries."""
    v = _float_array(v, name)
    if v.shape != (length,):
        raise ValueError(f"`{name}` must be a 1-D vector of length {length} ({what}), got shape {v.shape}")
    if not np.all(np.isfinite(v)):
        raise ValueError(f"`{name}` must be finite, got {v}")
    return v


def _targets(y, n):
    """Return ``y`` as a new float array of ``n`` finite real targets, one per row of X."""
    return _vector(y, "y", n, "one target per row of X")


def _labels(y, n):
    """Return ``y`` as a new float array of ``n`` labels, each 0 or 1 (bools are fine)."""
    y = _vector(y, "y", n, "one label per row of X")
    if not np.all((y == 0) | (y == 1)):
        raise ValueError(f"`y` must hold labels 0 or 1, got {y}")
    return y


def _weights(w, d):
    """Return ``w`` as a new float array of ``d`` finite weights, one per column of X."""
    return _vector(w, "w", d, "one weight per column of X")


def _full_column_rank(X):
    """Raise ValueError unless the N x D matrix ``X`` has rank D (so N >= D)."""
    n, d = X.shape
    rank = np.linalg.matrix_rank(X) if n >= d else n
    if rank < d:
        raise ValueError(f"`X` must have full column rank (N >= D and independent columns), "
                         f"got shape {X.shape} with rank {rank}")


def empirical_distribution(samples, n_outcomes):
    r"""The empirical distribution of N samples over K outcomes.

    .. math:: \hat p_k = \frac{\#\{i : x_i = k\}}{N}, \qquad k = 0, \dots, K - 1

    Lecture §7: p_hat_data puts mass 1/N on each sample; for the die it is
    n_k / N, the MLE of Lecture §5. There are N samples and K = ``n_outcomes``
    outcomes, numbered 0..K-1.

    Parameters
    ----------
    samples : array_like, shape (N,)
        N >= 1 outcomes, each an integer in 0..K-1 (3.0 counts as 3).
    n_outcomes : int
        K, the number of outcomes, an integer >= 1.

    Returns
    -------
    ndarray of float, shape (K,)
        The probability vector p_hat.

    Raises
    ------
    ValueError
        If ``n_outcomes`` is not an integer >= 1, ``samples`` is empty, or a
        sample is not an integer in 0..K-1.

    Examples
    --------
    >>> empirical_distribution([0, 1, 1, 2], 3).tolist()
    [0.25, 0.5, 0.25]
    >>> empirical_distribution([1, 1], 4).tolist()     # outcomes never seen get 0
    [0.0, 1.0, 0.0, 0.0]
    """
    ### BEGIN SOLUTION
    n_outcomes = _whole_number(n_outcomes, "n_outcomes")
    x = _samples(samples, n_outcomes)
    return np.bincount(x, minlength=n_outcomes) / x.size
    ### END SOLUTION


def average_negative_log_likelihood(theta, samples):
    r"""Average negative log-likelihood of a categorical model theta on N samples.

    .. math::
        -\frac1N \sum_{i=1}^N \log\theta_{x_i}
        = -\sum_{k=0}^{K-1} \hat p_k \log\theta_k = H(\hat p, \theta)

    Lecture §7: the average log-likelihood is E_{p_hat}[log p_theta], so its
    negative is the cross-entropy from the empirical distribution p_hat to
    the model, and minimising it is maximising the likelihood. There are N
    samples and K outcomes, numbered 0..K-1, K = ``len(theta)``.

    Parameters
    ----------
    theta : array_like, shape (K,)
        A probability vector: theta_k is the model's probability of outcome k.
    samples : array_like, shape (N,)
        N >= 1 outcomes, each an integer in 0..K-1.

    Returns
    -------
    float
        The average negative log-likelihood in nats, >= 0; ``inf`` where a
        sample has probability theta_{x_i} = 0.

    Raises
    ------
    ValueError
        If ``theta`` is not a probability vector, ``samples`` is empty, or a
        sample is not an integer in 0..K-1.

    Examples
    --------
    The average NLL equals the cross-entropy H(p_hat, theta):

    >>> theta, x = [0.5, 0.25, 0.25], [0, 1, 1, 2]
    >>> p_hat = empirical_distribution(x, 3)
    >>> bool(np.isclose(average_negative_log_likelihood(theta, x), -np.sum(p_hat * np.log(theta))))
    True
    >>> bool(np.isclose(average_negative_log_likelihood([0.25] * 4, [3, 0]), np.log(4)))
    True
    >>> average_negative_log_likelihood([1.0, 0.0], [0, 1])   # a sample the model calls impossible
    inf
    """
    ### BEGIN SOLUTION
    theta = _probability_vector(theta, "theta")
    x = _samples(samples, theta.size)
    with np.errstate(divide="ignore"):  # log 0 = -inf is the right answer here
        return float(-np.mean(np.log(theta[x])))
    ### END SOLUTION


def linear_regression_mle(X, y):
    r"""Maximum-likelihood linear regression: y = X w + noise, noise ~ N(0, sigma^2).

    .. math::
        \hat w = \arg\min_w \sum_{i=1}^N (y_i - w^\top x_i)^2 = (X^\top X)^{-1} X^\top y,
        \qquad
        \hat\sigma^2 = \frac1N \sum_{i=1}^N (y_i - \hat w^\top x_i)^2

    Lecture §1 (the squared loss) and §4 (the Gaussian MLE): the Gaussian
    log-likelihood is, up to constants, minus the squared loss over 2 sigma^2,
    so the MLE of w is least squares, and the MLE of sigma^2 is the mean
    squared residual (dividing by N, not N - D). There are N samples and D
    features (include a column of ones in X for an intercept).

    Parameters
    ----------
    X : array_like, shape (N, D)
        Finite features, row i is x_i; full column rank (so N >= D).
    y : array_like, shape (N,)
        Finite targets.

    Returns
    -------
    w : ndarray of float, shape (D,)
        The least-squares weights.
    sigma2 : float
        The mean squared residual, >= 0.

    Raises
    ------
    ValueError
        If ``X`` is not a finite 2-D array of full column rank, or ``y`` is
        not a finite vector with one entry per row of X.

    Examples
    --------
    A line through three points: y = 1 + 2 x exactly, no noise.

    >>> w, sigma2 = linear_regression_mle([[1, 0], [1, 1], [1, 2]], [1, 3, 5])
    >>> bool(np.allclose(w, [1, 2])), round(sigma2, 12)
    (True, 0.0)

    With only an intercept, w is the mean and sigma2 the variance over N (Lecture §4):

    >>> w, sigma2 = linear_regression_mle([[1], [1], [1]], [1, 2, 3])
    >>> bool(np.allclose(w, [2.0])), bool(np.isclose(sigma2, 2 / 3))
    (True, True)
    """
    # Hint: np.linalg.lstsq solves least squares stably; or solve the normal equations.
    ### BEGIN SOLUTION
    X = _design_matrix(X)
    y = _targets(y, X.shape[0])
    _full_column_rank(X)
    w = np.linalg.lstsq(X, y, rcond=None)[0]
    residual = y - X @ w
    return w, float(np.mean(residual ** 2))
    ### END SOLUTION


def sigmoid(z):
    r"""The logistic function, elementwise.

    .. math:: \sigma(z) = \frac{1}{1 + e^{-z}} = \frac{e^{z}}{1 + e^{z}}

    Lecture §1 and §6: logistic regression models P(y = 1 | x) = sigma(w^T x),
    a probability in (0, 1). For z < 0 the second form avoids computing e^{-z},
    which overflows for z below about -709.

    Parameters
    ----------
    z : float or array_like
        Any shape; every entry a number, not NaN (+-inf are fine).

    Returns
    -------
    float or ndarray
        sigma(z) elementwise, same shape as ``z`` (a float for a scalar); in
        [0, 1], never NaN, no overflow warning.

    Raises
    ------
    ValueError
        If ``z`` holds NaN or something that is not a real number.

    Examples
    --------
    >>> sigmoid(0.0)
    0.5
    >>> sigmoid(-1000.0), sigmoid(1000.0)
    (0.0, 1.0)
    >>> bool(np.isclose(sigmoid(-2.0), 1 - sigmoid(2.0)))    # sigma(-z) = 1 - sigma(z)
    True
    """
    # Hint: np.exp(-np.abs(z)) never overflows; build both forms from it.
    ### BEGIN SOLUTION
    z = _float_array(z, "z")
    if np.any(np.isnan(z)):
        raise ValueError(f"`z` must not be NaN, got {z}")
    with np.errstate(under="ignore"):
        e = np.exp(-np.abs(z))  # in [0, 1]: e^{-z} for z >= 0, e^{z} for z < 0
        s = np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))
    return float(s) if s.ndim == 0 else s
    ### END SOLUTION


def logistic_nll(w, X, y):
    r"""Average negative log-likelihood of logistic regression (the cross-entropy loss).

    .. math::
        \ell(w) = -\frac1N \sum_{i=1}^N \Big[ y_i \log\sigma(x_i^\top w)
                  + (1 - y_i) \log\big(1 - \sigma(x_i^\top w)\big) \Big]
                = \frac1N \sum_{i=1}^N \Big[ \log(1 + e^{s_i}) - y_i s_i \Big],
        \quad s_i = x_i^\top w

    Lecture §6 and §7: the loss of the first lecture, the cross-entropy, is
    the average negative log-likelihood of P(y = 1 | x) = sigma(x^T w). There
    are N samples and D features. Since log sigma(s) = -log(1 + e^{-s}) and
    log(1 - sigma(s)) = -log(1 + e^{s}), each term is a softplus
    log(1 + e^{t}) (``np.logaddexp(0, t)``), finite for any finite s.

    Parameters
    ----------
    w : array_like, shape (D,)
        Finite weights.
    X : array_like, shape (N, D)
        Finite features, row i is x_i.
    y : array_like, shape (N,)
        Labels, each 0 or 1.

    Returns
    -------
    float
        The loss in nats, >= 0; finite and accurate for |x_i^T w| up to 1e3
        and beyond.

    Raises
    ------
    ValueError
        If ``X`` is not a finite 2-D array, ``y`` is not one 0/1 label per
        row of X, or ``w`` is not one finite weight per column of X.

    Examples
    --------
    >>> bool(np.isclose(logistic_nll([0.0], [[1.0], [2.0]], [1, 0]), np.log(2)))   # sigma(0) = 1/2
    True
    >>> logistic_nll([1000.0], [[1.0], [1.0]], [1, 0])       # (0 + 1000) / 2, no overflow
    500.0
    """
    # Hint: np.logaddexp(0, t) computes log(1 + e^t) without overflow.
    ### BEGIN SOLUTION
    X = _design_matrix(X)
    y = _labels(y, X.shape[0])
    w = _weights(w, X.shape[1])
    s = X @ w
    # y_i = 1 costs log(1 + e^{-s_i}), y_i = 0 costs log(1 + e^{s_i}): one softplus, no cancellation
    with np.errstate(under="ignore"):
        return float(np.mean(np.logaddexp(0.0, np.where(y == 1, -s, s))))
    ### END SOLUTION


def logistic_gradient(w, X, y):
    r"""Gradient of ``logistic_nll`` with respect to the weights w.

    .. math:: \nabla_w \ell(w) = \frac1N \sum_{i=1}^N \big(\sigma(x_i^\top w) - y_i\big)\, x_i
              = \frac1N X^\top \big(\sigma(X w) - y\big)

    Lecture §6: iterative optimisation (gradient descent, Newton) needs the
    gradient; it is zero at the MLE. There are N samples and D features; use
    ``sigmoid`` above so large |x_i^T w| cause no overflow.

    Parameters
    ----------
    w : array_like, shape (D,)
        Finite weights.
    X : array_like, shape (N, D)
        Finite features, row i is x_i.
    y : array_like, shape (N,)
        Labels, each 0 or 1.

    Returns
    -------
    ndarray of float, shape (D,)
        The gradient.

    Raises
    ------
    ValueError
        If ``X`` is not a finite 2-D array, ``y`` is not one 0/1 label per
        row of X, or ``w`` is not one finite weight per column of X.

    Examples
    --------
    At w = 0 every prediction is 1/2:

    >>> logistic_gradient([0.0, 0.0], [[1, 2], [1, -1]], [1, 0]).tolist()
    [0.0, -0.75]

    With an intercept only, the gradient vanishes where sigma(w) is the fraction of ones:

    >>> bool(np.allclose(logistic_gradient([np.log(3)], [[1], [1], [1], [1]], [1, 1, 1, 0]), 0.0))
    True
    """
    ### BEGIN SOLUTION
    X = _design_matrix(X)
    y = _labels(y, X.shape[0])
    w = _weights(w, X.shape[1])
    with np.errstate(under="ignore"):  # terms below 1e-308 may round to 0: harmless
        return X.T @ (sigmoid(X @ w) - y) / X.shape[0]
    ### END SOLUTION


def fit_logistic_regression(X, y):
    r"""Maximum-likelihood logistic regression, by Newton's method.

    .. math:: \hat w = \arg\min_w \ell(w), \qquad
              w \leftarrow w - t\, H(w)^{-1} \nabla_w \ell(w), \qquad
              H(w) = \frac1N \sum_{i=1}^N \sigma_i (1 - \sigma_i)\, x_i x_i^\top

    Lecture §6: logistic regression has no closed-form MLE, so iterate from
    w = 0. The loss is convex; Newton's method (step t = 1, halved while the
    loss goes up) converges in a few steps. There are N samples and D
    features (include a column of ones in X for an intercept).

    Lecture §3: the MLE need not exist. If a hyperplane separates the 0s from
    the 1s, the likelihood keeps growing as w grows: there is no maximum.

    Parameters
    ----------
    X : array_like, shape (N, D)
        Finite features, row i is x_i; full column rank (so N >= D).
    y : array_like, shape (N,)
        Labels, each 0 or 1, not linearly separable by X.

    Returns
    -------
    ndarray of float, shape (D,)
        The MLE w: every component of ``logistic_gradient(w, X, y)`` is within
        1e-6 of 0 (the reference stops below 1e-10).

    Raises
    ------
    ValueError
        If ``X`` is not a finite 2-D array of full column rank, ``y`` is not
        one 0/1 label per row of X, or the data are linearly separable
        (Newton's method then diverges or ends at a w that separates them).

    Examples
    --------
    >>> X = [[1, -2], [1, -1], [1, 0], [1, 1], [1, 2]]
    >>> y = [0, 1, 0, 1, 1]
    >>> w = fit_logistic_regression(X, y)
    >>> bool(np.all(np.abs(logistic_gradient(w, X, y)) < 1e-6))
    True

    With an intercept only, sigma(w) is the fraction of ones, 3/4:

    >>> bool(np.isclose(fit_logistic_regression([[1], [1], [1], [1]], [1, 1, 1, 0])[0], np.log(3)))
    True
    """
    # Hint: Newton's step solves H d = gradient; stop when max |gradient| is tiny (say 1e-10).
    ### BEGIN SOLUTION
    X = _design_matrix(X)
    y = _labels(y, X.shape[0])
    _full_column_rank(X)
    n = X.shape[0]
    w = np.zeros(X.shape[1])
    with np.errstate(under="ignore"):  # terms below 1e-308 rounding to 0 are harmless
        loss = logistic_nll(w, X, y)
        for _ in range(100):
            p = sigmoid(X @ w)
            gradient = X.T @ (p - y) / n
            if np.max(np.abs(gradient)) < 1e-10:
                break
            hessian = (X.T * (p * (1.0 - p))) @ X / n
            try:
                step = np.linalg.solve(hessian, gradient)
            except np.linalg.LinAlgError:  # sigma (1 - sigma) rounded to 0: w ran off to infinity
                break
            # Halve the step while the loss does not fall enough; 4e-16 * loss allows for rounding.
            t, decrease = 1.0, gradient @ step
            while t >= 1e-10:
                new_loss = logistic_nll(w - t * step, X, y)
                if new_loss <= loss - 1e-4 * t * decrease + 4e-16 * loss:
                    break
                t /= 2
            else:  # no step lowers the loss: w is as good as rounding allows
                break
            w, loss = w - t * step, new_loss
        s = X @ w
        gradient = X.T @ (sigmoid(s) - y) / n
    if np.all((s > 0) == (y == 1)) and np.all(s != 0):
        raise ValueError("`X` and `y` are linearly separable (x_i^T w > 0 exactly where y_i = 1): "
                         "the likelihood has no maximum (Lecture §3)")
    if np.max(np.abs(gradient)) > 1e-8:
        raise ValueError(f"Newton's method did not converge (max |gradient| = {np.max(np.abs(gradient)):.3g}): "
                         "`X` and `y` may be (nearly) linearly separable, so the MLE may not exist (Lecture §3)")
    return w
    ### END SOLUTION
