"""The same submission gets byte-identical results (but for execution_time), run after run, CI or not."""
import json
import os
import subprocess
import sys

from submissions import ROOT, submission

WRONG = {
    "hw1_information_theory.entropy": """
def entropy(p, base=None):
    import numpy as np
    p = np.asarray(p, dtype=float)
    return float(-np.sum(p[p > 0] * np.log(p[p > 0])))
""",
    "hw2_maximum_likelihood.gaussian_mle": """
def gaussian_mle(x):
    import numpy as np
    x = np.asarray(x, dtype=float)
    return float(x.mean()), float(x.var(ddof=1)) if len(x) > 1 else 0.0
""",
}


def grade_in_a_new_process(folder, out, ci):
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    if ci:
        env["CI"] = "true"
    result = subprocess.run([sys.executable, "-m", "autograder", "grade", folder, "--json", out], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    results = json.loads(open(out).read())
    del results["execution_time"]
    return json.dumps(results, sort_keys=True)


def test_a_submission_graded_twice_gets_identical_results(tmp_path):
    folder = submission(tmp_path / "s", WRONG)
    first = grade_in_a_new_process(folder, tmp_path / "1.json", ci=False)
    second = grade_in_a_new_process(folder, tmp_path / "2.json", ci=True)
    assert first == second
    assert '"status": "failed"' in first  # shrinking ran, and shrank to the same minimal examples


def test_examples_prepared_before_grading_give_the_same_results(tmp_path):
    from autograder import examples, grading, properties, sandbox
    from autograder.sandbox import Limits

    folder = submission(tmp_path / "s", WRONG)
    lazy = grading.grade(folder, Limits(), examples.load_all(properties.PROPERTIES))
    prepared_cases = examples.load_all(properties.PROPERTIES)
    examples.prepare(properties.PROPERTIES, prepared_cases)
    calls = [call for prop in properties.PROPERTIES for case in prepared_cases[examples.key(prop)]
             for call in prop.as_calls(case)]
    assert all(call._wire is not None and call._expected is not None for call in calls), "not everything was prepared"
    prepared = grading.grade(folder, Limits(), prepared_cases)
    sandbox.stop_warm()
    for results in (lazy, prepared):
        del results["execution_time"]
    assert json.dumps(prepared, sort_keys=True) == json.dumps(lazy, sort_keys=True)
    assert lazy["score"] < 100
