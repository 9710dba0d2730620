"""Public checks for assignment 1: surprise, entropy, cross-entropy, KL (Lecture §7)."""
import math

import numpy as np

from course import assert_rejects, assert_returns, checks, exercise

A = "hw1_information_theory"
surprise = exercise(A, "surprise")


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
