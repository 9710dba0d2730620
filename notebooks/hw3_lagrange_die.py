# %% [markdown]
# # Assignment 3: the die, by Lagrange multipliers
#
# Lecture §5. You implement the six functions of `lagrange_die.py` (the
# module next to this notebook); this notebook imports your module, checks
# it on the lecture's examples and plots the die's likelihood. Run it top
# to bottom after each change (Kernel → Restart & Run All).
#
# After each function's checks comes a grade cell that stays empty for you:
# the course's grader fills it with that function's points from the hidden
# tests, which run your module in a sandbox.

# %%
import importlib

import matplotlib.pyplot as plt
import matplotlib.tri as mtri
import numpy as np

import lagrange_die as die

die = importlib.reload(die)  # pick up your latest edits of lagrange_die.py

# %% [markdown]
# ## 1. The likelihood of a die
#
# A die with faces $1..K$ and $\theta_k = P(X = k)$; of $N$ rolls, $n_k$
# show face $k$. Then $P(D \mid \theta) = \prod_i \theta_{x_i} = \prod_k \theta_k^{n_k}$
# and the log-likelihood is $\sum_k n_k \log\theta_k$.

# %% checks="counts_from_rolls"
assert list(die.counts_from_rolls([1, 6, 6, 3])) == [1, 0, 1, 0, 0, 2]
assert list(die.counts_from_rolls([], n_sides=3)) == [0, 0, 0]

# %% checks="die_log_likelihood"
assert np.isclose(die.die_log_likelihood([0.5, 0.5], [3, 1]), 4 * np.log(0.5))
assert die.die_log_likelihood([1.0, 0.0], [1, 1]) == -np.inf

# %% [markdown]
# ## 2. The constrained maximum
#
# We maximise $\sum_k n_k\log\theta_k$ subject to $\sum_k\theta_k = 1$ with the
# Lagrangian $J(\theta, \lambda) = \sum_k n_k \log\theta_k + \lambda(1 - \sum_k\theta_k)$:
#
# 1. $\partial J/\partial\lambda = 1 - \sum_k\theta_k = 0$ (the constraint comes back);
# 2. $\partial J/\partial\theta_k = n_k/\theta_k - \lambda = 0 \Rightarrow \theta_k = n_k/\lambda$;
# 3. into 1: $\sum_k n_k / \lambda = 1 \Rightarrow \lambda = N$;
# 4. so $\hat\theta_k = n_k/N$.

# %% checks="lagrangian"
assert np.isclose(die.lagrangian([0.5, 0.5], 2.0, [1, 1]), 2 * np.log(0.5))
assert np.isclose(die.lagrangian([0.25, 0.25], 1.0, [1, 0]), np.log(0.25) + 0.5)

# %% checks="lagrangian_gradient"
assert np.allclose(die.lagrangian_gradient([0.5, 0.25], 2.0, [1, 1]), [0.0, 2.0, 0.25])

# %% checks="stationary_point"
theta_hat, lam = die.stationary_point([2, 1, 1])
assert np.allclose(theta_hat, [0.5, 0.25, 0.25]) and np.isclose(lam, 4.0)
assert np.allclose(die.lagrangian_gradient(theta_hat, lam, [2, 1, 1]), 0.0)

# %% [markdown]
# A three-sided die lives on a triangle, the simplex
# $\{\theta : \theta_k \ge 0,\ \sum_k\theta_k = 1\}$. Its log-likelihood for
# the counts $n = (5, 3, 2)$ over the simplex, with your stationary point
# marked: the maximum, where $\hat\theta = n/N$.

# %%
counts = die.counts_from_rolls([1, 1, 1, 1, 1, 2, 2, 2, 3, 3], n_sides=3)
steps = np.linspace(0.005, 0.99, 120)
grid = np.array([(a, b, 1 - a - b) for a in steps for b in steps if 1 - a - b > 0.005])
corners = np.array([[0.0, 0.0], [1.0, 0.0], [0.5, np.sqrt(3) / 2]])  # faces 1, 2, 3
points_xy = grid @ corners
heights = np.array([die.die_log_likelihood(t, counts) for t in grid])
theta_hat, lam = die.stationary_point(counts)
fig, ax = plt.subplots(figsize=(5.5, 4.5))
shaded = ax.tricontourf(mtri.Triangulation(points_xy[:, 0], points_xy[:, 1]), heights,
                        levels=np.linspace(heights.max() - 15, heights.max(), 31), cmap="viridis", extend="min")
fig.colorbar(shaded, ax=ax, label=r"$\sum_k n_k \log\theta_k$")
ax.plot(*(theta_hat @ corners), "r*", markersize=14, label=rf"stationary point, $\lambda$ = {lam:g}")
for (x, y), face in zip(corners, [1, 2, 3]):
    ax.text(x, y + (0.04 if y > 0 else -0.04), rf"$\theta_{face} = 1$", ha="center", va="bottom" if y > 0 else "top")
ax.set(xlim=(-0.1, 1.1), ylim=(-0.12, 1.0), aspect="equal")
ax.axis("off")
ax.set_title("Log-likelihood on the simplex, n = (5, 3, 2)")
ax.legend(loc="lower center", bbox_to_anchor=(0.5, -0.08), fontsize="small")
fig.tight_layout()

# %% [markdown]
# ## 3. The same answer by a numerical optimiser
#
# Lecture §6: most models have no closed form, and the MLE is found by
# iterative optimisation. `numerical_mle` must find $n/N$ without the
# formula. Rolling a loaded die more and more often, your numerical MLE
# (dots) sits on $n/N$ (lines), and both converge to the true $\theta$ (dashed):
# the MLE is consistent.

# %% checks="numerical_mle"
assert np.allclose(die.numerical_mle([2, 1, 1]), [0.5, 0.25, 0.25], atol=1e-4)
assert np.allclose(die.numerical_mle([3, 0, 1]), [0.75, 0.0, 0.25], atol=1e-4)

# %%
rng = np.random.default_rng(5)
true_theta = np.array([0.3, 0.1, 0.1, 0.1, 0.1, 0.3])
sizes = [10, 30, 100, 300, 1000, 3000]
closed, numerical = [], []
for n_rolls in sizes:
    n = die.counts_from_rolls(rng.choice(np.arange(1, 7), size=n_rolls, p=true_theta))
    closed.append(n / n.sum())
    numerical.append(die.numerical_mle(n))
closed, numerical = np.array(closed), np.array(numerical)
fig, ax = plt.subplots(figsize=(5.5, 3.5))
for face, colour in zip([0, 1, 5], ["C0", "C1", "C2"]):
    ax.plot(sizes, closed[:, face], color=colour, label=f"face {face + 1}: n/N")
    ax.plot(sizes, numerical[:, face], "o", color=colour)
    ax.axhline(true_theta[face], color=colour, linestyle="--", linewidth=0.8)
ax.set(xscale="log", xlabel="number of rolls N", ylabel=r"$\hat\theta_k$",
       title=f"Numerical MLE vs n/N: largest gap {np.abs(numerical - closed).max():.1e}")
ax.legend(fontsize="small")
fig.tight_layout()

# %% [markdown]
# **Question.** The stationary point of the Lagrangian is one point. Why is
# it the maximum of the likelihood on the simplex, not a minimum or a saddle?
# (Use Lecture §7.)

# %% [markdown] answer="why_a_maximum" points=2
# ### BEGIN SOLUTION
# With $\hat p = n/N$, $\sum_k n_k\log\theta_k = -N\,[H(\hat p) + KL(\hat p\|\theta)]$.
# $H(\hat p)$ does not depend on $\theta$ and $KL \ge 0$ with equality iff
# $\theta = \hat p$, so the log-likelihood is largest exactly at $\theta = n/N$:
# the stationary point is the global maximum.
# ### END SOLUTION
