"""Plans (autograder/plan.py): the worker answers every planned batch at once, and nothing changes but the speed.

A planned grading must give the very tests (scores, feedback, misconceptions)
that asking call by call gives, for correct, wrong, crashing, hanging and
unimportable functions alike; a planned answer is
only ever used for the exact calls it answers; and a crash in the plan makes
the same submission's results the same, run after run, printed output included.
"""
import json

import pytest

from submissions import module_file, submission

from autograder import examples, grading, plan, properties, sandbox
from autograder.engine import Call
from autograder.runner import Runner
from autograder.sandbox import Limits

pytestmark = pytest.mark.slow

LIMITS = Limits(call_seconds=0.5, wall_seconds=120)
KINDS_OF_FUNCTIONS = {
    "hw1_information_theory.entropy": """
def entropy(p, base=None):
    import numpy as np
    p = np.asarray(p, dtype=float)
    return float(-np.sum(p[p > 0] * np.log(p[p > 0])))
""",  # wrong: always nats (shrunk, named)
    "hw2_maximum_likelihood.poisson_mle": """
def poisson_mle(counts):
    import os
    print("about to crash", flush=True)
    os._exit(3)
""",  # its process dies on the first call
    "hw3_lagrange_die.counts_from_rolls": """
def counts_from_rolls(rolls, faces=6):
    while True:
        pass
""",  # hangs
    "hw4_mle_and_kl.sigmoid": """
def sigmoid(z):
    print("sigmoid", z)
    import numpy as np
    return 1 / (1 + np.exp(-np.asarray(z, dtype=float)))
""",  # prints, and overflows for large -z (a warning)
}


GRADED = {*KINDS_OF_FUNCTIONS, "hw1_information_theory.surprise", "hw2_maximum_likelihood.gaussian_mle",
          "hw4_mle_and_kl.logistic_nll"}


@pytest.fixture(scope="module")
def cases():
    cases = examples.load_all(properties.PROPERTIES)
    examples.prepare(properties.PROPERTIES, cases)
    return cases


def graded(folder, cases, planned=True, monkeypatch=None):
    """The results of ``folder``'s rewritten functions and their neighbours in the plan."""
    if not planned:
        monkeypatch.setattr(grading, "hidden_plan", lambda cases, functions=None: "")
    results = grading.grade(folder, LIMITS, cases, functions=GRADED)
    if not planned:
        monkeypatch.undo()
    del results["execution_time"]
    return results


def test_a_planned_grading_gives_the_tests_that_asking_call_by_call_gives(cases, tmp_path, monkeypatch):
    """Wrong, crashing, hanging and printing functions, and a module that does not import (in the machine's
    isolation mode: the hostile suite grades with plans in both)."""
    folder = submission(tmp_path / "s", KINDS_OF_FUNCTIONS)
    broken = module_file(folder, "hw4_mle_and_kl")
    broken.write_text(broken.read_text().replace("def sigmoid(z):", "def sigmoid(z)", 1))
    with_plan = graded(folder, cases)
    call_by_call = graded(folder, cases, planned=False, monkeypatch=monkeypatch)
    assert json.dumps(with_plan["tests"], sort_keys=True) == json.dumps(call_by_call["tests"], sort_keys=True)
    assert with_plan["score"] == call_by_call["score"] < with_plan["max_score"] - 10
    outputs = {t["tags"][0]: t["output"] for t in with_plan["tests"] if t["status"] == "failed"}
    assert "crashed (its process exited with code 3)" in outputs["hw2_maximum_likelihood.poisson_mle"]
    assert "timed out" in outputs["hw3_lagrange_die.counts_from_rolls"]
    assert "SyntaxError" in outputs["hw4_mle_and_kl.sigmoid"]
    assert not {"hw1_information_theory.surprise", "hw2_maximum_likelihood.gaussian_mle"} & set(outputs)  # unharmed


def test_a_crash_in_the_plan_gives_the_same_results_and_output_every_time(cases, tmp_path):
    """The worker goes on with the plan after a function's process dies: what ran does not depend on timing."""
    folder = submission(tmp_path / "s", {
        "hw2_maximum_likelihood.poisson_mle": KINDS_OF_FUNCTIONS["hw2_maximum_likelihood.poisson_mle"],
        "hw4_mle_and_kl.sigmoid": KINDS_OF_FUNCTIONS["hw4_mle_and_kl.sigmoid"]})
    first, second = graded(folder, cases), graded(folder, cases)
    sandbox.stop_warm()
    assert json.dumps(first, sort_keys=True) == json.dumps(second, sort_keys=True)
    assert "about to crash" in first["student_output"] and "sigmoid" in first["student_output"]


def test_a_planned_answer_is_used_only_for_the_calls_it_answers(cases, tmp_path):
    """A plan whose calls differ from the ones asked (one argument changed) is not taken for them."""
    folder = submission(tmp_path / "s", {"hw1_information_theory.surprise": """
def surprise(p, base=None):
    import numpy as np
    return -np.log(np.asarray(p, dtype=float)) if base is None else -np.log(p) / np.log(base)
"""})
    files = {str(p.relative_to(folder / "assignments")): p.read_bytes()
             for p in (folder / "assignments").rglob("*.py")}
    planned_calls = [Call((0.5,)), Call((0.25,))]
    asked_calls = [Call((0.5,)), Call((0.125,))]
    runner = Runner(files, LIMITS)
    try:
        runner.start()
        runner.plan(plan.write([("hw1_information_theory.surprise", planned_calls)]))
        path = plan.module_path("hw1_information_theory.surprise")
        asked = runner.call(path, "surprise", asked_calls)
        planned = runner.call(path, "surprise", planned_calls)
    finally:
        runner.stop()
        sandbox.stop_warm()
    assert [o.value for o in asked] == pytest.approx([0.6931471805599453, 2.0794415416798357])
    assert [o.value for o in planned] == pytest.approx([0.6931471805599453, 1.3862943611198906])


def test_a_plan_written_then_read_keeps_every_batch_in_order():
    batches = [("hw1_information_theory.entropy", [Call(([0.5, 0.5],)), Call(([1.0],), {"base": 2})]),
               ("hw1_information_theory.entropy", []),
               ("hw2_maximum_likelihood.poisson_mle", [Call(([1, 2, 3],))])]
    groups = plan.parse(plan.write(batches))
    assert [(g.path, g.function, [b.size for b in g.batches]) for g in groups] == [
        ("submission/hw1_information_theory/information_theory.py", "entropy", [2, 0]),
        ("submission/hw2_maximum_likelihood/maximum_likelihood.py", "poisson_mle", [1])]
    assert groups[0].batches[0].key == plan.batch_key(groups[0].path, "entropy", batches[0][1])
    assert [g.function for g in plan.only(groups, ("hw2_maximum_likelihood",))] == ["poisson_mle"]
