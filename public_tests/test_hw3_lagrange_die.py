"""Public checks for assignment 3: the maximum-likelihood die, by Lagrange multipliers (Lecture §5)."""
import math

import numpy as np

from course import assert_rejects, assert_returns, assert_satisfies, checks, exercise

A = "hw3_lagrange_die"
counts_from_rolls = exercise(A, "counts_from_rolls")
die_log_likelihood = exercise(A, "die_log_likelihood")
lagrangian = exercise(A, "lagrangian")
lagrangian_gradient = exercise(A, "lagrangian_gradient")
stationary_point = exercise(A, "stationary_point")
numerical_mle = exercise(A, "numerical_mle")


def _is_probability_vector(length):
    def predicate(theta):
        theta = np.asarray(theta, dtype=float)
        return (theta.shape == (length,) and bool(np.all(np.isfinite(theta))) and bool(np.all(theta >= 0))
                and abs(theta.sum() - 1.0) <= 1e-6)
    return predicate


# counts_from_rolls

@checks("counts_from_rolls")
def test_rolls_of_a_six_sided_die_are_counted_face_by_face():
    assert_returns(np.array([1, 0, 2, 0, 0, 1]), counts_from_rolls, [1, 3, 3, 6],
                   lesson="Lecture §5: n_k is the number of rolls showing face k; faces are numbered 1..6")


@checks("counts_from_rolls")
def test_no_rolls_give_a_count_of_zero_for_every_face():
    assert_returns(np.array([0, 0, 0, 0]), counts_from_rolls, [], n_sides=4,
                   lesson="Lecture §5: with N = 0 rolls every n_k is 0; the result still has one entry per face")


@checks("counts_from_rolls")
def test_the_counts_are_integers_that_add_up_to_the_number_of_rolls():
    rolls = np.array([2, 3, 3, 1, 2, 3, 3])
    assert_satisfies(lambda n: isinstance(n, np.ndarray) and n.dtype.kind in "iu" and n.shape == (3,)
                     and int(n.sum()) == 7,
                     "an integer array of length 3 whose entries sum to N = 7",
                     counts_from_rolls, rolls, n_sides=3,
                     lesson="Lecture §5: N = sum_k n_k")


@checks("counts_from_rolls")
def test_counting_rejects_a_seven_on_a_six_sided_die():
    assert_rejects(counts_from_rolls, [1, 7], lesson="Lecture §5: a six-sided die shows faces 1..6")


@checks("counts_from_rolls")
def test_counting_rejects_face_zero_because_faces_start_at_one():
    assert_rejects(counts_from_rolls, [0, 1, 2], lesson="Lecture §5: faces are numbered 1..K, not 0..K-1")


@checks("counts_from_rolls")
def test_counting_rejects_a_die_with_no_sides():
    assert_rejects(counts_from_rolls, [1], n_sides=0, lesson="Lecture §5: a die has K >= 1 faces")


# die_log_likelihood

@checks("die_log_likelihood")
def test_the_log_likelihood_of_a_fair_die_rolled_six_times_is_six_log_one_sixth():
    assert_returns(6 * math.log(1 / 6), die_log_likelihood, [1 / 6] * 6, [1, 1, 1, 1, 1, 1],
                   lesson="Lecture §5: the log-likelihood is sum_k n_k log theta_k")


@checks("die_log_likelihood")
def test_the_log_likelihood_weights_each_log_probability_by_its_count():
    assert_returns(2 * math.log(0.5) + 2 * math.log(0.25), die_log_likelihood, [0.5, 0.25, 0.25], [2, 1, 1],
                   lesson="Lecture §5: the log-likelihood is sum_k n_k log theta_k")


@checks("die_log_likelihood")
def test_a_face_never_rolled_costs_nothing_even_with_probability_zero():
    assert_returns(0.0, die_log_likelihood, [1.0, 0.0], [3, 0],
                   lesson="Lecture §7: 0 log 0 counts as 0")


@checks("die_log_likelihood")
def test_a_roll_the_model_calls_impossible_gives_minus_infinity():
    assert_returns(-math.inf, die_log_likelihood, [1.0, 0.0], [3, 1],
                   lesson="Lecture §5: a likelihood of 0 has log -inf (never NaN)")


@checks("die_log_likelihood")
def test_the_log_likelihood_rejects_probabilities_that_do_not_sum_to_one():
    assert_rejects(die_log_likelihood, [0.5, 0.6], [1, 1],
                   lesson="Lecture §5: theta must satisfy the constraint sum_k theta_k = 1")


@checks("die_log_likelihood")
def test_the_log_likelihood_rejects_counts_for_a_different_number_of_faces():
    assert_rejects(die_log_likelihood, [0.5, 0.5], [1, 1, 1],
                   lesson="Lecture §5: one count n_k per face k")


@checks("die_log_likelihood")
def test_the_log_likelihood_rejects_a_count_of_two_and_a_half_rolls():
    assert_rejects(die_log_likelihood, [0.5, 0.5], [2.5, 1],
                   lesson="Lecture §5: n_k counts rolls, a non-negative integer")


# lagrangian

@checks("lagrangian")
def test_on_the_simplex_the_lagrangian_is_the_log_likelihood():
    assert_returns(math.log(0.25) + 3 * math.log(0.75), lagrangian, [0.25, 0.75], 4.0, [1, 3],
                   lesson="Lecture §5: J = sum_k n_k log theta_k + lambda (1 - sum_k theta_k), "
                          "and the last term is 0 when sum_k theta_k = 1")


@checks("lagrangian")
def test_off_the_simplex_the_multiplier_charges_for_the_excess_probability():
    assert_returns(3 * math.log(0.5) - 1.0, lagrangian, [0.5, 0.5, 0.5], 2.0, [1, 1, 1],
                   lesson="Lecture §5: J = sum_k n_k log theta_k + lambda (1 - sum_k theta_k), with sum theta = 1.5")


@checks("lagrangian")
def test_the_lagrangian_accepts_a_negative_multiplier():
    assert_returns(math.log(0.5) - 0.5 * (1 - 0.75), lagrangian, [0.5, 0.25], -0.5, [1, 0],
                   lesson="Lecture §5: lambda is any real number")


@checks("lagrangian")
def test_the_lagrangian_rejects_a_zero_probability():
    assert_rejects(lagrangian, [1.0, 0.0], 1.0, [1, 1],
                   lesson="Lecture §5: J contains log theta_k, defined only for theta_k > 0")


# lagrangian_gradient

@checks("lagrangian_gradient")
def test_the_lagrangian_gradient_is_counts_over_theta_minus_lambda_then_the_constraint():
    assert_returns(np.array([1.0, 5.0, 0.0]), lagrangian_gradient, [0.5, 0.5], 1.0, [1, 3],
                   lesson="Lecture §5: dJ/dtheta_k = n_k / theta_k - lambda, dJ/dlambda = 1 - sum_k theta_k")


@checks("lagrangian_gradient")
def test_the_last_component_of_the_lagrangian_gradient_gives_back_the_constraint():
    assert_returns(np.array([-2.0, -2.0, 0.5]), lagrangian_gradient, [0.2, 0.3], 2.0, [0, 0],
                   lesson="Lecture §5, step 1: dJ/dlambda = 1 - sum_k theta_k")


@checks("lagrangian_gradient")
def test_the_lagrangian_gradient_is_zero_at_theta_n_over_n_and_lambda_n():
    assert_satisfies(lambda g: np.shape(g) == (4,) and bool(np.all(np.abs(np.asarray(g, dtype=float)) <= 1e-6)),
                     "4 components (3 faces + lambda), every one within 1e-6 of 0",
                     lagrangian_gradient, [1 / 6, 2 / 6, 3 / 6], 6.0, [1, 2, 3],
                     lesson="Lecture §5, steps 2-4: theta_k = n_k / N and lambda = N make every component 0")


@checks("lagrangian_gradient")
def test_the_lagrangian_gradient_rejects_a_negative_probability():
    assert_rejects(lagrangian_gradient, [1.5, -0.5], 1.0, [1, 1],
                   lesson="Lecture §5: J contains log theta_k, defined only for theta_k > 0")


# stationary_point

@checks("stationary_point")
def test_the_stationary_point_is_theta_n_over_n_and_lambda_n():
    assert_returns((np.array([1 / 6, 2 / 6, 3 / 6]), 6.0), stationary_point, [1, 2, 3],
                   lesson="Lecture §5, steps 2-4: theta_k = n_k / lambda and lambda = N, so theta_k = n_k / N")


@checks("stationary_point")
def test_a_face_never_rolled_gets_probability_zero_at_the_stationary_point():
    assert_returns((np.array([0.0, 0.8, 0.2]), 5.0), stationary_point, [0, 4, 1],
                   lesson="Lecture §5: theta_k = n_k / N is 0 when n_k = 0")


@checks("stationary_point")
def test_the_stationary_point_is_a_probability_vector_with_lambda_equal_to_the_number_of_rolls():
    counts = np.array([5.0, 0.0, 2.0, 3.0, 7.0, 1.0])  # whole numbers stored as floats are counts too
    assert_satisfies(lambda r: isinstance(r, tuple) and len(r) == 2 and _is_probability_vector(6)(r[0])
                     and abs(float(r[1]) - 18.0) <= 1e-9,
                     "a pair (theta, lam): theta a probability vector of length 6, lam = N = 18",
                     stationary_point, counts,
                     lesson="Lecture §5, step 3: sum_k n_k / lambda = 1 gives lambda = N (and leave counts unchanged)")


@checks("stationary_point")
def test_the_stationary_point_rejects_counts_with_no_rolls():
    assert_rejects(stationary_point, [0, 0, 0], lesson="Lecture §5: theta_k = n_k / N needs N > 0 rolls")


# numerical_mle

@checks("numerical_mle")
def test_the_numerical_mle_agrees_with_the_closed_form_n_over_n():
    assert_returns(np.array([1 / 6, 2 / 6, 3 / 6]), numerical_mle, [1, 2, 3], atol=1e-4, rtol=0,
                   lesson="Lecture §5-§6: the optimiser must find theta_k = n_k / N (within 1e-4)")


@checks("numerical_mle")
def test_the_numerical_mle_gives_a_face_never_rolled_probability_zero():
    assert_returns(np.array([0.0, 0.75, 0.25]), numerical_mle, [0, 3, 1], atol=1e-4, rtol=0,
                   lesson="Lecture §5: theta_k = n_k / N = 0 when n_k = 0; the optimiser must get there too")


@checks("numerical_mle")
def test_the_numerical_mle_handles_a_lopsided_die():
    assert_returns(np.array([1 / 1001, 1000 / 1001]), numerical_mle, [1, 1000], atol=1e-4, rtol=0,
                   lesson="Lecture §6: the optimiser must converge even when one face dominates")


@checks("numerical_mle")
def test_the_numerical_mle_of_a_twenty_sided_die_is_a_probability_vector():
    counts = [3, 0, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3, 2, 3, 8]
    assert_satisfies(_is_probability_vector(20), "a probability vector of length 20",
                     numerical_mle, counts,
                     lesson="Lecture §5: the MLE satisfies the constraint sum_k theta_k = 1, theta_k >= 0")
    assert_returns(np.array(counts) / sum(counts), numerical_mle, counts, atol=1e-4, rtol=0,
                   lesson="Lecture §5-§6: the optimiser must find theta_k = n_k / N (within 1e-4)")


@checks("numerical_mle")
def test_a_one_sided_die_has_probability_one():
    assert_returns(np.array([1.0]), numerical_mle, [4], atol=1e-4, rtol=0,
                   lesson="Lecture §5: with K = 1 face the only probability vector is (1,)")


@checks("numerical_mle")
def test_the_numerical_mle_rejects_counts_with_no_rolls():
    assert_rejects(numerical_mle, [0, 0], lesson="Lecture §3: with no data there is no likelihood to maximise")
