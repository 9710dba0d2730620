"""Realistic wrong and alternative-correct submissions for hw3 (the die, by Lagrange multipliers)."""
from mutants import Alternative, Wrong

A = "hw3_lagrange_die"

WRONG = [
    Wrong(f"{A}.counts_from_rolls", 'faces counted from 0: np.bincount(rolls, minlength=K)', '''
def counts_from_rolls(rolls, n_sides=6):
    n_sides = _whole_number(n_sides, "n_sides")
    faces = _faces(rolls, n_sides)
    return np.bincount(faces, minlength=n_sides)
''', named='faces counted from 0 instead of 1 (the counts are shifted by one face)'),
    Wrong(f"{A}.counts_from_rolls", 'faces counted from 0: [rolls.count(k) for k in range(K)]', '''
def counts_from_rolls(rolls, n_sides=6):
    n_sides = _whole_number(n_sides, "n_sides")
    faces = _faces(rolls, n_sides).tolist()
    return np.array([faces.count(k) for k in range(n_sides)])
''', named='faces counted from 0 instead of 1 (the counts are shifted by one face)'),
    Wrong(f"{A}.counts_from_rolls", 'np.bincount without minlength: faces above the highest roll missing', '''
def counts_from_rolls(rolls, n_sides=6):
    n_sides = _whole_number(n_sides, "n_sides")
    faces = _faces(rolls, n_sides)
    return np.bincount(faces - 1)
''', named='forgetting the faces above the highest roll (np.bincount without minlength)'),
    Wrong(f"{A}.counts_from_rolls", 'np.unique counts: faces never rolled dropped', '''
def counts_from_rolls(rolls, n_sides=6):
    n_sides = _whole_number(n_sides, "n_sides")
    faces = _faces(rolls, n_sides)
    return np.unique(faces, return_counts=True)[1]
''', named='counting only the faces that were rolled (np.unique drops the zero counts)'),
    Wrong(f"{A}.counts_from_rolls", "np.histogram with n_sides bins over the data's range", '''
def counts_from_rolls(rolls, n_sides=6):
    n_sides = _whole_number(n_sides, "n_sides")
    faces = _faces(rolls, n_sides)
    return np.histogram(faces, bins=n_sides)[0]
''', named="np.histogram with n_sides bins (its bins span the data's range, not the faces 1..K)"),
    Wrong(f"{A}.counts_from_rolls", 'no check that rolls are faces 1..n_sides', '''
def counts_from_rolls(rolls, n_sides=6):
    rolls = np.asarray(rolls, dtype=float).astype(int)
    counts = np.bincount(rolls - 1, minlength=n_sides) if rolls.size else np.zeros(n_sides, dtype=int)
    return counts[:n_sides]
'''),
    Wrong(f"{A}.die_log_likelihood", '0·log 0 computed as NaN', '''
def die_log_likelihood(theta, counts):
    theta = _probability_vector(theta, "theta")
    n = _counts(counts)
    _same_length(theta, n)
    return float(np.sum(n * np.log(theta)))
''', named='0·log 0 giving NaN instead of 0'),
    Wrong(f"{A}.die_log_likelihood", 'Σ log θ_k, not weighted by the counts', '''
def die_log_likelihood(theta, counts):
    theta = _probability_vector(theta, "theta")
    n = _counts(counts)
    _same_length(theta, n)
    with np.errstate(divide="ignore"):
        return float(np.sum(np.log(theta)))
''', named='the log-likelihood without the counts, Σ_k log θ_k'),
    Wrong(f"{A}.die_log_likelihood", 'log of the likelihood product (underflows to -inf)', '''
def die_log_likelihood(theta, counts):
    theta = _probability_vector(theta, "theta")
    n = _counts(counts)
    _same_length(theta, n)
    with np.errstate(divide="ignore"):
        return float(np.log(np.prod(theta ** n)))
''', named='the log of the likelihood product, which underflows to 0 and gives -inf'),
    Wrong(f"{A}.die_log_likelihood", 'average log-likelihood (divided by N)', '''
def die_log_likelihood(theta, counts):
    theta = _probability_vector(theta, "theta")
    n = _counts(counts)
    _same_length(theta, n)
    rolled = n > 0
    with np.errstate(divide="ignore"):
        return float(np.sum(n[rolled] * np.log(theta[rolled])) / max(n.sum(), 1))
''', named='the average log-likelihood (divided by N)'),
    Wrong(f"{A}.die_log_likelihood", 'skips faces with θ_k = 0 instead of n_k = 0 (finite instead of -inf)', '''
def die_log_likelihood(theta, counts):
    theta = _probability_vector(theta, "theta")
    n = _counts(counts)
    _same_length(theta, n)
    positive = theta > 0
    return float(np.sum(n[positive] * np.log(theta[positive])))
''', named='skipping the faces with θ_k = 0 instead of those with n_k = 0'),
    Wrong(f"{A}.die_log_likelihood", 'no check that θ sums to 1', '''
def die_log_likelihood(theta, counts):
    theta = np.array(theta, dtype=float)
    if theta.ndim != 1 or theta.size == 0 or np.any(theta < 0) or not np.all(np.isfinite(theta)):
        raise ValueError("bad theta")
    n = _counts(counts)
    _same_length(theta, n)
    rolled = n > 0
    with np.errstate(divide="ignore"):
        return float(np.sum(n[rolled] * np.log(theta[rolled])))
'''),
    Wrong(f"{A}.die_log_likelihood", 'no check that counts are non-negative integers', '''
def die_log_likelihood(theta, counts):
    theta = _probability_vector(theta, "theta")
    n = np.asarray(counts, dtype=float)
    _same_length(theta, n)
    rolled = n != 0
    with np.errstate(divide="ignore"):
        return float(np.sum(n[rolled] * np.log(theta[rolled])))
'''),
    Wrong(f"{A}.lagrangian", 'constraint term with the wrong sign, + λ(Σθ − 1)', '''
def lagrangian(theta, lam, counts):
    theta = _positive_vector(theta, "theta")
    lam = _finite_number(lam, "lam")
    n = _counts(counts)
    _same_length(theta, n)
    return float(np.sum(n * np.log(theta)) + lam * (theta.sum() - 1.0))
''', named='the wrong sign of the constraint term, + λ(Σθ − 1)'),
    Wrong(f"{A}.lagrangian", 'constraint term forgotten', '''
def lagrangian(theta, lam, counts):
    theta = _positive_vector(theta, "theta")
    lam = _finite_number(lam, "lam")
    n = _counts(counts)
    _same_length(theta, n)
    return float(np.sum(n * np.log(theta)))
''', named='the log-likelihood without the constraint term'),
    Wrong(f"{A}.lagrangian", 'no check that θ_k > 0', '''
def lagrangian(theta, lam, counts):
    theta = np.array(theta, dtype=float)
    lam = _finite_number(lam, "lam")
    n = _counts(counts)
    _same_length(theta, n)
    with np.errstate(all="ignore"):
        return float(np.sum(n * np.log(theta)) + lam * (1.0 - theta.sum()))
'''),
    Wrong(f"{A}.lagrangian_gradient", 'gradient missing the −λ term', '''
def lagrangian_gradient(theta, lam, counts):
    theta = _positive_vector(theta, "theta")
    lam = _finite_number(lam, "lam")
    n = _counts(counts)
    _same_length(theta, n)
    return np.append(n / theta, 1.0 - theta.sum())
''', named='a gradient missing the −λ term'),
    Wrong(f"{A}.lagrangian_gradient", 'last entry Σθ − 1 instead of 1 − Σθ', '''
def lagrangian_gradient(theta, lam, counts):
    theta = _positive_vector(theta, "theta")
    lam = _finite_number(lam, "lam")
    n = _counts(counts)
    _same_length(theta, n)
    return np.append(n / theta - lam, theta.sum() - 1.0)
''', named='the last entry Σθ − 1 instead of 1 − Σθ'),
    Wrong(f"{A}.lagrangian_gradient", 'gradient of the wrong-sign Lagrangian (n/θ + λ, Σθ − 1)', '''
def lagrangian_gradient(theta, lam, counts):
    theta = _positive_vector(theta, "theta")
    lam = _finite_number(lam, "lam")
    n = _counts(counts)
    _same_length(theta, n)
    return np.append(n / theta + lam, theta.sum() - 1.0)
''', named='the gradient of a Lagrangian with the wrong sign, + λ(Σθ − 1)'),
    Wrong(f"{A}.lagrangian_gradient", 'no ∂J/∂λ entry (length K)', '''
def lagrangian_gradient(theta, lam, counts):
    theta = _positive_vector(theta, "theta")
    lam = _finite_number(lam, "lam")
    n = _counts(counts)
    _same_length(theta, n)
    return n / theta - lam
''', named='a gradient without the λ component'),
    Wrong(f"{A}.lagrangian_gradient", 'counts not validated (negative, fractional, wrong length)', '''
def lagrangian_gradient(theta, lam, counts):
    theta = _positive_vector(theta, "theta")
    lam = _finite_number(lam, "lam")
    n = np.asarray(counts, dtype=float)
    return np.append(n / theta - lam, 1.0 - theta.sum())
'''),
    Wrong(f"{A}.stationary_point", 'λ = K instead of N', '''
def stationary_point(counts):
    n = _counts(counts)
    total = _total(n)
    return n / total, float(n.size)
''', named='λ = K (the number of faces) instead of λ = N'),
    Wrong(f"{A}.stationary_point", 'λ = K, so θ = n/K', '''
def stationary_point(counts):
    n = _counts(counts)
    _total(n)
    return n / n.size, float(n.size)
''', named='λ = K (the number of faces) instead of λ = N, so θ = n/K'),
    Wrong(f"{A}.stationary_point", 'λ = −N (constraint written λ(Σθ − 1))', '''
def stationary_point(counts):
    n = _counts(counts)
    total = _total(n)
    return n / total, -total
''', named='λ = −N, from the constraint term written as λ(Σθ − 1)'),
    Wrong(f"{A}.stationary_point", 'no check for N = 0', '''
def stationary_point(counts):
    n = _counts(counts)
    total = n.sum()
    with np.errstate(all="ignore"):
        return n / total, float(total)
'''),
    Wrong(f"{A}.numerical_mle", 'Laplace smoothing (n + 1)/(N + K)', '''
def numerical_mle(counts):
    n = _counts(counts)
    total = _total(n)
    return (n + 1) / (total + n.size)
''', named='Laplace (add-one) smoothing, (n + 1)/(N + K)'),
    Wrong(f"{A}.numerical_mle", 'θ = n/K', '''
def numerical_mle(counts):
    n = _counts(counts)
    _total(n)
    return n / n.size
''', named='θ = n/K instead of n/N'),
    Wrong(f"{A}.numerical_mle", 'SLSQP with bounds (1e-3, 1): unrolled faces get 0.001', '''
def numerical_mle(counts):
    n = _counts(counts)
    total = _total(n)
    k = n.size
    result = scipy.optimize.minimize(lambda t: -np.dot(n, np.log(t)) / total, np.full(k, 1.0 / k), method="SLSQP",
                                     bounds=[(1e-3, 1.0)] * k,
                                     constraints=[{"type": "eq", "fun": lambda t: t.sum() - 1.0}],
                                     options={"ftol": 1e-12, "maxiter": 500})
    return result.x
'''),
    Wrong(f"{A}.numerical_mle", 'Nelder-Mead with default tolerances: not within 1e-4', '''
def numerical_mle(counts):
    n = _counts(counts)
    total = _total(n)
    def softmax(z):
        e = np.exp(z - z.max())
        return e / e.sum()
    def nll(z):
        theta = softmax(np.asarray(z, dtype=float))
        with np.errstate(divide="ignore"):
            return -np.dot(n, np.log(theta)) / total
    result = scipy.optimize.minimize(nll, np.zeros(n.size), method="Nelder-Mead")
    return softmax(result.x)
'''),
    Wrong(f"{A}.numerical_mle", 'BFGS stopped after 30 iterations: not within 1e-4', '''
def numerical_mle(counts):
    n = _counts(counts)
    total = _total(n)
    def softmax(z):
        e = np.exp(z - z.max())
        return e / e.sum()
    def nll(z):
        theta = softmax(z)
        return -np.dot(n, np.log(theta)) / total, theta - n / total
    result = scipy.optimize.minimize(nll, np.zeros(n.size), jac=True, method="BFGS", options={"maxiter": 30})
    return softmax(result.x)
'''),
    Wrong(f"{A}.numerical_mle", 'no check for N = 0', '''
def numerical_mle(counts):
    n = _counts(counts)
    total = n.sum()
    k = n.size
    with np.errstate(all="ignore"):
        result = scipy.optimize.minimize(lambda t: -np.dot(n, np.log(np.clip(t, 1e-300, None))) / max(total, 1),
                                         np.full(k, 1.0 / k), method="SLSQP", bounds=[(0.0, 1.0)] * k,
                                         constraints=[{"type": "eq", "fun": lambda t: t.sum() - 1.0}],
                                         options={"ftol": 1e-14, "maxiter": 500})
    return result.x
'''),
    Wrong(f"{A}.lagrangian", 'Σ log θ_k, not weighted by the counts', '''
def lagrangian(theta, lam, counts):
    theta = _positive_vector(theta, "theta")
    lam = _finite_number(lam, "lam")
    n = _counts(counts)
    _same_length(theta, n)
    return float(np.sum(np.log(theta)) + lam * (1.0 - theta.sum()))
''', named='the log-likelihood without the counts, Σ_k log θ_k'),
    Wrong(f"{A}.stationary_point", '(λ, θ) instead of (θ, λ)', '''
def stationary_point(counts):
    n = _counts(counts)
    total = _total(n)
    return total, n / total
''', named='the pair in the wrong order, (λ, θ)'),
    Wrong(f"{A}.numerical_mle", 'optimiser never moves (maxiter=0): the uniform starting point', '''
def numerical_mle(counts):
    n = _counts(counts)
    total = _total(n)
    k = n.size
    result = scipy.optimize.minimize(lambda t: -np.dot(n, np.log(t)) / total, np.full(k, 1.0 / k),
                                     method="SLSQP", bounds=[(1e-10, 1.0)] * k,
                                     constraints=[{"type": "eq", "fun": lambda t: t.sum() - 1.0}],
                                     options={"maxiter": 0})
    return result.x
''', named="the optimiser's starting point, the uniform 1/K (it never moved)"),
    # recognised in every function where the mistake can happen (issue 9, item 2)
    Wrong(f"{A}.die_log_likelihood", "log2 instead of the natural log", '''
def die_log_likelihood(theta, counts):
    theta = _probability_vector(theta, "theta")
    n = _counts(counts)
    _same_length(theta, n)
    rolled = n > 0
    with np.errstate(divide="ignore"):
        return float(np.sum(n[rolled] * np.log2(theta[rolled])))
''', named="a log-base mistake: the answer is in bits, not nats"),
    Wrong(f"{A}.lagrangian_gradient", "∂J/∂θ_k = 1/θ_k − λ, counts forgotten", '''
def lagrangian_gradient(theta, lam, counts):
    theta = _positive_vector(theta, "theta")
    lam = _finite_number(lam, "lam")
    n = _counts(counts)
    _same_length(theta, n)
    return np.append(1.0 / theta - lam, 1.0 - theta.sum())
''', named="the gradient of the log-likelihood without the counts, 1/θ_k − λ"),
    Wrong(f"{A}.stationary_point", "Laplace smoothing (n + 1)/(N + K)", '''
def stationary_point(counts):
    n = _counts(counts)
    total = _total(n)
    return (n + 1.0) / (total + n.size), total
''', named="Laplace (add-one) smoothing, (n + 1)/(N + K)"),
    # an optimiser capped too early: caught only with dozens of faces (issue 9, item 4)
    Wrong(f"{A}.numerical_mle", "softmax and BFGS capped at 100 iterations: short of the MLE for K in the dozens", '''
def numerical_mle(counts):
    n = _counts(counts)
    total = _total(n)
    def softmax(z):
        e = np.exp(z - z.max())
        return e / e.sum()
    def nll(z):
        theta = softmax(z)
        with np.errstate(divide="ignore"):
            return -np.dot(n[n > 0], np.log(theta[n > 0])) / total, theta - n / total
    result = scipy.optimize.minimize(nll, np.zeros(n.size), jac=True, method="BFGS", options={"maxiter": 100})
    return softmax(result.x)
'''),
]

PLAIN_PYTHON = {
    f"{A}.counts_from_rolls": '''
def counts_from_rolls(rolls, n_sides=6):
    if isinstance(n_sides, bool) or not isinstance(n_sides, int) or n_sides < 1:
        raise ValueError(f"n_sides must be an integer >= 1, got {n_sides!r}")
    counts = [0] * n_sides
    for roll in list(rolls):
        if isinstance(roll, bool) or not isinstance(roll, (int, float)):
            roll = float(roll)
        if roll != roll or roll in (float("inf"), float("-inf")) or roll != int(roll) or not 1 <= roll <= n_sides:
            raise ValueError(f"{roll!r} is not a face of a {n_sides}-sided die")
        counts[int(roll) - 1] += 1
    return counts
''',
    f"{A}.die_log_likelihood": '''
def die_log_likelihood(theta, counts):
    import math
    try:
        theta, counts = [float(t) for t in list(theta)], [float(c) for c in list(counts)]
    except (TypeError, ValueError):
        raise ValueError("theta and counts must be vectors of numbers") from None
    if not theta or any(not math.isfinite(t) or t < 0 for t in theta) or abs(sum(theta) - 1) > 1e-6:
        raise ValueError("theta must be a probability vector")
    if len(counts) != len(theta) or any(not math.isfinite(c) or c < 0 or c != int(c) for c in counts):
        raise ValueError("counts must be non-negative integers, one per face")
    total = 0.0
    for n_k, t_k in zip(counts, theta):
        if n_k > 0:
            if t_k == 0:
                return float("-inf")
            total += n_k * math.log(t_k)
    return total
''',
    f"{A}.lagrangian": '''
def lagrangian(theta, lam, counts):
    import math
    try:
        theta, counts = [float(t) for t in list(theta)], [float(c) for c in list(counts)]
    except (TypeError, ValueError):
        raise ValueError("theta and counts must be vectors of numbers") from None
    if not theta or any(not math.isfinite(t) or t <= 0 for t in theta):
        raise ValueError("every theta_k must be > 0")
    if len(counts) != len(theta) or any(not math.isfinite(c) or c < 0 or c != int(c) for c in counts):
        raise ValueError("counts must be non-negative integers, one per face")
    if not math.isfinite(lam):
        raise ValueError("lam must be finite")
    return sum(n_k * math.log(t_k) for n_k, t_k in zip(counts, theta)) + lam * (1 - sum(theta))
''',
    f"{A}.lagrangian_gradient": '''
def lagrangian_gradient(theta, lam, counts):
    import math
    try:
        theta, counts = [float(t) for t in list(theta)], [float(c) for c in list(counts)]
    except (TypeError, ValueError):
        raise ValueError("theta and counts must be vectors of numbers") from None
    if not theta or any(not math.isfinite(t) or t <= 0 for t in theta):
        raise ValueError("every theta_k must be > 0")
    if len(counts) != len(theta) or any(not math.isfinite(c) or c < 0 or c != int(c) for c in counts):
        raise ValueError("counts must be non-negative integers, one per face")
    if not math.isfinite(lam):
        raise ValueError("lam must be finite")
    return [n_k / t_k - lam for n_k, t_k in zip(counts, theta)] + [1 - sum(theta)]
''',
    f"{A}.stationary_point": '''
def stationary_point(counts):
    import math
    try:
        counts = [float(c) for c in list(counts)]
    except (TypeError, ValueError):
        raise ValueError("counts must be a vector of numbers") from None
    if not counts or any(not math.isfinite(c) or c < 0 or c != int(c) for c in counts):
        raise ValueError("counts must be non-negative integers")
    total = sum(counts)
    if total == 0:
        raise ValueError("no rolls: N = 0")
    return tuple(c / total for c in counts), int(total)
''',
    f"{A}.numerical_mle": '''
def numerical_mle(counts):
    import math
    try:
        counts = [float(c) for c in list(counts)]
    except (TypeError, ValueError):
        raise ValueError("counts must be a vector of numbers") from None
    if not counts or any(not math.isfinite(c) or c < 0 or c != int(c) for c in counts):
        raise ValueError("counts must be non-negative integers")
    n = np.array(counts)
    total, k = n.sum(), n.size
    if total == 0:
        raise ValueError("no rolls: N = 0")
    result = scipy.optimize.minimize(
        lambda t: -np.dot(n, np.log(t)) / total, np.full(k, 1.0 / k), jac=lambda t: -n / t / total,
        method="SLSQP", bounds=[(1e-10, 1.0)] * k,
        constraints=[{"type": "eq", "fun": lambda t: t.sum() - 1.0, "jac": lambda t: np.ones(k)}],
        options={"ftol": 1e-15, "maxiter": 1000})
    theta = np.clip(result.x, 0.0, None)
    return list(theta / theta.sum())
''',
}

SCIPY_BASED = {
    f"{A}.counts_from_rolls": '''
def counts_from_rolls(rolls, n_sides=6):
    if int(n_sides) != n_sides or n_sides < 1:
        raise ValueError("n_sides must be an integer >= 1")
    faces = np.asarray(rolls, dtype=float).reshape(-1)
    if not np.isfinite(faces).all() or (faces % 1 != 0).any() or (faces < 1).any() or (faces > n_sides).any():
        raise ValueError("rolls must be faces 1..n_sides")
    counts = np.zeros(int(n_sides), dtype=int)
    np.add.at(counts, faces.astype(int) - 1, 1)
    return counts
''',
    f"{A}.die_log_likelihood": '''
def die_log_likelihood(theta, counts):
    import scipy.special
    theta, n = np.asarray(theta, dtype=float), np.asarray(counts, dtype=float)
    if theta.ndim != 1 or theta.size == 0 or not np.isfinite(theta).all() or (theta < 0).any() \\
            or abs(theta.sum() - 1) > 1e-6:
        raise ValueError("theta must be a probability vector")
    if n.shape != theta.shape or not np.isfinite(n).all() or (n < 0).any() or (n % 1 != 0).any():
        raise ValueError("counts must be non-negative integers, one per face")
    return float(scipy.special.xlogy(n, theta).sum())
''',
    f"{A}.lagrangian": '''
def lagrangian(theta, lam, counts):
    theta, n = np.asarray(theta, dtype=float), np.asarray(counts, dtype=float)
    if theta.ndim != 1 or theta.size == 0 or not np.isfinite(theta).all() or (theta <= 0).any():
        raise ValueError("every theta_k must be > 0")
    if n.shape != theta.shape or not np.isfinite(n).all() or (n < 0).any() or (n % 1 != 0).any():
        raise ValueError("counts must be non-negative integers, one per face")
    if not np.isfinite(lam):
        raise ValueError("lam must be finite")
    return n @ np.log(theta) + lam - lam * theta.sum()
''',
    f"{A}.lagrangian_gradient": '''
def lagrangian_gradient(theta, lam, counts):
    theta, n = np.asarray(theta, dtype=float), np.asarray(counts, dtype=float)
    if theta.ndim != 1 or theta.size == 0 or not np.isfinite(theta).all() or (theta <= 0).any():
        raise ValueError("every theta_k must be > 0")
    if n.shape != theta.shape or not np.isfinite(n).all() or (n < 0).any() or (n % 1 != 0).any():
        raise ValueError("counts must be non-negative integers, one per face")
    if not np.isfinite(lam):
        raise ValueError("lam must be finite")
    return np.concatenate([n / theta - lam, [1.0 - theta.sum()]])
''',
    f"{A}.stationary_point": '''
def stationary_point(counts):
    n = np.asarray(counts, dtype=float)
    if n.ndim != 1 or n.size == 0 or not np.isfinite(n).all() or (n < 0).any() or (n % 1 != 0).any():
        raise ValueError("counts must be non-negative integers")
    if n.sum() == 0:
        raise ValueError("no rolls: N = 0")
    return n / n.sum(), n.sum()
''',
    f"{A}.numerical_mle": '''
def numerical_mle(counts):
    import scipy.special
    n = np.asarray(counts, dtype=float)
    if n.ndim != 1 or n.size == 0 or not np.isfinite(n).all() or (n < 0).any() or (n % 1 != 0).any():
        raise ValueError("counts must be non-negative integers")
    if n.sum() == 0:
        raise ValueError("no rolls: N = 0")
    p = n / n.sum()

    def average_nll(z):  # softmax over all K faces, unconstrained z
        log_theta = z - scipy.special.logsumexp(z)
        return -p @ log_theta, np.exp(log_theta) - p

    result = scipy.optimize.minimize(average_nll, np.zeros(n.size), jac=True, method="BFGS",
                                     options={"gtol": 1e-10, "maxiter": 2000})
    theta = scipy.special.softmax(result.x)
    theta[n == 0] = 0.0  # the optimiser only drives the faces never rolled towards 0
    return theta / theta.sum()
''',
}

FLOAT_COUNTS = {
    f"{A}.counts_from_rolls": '''
def counts_from_rolls(rolls, n_sides=6):
    n_sides = _whole_number(n_sides, "n_sides")
    counts = np.zeros(n_sides)
    for face in _faces(rolls, n_sides):
        counts[face - 1] += 1
    return counts
''',
}

ALTERNATIVES = [Alternative("hw3 counts_from_rolls returning whole-number floats", FLOAT_COUNTS),
                Alternative("hw3 in plain Python loops, lists and tuples, SLSQP with bounds", PLAIN_PYTHON),
                Alternative("hw3 with numpy and scipy: np.add.at, xlogy, softmax + BFGS", SCIPY_BASED)]
