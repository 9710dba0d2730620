"""A grader process keeps one sandbox warm from one submission to the next: nothing may cross over.

Each test grades a few submissions in a row, in this process and in both
isolation modes, and checks that the second one ran in the same warm worker
yet was graded exactly as in a fresh one: no file, process, output or stale
reply of the first reaches it. The warm sandbox exists only when the grader
runs as root (student code then runs as another uid); otherwise every
submission gets a fresh sandbox and these tests are skipped.
"""
import json
import os
import re
import secrets
import textwrap

import pytest

from submissions import module_file, reference_submission, submission

from autograder import examples, grading, properties, sandbox
from autograder.sandbox import Limits

pytestmark = pytest.mark.skipif(os.geteuid() != 0, reason="a warm sandbox is kept only when the grader runs as root")

LIMITS = Limits(call_seconds=2, wall_seconds=120)
SURPRISE = "hw1_information_theory.surprise"


@pytest.fixture(scope="module")
def cases():
    return examples.load_all(properties.PROPERTIES)


def grade(folder, cases):
    """Grade ``folder``; return its results without ``execution_time`` and the pid of the worker that graded it."""
    results = grading.grade(folder, LIMITS, cases)
    del results["execution_time"]
    warm = sandbox.warm_sandbox()
    return results, warm.process.pid if warm else None


def wrapped_surprise(folder, before_the_reference):
    """A submission whose ``surprise`` first runs ``before_the_reference``, then answers as the reference."""
    path = module_file(folder, "hw1_information_theory")
    path.write_text(path.read_text() + "\n\n_reference_surprise = surprise\n\n\ndef surprise(p, base=None):\n"
                    + textwrap.indent(textwrap.dedent(before_the_reference).strip("\n"), "    ")
                    + "\n    return _reference_surprise(p, base)\n")
    return folder


def planter(folder, token):
    """Leaves everything it can behind: files in every writable place, a detached process, output.

    It plants once per submission (its first call), so that its detached processes never exhaust the
    sandbox's process limit and its own function keeps full marks."""
    return wrapped_surprise(submission(folder, {}), f'''
        import os, time
        if os.path.exists("leftover-{token}"):
            return _reference_surprise(p, base)
        for place in ("/tmp", "/var/tmp", "/dev/shm", "."):
            try:
                os.makedirs(f"{{place}}/dir-{token}", exist_ok=True)
                with open(f"{{place}}/leftover-{token}", "w") as handle:
                    handle.write("left behind")
                with open(f"{{place}}/dir-{token}/inside", "w") as handle:
                    handle.write("left behind")
            except OSError:
                pass
        detached = os.fork()
        if detached == 0:
            os.setsid()
            time.sleep(60)
            os._exit(0)
        print(f"PLANTED-{token} {{detached}}")
    ''')


def probe(folder, token, pid):
    """Fails ``surprise`` loudly if anything of the planter (files, process ``pid``) is still around."""
    return wrapped_surprise(submission(folder, {}), f'''
        import os
        found = [f"{{place}}/{{name}}" for place in ("/tmp", "/var/tmp", "/dev/shm", ".")
                 for name in (os.listdir(place) if os.path.isdir(place) else []) if "{token}" in name]
        found += [name for name in os.listdir(".")]
        if os.path.exists("/proc/{pid}"):
            found.append("process {pid}, even as a zombie")
        if found:
            raise RuntimeError(f"LEFTOVER {{found}}")
    ''')


def test_a_warm_sandbox_grades_a_submission_exactly_as_a_fresh_one(mode, cases, tmp_path):
    reference = reference_submission(tmp_path / "reference")
    wrong = submission(tmp_path / "wrong", {"hw2_maximum_likelihood.gaussian_mle": '''
def gaussian_mle(x):
    import numpy as np
    x = np.asarray(x, dtype=float)
    if x.size == 0:
        raise ValueError("empty")
    return float(x.mean()), float(x.var(ddof=1)) if x.size > 1 else 0.0
'''})
    fresh, first_worker = grade(wrong, cases)
    sandbox.stop_warm()
    _, warm_worker = grade(reference, cases)
    warm, worker = grade(wrong, cases)
    assert worker == warm_worker != first_worker, "the last grading should have reused the warm worker"
    assert json.dumps(warm, sort_keys=True) == json.dumps(fresh, sort_keys=True)
    assert fresh["score"] < 100


def test_nothing_a_submission_leaves_behind_reaches_the_next(mode, cases, tmp_path):
    token = secrets.token_hex(8)
    planted, planter_worker = grade(planter(tmp_path / "planter", token), cases)
    detached = re.search(f"PLANTED-{token} ([0-9]+)", planted["student_output"])
    assert detached, "the planter did not run"
    probed, probe_worker = grade(probe(tmp_path / "probe", token, detached.group(1)), cases)
    assert planter_worker is not None and probe_worker == planter_worker, "both should run in the same warm worker"
    assert planted["score"] == 100
    failures = [t["output"] for t in probed["tests"] if t["status"] != "passed"]
    assert failures == [] and probed["score"] == 100
    assert token not in probed["student_output"]


def test_replies_forged_by_one_submission_never_reach_the_next(mode, cases, tmp_path):
    token = secrets.token_hex(8)
    forger = wrapped_surprise(submission(tmp_path / "forger", {}), f'''
        import json, os, sys
        reply_fd = int(sys.argv[2])
        forged = [{{"id": i, "ready": True}} for i in range(1, 400)]
        forged += [{{"id": i, "index": j, "value": 0.5, "mutated": False, "warnings": []}}
                   for i in range(1, 400) for j in range(3)]
        forged += [{{"id": i, "clean": "{token}"}} for i in range(1, 400)]
        data = "".join(json.dumps(message) + "\\n" for message in forged).encode()
        pid = os.fork()
        if pid == 0:  # keeps writing while the grader goes on with the next functions
            while data:
                data = data[os.write(reply_fd, data):]
            os._exit(0)
    ''')
    forged, forger_worker = grade(forger, cases)
    graded, worker = grade(reference_submission(tmp_path / "reference"), cases)
    sandbox.stop_warm()
    fresh, _ = grade(reference_submission(tmp_path / "again"), cases)
    assert forger_worker is not None and worker == forger_worker, "both should run in the same warm worker"
    assert forged["score"] < 100
    assert graded["score"] == 100
    assert json.dumps(graded, sort_keys=True) == json.dumps(fresh, sort_keys=True)


def test_the_cpu_limit_holds_for_each_function_not_for_the_worker_that_serves_many(mode, cases, tmp_path):
    limits = Limits(cpu_seconds=1, call_seconds=20, wall_seconds=120)
    burner = wrapped_surprise(submission(tmp_path / "burner", {}), '''
        while True:  # burns CPU until the limit of this function's process stops it
            pass
    ''')
    reference = reference_submission(tmp_path / "reference")
    first = grading.grade(reference, limits, cases)
    burnt = grading.grade(burner, limits, cases)
    last = grading.grade(reference, limits, cases)
    assert first["score"] == last["score"] == 100, "the worker's own CPU time must not count against a function's limit"
    failed = [(t["tags"][0], t["output"]) for t in burnt["tests"] if t["status"] == "failed"]
    assert failed and {tag for tag, _ in failed} == {SURPRISE}
    assert all("crashed" in output for _, output in failed)
