"""Public checks for assignment 4: MLE = min KL = min cross-entropy; iterative MLE (Lecture §1, §6, §7)."""
import math
import warnings

import numpy as np

from course import assert_rejects, assert_returns, assert_satisfies, checks, exercise

A = "hw4_mle_and_kl"
empirical_distribution = exercise(A, "empirical_distribution")
average_negative_log_likelihood = exercise(A, "average_negative_log_likelihood")
linear_regression_mle = exercise(A, "linear_regression_mle")
sigmoid = exercise(A, "sigmoid")
logistic_nll = exercise(A, "logistic_nll")
logistic_gradient = exercise(A, "logistic_gradient")
fit_logistic_regression = exercise(A, "fit_logistic_regression")

# A small data set that no line separates: an intercept column and one feature.
X_OVERLAP = [[1.0, -2.0], [1.0, -1.0], [1.0, 0.0], [1.0, 1.0], [1.0, 2.0], [1.0, 3.0]]
Y_OVERLAP = [0, 1, 0, 1, 0, 1]


def _logistic_data(seed, n, d):
    """N x D features with an intercept column and labels drawn from a logistic model (not separable)."""
    rng = np.random.default_rng(seed)
    X = np.column_stack([np.ones(n), rng.normal(size=(n, d - 1))])
    w = np.linspace(-1.0, 1.0, d)
    y = (rng.random(n) < 1 / (1 + np.exp(-X @ w))).astype(int)
    return X, y


def _gradient_is_zero(X, y):
    """The gradient (1/N) X^T (sigma(X w) - y) of the logistic loss at w is within 1e-6 of 0."""
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)

    def predicate(w):
        w = np.asarray(w, dtype=float)
        if w.shape != (X.shape[1],) or not np.all(np.isfinite(w)):
            return False
        sigma = np.exp(-np.logaddexp(0.0, -(X @ w)))  # 1 / (1 + e^{-s}) without overflow
        gradient = X.T @ (sigma - y) / len(y)
        return bool(np.all(np.abs(gradient) <= 1e-6))
    return predicate


# empirical_distribution

@checks("empirical_distribution")
def test_the_empirical_distribution_is_the_fraction_of_samples_per_outcome():
    assert_returns(np.array([0.25, 0.5, 0.25]), empirical_distribution, [0, 1, 1, 2], 3,
                   lesson="Lecture §7: p_hat puts mass 1/N on each sample")


@checks("empirical_distribution")
def test_outcomes_never_seen_get_empirical_probability_zero():
    assert_returns(np.array([0.0, 1.0, 0.0, 0.0]), empirical_distribution, [1, 1], 4,
                   lesson="Lecture §7: p_hat has one entry per outcome 0..K-1, seen or not")


@checks("empirical_distribution")
def test_the_empirical_distribution_is_a_probability_vector():
    samples = np.array([4, 0, 2, 2, 4, 4, 1])
    assert_satisfies(lambda p: np.shape(p) == (5,) and bool(np.all(np.asarray(p) >= 0))
                     and abs(float(np.sum(p)) - 1.0) <= 1e-6,
                     "a probability vector of length 5",
                     empirical_distribution, samples, 5,
                     lesson="Lecture §2: a PMF is non-negative and sums to 1")


@checks("empirical_distribution")
def test_the_empirical_distribution_rejects_an_outcome_equal_to_k():
    assert_rejects(empirical_distribution, [0, 1, 3], 3, lesson="Lecture §7: outcomes are numbered 0..K-1")


@checks("empirical_distribution")
def test_the_empirical_distribution_rejects_an_empty_sample():
    assert_rejects(empirical_distribution, [], 3, lesson="Lecture §3: the data are N >= 1 samples")


# average_negative_log_likelihood

@checks("average_negative_log_likelihood")
def test_the_average_negative_log_likelihood_is_the_cross_entropy_from_the_empirical_distribution():
    theta, samples = [0.5, 0.25, 0.25], [0, 1, 1, 2]
    p_hat = [0.25, 0.5, 0.25]
    cross_entropy = -sum(p * math.log(q) for p, q in zip(p_hat, theta))
    assert_returns(cross_entropy, average_negative_log_likelihood, theta, samples,
                   lesson="Lecture §7: -(1/N) sum_i log theta_{x_i} = H(p_hat, theta)")


@checks("average_negative_log_likelihood")
def test_a_uniform_model_has_average_negative_log_likelihood_log_k():
    assert_returns(math.log(4), average_negative_log_likelihood, [0.25] * 4, [3, 0, 0, 2, 1],
                   lesson="Lecture §7: each sample costs a surprise of -log(1/4) = log 4 nats")


@checks("average_negative_log_likelihood")
def test_a_sample_the_model_calls_impossible_gives_infinity():
    assert_returns(math.inf, average_negative_log_likelihood, [1.0, 0.0], [0, 1],
                   lesson="Lecture §7: the surprise of an event of probability 0 is infinite (never NaN)")


@checks("average_negative_log_likelihood")
def test_the_average_negative_log_likelihood_rejects_an_outcome_the_model_does_not_have():
    assert_rejects(average_negative_log_likelihood, [0.5, 0.5], [0, 2],
                   lesson="Lecture §7: with K = len(theta) outcomes, samples are in 0..K-1")


@checks("average_negative_log_likelihood")
def test_the_average_negative_log_likelihood_rejects_theta_that_does_not_sum_to_one():
    assert_rejects(average_negative_log_likelihood, [0.5, 0.4], [0, 1],
                   lesson="Lecture §2: a PMF sums to 1")


# linear_regression_mle

@checks("linear_regression_mle")
def test_a_line_through_three_points_is_fitted_exactly_with_zero_noise():
    assert_returns((np.array([1.0, 2.0]), 0.0), linear_regression_mle, [[1, 0], [1, 1], [1, 2]], [1, 3, 5],
                   lesson="Lecture §1: w minimises the squared loss; here y = 1 + 2x exactly")


@checks("linear_regression_mle")
def test_with_only_an_intercept_the_mle_is_the_mean_and_the_variance_over_n():
    assert_returns((np.array([2.0]), 2 / 3), linear_regression_mle, [[1], [1], [1]], [1, 2, 3],
                   lesson="Lecture §4: mu_hat is the mean and sigma2_hat divides by N, not N - 1")


@checks("linear_regression_mle")
def test_a_least_squares_line_and_its_mean_squared_residual():
    X = [[1, 0], [1, 1], [1, 2], [1, 3]]
    assert_returns((np.array([-0.1, 0.9]), 0.175), linear_regression_mle, X, [0, 1, 1, 3],
                   lesson="Lecture §1 and §4: least squares for w, then sigma2 = mean squared residual")


@checks("linear_regression_mle")
def test_linear_regression_rejects_fewer_samples_than_features():
    assert_rejects(linear_regression_mle, [[1.0, 2.0]], [3.0],
                   lesson="Lecture §3: with N < D the MLE is not unique (X must have full column rank)")


@checks("linear_regression_mle")
def test_linear_regression_rejects_a_target_vector_of_the_wrong_length():
    assert_rejects(linear_regression_mle, [[1.0], [1.0]], [1.0, 2.0, 3.0],
                   lesson="Lecture §1: one target y_i per feature vector x_i")


# sigmoid

@checks("sigmoid")
def test_the_sigmoid_of_zero_is_one_half():
    assert_returns(0.5, sigmoid, 0.0, lesson="Lecture §6: sigma(0) = 1 / (1 + e^0) = 1/2")


@checks("sigmoid")
def test_the_sigmoid_saturates_at_zero_and_one_without_overflow_warnings():
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # an overflow in exp becomes an error here
        assert_returns(np.array([0.0, 1.0]), sigmoid, np.array([-1000.0, 1000.0]),
                       lesson="Lecture §6: for z < 0 compute e^z / (1 + e^z); e^{-z} overflows for z < -709")


@checks("sigmoid")
def test_the_sigmoid_works_elementwise_and_keeps_the_shape():
    z = np.array([[-1.0, 0.0], [1.0, 2.0]])
    assert_returns(1 / (1 + np.exp(-z)), sigmoid, z, lesson="Lecture §6: sigma applies to each entry")


@checks("sigmoid")
def test_the_sigmoid_is_symmetric_about_one_half():
    z = np.linspace(-30.0, 30.0, 13)
    assert_satisfies(lambda s: np.shape(s) == z.shape and bool(np.allclose(np.asarray(s) + np.asarray(s)[::-1], 1.0)),
                     "sigma(-z) + sigma(z) = 1 for every z",
                     sigmoid, z, lesson="Lecture §6: sigma(-z) = 1 - sigma(z)")


# logistic_nll

@checks("logistic_nll")
def test_at_w_zero_the_logistic_loss_is_log_two():
    assert_returns(math.log(2), logistic_nll, [0.0, 0.0], X_OVERLAP, Y_OVERLAP,
                   lesson="Lecture §7: predicting 1/2 for every label costs log 2 nats per sample")


@checks("logistic_nll")
def test_the_logistic_loss_is_the_average_cross_entropy_of_the_predictions():
    # x^T w = log 3 for both samples, so sigma = 3/4: label 1 costs -log(3/4), label 0 costs -log(1/4)
    expected = -(math.log(0.75) + math.log(0.25)) / 2
    assert_returns(expected, logistic_nll, [math.log(3)], [[1.0], [1.0]], [1, 0],
                   lesson="Lecture §7: -[y log sigma + (1 - y) log(1 - sigma)], averaged over the samples")


@checks("logistic_nll")
def test_the_logistic_loss_is_finite_for_scores_of_a_thousand():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert_returns(500.0, logistic_nll, [1000.0], [[1.0], [1.0]], [1, 0],
                       lesson="Lecture §7: log(1 + e^s) - y s (np.logaddexp) stays finite; "
                              "log(sigma(s)) with sigma(-1000) = 0 would give inf")


@checks("logistic_nll")
def test_the_logistic_loss_rejects_a_label_of_two():
    assert_rejects(logistic_nll, [0.0], [[1.0], [1.0]], [1, 2], lesson="Lecture §1: labels y_i are 0 or 1")


@checks("logistic_nll")
def test_the_logistic_loss_rejects_weights_of_the_wrong_length():
    assert_rejects(logistic_nll, [0.0, 0.0, 0.0], X_OVERLAP, Y_OVERLAP,
                   lesson="Lecture §1: one weight per feature, D = X.shape[1]")


# logistic_gradient

@checks("logistic_gradient")
def test_at_w_zero_the_logistic_gradient_is_x_transpose_one_half_minus_y_over_n():
    assert_returns(np.array([0.0, -0.75]), logistic_gradient, [0.0, 0.0], [[1, 2], [1, -1]], [1, 0],
                   lesson="Lecture §6: the gradient is (1/N) X^T (sigma(X w) - y), with sigma(0) = 1/2")


@checks("logistic_gradient")
def test_with_an_intercept_only_the_gradient_vanishes_where_sigma_is_the_fraction_of_ones():
    assert_satisfies(lambda g: np.shape(g) == (1,) and abs(float(np.asarray(g)[0])) <= 1e-6,
                     "one component, within 1e-6 of 0",
                     logistic_gradient, [math.log(3)], [[1.0]] * 4, [1, 1, 1, 0],
                     lesson="Lecture §6: at the MLE the gradient is 0; sigma(log 3) = 3/4")


@checks("logistic_gradient")
def test_the_logistic_gradient_has_no_overflow_for_large_scores():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert_returns(np.array([0.0, 1000.0]), logistic_gradient, [0.0, 1.0], [[1.0, -1000.0], [1.0, 1000.0]],
                       [1, 0], lesson="Lecture §6: use your overflow-free sigmoid; sigma(-1000) = 0, sigma(1000) = 1")


@checks("logistic_gradient")
def test_the_logistic_gradient_rejects_a_one_dimensional_x():
    assert_rejects(logistic_gradient, [0.0], [1.0, 2.0], [1, 0],
                   lesson="Lecture §1: X is an N x D matrix, one row x_i per sample")


# fit_logistic_regression

@checks("fit_logistic_regression")
def test_with_an_intercept_only_the_fitted_probability_is_the_fraction_of_ones():
    assert_returns(np.array([math.log(3)]), fit_logistic_regression, [[1.0]] * 4, [1, 1, 1, 0], atol=1e-6,
                   lesson="Lecture §6: at the MLE sigma(w) = 3/4, so w = log 3")


@checks("fit_logistic_regression")
def test_the_logistic_gradient_at_the_fitted_weights_is_zero():
    assert_satisfies(_gradient_is_zero(X_OVERLAP, Y_OVERLAP), "every gradient component within 1e-6 of 0",
                     fit_logistic_regression, X_OVERLAP, Y_OVERLAP,
                     lesson="Lecture §6: iterate (Newton or gradient descent) until the gradient vanishes")


@checks("fit_logistic_regression")
def test_the_fit_converges_on_a_thousand_samples_with_five_features():
    X, y = _logistic_data(seed=4, n=1000, d=5)
    assert_satisfies(_gradient_is_zero(X, y), "every gradient component within 1e-6 of 0",
                     fit_logistic_regression, X, y,
                     lesson="Lecture §6: iterate until every gradient component is below 1e-6")


@checks("fit_logistic_regression")
def test_the_fit_rejects_a_label_of_minus_one():
    assert_rejects(fit_logistic_regression, X_OVERLAP, [0, 1, 0, 1, 0, -1],
                   lesson="Lecture §1: for logistic regression the labels are 0 or 1, not -1 or 1")
