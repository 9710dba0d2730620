"""Points per function: the one place where the weight of each exercise is declared.

A function's points are shared equally by its property tests (partial credit
by test); the total is 100. Functions that need more thought, or more code
(the Lagrangian, the numerical optimisers), weigh more.

=====================================  ======
function                               points
=====================================  ======
hw1: surprise, binary_entropy               3
hw1: entropy, cross_entropy, kl             4
hw2: gaussian_mle, gaussian_hessian         5
hw2: the other five MLE functions           4
hw3: counts_from_rolls                      3
hw3: die_log_likelihood, lagrangian         4
hw3: lagrangian_gradient, stationary_pt     4
hw3: numerical_mle                          5
hw4: empirical_distribution, sigmoid        3
hw4: average_nll, linear_regression         4
hw4: logistic_nll                           4
hw4: logistic_gradient                      5
hw4: fit_logistic_regression                5
=====================================  ======
"""

POINTS = {
    "hw1_information_theory.surprise": 3,
    "hw1_information_theory.entropy": 4,
    "hw1_information_theory.binary_entropy": 3,
    "hw1_information_theory.cross_entropy": 4,
    "hw1_information_theory.kl_divergence": 4,
    "hw2_maximum_likelihood.bernoulli_mle": 4,
    "hw2_maximum_likelihood.binomial_mle": 4,
    "hw2_maximum_likelihood.poisson_mle": 4,
    "hw2_maximum_likelihood.gaussian_log_likelihood": 4,
    "hw2_maximum_likelihood.gaussian_mle": 5,
    "hw2_maximum_likelihood.gaussian_hessian": 5,
    "hw2_maximum_likelihood.multinomial_mle": 4,
    "hw3_lagrange_die.counts_from_rolls": 3,
    "hw3_lagrange_die.die_log_likelihood": 4,
    "hw3_lagrange_die.lagrangian": 4,
    "hw3_lagrange_die.lagrangian_gradient": 4,
    "hw3_lagrange_die.stationary_point": 4,
    "hw3_lagrange_die.numerical_mle": 5,
    "hw4_mle_and_kl.empirical_distribution": 3,
    "hw4_mle_and_kl.average_negative_log_likelihood": 4,
    "hw4_mle_and_kl.linear_regression_mle": 4,
    "hw4_mle_and_kl.sigmoid": 3,
    "hw4_mle_and_kl.logistic_nll": 4,
    "hw4_mle_and_kl.logistic_gradient": 5,
    "hw4_mle_and_kl.fit_logistic_regression": 5,
}

MODULES = {
    "hw1_information_theory": "information_theory",
    "hw2_maximum_likelihood": "maximum_likelihood",
    "hw3_lagrange_die": "lagrange_die",
    "hw4_mle_and_kl": "mle_and_kl",
}
