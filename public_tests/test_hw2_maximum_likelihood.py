"""Public checks for assignment 2: closed-form maximum likelihood estimates (Lecture §2-§5)."""
import math

import numpy as np

from course import assert_rejects, assert_returns, assert_satisfies, checks, exercise

A = "hw2_maximum_likelihood"
bernoulli_mle = exercise(A, "bernoulli_mle")
binomial_mle = exercise(A, "binomial_mle")
poisson_mle = exercise(A, "poisson_mle")
gaussian_log_likelihood = exercise(A, "gaussian_log_likelihood")
gaussian_mle = exercise(A, "gaussian_mle")
gaussian_hessian = exercise(A, "gaussian_hessian")
multinomial_mle = exercise(A, "multinomial_mle")


# bernoulli_mle ----------------------------------------------------------------

@checks("bernoulli_mle")
def test_three_heads_in_four_tosses_give_three_quarters():
    assert_returns(0.75, bernoulli_mle, [1, 1, 0, 1], lesson="Lecture §2-§3: the Bernoulli MLE is the fraction of heads")


@checks("bernoulli_mle")
def test_tosses_may_be_given_as_booleans_or_floats():
    lesson = "Lecture §2: a toss is 0 or 1, whether written as int, bool or float"
    assert_returns(0.25, bernoulli_mle, [True, False, False, False], lesson=lesson)
    assert_returns(0.5, bernoulli_mle, np.array([1.0, 0.0]), lesson=lesson)


@checks("bernoulli_mle")
def test_a_coin_that_never_landed_heads_is_estimated_never_to():
    assert_returns(0.0, bernoulli_mle, [0, 0, 0], lesson="Lecture §3: the MLE may sit on the boundary of Θ")


@checks("bernoulli_mle")
def test_bernoulli_mle_rejects_a_toss_that_is_neither_0_nor_1():
    assert_rejects(bernoulli_mle, [0, 1, 2], lesson="Lecture §2: a Bernoulli variable takes the values 0 and 1")


@checks("bernoulli_mle")
def test_bernoulli_mle_rejects_no_tosses():
    assert_rejects(bernoulli_mle, [], lesson="Lecture §3: the MLE needs data, N >= 1")


# binomial_mle -----------------------------------------------------------------

@checks("binomial_mle")
def test_the_binomial_mle_is_all_heads_over_all_tosses():
    assert_returns(12 / 30, binomial_mle, [3, 5, 4], 10, lesson="Lecture §2-§3: θ̂ = Σ heads / (M n)")


@checks("binomial_mle")
def test_one_binomial_experiment_gives_its_fraction_of_heads():
    assert_returns(0.7, binomial_mle, [7], n=10, lesson="Lecture §2-§3: θ̂ = k / n for one experiment")


@checks("binomial_mle")
def test_binomial_with_one_toss_per_experiment_is_bernoulli():
    assert_returns(0.75, binomial_mle, [1, 1, 0, 1], n=1, lesson="Lecture §2: Binomial(1, θ) is Bernoulli(θ)")


@checks("binomial_mle")
def test_binomial_mle_rejects_more_heads_than_tosses():
    assert_rejects(binomial_mle, [3, 11], n=10, lesson="Lecture §2: k heads in n tosses has 0 <= k <= n")


@checks("binomial_mle")
def test_binomial_mle_rejects_zero_tosses_per_experiment():
    assert_rejects(binomial_mle, [0, 0], n=0, lesson="Lecture §2: Binomial(n, θ) needs n >= 1 tosses")


# poisson_mle ------------------------------------------------------------------

@checks("poisson_mle")
def test_the_poisson_mle_is_the_mean_count():
    assert_returns(1.5, poisson_mle, [2, 0, 3, 1], lesson="Lecture §2: λ is the mean number of events; λ̂ = mean count")


@checks("poisson_mle")
def test_poisson_counts_may_be_whole_valued_floats():
    assert_returns(2.0, poisson_mle, np.array([3.0, 1.0]), lesson="Lecture §2: a count is a whole number, 3.0 included")


@checks("poisson_mle")
def test_no_events_give_a_rate_of_zero():
    assert_returns(0.0, poisson_mle, [0, 0, 0, 0], lesson="Lecture §3: the MLE may sit on the boundary of Θ")


@checks("poisson_mle")
def test_poisson_mle_rejects_a_negative_count():
    assert_rejects(poisson_mle, [2, -1], lesson="Lecture §2: Poisson counts are non-negative integers")


@checks("poisson_mle")
def test_poisson_mle_rejects_a_fractional_count():
    assert_rejects(poisson_mle, [2, 2.5], lesson="Lecture §2: Poisson counts are non-negative integers")


# gaussian_log_likelihood ------------------------------------------------------

def _log_density(x, mu, sigma2):
    return math.log(math.exp(-(x - mu) ** 2 / (2 * sigma2)) / math.sqrt(2 * math.pi * sigma2))


@checks("gaussian_log_likelihood")
def test_one_sample_at_the_mean_of_a_standard_normal():
    assert_returns(-0.5 * math.log(2 * math.pi), gaussian_log_likelihood, [0.0], 0.0, 1.0,
                   lesson="Lecture §2: N(μ | μ, 1) = 1 / sqrt(2π)")


@checks("gaussian_log_likelihood")
def test_the_log_likelihood_is_the_sum_of_the_log_densities():
    x, mu, sigma2 = [1.0, 2.0, 3.5], 2.0, 4.0
    assert_returns(sum(_log_density(xi, mu, sigma2) for xi in x), gaussian_log_likelihood, x, mu, sigma2,
                   lesson="Lecture §4: the log of a product of densities is the sum of their logs")


@checks("gaussian_log_likelihood")
def test_the_log_likelihood_matches_the_closed_form():
    x = np.array([0.3, -1.2, 2.5, 0.7])
    expected = -4 / 2 * math.log(2 * math.pi * 0.5) - np.sum((x - 1.0) ** 2) / (2 * 0.5)
    assert_returns(expected, gaussian_log_likelihood, x, mu=1.0, sigma2=0.5,
                   lesson="Lecture §4: LL = -N/2 log(2πσ²) - Σ (x_i - μ)² / (2σ²)")


@checks("gaussian_log_likelihood")
def test_the_log_likelihood_of_many_samples_is_finite():
    x = np.linspace(-3.0, 3.0, 2001)
    expected = -2001 / 2 * math.log(2 * math.pi) - np.sum(x ** 2) / 2
    assert_returns(expected, gaussian_log_likelihood, x, 0.0, 1.0,
                   lesson="Lecture §4: take the log first; a product of 2001 densities underflows to 0")


@checks("gaussian_log_likelihood")
def test_gaussian_log_likelihood_rejects_a_zero_variance():
    assert_rejects(gaussian_log_likelihood, [1.0, 2.0], 1.5, 0.0, lesson="Lecture §2: a Gaussian needs σ² > 0")


@checks("gaussian_log_likelihood")
def test_gaussian_log_likelihood_rejects_a_missing_value():
    assert_rejects(gaussian_log_likelihood, [1.0, math.nan], 0.0, 1.0,
                   lesson="Lecture §4: the samples x_i are finite numbers")


# gaussian_mle -----------------------------------------------------------------

@checks("gaussian_mle")
def test_the_gaussian_mle_variance_divides_by_n_not_n_minus_1():
    assert_returns((2.5, 1.25), gaussian_mle, [1.0, 2.0, 3.0, 4.0],
                   lesson="Lecture §4: σ̂² = (1/N) Σ (x_i - μ̂)², here 5/4, not 5/3")


@checks("gaussian_mle")
def test_the_gaussian_mle_of_one_sample_has_zero_variance():
    assert_returns((7.0, 0.0), gaussian_mle, [7.0],
                   lesson="Lecture §3-§4: with one point σ̂² = 0 (the likelihood grows without bound as σ² -> 0)")


@checks("gaussian_mle")
def test_the_gaussian_mle_is_the_sample_mean_and_mean_squared_deviation():
    x = np.array([0.3, -1.2, 2.5, 0.7])
    assert_returns((float(np.mean(x)), float(np.var(x))), gaussian_mle, x,
                   lesson="Lecture §4: μ̂ = mean of x; σ̂² = mean of (x_i - μ̂)²")


@checks("gaussian_mle")
def test_gaussian_mle_rejects_no_samples():
    assert_rejects(gaussian_mle, [], lesson="Lecture §3: the MLE needs data, N >= 1")


@checks("gaussian_mle")
def test_gaussian_mle_rejects_an_infinite_sample():
    assert_rejects(gaussian_mle, [1.0, math.inf], lesson="Lecture §4: the samples x_i are finite numbers")


# gaussian_hessian -------------------------------------------------------------

@checks("gaussian_hessian")
def test_the_hessian_at_the_mle_is_diagonal():
    x, mu, sigma2, n = [1.0, 2.0, 3.0, 4.0], 2.5, 1.25, 4
    assert_returns(np.array([[-n / sigma2, 0.0], [0.0, -n / (2 * sigma2 ** 2)]]), gaussian_hessian, x, mu, sigma2,
                   lesson="Lecture §4: at the MLE the Hessian is diag(-N/σ², -N/(2σ⁴))")


@checks("gaussian_hessian")
def test_the_hessian_away_from_the_mle_has_off_diagonal_terms():
    # N = 2, Σ (x_i - μ) = 2, Σ (x_i - μ)² = 4, σ² = 1
    assert_returns(np.array([[-2.0, -2.0], [-2.0, 1.0 - 4.0]]), gaussian_hessian, [0.0, 2.0], 0.0, 1.0,
                   lesson="Lecture §4: ∂²LL/∂μ∂σ² = -Σ(x_i - μ)/σ⁴, ∂²LL/∂(σ²)² = N/(2σ⁴) - Σ(x_i - μ)²/σ⁶")


@checks("gaussian_hessian")
def test_the_hessian_at_the_mle_is_negative_definite():
    x = np.array([0.3, -1.2, 2.5, 0.7])
    assert_satisfies(lambda h: np.shape(h) == (2, 2) and np.allclose(h, np.transpose(h))
                     and bool(np.all(np.linalg.eigvalsh(np.asarray(h, dtype=float)) < 0)),
                     "a symmetric 2x2 matrix with negative eigenvalues (a maximum)",
                     gaussian_hessian, x, float(np.mean(x)), float(np.var(x)),
                     lesson="Lecture §4: a negative definite Hessian shows the stationary point is a maximum")


@checks("gaussian_hessian")
def test_gaussian_hessian_rejects_a_negative_variance():
    assert_rejects(gaussian_hessian, [1.0, 2.0], 1.5, -1.0, lesson="Lecture §2: a Gaussian needs σ² > 0")


# multinomial_mle --------------------------------------------------------------

@checks("multinomial_mle")
def test_the_multinomial_mle_is_the_observed_frequencies():
    assert_returns(np.array([0.2, 0.3, 0.5]), multinomial_mle, [2, 3, 5],
                   lesson="Lecture §5: θ̂_k = n_k / N (green, blue and red balls from the urn of §2)")


@checks("multinomial_mle")
def test_a_die_face_never_rolled_gets_probability_zero():
    assert_returns(np.array([0.0, 0.25, 0.25, 0.5, 0.0, 0.0]), multinomial_mle, [0, 1, 1, 2, 0, 0],
                   lesson="Lecture §5: θ̂_k = n_k / N, even when n_k = 0")


@checks("multinomial_mle")
def test_the_multinomial_mle_is_a_probability_vector():
    assert_satisfies(lambda t: np.ndim(t) == 1 and np.size(t) == 4 and bool(np.all(np.asarray(t) >= 0))
                     and abs(float(np.sum(t)) - 1.0) <= 1e-9,
                     "a probability vector of length 4", multinomial_mle, np.array([7.0, 1.0, 3.0, 9.0]),
                     lesson="Lecture §5: the constraint Σ_k θ_k = 1 holds at the maximum")


@checks("multinomial_mle")
def test_multinomial_mle_rejects_counts_that_are_all_zero():
    assert_rejects(multinomial_mle, [0, 0, 0], lesson="Lecture §5: θ̂_k = n_k / N needs N > 0 observations")


@checks("multinomial_mle")
def test_multinomial_mle_rejects_a_negative_count():
    assert_rejects(multinomial_mle, [3, -1, 2], lesson="Lecture §5: n_k counts observations, so n_k >= 0")
