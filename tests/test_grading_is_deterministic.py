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
