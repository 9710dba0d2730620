# %% [markdown]
# # Assignment 2: closed-form maximum likelihood estimates
#
# Lecture §2–§4. You implement the seven functions of `maximum_likelihood.py`
# (the module next to this notebook); this notebook imports your module,
# checks it on the lecture's examples and plots the Gaussian log-likelihood.
# Run it top to bottom after each change (Kernel → Restart & Run All).
#
# After each function's checks comes a grade cell that stays empty for you:
# the course's grader fills it with that function's points from the hidden
# tests, which run your module in a sandbox.

# %%
import importlib

import matplotlib.pyplot as plt
import numpy as np

import maximum_likelihood as ml

ml = importlib.reload(ml)  # pick up your latest edits of maximum_likelihood.py

# %% [markdown]
# ## 1. The set-up
#
# Data $D = \{x_i\}_{i=1}^N$, i.i.d. from one member of a family $p_\theta$.
# An MLE is
# $\hat\theta_{MLE} = \arg\max_\theta p(D \mid \theta) = \arg\max_\theta \prod_i p_\theta(x_i)$;
# the log is monotone, so we maximise $\sum_i \log p_\theta(x_i)$ instead.
#
# **Coins.** With $p(x \mid \theta) = \theta^x (1-\theta)^{1-x}$ the
# log-likelihood is $\sum_i x_i \log\theta + (1 - x_i)\log(1-\theta)$; its
# derivative vanishes at $\hat\theta = \frac1N \sum_i x_i$, the fraction of heads.
# For $M$ binomial experiments of $n$ tosses, $\hat\theta = \sum_j k_j / (M n)$.

# %% checks="bernoulli_mle"
assert np.isclose(ml.bernoulli_mle([1, 0, 1, 1]), 0.75)
assert np.isclose(ml.bernoulli_mle([True, False]), 0.5)

# %% checks="binomial_mle"
assert np.isclose(ml.binomial_mle([3, 5], 10), 0.4)

# %% [markdown]
# **Counts.** Poisson($\lambda$), $p(k) = \lambda^k e^{-\lambda}/k!$: the
# log-likelihood $\sum_i k_i \log\lambda - N\lambda - \sum_i \log k_i!$ is
# largest at $\hat\lambda = \frac1N\sum_i k_i$. The multinomial (the urn of
# coloured balls) gives $\hat\theta_k = n_k / N$ (Assignment 3 derives it).

# %% checks="poisson_mle"
assert np.isclose(ml.poisson_mle([2, 4, 0, 2]), 2.0)

# %% checks="multinomial_mle"
assert np.allclose(ml.multinomial_mle([2, 1, 1]), [0.5, 0.25, 0.25])

# %% [markdown]
# ## 2. The univariate Gaussian
#
# $$LL(\mu, \sigma^2) = -\frac N2 \log(2\pi\sigma^2) - \frac{1}{2\sigma^2}\sum_i (x_i-\mu)^2 .$$
#
# Setting $\partial LL/\partial\mu = \frac{1}{\sigma^2}\sum_i(x_i - \mu) = 0$ and
# $\partial LL/\partial\sigma^2 = -\frac{N}{2\sigma^2} + \frac{1}{2\sigma^4}\sum_i (x_i-\mu)^2 = 0$ gives
# $\hat\mu = \frac1N \sum_i x_i$ and $\hat\sigma^2 = \frac1N\sum_i (x_i - \hat\mu)^2$.

# %% checks="gaussian_log_likelihood"
assert np.isclose(ml.gaussian_log_likelihood([0.0], 0.0, 1.0), -0.5 * np.log(2 * np.pi))
assert np.isclose(ml.gaussian_log_likelihood([1.0, 3.0], 2.0, 1.0), -np.log(2 * np.pi) - 1.0)

# %% checks="gaussian_mle"
mu_hat, sigma2_hat = ml.gaussian_mle([1.0, 2.0, 3.0, 6.0])
assert np.isclose(mu_hat, 3.0) and np.isclose(sigma2_hat, 3.5)

# %% [markdown]
# Is the stationary point a maximum? With two parameters the Hessian must be
# negative definite; at the MLE it is
# $\mathrm{diag}(-N/\hat\sigma^2,\ -N/(2\hat\sigma^4))$.

# %% checks="gaussian_hessian"
x = np.array([1.0, 2.0, 3.0, 6.0])
H = ml.gaussian_hessian(x, 3.0, 3.5)
assert np.allclose(H, [[-4 / 3.5, 0.0], [0.0, -4 / (2 * 3.5**2)]])
assert np.all(np.linalg.eigvalsh(H) < 0)

# %% [markdown]
# The log-likelihood surface of 50 draws from $\mathcal N(1, 4)$ over
# $(\mu, \sigma^2)$, with your MLE marked: the top of the hill.

# %%
rng = np.random.default_rng(7)
sample = rng.normal(1.0, 2.0, size=50)
mu_hat, sigma2_hat = ml.gaussian_mle(sample)
mus = np.linspace(-1.0, 3.0, 81)
sigma2s = np.linspace(1.0, 9.0, 81)
surface = np.array([[ml.gaussian_log_likelihood(sample, m, s2) for m in mus] for s2 in sigma2s])
fig, ax = plt.subplots(figsize=(5.5, 4))
contours = ax.contourf(mus, sigma2s, surface, levels=np.linspace(surface.max() - 30, surface.max(), 31),
                       cmap="viridis", extend="min")
fig.colorbar(contours, ax=ax, label=r"$LL(\mu, \sigma^2)$")
ax.plot(mu_hat, sigma2_hat, "r*", markersize=14, label="the MLE")
ax.set(xlabel=r"$\mu$", ylabel=r"$\sigma^2$", title="Gaussian log-likelihood, 50 samples")
ax.legend(loc="upper right")
fig.tight_layout()

# %% [markdown]
# Dividing by $N$ makes $\hat\sigma^2$ biased: over many samples of size $N$
# its average is $\frac{N-1}{N}\sigma^2$. The plot averages your
# $\hat\sigma^2$ over 2,000 samples of each size.

# %%
sizes = np.array([2, 3, 5, 10, 20, 50])
averages = [np.mean([ml.gaussian_mle(rng.normal(0.0, 1.0, size=n))[1] for _ in range(2000)]) for n in sizes]
fig, ax = plt.subplots(figsize=(5, 3.2))
ax.plot(sizes, averages, "o-", label=r"average of $\hat\sigma^2$")
ax.plot(sizes, (sizes - 1) / sizes, "k:", label=r"$(N-1)/N$")
ax.axhline(1.0, color="grey", label=r"true $\sigma^2 = 1$")
ax.set(xscale="log", xlabel="N", ylabel="variance", title="The MLE of the variance is biased")
ax.legend()
fig.tight_layout()

# %% [markdown]
# **Question.** Why does the MLE of the variance divide by $N$ and not by
# $N - 1$? What does dividing by $N - 1$ buy, and what happens for $N = 1$?

# %% [markdown] answer="divide_by_n" points=2
# ### BEGIN SOLUTION
# Setting $\partial LL/\partial\sigma^2 = 0$ gives $\hat\sigma^2 = \frac1N\sum_i (x_i - \hat\mu)^2$:
# the MLE maximises the likelihood, it is not built to be unbiased. Because
# $\hat\mu$ is fitted to the same data, $E[\hat\sigma^2] = \frac{N-1}{N}\sigma^2$;
# dividing by $N - 1$ removes that bias (it is no longer the MLE). For $N = 1$
# the MLE is $\hat\sigma^2 = 0$, where the likelihood is unbounded: no MLE
# with $\sigma^2 > 0$ exists.
# ### END SOLUTION
