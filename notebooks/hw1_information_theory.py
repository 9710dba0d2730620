# %% [markdown]
# # Assignment 1: surprise, entropy, cross-entropy and KL divergence
#
# Lecture §7. You implement the five functions of `information_theory.py`
# (the module next to this notebook); this notebook imports your module,
# checks it on the lecture's examples and plots what it computes. Run it
# top to bottom after each change (Kernel → Restart & Run All).
#
# After each function's checks comes a grade cell that stays empty for you:
# the course's grader fills it with that function's points from the hidden
# tests, which run your module in a sandbox.

# %%
import importlib

import matplotlib.pyplot as plt
import numpy as np

import information_theory as it

it = importlib.reload(it)  # pick up your latest edits of information_theory.py

# %% [markdown]
# ## 1. Surprise
#
# Observing $Y = k$ surprises us by $-\log p(Y = k)$: as $p \to 1$ the
# surprise goes to 0, as $p \to 0$ it goes to $\infty$. In base $b$ the unit
# is $\log b$ nats: base 2 gives bits, $-\log_2 \tfrac12 = 1$ bit.

# %% checks="surprise"
assert np.isclose(it.surprise(0.5, base=2), 1.0)
assert np.allclose(it.surprise(np.array([1.0, 0.25])), [0.0, np.log(4)])
assert it.surprise(0.0) == np.inf

# %% [markdown]
# ## 2. Entropy: the expected surprise
#
# $$H(Y) = -\sum_k p(Y = k)\,\log p(Y = k), \qquad 0 \log 0 = 0.$$
#
# A fair coin has 1 bit ($\log 2$ nats), a two-headed coin 0; among $K$
# outcomes the uniform distribution has the most, $\log K$.

# %% checks="entropy"
assert np.isclose(it.entropy([0.5, 0.5], base=2), 1.0)
assert np.isclose(it.entropy([1.0, 0.0]), 0.0)
assert np.isclose(it.entropy([1 / 6] * 6), np.log(6))

# %% [markdown]
# For a coin with $P(\text{heads}) = \theta$ the entropy is
# $h(\theta) = -\theta \log\theta - (1-\theta)\log(1-\theta)$: zero for a sure
# coin, largest (1 bit) for the fair one.

# %% checks="binary_entropy"
assert np.allclose(it.binary_entropy(np.array([0.0, 0.5, 1.0]), base=2), [0.0, 1.0, 0.0])
assert np.isclose(it.binary_entropy(0.25), it.entropy([0.25, 0.75]))

# %%
theta = np.linspace(0, 1, 201)
fig, ax = plt.subplots(figsize=(5, 3.2))
ax.plot(theta, it.binary_entropy(theta, base=2))
ax.axvline(0.5, color="grey", linestyle=":")
ax.set(xlabel=r"$\theta = P(\mathrm{heads})$", ylabel="entropy (bits)",
       title="The binary entropy curve: the fair coin is the most uncertain")
fig.tight_layout()

# %% [markdown]
# ## 3. Cross-entropy and KL divergence
#
# $$H(p, q) = -\sum_x p(x) \log q(x), \qquad
# KL(p \,\|\, q) = \sum_x p(x) \log\frac{p(x)}{q(x)} \ge 0,$$
#
# and $H(p, q) = H(p) + KL(p\|q)$. KL is zero iff $p = q$, and infinite
# where $p(x) > 0 = q(x)$.

# %% checks="cross_entropy"
p, q = np.array([0.5, 0.25, 0.25]), np.array([0.25, 0.25, 0.5])
assert np.isclose(it.cross_entropy(p, p), it.entropy(p))
assert np.isclose(it.cross_entropy([1.0, 0.0], [0.5, 0.5], base=2), 1.0)
assert it.cross_entropy([0.5, 0.5], [1.0, 0.0]) == np.inf

# %% checks="kl_divergence"
assert np.isclose(it.kl_divergence(p, p), 0.0)
assert np.isclose(it.cross_entropy(p, q), it.entropy(p) + it.kl_divergence(p, q))
assert it.kl_divergence([0.5, 0.5], [1.0, 0.0]) == np.inf

# %% [markdown]
# KL is not symmetric. Fix $q$ = a coin with $P(\text{heads}) = 0.3$ and move
# $p$ = a coin with $P(\text{heads}) = \theta$: the two directions differ
# everywhere except at $\theta = 0.3$, where both are 0.

# %%
coins = np.linspace(0.01, 0.99, 99)
q_coin = [0.3, 0.7]
forward = [it.kl_divergence([t, 1 - t], q_coin) for t in coins]
backward = [it.kl_divergence(q_coin, [t, 1 - t]) for t in coins]
fig, ax = plt.subplots(figsize=(5, 3.2))
ax.plot(coins, forward, label=r"$KL(p_\theta \,\|\, q)$")
ax.plot(coins, backward, label=r"$KL(q \,\|\, p_\theta)$")
ax.axvline(0.3, color="grey", linestyle=":")
ax.set(xlabel=r"$\theta$", ylabel="nats", ylim=(0, 2.5), title="KL is not symmetric")
ax.legend()
fig.tight_layout()

# %% [markdown]
# **Question.** Why is KL divergence not a distance? Name the property of
# a metric that it breaks, with an example from the plot, and one it keeps.

# %% [markdown] answer="kl_not_a_distance" points=2
# ### BEGIN SOLUTION
# A metric is symmetric; KL is not: for $q$ = (0.3, 0.7) and $p$ = (0.9, 0.1)
# the plot shows $KL(p\|q) \ne KL(q\|p)$. It does not satisfy the triangle
# inequality either. It keeps non-negativity, with $KL(p\|q) = 0$ iff $p = q$.
# ### END SOLUTION
