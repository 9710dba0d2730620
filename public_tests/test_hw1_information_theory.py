"""Public checks for assignment 1: surprise, entropy, cross-entropy, KL (Lecture §7)."""
import math

import numpy as np

from course import assert_rejects, assert_returns, assert_satisfies, checks, exercise

A = "hw1_information_theory"
surprise = exercise(A, "surprise")
entropy = exercise(A, "entropy")
binary_entropy = exercise(A, "binary_entropy")
cross_entropy = exercise(A, "cross_entropy")
kl_divergence = exercise(A, "kl_divergence")


@checks("surprise")
def test_a_fair_coin_landing_heads_is_one_bit_of_surprise():
    assert_returns(1.0, surprise, 0.5, base=2, lesson="Lecture §7: surprise is -log p; base 2 gives bits")


@checks("surprise")
def test_a_sure_event_has_no_surprise_and_an_impossible_one_infinite_surprise():
    assert_returns(np.array([0.0, math.inf]), surprise, np.array([1.0, 0.0]),
                   lesson="Lecture §7: as p -> 1 the surprise goes to 0, as p -> 0 to infinity")


@checks("surprise")
def test_surprise_is_in_nats_by_default():
    assert_returns(np.array([np.log(4)]), surprise, [0.25], lesson="Lecture §7: base=None means the natural log (nats)")


@checks("surprise")
def test_surprise_rejects_a_probability_above_one():
    assert_rejects(surprise, 1.5, lesson="Lecture §2: probabilities lie in [0, 1]")


# entropy ----------------------------------------------------------------------

@checks("entropy")
def test_a_fair_coin_has_one_bit_of_entropy():
    assert_returns(1.0, entropy, [0.5, 0.5], base=2, lesson="Lecture §7: a fair coin has 1 bit of entropy")


@checks("entropy")
def test_a_fair_coin_has_log_2_nats_of_entropy_by_default():
    assert_returns(math.log(2), entropy, [0.5, 0.5],
                   lesson="Lecture §7: 1 bit = log 2 nats; base=None means the natural log")


@checks("entropy")
def test_a_two_headed_coin_has_no_entropy():
    assert_returns(0.0, entropy, np.array([1.0, 0.0]),
                   lesson="Lecture §7: a two-headed coin has entropy 0, with 0 log 0 = 0")


@checks("entropy")
def test_a_fair_die_has_log_6_nats_of_entropy():
    assert_returns(math.log(6), entropy, [1 / 6] * 6, lesson="Lecture §7: H = -sum_k p_k log p_k")


@checks("entropy")
def test_the_uniform_distribution_has_more_entropy_than_a_biased_one():
    assert_satisfies(lambda h: 0 <= h < 2.0, "between 0 and 2 bits (2 bits is the entropy of the uniform on 4 outcomes)",
                     entropy, [0.7, 0.1, 0.1, 0.1], base=2,
                     lesson="Lecture §7: the uniform distribution has the most entropy")


@checks("entropy")
def test_entropy_rejects_a_vector_that_does_not_sum_to_one():
    assert_rejects(entropy, [0.5, 0.6], lesson="Lecture §2: a probability mass function sums to 1")


@checks("entropy")
def test_entropy_rejects_base_one():
    assert_rejects(entropy, [0.5, 0.5], base=1, lesson="Lecture §7: log base 1 is undefined; use None (nats) or 2 (bits)")


# binary_entropy ---------------------------------------------------------------

def _coin_entropy(theta):
    return -theta * math.log(theta) - (1 - theta) * math.log(1 - theta)


@checks("binary_entropy")
def test_a_fair_coin_has_one_bit_of_binary_entropy():
    assert_returns(1.0, binary_entropy, 0.5, base=2, lesson="Lecture §7: a fair coin has 1 bit of entropy")


@checks("binary_entropy")
def test_coins_that_always_land_the_same_way_have_no_binary_entropy():
    assert_returns(np.array([0.0, 0.0]), binary_entropy, np.array([0.0, 1.0]),
                   lesson="Lecture §7: a two-headed coin has entropy 0, with 0 log 0 = 0")


@checks("binary_entropy")
def test_binary_entropy_works_elementwise_and_is_symmetric_in_heads_and_tails():
    assert_returns(np.array([_coin_entropy(0.1), _coin_entropy(0.1), _coin_entropy(0.3)]),
                   binary_entropy, [0.1, 0.9, 0.3],
                   lesson="Lecture §7: H(θ) = -θ log θ - (1 - θ) log(1 - θ), one value per θ")


@checks("binary_entropy")
def test_binary_entropy_rejects_a_probability_above_one():
    assert_rejects(binary_entropy, 1.5, lesson="Lecture §2: probabilities lie in [0, 1]")


@checks("binary_entropy")
def test_binary_entropy_rejects_a_negative_probability():
    assert_rejects(binary_entropy, [0.5, -0.1], lesson="Lecture §2: probabilities lie in [0, 1]")


# cross_entropy ----------------------------------------------------------------

P, Q = [0.5, 0.5], [0.25, 0.75]
H_P = math.log(2)
KL_P_Q = 0.5 * math.log(0.5 / 0.25) + 0.5 * math.log(0.5 / 0.75)


@checks("cross_entropy")
def test_the_cross_entropy_of_a_distribution_with_itself_is_its_entropy():
    assert_returns(1.0, cross_entropy, P, P, base=2, lesson="Lecture §7: H(p, p) = H(p) + KL(p||p) = H(p)")


@checks("cross_entropy")
def test_cross_entropy_is_entropy_plus_kl():
    assert_returns(H_P + KL_P_Q, cross_entropy, P, Q, lesson="Lecture §7: H(p, q) = H(p) + KL(p||q)")


@checks("cross_entropy")
def test_cross_entropy_is_infinite_where_the_model_rules_out_a_possible_outcome():
    assert_returns(math.inf, cross_entropy, P, [1.0, 0.0],
                   lesson="Lecture §7: -p_k log q_k is infinite when p_k > 0 = q_k")


@checks("cross_entropy")
def test_cross_entropy_ignores_outcomes_that_p_rules_out():
    assert_returns(0.0, cross_entropy, [1.0, 0.0], [1.0, 0.0], lesson="Lecture §7: 0 log 0 = 0")


@checks("cross_entropy")
def test_cross_entropy_rejects_vectors_of_different_lengths():
    assert_rejects(cross_entropy, [0.5, 0.5], [0.2, 0.3, 0.5],
                   lesson="Lecture §7: p and q are distributions over the same outcomes")


# kl_divergence ----------------------------------------------------------------

@checks("kl_divergence")
def test_the_kl_of_a_distribution_to_itself_is_zero():
    assert_returns(0.0, kl_divergence, [0.2, 0.3, 0.5], [0.2, 0.3, 0.5], lesson="Lecture §7: KL(p||q) = 0 iff p = q")


@checks("kl_divergence")
def test_kl_is_cross_entropy_minus_entropy():
    assert_returns(KL_P_Q, kl_divergence, P, Q, lesson="Lecture §7: KL(p||q) = sum_k p_k log(p_k / q_k)")


@checks("kl_divergence")
def test_kl_is_not_symmetric():
    p, q = [0.5, 0.5], [0.9, 0.1]
    lesson = "Lecture §7: KL is not a metric: KL(p||q) and KL(q||p) differ"
    assert_returns(0.5 * math.log(0.5 / 0.9) + 0.5 * math.log(0.5 / 0.1), kl_divergence, p, q, lesson=lesson)
    assert_returns(0.9 * math.log(0.9 / 0.5) + 0.1 * math.log(0.1 / 0.5), kl_divergence, q, p, lesson=lesson)


@checks("kl_divergence")
def test_kl_is_infinite_one_way_and_one_bit_the_other_for_a_two_headed_coin():
    lesson = "Lecture §7: terms with p_k = 0 count 0; p_k > 0 = q_k makes KL infinite"
    assert_returns(1.0, kl_divergence, [1.0, 0.0], [0.5, 0.5], base=2, lesson=lesson)
    assert_returns(math.inf, kl_divergence, [0.5, 0.5], [1.0, 0.0], lesson=lesson)


@checks("kl_divergence")
def test_kl_rejects_a_negative_probability():
    assert_rejects(kl_divergence, [0.5, 0.5], [1.5, -0.5], lesson="Lecture §2: a probability mass function is non-negative")
