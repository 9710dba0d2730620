"""Write the sample class graded by ``make demo``: a dozen realistic student submissions.

    python examples/make_class.py        (re)writes examples/class/<student>/

Each student is the reference with a few functions rewritten the way students
really get them wrong (the N-1 variance, a log-base slip, swapped KL
arguments, λ = K, ...), or left unimplemented. The test suite checks that the
committed folder is what this script writes.
"""
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from release.submissions import MODULES, ROOT, module_file, submission  # noqa: E402

CLASS = ROOT / "examples" / "class"

N_MINUS_ONE_VARIANCE = '''
def gaussian_mle(x):
    x = np.asarray(x, dtype=float)
    if x.ndim != 1 or x.size == 0 or not np.all(np.isfinite(x)):
        raise ValueError("x must be a non-empty 1-D array of finite numbers")
    if x.size == 1:
        return float(x[0]), 0.0
    return float(x.mean()), float(x.var(ddof=1))
'''
ENTROPY_ALWAYS_IN_NATS = '''
def entropy(p, base=None):
    p = _probability_vector(p, "p")
    nonzero = p[p > 0]
    return float(-np.sum(nonzero * np.log(nonzero)))
'''
KL_SWAPPED = '''
def kl_divergence(p, q, base=None):
    p, q = _probability_vector(p, "p"), _probability_vector(q, "q")
    if p.shape != q.shape:
        raise ValueError("p and q must have the same length")
    total = 0.0
    for pk, qk in zip(p, q):
        if qk > 0:
            total += qk * np.log(qk / pk) if pk > 0 else np.inf
    return float(total / _log_base(base))
'''
LAMBDA_IS_K = '''
def stationary_point(counts):
    counts = np.asarray(counts, dtype=float)
    if counts.sum() <= 0:
        raise ValueError("counts must have a positive total")
    return counts / counts.sum(), float(len(counts))
'''
ENTROPY_NAN_AT_ZERO = '''
def entropy(p, base=None):
    p = _probability_vector(p, "p")
    return float(-np.sum(p * np.log(p)) / _log_base(base))
'''
LAPLACE_SMOOTHING = '''
def multinomial_mle(counts):
    counts = np.asarray(counts, dtype=float)
    if counts.ndim != 1 or counts.size == 0 or np.any(counts < 0) or counts.sum() == 0:
        raise ValueError("counts must be non-negative with a positive total")
    return (counts + 1) / (counts.sum() + len(counts))
'''
NAIVE_SIGMOID = '''
def sigmoid(z):
    z = np.asarray(z, dtype=float)
    out = 1.0 / (1.0 + np.exp(-z))
    return float(out) if out.ndim == 0 else out
'''
BINOMIAL_DIVIDES_BY_M = '''
def binomial_mle(heads, n):
    heads = np.asarray(heads, dtype=float)
    if heads.ndim != 1 or heads.size == 0 or n < 1 or np.any(heads < 0) or np.any(heads > n):
        raise ValueError("heads must lie in 0..n")
    return float(heads.sum() / len(heads))
'''
FACES_ZERO_BASED = '''
def counts_from_rolls(rolls, n_sides=6):
    rolls = np.asarray(rolls, dtype=int)
    if rolls.size and (rolls.min() < 1 or rolls.max() > n_sides):
        raise ValueError("faces must lie in 1..n_sides")
    return np.array([int(np.sum(rolls == face)) for face in range(n_sides)])
'''
NO_VALIDATION = '''
def bernoulli_mle(x):
    return float(np.mean(x))
'''
MODIFIES_ITS_INPUT = '''
def empirical_distribution(samples, n_outcomes):
    samples = _samples(samples, n_outcomes)
    counts = np.bincount(samples, minlength=n_outcomes).astype(float)
    if isinstance(samples, np.ndarray):
        samples.sort()
    return counts / counts.sum()
'''
SLOW_GRADIENT_DESCENT = '''
def fit_logistic_regression(X, y):
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    w = np.zeros(X.shape[1])
    for _ in range(200):
        w -= 0.1 * logistic_gradient(w, X, y)
    return w
'''

STUDENTS = {
    "ada": {},
    "bruno": {"hw2_maximum_likelihood.gaussian_mle": N_MINUS_ONE_VARIANCE},
    "chloe": {"hw1_information_theory.entropy": ENTROPY_ALWAYS_IN_NATS},
    "dmitri": {"hw1_information_theory.kl_divergence": KL_SWAPPED},
    "elena": {"hw3_lagrange_die.stationary_point": LAMBDA_IS_K, "hw3_lagrange_die.numerical_mle": "stub"},
    "farid": {"hw4_mle_and_kl": "stub"},
    "grace": {"hw1_information_theory.entropy": ENTROPY_NAN_AT_ZERO,
              "hw2_maximum_likelihood.multinomial_mle": LAPLACE_SMOOTHING},
    "hiro": {"hw4_mle_and_kl.sigmoid": NAIVE_SIGMOID},
    "ines": {"hw2_maximum_likelihood.binomial_mle": BINOMIAL_DIVIDES_BY_M},
    "jonas": {"hw3_lagrange_die.counts_from_rolls": FACES_ZERO_BASED,
              "hw2_maximum_likelihood.bernoulli_mle": NO_VALIDATION},
    "kofi": {"hw3_lagrange_die": "syntax error"},
    "lena": {"hw4_mle_and_kl.empirical_distribution": MODIFIES_ITS_INPUT,
             "hw4_mle_and_kl.fit_logistic_regression": SLOW_GRADIENT_DESCENT},
}

# The misconceptions the feedback must name for each student (and no other): the planted mistakes that have a
# name. The others (no validation, an input modified, too few gradient steps, a naive sigmoid that overflows)
# have none, and nothing is named for them.
NAMED = {
    "bruno": {"hw2_maximum_likelihood.gaussian_mle": "the N−1 (unbiased) variance"},
    "chloe": {"hw1_information_theory.entropy": "a log-base mistake: the answer is in nats, not in the requested base"},
    "dmitri": {"hw1_information_theory.kl_divergence": "swapped arguments, KL(q‖p) instead of KL(p‖q)"},
    "elena": {"hw3_lagrange_die.stationary_point": "λ = K (the number of faces) instead of λ = N"},
    "grace": {"hw1_information_theory.entropy": "0·log 0 giving NaN instead of 0",
              "hw2_maximum_likelihood.multinomial_mle": "Laplace (add-one) smoothing"},
    "ines": {"hw2_maximum_likelihood.binomial_mle":
             "dividing by M instead of M·n (the mean number of heads per experiment)"},
    "jonas": {"hw3_lagrange_die.counts_from_rolls":
              "faces counted from 0 instead of 1 (the counts are shifted by one face)"},
}


def _stub_of(qualname):
    """The generated stub of one function: its definition as handed out."""
    import ast

    assignment, name = qualname.split(".")
    source = (ROOT / "assignments" / assignment / f"{MODULES[assignment]}.py").read_text()
    node = next(n for n in ast.parse(source).body if isinstance(n, ast.FunctionDef) and n.name == name)
    return "".join(source.splitlines(keepends=True)[node.lineno - 1: node.end_lineno])


def write_student(folder, changes):
    rewrites = {q: (_stub_of(q) if text == "stub" else text) for q, text in changes.items() if "." in q}
    submission(folder, rewrites)
    for assignment, what in ((k, v) for k, v in changes.items() if "." not in k):
        path = module_file(folder, assignment)
        if what == "stub":
            shutil.copy(ROOT / "assignments" / assignment / f"{MODULES[assignment]}.py", path)
        elif what == "syntax error":
            path.write_text(path.read_text().replace("def lagrangian(theta, lam, counts):",
                                                     "def lagrangian(theta, lam, counts)", 1))


def write_class(folder=CLASS):
    shutil.rmtree(folder, ignore_errors=True)
    for name, changes in STUDENTS.items():
        write_student(Path(folder) / name, changes)


def main():
    write_class()
    print(f"wrote {len(STUDENTS)} submissions to {CLASS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
