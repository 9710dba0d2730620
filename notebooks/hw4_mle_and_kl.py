# %% [markdown]
# # Assignment 4: MLE = minimum KL = minimum cross-entropy; iterative MLE
#
# Lecture §1, §3, §6, §7. You implement the seven functions of
# `mle_and_kl.py` (the module next to this notebook); this notebook imports
# your module, checks it on the lecture's examples and uses it on the
# opening problem of the course: is this handwritten digit a 7?
# Run it top to bottom after each change (Kernel → Restart & Run All).
#
# After each function's checks comes a grade cell that stays empty for you:
# the course's grader fills it with that function's points from the hidden
# tests, which run your module in a sandbox.

# %%
import importlib

import matplotlib.pyplot as plt
import numpy as np
import scipy.optimize
from sklearn.datasets import load_digits

import mle_and_kl as mk

mk = importlib.reload(mk)  # pick up your latest edits of mle_and_kl.py

# %% [markdown]
# ## 1. Maximum likelihood is minimum cross-entropy
#
# With the empirical distribution $\hat p_k = n_k/N$ of samples $x_i$, the
# average log-likelihood of a model $\theta$ is
# $\frac1N\sum_i \log\theta_{x_i} = \sum_k \hat p_k\log\theta_k = -H(\hat p, \theta)$.
# So maximising the likelihood = minimising the cross-entropy
# $H(\hat p, \theta) = H(\hat p) + KL(\hat p\|\theta)$ = minimising $KL(\hat p\|\theta)$.

# %% checks="empirical_distribution"
assert np.allclose(mk.empirical_distribution([0, 2, 2, 1], 4), [0.25, 0.25, 0.5, 0.0])

# %% checks="average_negative_log_likelihood"
samples = [0, 2, 2, 1]
p_hat = np.array([0.25, 0.25, 0.5])
assert np.isclose(mk.average_negative_log_likelihood(p_hat, samples), -np.sum(p_hat * np.log(p_hat)))
assert mk.average_negative_log_likelihood([0.5, 0.5, 0.0], samples) == np.inf

# %% [markdown]
# ## 2. Linear regression by MLE
#
# $y = Xw + \varepsilon$ with $\varepsilon \sim \mathcal N(0, \sigma^2)$: the
# log-likelihood is $-\frac N2\log(2\pi\sigma^2) - \frac{1}{2\sigma^2}\|y - Xw\|^2$,
# so $\hat w$ minimises the squared loss of Lecture §1 and $\hat\sigma^2$ is the
# mean squared residual.

# %% checks="linear_regression_mle"
X = np.array([[1.0, 0.0], [1.0, 1.0], [1.0, 2.0], [1.0, 3.0]])
w, sigma2 = mk.linear_regression_mle(X, [1.0, 3.0, 5.0, 7.0])
assert np.allclose(w, [1.0, 2.0]) and np.isclose(sigma2, 0.0, atol=1e-12)

# %% [markdown]
# ## 3. Logistic regression: "is this a 7?"
#
# $P(y = 1 \mid x, w) = \sigma(x^\top w)$ with $\sigma(z) = 1/(1 + e^{-z})$. The
# negative log-likelihood, averaged, is the cross-entropy loss
# $\frac1N\sum_i -[y_i\log\sigma(x_i^\top w) + (1-y_i)\log(1-\sigma(x_i^\top w))]$
# with gradient $\frac1N X^\top(\sigma(Xw) - y)$. There is no closed form
# (Lecture §6): the MLE is found iteratively.

# %% checks="sigmoid"
assert np.allclose(mk.sigmoid(np.array([0.0, 1000.0, -1000.0])), [0.5, 1.0, 0.0])

# %% checks="logistic_nll"
X = np.array([[1.0, 2.0], [1.0, -1.0]])
assert np.isclose(mk.logistic_nll(np.zeros(2), X, [1, 0]), np.log(2))
assert np.isfinite(mk.logistic_nll(np.array([0.0, 1000.0]), X, [0, 1]))

# %% checks="logistic_gradient"
assert np.allclose(mk.logistic_gradient(np.zeros(2), X, [1, 0]), [0.0, -0.75])

# %% checks="fit_logistic_regression"
X = np.array([[1.0, -2.0], [1.0, -1.0], [1.0, 0.0], [1.0, 1.0], [1.0, 2.0], [1.0, 0.5]])
y = np.array([0, 1, 0, 1, 1, 0])
w = mk.fit_logistic_regression(X, y)
assert np.allclose(mk.logistic_gradient(w, X, y), 0.0, atol=1e-6)

# %% [markdown]
# The digits of scikit-learn (1,797 images of 8×8 grey levels, bundled, no
# download) stand in for the lecture's 28×28 images. The label is 1 for a 7.

# %%
digits = load_digits()
pixels = digits.data / 16.0
is_seven = (digits.target == 7).astype(float)
order = np.random.default_rng(0).permutation(len(is_seven))
train, test = order[:1200], order[1200:]
fig, axes = plt.subplots(1, 8, figsize=(8, 1.4))
for ax, index in zip(axes, order[:8]):
    ax.imshow(digits.images[index], cmap="gray_r")
    ax.set_title("7" if is_seven[index] else "not 7", fontsize=9)
    ax.axis("off")
fig.tight_layout()

# %% [markdown]
# **Is there always a unique MLE?** On all 64 pixels (plus an intercept) the
# training sevens can be separated from the rest by a hyperplane: a linear
# program finds $w$ with $y_i' \, x_i^\top w \ge 1$ for every training image
# ($y' = \pm 1$). Then scaling $w$ up always lowers the loss, which tends to 0
# but is never reached: **no MLE exists**. Gradient descent with your
# `logistic_gradient` shows it: the loss keeps falling and $\|w\|$ keeps growing.

# %%
def with_intercept(features):
    return np.column_stack([np.ones(len(features)), features])


def gradient_descent(X, y, steps, rate):
    """Plain gradient descent on the average NLL; the loss and |w| after each step."""
    w, losses, norms = np.zeros(X.shape[1]), [], []
    for _ in range(steps):
        w = w - rate * mk.logistic_gradient(w, X, y)
        losses.append(mk.logistic_nll(w, X, y))
        norms.append(np.linalg.norm(w))
    return w, np.array(losses), np.array(norms)


X_all = with_intercept(pixels)
signs = 2 * is_seven[train] - 1
margin = scipy.optimize.linprog(np.zeros(X_all.shape[1]), A_ub=-signs[:, None] * X_all[train],
                                b_ub=-np.ones(len(train)), bounds=(None, None))
print("a separating hyperplane exists on 64 pixels:", margin.status == 0)
w_all, losses_all, norms_all = gradient_descent(X_all[train], is_seven[train], steps=1500, rate=2.0)

# %% [markdown]
# On a few features the classes overlap and the MLE exists: the first three
# principal components of the training pixels, standardised, plus an
# intercept. Your `fit_logistic_regression` finds it.

# %%
centre = pixels[train].mean(axis=0)
_, _, directions = np.linalg.svd(pixels[train] - centre, full_matrices=False)
components = (pixels - centre) @ directions[:3].T
components /= components[train].std(axis=0)
X_few = with_intercept(components)
w_few = mk.fit_logistic_regression(X_few[train], is_seven[train])
_, losses_few, norms_few = gradient_descent(X_few[train], is_seven[train], steps=1500, rate=2.0)
accuracy = np.mean((X_few[test] @ w_few > 0) == (is_seven[test] == 1))
baseline = 1 - is_seven[test].mean()
print(f"3 components: MLE w = {np.round(w_few, 3)}, |gradient| = {np.abs(mk.logistic_gradient(w_few, X_few[train], is_seven[train])).max():.1e}")
print(f"test accuracy {accuracy:.3f} (always answering 'not a 7': {baseline:.3f})")

# %%
fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.4))
left.plot(losses_all, label="64 pixels (separable)")
left.plot(losses_few, label="3 components")
left.axhline(mk.logistic_nll(w_few, X_few[train], is_seven[train]), color="grey", linestyle=":",
             label="the MLE's loss (3 components)")
left.set(yscale="log", xlabel="gradient step", ylabel="average NLL (training)", title="Training curves")
left.legend(fontsize="small")
right.plot(norms_all, label="64 pixels: no MLE, |w| grows")
right.plot(norms_few, label="3 components: |w| settles")
right.set(xlabel="gradient step", ylabel=r"$\|w\|$", title="The weights")
right.legend(fontsize="small")
fig.suptitle(f"Is this a 7? Test accuracy on 3 components: {accuracy:.1%}")
fig.tight_layout()

# %% [markdown]
# **Question.** Is there always a unique MLE? Give two cases from the course
# where it does not exist, and say what the plots above show.

# %% [markdown] answer="unique_mle" points=2
# ### BEGIN SOLUTION
# No. It may not exist when the likelihood is unbounded or its supremum is
# not attained: a Gaussian fitted to one point ($\sigma^2 \to 0$ sends the
# likelihood to infinity), and logistic regression on linearly separable
# data, as on the 64 pixels: the loss tends to 0 while $\|w\| \to \infty$,
# so no finite $w$ maximises the likelihood. It may also not be unique (e.g.
# collinear features). On three overlapping components the loss levels off
# at a finite $w$: the MLE, with a zero gradient.
# ### END SOLUTION
