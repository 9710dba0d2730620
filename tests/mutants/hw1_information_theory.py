"""Realistic wrong and alternative-correct submissions for hw1 (surprise, entropy, cross-entropy, KL)."""
from mutants import Alternative, Wrong

A = "hw1_information_theory"

WRONG = [
    Wrong(f"{A}.surprise", "log base ignored: always nats", '''
def surprise(p, base=None):
    p = np.array(p, dtype=float)
    if np.any(np.isnan(p)) or np.any((p < 0) | (p > 1)):
        raise ValueError("p must lie in [0, 1]")
    with np.errstate(divide="ignore"):
        s = -np.log(p)
    return float(s) if s.ndim == 0 else s
''', named='a log-base mistake: the answer is in nats, not in the requested base'),
    Wrong(f"{A}.surprise", "missing minus sign", '''
def surprise(p, base=None):
    divisor = _log_base(base)
    p = np.array(p, dtype=float)
    if np.any(np.isnan(p)) or np.any((p < 0) | (p > 1)):
        raise ValueError("p must lie in [0, 1]")
    with np.errstate(divide="ignore"):
        s = np.log(p) / divisor
    return float(s) if s.ndim == 0 else s
''', named='a missing minus sign'),
    Wrong(f"{A}.surprise", "no check that p lies in [0, 1]", '''
def surprise(p, base=None):
    divisor = _log_base(base)
    with np.errstate(divide="ignore", invalid="ignore"):
        s = -np.log(np.array(p, dtype=float)) / divisor
    return float(s) if s.ndim == 0 else s
'''),
    Wrong(f"{A}.entropy", "0·log 0 computed as NaN", '''
def entropy(p, base=None):
    p = _probability_vector(p, "p")
    return float(-np.sum(p * np.log(p)) / _log_base(base))
''', named='0·log 0 giving NaN instead of 0'),
    Wrong(f"{A}.entropy", "log base ignored: always nats", '''
def entropy(p, base=None):
    p = _probability_vector(p, "p")
    p = p[p > 0]
    return float(-np.sum(p * np.log(p)))
''', named='a log-base mistake: the answer is in nats, not in the requested base'),
    Wrong(f"{A}.entropy", "always in bits (log2)", '''
def entropy(p, base=None):
    p = _probability_vector(p, "p")
    p = p[p > 0]
    return float(-np.sum(p * np.log2(p)))
''', named='a log-base mistake: the answer is in bits whatever the base'),
    Wrong(f"{A}.entropy", "missing minus sign", '''
def entropy(p, base=None):
    p = _probability_vector(p, "p")
    p = p[p > 0]
    return float(np.sum(p * np.log(p)) / _log_base(base))
''', named='a missing minus sign'),
    Wrong(f"{A}.entropy", "no validation of the probability vector", '''
def entropy(p, base=None):
    p = np.asarray(p, dtype=float)
    p = p[p > 0]
    return float(-np.sum(p * np.log(p)) / _log_base(base))
'''),
    Wrong(f"{A}.binary_entropy", "NaN at θ = 0 and θ = 1", '''
def binary_entropy(theta, base=None):
    theta = np.array(theta, dtype=float)
    if np.any(np.isnan(theta)) or np.any((theta < 0) | (theta > 1)):
        raise ValueError("theta must lie in [0, 1]")
    with np.errstate(all="ignore"):
        h = -(theta * np.log(theta) + (1 - theta) * np.log(1 - theta)) / _log_base(base)
    return float(h) if h.ndim == 0 else h
''', named='0·log 0 giving NaN instead of 0'),
    Wrong(f"{A}.binary_entropy", "only the heads term", '''
def binary_entropy(theta, base=None):
    theta = np.array(theta, dtype=float)
    if np.any(np.isnan(theta)) or np.any((theta < 0) | (theta > 1)):
        raise ValueError("theta must lie in [0, 1]")
    h = np.zeros_like(theta)
    h[theta > 0] = -theta[theta > 0] * np.log(theta[theta > 0])
    h = h / _log_base(base)
    return float(h) if h.ndim == 0 else h
''', named='only the heads term, -θ log θ (the tails term is missing)'),
    Wrong(f"{A}.cross_entropy", "swapped arguments H(q, p)", '''
def cross_entropy(p, q, base=None):
    p, q = _probability_vector(p, "p"), _probability_vector(q, "q")
    if p.size != q.size:
        raise ValueError("p and q must have the same length")
    if np.any(p[q > 0] == 0):
        return float("inf")
    return float(-np.sum(q[q > 0] * np.log(p[q > 0])) / _log_base(base))
''', named='swapped arguments, H(q, p) instead of H(p, q)'),
    Wrong(f"{A}.cross_entropy", "the KL divergence instead", '''
def cross_entropy(p, q, base=None):
    p, q = _probability_vector(p, "p"), _probability_vector(q, "q")
    if p.size != q.size:
        raise ValueError("p and q must have the same length")
    s = p > 0
    if np.any(q[s] == 0):
        return float("inf")
    return float(np.sum(p[s] * np.log(p[s] / q[s])) / _log_base(base))
''', named='the KL divergence instead of the cross-entropy'),
    Wrong(f"{A}.cross_entropy", "0·log 0 computed as NaN where p_k = q_k = 0", '''
def cross_entropy(p, q, base=None):
    p, q = _probability_vector(p, "p"), _probability_vector(q, "q")
    if p.size != q.size:
        raise ValueError("p and q must have the same length")
    with np.errstate(all="ignore"):
        return float(-np.sum(p * np.log(q)) / _log_base(base))
''', named='0·log 0 giving NaN instead of 0'),
    Wrong(f"{A}.kl_divergence", "swapped arguments KL(q‖p)", '''
def kl_divergence(p, q, base=None):
    p, q = _probability_vector(p, "p"), _probability_vector(q, "q")
    if p.size != q.size:
        raise ValueError("p and q must have the same length")
    s = q > 0
    if np.any(p[s] == 0):
        return float("inf")
    return float(np.sum(q[s] * np.log(q[s] / p[s])) / _log_base(base))
''', named='swapped arguments, KL(q‖p) instead of KL(p‖q)'),
    Wrong(f"{A}.kl_divergence", "symmetrised KL", '''
def kl_divergence(p, q, base=None):
    p, q = _probability_vector(p, "p"), _probability_vector(q, "q")
    if p.size != q.size:
        raise ValueError("p and q must have the same length")
    if np.any((p > 0) & (q == 0)) or np.any((q > 0) & (p == 0)):
        return float("inf")
    s = (p > 0) & (q > 0)
    return float(0.5 * np.sum((p[s] - q[s]) * np.log(p[s] / q[s])) / _log_base(base))
''', named='the symmetrised divergence (KL(p‖q) + KL(q‖p)) / 2'),
    Wrong(f"{A}.kl_divergence", "accepts vectors of unequal length", '''
def kl_divergence(p, q, base=None):
    p, q = _probability_vector(p, "p"), _probability_vector(q, "q")
    n = min(p.size, q.size)
    p, q = p[:n], q[:n]
    s = p > 0
    if np.any(q[s] == 0):
        return float("inf")
    return max(float(np.sum(p[s] * np.log(p[s] / q[s])) / _log_base(base)), 0.0)
'''),
    # recognised in every function where the mistake can happen (issue 9, item 2)
    Wrong(f"{A}.binary_entropy", "missing minus sign", '''
def binary_entropy(theta, base=None):
    theta = np.array(theta, dtype=float)
    if np.any(np.isnan(theta)) or np.any((theta < 0) | (theta > 1)):
        raise ValueError("theta must lie in [0, 1]")
    h = np.zeros_like(theta)
    inside = (theta > 0) & (theta < 1)
    t = theta[inside]
    h[inside] = (t * np.log(t) + (1 - t) * np.log(1 - t)) / _log_base(base)
    return float(h) if h.ndim == 0 else h
''', named="a missing minus sign"),
    Wrong(f"{A}.cross_entropy", "missing minus sign", '''
def cross_entropy(p, q, base=None):
    p, q = _probability_vector(p, "p"), _probability_vector(q, "q")
    if p.size != q.size:
        raise ValueError("p and q must have the same length")
    s = p > 0
    if np.any(q[s] == 0):
        return -float("inf") / _log_base(base)
    return float(np.sum(p[s] * np.log(q[s])) / _log_base(base))
''', named="a missing minus sign"),
    Wrong(f"{A}.kl_divergence", "0·log 0 computed as NaN where p_k = 0", '''
def kl_divergence(p, q, base=None):
    p, q = _probability_vector(p, "p"), _probability_vector(q, "q")
    if p.size != q.size:
        raise ValueError("p and q must have the same length")
    with np.errstate(all="ignore"):
        return float(np.sum(p * np.log(p / q)) / _log_base(base))
''', named="0·log 0 giving NaN instead of 0"),
]

PLAIN_PYTHON = {
    f"{A}.entropy": '''
def entropy(p, base=None):
    import math
    if np.ndim(p) != 1:
        raise ValueError("p must be a 1-D vector")
    p = [float(v) for v in p]
    if not p or any(not math.isfinite(v) or v < 0 for v in p) or abs(sum(p) - 1) > 1e-6:
        raise ValueError("p must be a probability vector")
    if base is not None and (base <= 0 or base == 1 or not math.isfinite(base)):
        raise ValueError("bad base")
    h = max(-sum(v * math.log(v) for v in p if v > 0), 0.0)
    return h / (math.log(base) if base is not None else 1.0)
''',
    f"{A}.surprise": '''
def surprise(p, base=None):
    import math
    divisor = _log_base(base)
    def one(v):
        v = float(v)
        if not 0.0 <= v <= 1.0:
            raise ValueError("p must lie in [0, 1]")
        return math.inf if v == 0 else -math.log(v) / divisor + 0.0
    if np.ndim(p) == 0:
        return one(p)
    return np.vectorize(one, otypes=[float])(np.asarray(p, dtype=float))
''',
}

SCIPY_BASED = {
    f"{A}.entropy": '''
def entropy(p, base=None):
    from scipy import stats
    p = _probability_vector(p, "p")
    _log_base(base)
    return float(stats.entropy(p, base=base))
''',
    f"{A}.kl_divergence": '''
def kl_divergence(p, q, base=None):
    from scipy.special import rel_entr
    p, q = _probability_vector(p, "p"), _probability_vector(q, "q")
    if p.size != q.size:
        raise ValueError("p and q must have the same length")
    return max(float(np.sum(rel_entr(p, q))), 0.0) / _log_base(base)
''',
}

ALTERNATIVES = [Alternative("hw1 in plain Python loops", PLAIN_PYTHON), Alternative("hw1 with scipy", SCIPY_BASED)]
