"""Realistic wrong and alternative-correct submissions for hw4_mle_and_kl."""
from mutants import Alternative, Wrong

A = "hw4_mle_and_kl"

WRONG = [
    Wrong(f"{A}.empirical_distribution", 'unnormalised counts', '''
def empirical_distribution(samples, n_outcomes):
    n_outcomes = _whole_number(n_outcomes, "n_outcomes")
    x = _samples(samples, n_outcomes)
    return np.bincount(x, minlength=n_outcomes).astype(float)
''', named='unnormalised counts instead of frequencies'),
    Wrong(f"{A}.empirical_distribution", 'unseen outcomes dropped', '''
def empirical_distribution(samples, n_outcomes):
    n_outcomes = _whole_number(n_outcomes, "n_outcomes")
    x = _samples(samples, n_outcomes)
    return np.bincount(x) / x.size
''', named='dropping the outcomes never seen'),
    Wrong(f"{A}.empirical_distribution", 'off-by-one outcomes (1-based)', '''
def empirical_distribution(samples, n_outcomes):
    n_outcomes = _whole_number(n_outcomes, "n_outcomes")
    x = _samples(samples, n_outcomes)
    p = np.zeros(n_outcomes)
    for xi in x:
        p[xi - 1] += 1
    return p / x.size
''', named='off-by-one outcomes (numbered 1..K instead of 0..K-1)'),
    Wrong(f"{A}.empirical_distribution", 'off-by-one outcomes (K+1 entries)', '''
def empirical_distribution(samples, n_outcomes):
    n_outcomes = _whole_number(n_outcomes, "n_outcomes")
    x = _samples(samples, n_outcomes)
    p = np.zeros(n_outcomes + 1)
    for xi in x:
        p[xi] += 1
    return p / x.size
''', named='off-by-one outcomes (numbered 1..K instead of 0..K-1)'),
    Wrong(f"{A}.empirical_distribution", 'no validation (floats truncated, K unchecked)', '''
def empirical_distribution(samples, n_outcomes):
    x = np.asarray(samples).astype(int)
    return np.bincount(x, minlength=n_outcomes)[:n_outcomes] / len(x)
'''),
    Wrong(f"{A}.average_negative_log_likelihood", 'sum instead of mean (missing 1/N)', '''
def average_negative_log_likelihood(theta, samples):
    theta = _probability_vector(theta, "theta")
    x = _samples(samples, theta.size)
    with np.errstate(divide="ignore"):
        return float(-np.sum(np.log(theta[x])))
''', named='the total instead of the average (a missing 1/N)'),
    Wrong(f"{A}.average_negative_log_likelihood", 'missing minus sign', '''
def average_negative_log_likelihood(theta, samples):
    theta = _probability_vector(theta, "theta")
    x = _samples(samples, theta.size)
    with np.errstate(divide="ignore"):
        return float(np.mean(np.log(theta[x])))
''', named='a missing minus sign (the average log-likelihood, not its negative)'),
    Wrong(f"{A}.average_negative_log_likelihood", 'bits instead of nats', '''
def average_negative_log_likelihood(theta, samples):
    theta = _probability_vector(theta, "theta")
    x = _samples(samples, theta.size)
    with np.errstate(divide="ignore"):
        return float(-np.mean(np.log2(theta[x])))
''', named='a log-base mistake: the answer is in bits, not nats'),
    Wrong(f"{A}.average_negative_log_likelihood", 'samples not validated (index wraps)', '''
def average_negative_log_likelihood(theta, samples):
    theta = _probability_vector(theta, "theta")
    x = np.asarray(samples).astype(int)
    with np.errstate(divide="ignore"):
        return float(-np.mean(np.log(theta[x])))
'''),
    Wrong(f"{A}.linear_regression_mle", 'sigma2 divides by N - D', '''
def linear_regression_mle(X, y):
    X = _design_matrix(X)
    y = _targets(y, X.shape[0])
    _full_column_rank(X)
    w = np.linalg.lstsq(X, y, rcond=None)[0]
    residual = y - X @ w
    return w, float(np.sum(residual ** 2) / (X.shape[0] - X.shape[1]))
''', named='an unbiased-style variance, dividing by N - D or N - 1 instead of N'),
    Wrong(f"{A}.linear_regression_mle", 'sigma2 divides by N - 1', '''
def linear_regression_mle(X, y):
    X = _design_matrix(X)
    y = _targets(y, X.shape[0])
    _full_column_rank(X)
    w = np.linalg.lstsq(X, y, rcond=None)[0]
    residual = y - X @ w
    return w, float(np.sum(residual ** 2) / (len(y) - 1)) if len(y) > 1 else 0.0
''', named='an unbiased-style variance, dividing by N - D or N - 1 instead of N'),
    Wrong(f"{A}.linear_regression_mle", 'returns sigma, not sigma2', '''
def linear_regression_mle(X, y):
    X = _design_matrix(X)
    y = _targets(y, X.shape[0])
    _full_column_rank(X)
    w = np.linalg.lstsq(X, y, rcond=None)[0]
    residual = y - X @ w
    return w, float(np.sqrt(np.mean(residual ** 2)))
''', named='the standard deviation σ instead of the variance σ²'),
    Wrong(f"{A}.linear_regression_mle", 'w fitted feature by feature (ignores correlations)', '''
def linear_regression_mle(X, y):
    X = _design_matrix(X)
    y = _targets(y, X.shape[0])
    _full_column_rank(X)
    w = X.T @ y / np.sum(X ** 2, axis=0)
    residual = y - X @ w
    return w, float(np.mean(residual ** 2))
'''),
    Wrong(f"{A}.sigmoid", '1/(1+e^z)', '''
def sigmoid(z):
    z = _float_array(z, "z")
    if np.any(np.isnan(z)):
        raise ValueError(f"`z` must not be NaN, got {z}")
    with np.errstate(under="ignore"):
        e = np.exp(-np.abs(z))
        s = np.where(z >= 0, e / (1.0 + e), 1.0 / (1.0 + e))
    return float(s) if s.ndim == 0 else s
''', also=(f"{A}.logistic_gradient", f"{A}.fit_logistic_regression",), named='a sign mistake: 1/(1 + e^z) instead of 1/(1 + e^(-z))'),
    Wrong(f"{A}.sigmoid", 'naive 1/(1+exp(-z)): overflow warning', '''
def sigmoid(z):
    s = 1.0 / (1.0 + np.exp(-np.asarray(z, dtype=float)))
    return float(s) if s.ndim == 0 else s
'''),
    Wrong(f"{A}.sigmoid", 'np.where evaluating both branches: overflow warning', '''
def sigmoid(z):
    z = np.asarray(z, dtype=float)
    s = np.where(z >= 0, 1.0 / (1.0 + np.exp(-z)), np.exp(z) / (1.0 + np.exp(z)))
    return float(s) if s.ndim == 0 else s
'''),
    Wrong(f"{A}.logistic_nll", 'summed, not averaged', '''
def logistic_nll(w, X, y):
    X = _design_matrix(X)
    y = _labels(y, X.shape[0])
    w = _weights(w, X.shape[1])
    s = X @ w
    with np.errstate(under="ignore"):
        return float(np.sum(np.logaddexp(0.0, np.where(y == 1, -s, s))))
''', named='the summed loss instead of the mean (a missing 1/N)'),
    Wrong(f"{A}.logistic_nll", 'log of sigmoid: inf at large |s|', '''
def logistic_nll(w, X, y):
    X = _design_matrix(X)
    y = _labels(y, X.shape[0])
    w = _weights(w, X.shape[1])
    p = sigmoid(X @ w)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))
'''),
    Wrong(f"{A}.logistic_nll", 'clipped probabilities (1e-15)', '''
def logistic_nll(w, X, y):
    X = _design_matrix(X)
    y = _labels(y, X.shape[0])
    w = _weights(w, X.shape[1])
    p = np.clip(sigmoid(X @ w), 1e-15, 1 - 1e-15)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))
''', named='clipping σ away from 0 and 1 instead of a numerically stable formula'),
    Wrong(f"{A}.logistic_nll", 'labels treated as ±1', '''
def logistic_nll(w, X, y):
    X = _design_matrix(X)
    y = _labels(y, X.shape[0])
    w = _weights(w, X.shape[1])
    with np.errstate(under="ignore"):
        return float(np.mean(np.logaddexp(0.0, -y * (X @ w))))
''', also=(f"{A}.fit_logistic_regression",), named='labels treated as ±1 instead of 0/1'),
    Wrong(f"{A}.logistic_nll", 'labels swapped (sigma = P(y=0))', '''
def logistic_nll(w, X, y):
    X = _design_matrix(X)
    y = _labels(y, X.shape[0])
    w = _weights(w, X.shape[1])
    s = X @ w
    with np.errstate(under="ignore"):
        return float(np.mean(np.logaddexp(0.0, np.where(y == 1, s, -s))))
''', also=(f"{A}.fit_logistic_regression",), named='swapped labels: σ(x·w) taken as the probability of y = 0'),
    Wrong(f"{A}.logistic_nll", 'labels not validated', '''
def logistic_nll(w, X, y):
    X = _design_matrix(X)
    y = _targets(y, X.shape[0])
    w = _weights(w, X.shape[1])
    s = X @ w
    with np.errstate(under="ignore"):
        return float(np.mean(np.logaddexp(0.0, s) - y * s))
'''),
    Wrong(f"{A}.logistic_gradient", 'missing 1/N', '''
def logistic_gradient(w, X, y):
    X = _design_matrix(X)
    y = _labels(y, X.shape[0])
    w = _weights(w, X.shape[1])
    with np.errstate(under="ignore"):
        return X.T @ (sigmoid(X @ w) - y)
''', named='the gradient of the summed loss (a missing 1/N)'),
    Wrong(f"{A}.logistic_gradient", 'y - sigma (sign flipped)', '''
def logistic_gradient(w, X, y):
    X = _design_matrix(X)
    y = _labels(y, X.shape[0])
    w = _weights(w, X.shape[1])
    with np.errstate(under="ignore"):
        return X.T @ (y - sigmoid(X @ w)) / X.shape[0]
''', named='a flipped sign: Xᵀ(y - σ) is the gradient of the log-likelihood, not of the loss'),
    Wrong(f"{A}.logistic_gradient", 'labels treated as ±1', '''
def logistic_gradient(w, X, y):
    X = _design_matrix(X)
    y = _labels(y, X.shape[0])
    w = _weights(w, X.shape[1])
    with np.errstate(under="ignore"):
        return -X.T @ (y * sigmoid(-y * (X @ w))) / X.shape[0]
''', named='labels treated as ±1 instead of 0/1'),
    Wrong(f"{A}.logistic_gradient", 'w length not validated (broadcasts a scalar w)', '''
def logistic_gradient(w, X, y):
    X = _design_matrix(X)
    y = _labels(y, X.shape[0])
    w = np.asarray(w, dtype=float)
    s = X @ w if w.size == X.shape[1] else X.sum(axis=1) * w.ravel()[0] if w.size else X[:, 0] * 0
    with np.errstate(under="ignore"):
        return X.T @ (sigmoid(s) - y) / X.shape[0]
'''),
    Wrong(f"{A}.fit_logistic_regression", 'gradient descent, fixed 1000 steps of 0.1', '''
def fit_logistic_regression(X, y):
    X = _design_matrix(X)
    y = _labels(y, X.shape[0])
    w = np.zeros(X.shape[1])
    for _ in range(1000):
        w = w - 0.1 * logistic_gradient(w, X, y)
    return w
'''),
    Wrong(f"{A}.fit_logistic_regression", 'returns a (D, 1) column', '''
def fit_logistic_regression(X, y):
    X = _design_matrix(X)
    y = _labels(y, X.shape[0])
    w = np.zeros(X.shape[1])
    for _ in range(100):
        p = sigmoid(X @ w)
        g = X.T @ (p - y) / len(y)
        if np.max(np.abs(g)) < 1e-12:
            break
        w = w - np.linalg.solve((X.T * (p * (1 - p))) @ X / len(y), g)
    return w.reshape(-1, 1)
'''),
    Wrong(f"{A}.fit_logistic_regression", 'Newton with a Hessian missing 1/N, 30 steps', '''
def fit_logistic_regression(X, y):
    X = _design_matrix(X)
    y = _labels(y, X.shape[0])
    w = np.zeros(X.shape[1])
    for _ in range(30):
        p = sigmoid(X @ w)
        g = X.T @ (p - y) / len(y)
        w = w - np.linalg.solve((X.T * (p * (1 - p))) @ X, g)
    return w
'''),
    Wrong(f"{A}.fit_logistic_regression", 'labels not validated', '''
def fit_logistic_regression(X, y):
    X = _design_matrix(X)
    y = np.asarray(y, dtype=float)
    w = np.zeros(X.shape[1])
    for _ in range(100):
        p = sigmoid(X @ w)
        g = X.T @ (p - y) / len(y)
        if np.max(np.abs(g)) < 1e-12:
            break
        w = w - np.linalg.solve((X.T * (p * (1 - p))) @ X / len(y), g)
    return w
'''),
    # recognised in every function where the mistake can happen (issue 9, item 2)
    Wrong(f"{A}.empirical_distribution", "Laplace smoothing (n + 1)/(N + K)", '''
def empirical_distribution(samples, n_outcomes):
    n_outcomes = _whole_number(n_outcomes, "n_outcomes")
    x = _samples(samples, n_outcomes)
    return (np.bincount(x, minlength=n_outcomes) + 1.0) / (x.size + n_outcomes)
''', named="Laplace (add-one) smoothing, (n + 1)/(N + K)"),
    Wrong(f"{A}.empirical_distribution", "divided by K", '''
def empirical_distribution(samples, n_outcomes):
    n_outcomes = _whole_number(n_outcomes, "n_outcomes")
    x = _samples(samples, n_outcomes)
    return np.bincount(x, minlength=n_outcomes) / n_outcomes
''', named="dividing by the number of outcomes K instead of the number of samples N"),
    Wrong(f"{A}.logistic_nll", "log2 instead of the natural log", '''
def logistic_nll(w, X, y):
    X = _design_matrix(X)
    y = _labels(y, X.shape[0])
    w = _weights(w, X.shape[1])
    s = X @ w
    with np.errstate(under="ignore"):
        return float(np.mean(np.logaddexp2(0.0, np.where(y == 1, -s, s) / np.log(2))))
''', named="a log-base mistake: the answer is in bits, not nats"),
    # an optimiser stopped early: caught only with thousands of samples and strong signals (issue 9, item 4)
    Wrong(f"{A}.fit_logistic_regression", "gradient descent with a tolerance, but at most 1000 steps of 0.5", '''
def fit_logistic_regression(X, y):
    X = _design_matrix(X)
    y = _labels(y, X.shape[0])
    w = np.zeros(X.shape[1])
    for _ in range(1000):
        gradient = logistic_gradient(w, X, y)
        if np.max(np.abs(gradient)) < 1e-8:
            break
        w = w - 0.5 * gradient
    return w
'''),
]

ALT_GD = {
    f"{A}.fit_logistic_regression": '''
def fit_logistic_regression(X, y):
    import scipy.special
    X = _design_matrix(X)
    y = _labels(y, X.shape[0])
    _full_column_rank(X)
    lr = 4.0 * X.shape[0] / np.linalg.norm(X, 2) ** 2
    w = np.zeros(X.shape[1])
    for step in range(200000):
        g = X.T @ (scipy.special.expit(X @ w) - y) / X.shape[0]
        if np.max(np.abs(g)) < 1e-8:
            break
        w = w - lr * g
        if step % 1000 == 999 and np.all((X @ w > 0) == (y == 1)):
            raise ValueError("X and y are linearly separable: the likelihood has no maximum")
    return w
''',
    f"{A}.sigmoid": '''
def sigmoid(z):
    import scipy.special
    z = _float_array(z, "z")
    if np.any(np.isnan(z)):
        raise ValueError(f"`z` must not be NaN, got {z}")
    s = scipy.special.expit(z)
    return float(s) if s.ndim == 0 else s
''',
    f"{A}.linear_regression_mle": '''
def linear_regression_mle(X, y):
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    if X.ndim != 2 or y.shape != (X.shape[0],):
        raise ValueError("bad shapes")
    if not (np.all(np.isfinite(X)) and np.all(np.isfinite(y))):
        raise ValueError("X and y must be finite")
    w = np.linalg.solve(X.T @ X, X.T @ y)
    r = y - X @ w
    return list(w), r @ r / len(y)
''',
    f"{A}.empirical_distribution": '''
def empirical_distribution(samples, n_outcomes):
    n_outcomes = _whole_number(n_outcomes, "n_outcomes")
    x = _samples(samples, n_outcomes)
    return [float(np.sum(x == k)) / len(x) for k in range(n_outcomes)]
''',
    f"{A}.average_negative_log_likelihood": '''
def average_negative_log_likelihood(theta, samples):
    theta = _probability_vector(theta, "theta")
    x = _samples(samples, theta.size)
    p_hat = np.bincount(x, minlength=theta.size) / x.size
    if np.any((p_hat > 0) & (theta == 0)):
        return float("inf")
    m = p_hat > 0
    return -np.sum(p_hat[m] * np.log(theta[m]))
''',
    f"{A}.logistic_nll": '''
def logistic_nll(w, X, y):
    X = _design_matrix(X)
    y = _labels(y, X.shape[0])
    w = _weights(w, X.shape[1])
    s = X @ w
    return np.mean(np.maximum(s, 0) + np.log1p(np.exp(-np.abs(s))) - y * s)
''',
    f"{A}.logistic_gradient": '''
def logistic_gradient(w, X, y):
    X = _design_matrix(X)
    y = _labels(y, X.shape[0])
    w = _weights(w, X.shape[1])
    g = np.zeros(X.shape[1])
    for xi, yi in zip(X, y):
        g += (sigmoid(float(xi @ w)) - yi) * xi
    return list(g / len(y))
''',
}

ALT_UNDERFLOW = {
    f"{A}.sigmoid": '''
def sigmoid(z):
    z = _float_array(z, "z")
    if np.any(np.isnan(z)):
        raise ValueError(f"`z` must not be NaN, got {z}")
    s = np.exp(-np.logaddexp(0.0, -z))
    return float(s) if s.ndim == 0 else s
''',
    f"{A}.fit_logistic_regression": '''
def fit_logistic_regression(X, y):
    X = _design_matrix(X)
    y = _labels(y, X.shape[0])
    w = np.zeros(X.shape[1])
    for _ in range(50):
        p = sigmoid(X @ w)
        w = w - np.linalg.solve(X.T @ (X * (p * (1 - p))[:, None]), X.T @ (p - y))
    return w
''',
    f"{A}.empirical_distribution": '''
def empirical_distribution(samples, n_outcomes):
    import collections
    n_outcomes = _whole_number(n_outcomes, "n_outcomes")
    x = _samples(samples, n_outcomes)
    counts = collections.Counter(x.tolist())
    return np.array([counts[k] / len(x) for k in range(n_outcomes)])
''',
    f"{A}.average_negative_log_likelihood": '''
def average_negative_log_likelihood(theta, samples):
    import math
    theta = _probability_vector(theta, "theta")
    x = _samples(samples, theta.size)
    total = 0.0
    for xi in x:
        if theta[xi] == 0:
            return math.inf
        total -= math.log(theta[xi])
    return total / len(x)
''',
    f"{A}.logistic_nll": '''
def logistic_nll(w, X, y):
    X = _design_matrix(X)
    y = _labels(y, X.shape[0])
    w = _weights(w, X.shape[1])
    s = X @ w
    return np.mean(np.logaddexp(0, s) - y * s)
''',
}

ALT_SCIPY = {
    f"{A}.fit_logistic_regression": '''
def fit_logistic_regression(X, y):
    import scipy.optimize
    X = _design_matrix(X)
    y = _labels(y, X.shape[0])
    _full_column_rank(X)
    result = scipy.optimize.minimize(logistic_nll, np.zeros(X.shape[1]), args=(X, y), jac=logistic_gradient,
                                     method="BFGS", options={"gtol": 1e-9, "maxiter": 10000})
    s = X @ result.x
    if np.all((s > 0) == (y == 1)) and np.all(s != 0):
        raise ValueError("X and y are linearly separable: the likelihood has no maximum")
    return result.x
''',
    f"{A}.linear_regression_mle": '''
def linear_regression_mle(X, y):
    X = _design_matrix(X)
    y = _targets(y, X.shape[0])
    w = np.linalg.inv(X.T @ X) @ X.T @ y
    return tuple(w.tolist()) and (w, float(np.mean((y - X @ w) ** 2)))
''',
    f"{A}.sigmoid": '''
def sigmoid(z):
    z = _float_array(z, "z")
    if np.any(np.isnan(z)):
        raise ValueError(f"`z` must not be NaN, got {z}")
    out = np.empty_like(z)
    pos = z >= 0
    out[pos] = 1.0 / (1.0 + np.exp(-z[pos]))
    ez = np.exp(z[~pos])
    out[~pos] = ez / (1.0 + ez)
    return out if out.ndim else float(out)
''',
    f"{A}.logistic_nll": '''
def logistic_nll(w, X, y):
    X = _design_matrix(X)
    y = _labels(y, X.shape[0])
    w = _weights(w, X.shape[1])
    s = X @ w
    return float(np.mean(y * np.logaddexp(0, -s) + (1 - y) * np.logaddexp(0, s)))
''',
}

ALTERNATIVES = [Alternative("hw4 by gradient descent, expit, normal equations, lists returned", ALT_GD), Alternative("hw4 with Counter, math.log loops and Newton without line search", ALT_UNDERFLOW), Alternative("hw4 with scipy BFGS and an explicit inverse", ALT_SCIPY)]
