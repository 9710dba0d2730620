"""grade-all on a real Dask cluster (a LocalCluster of two worker processes): the same results as a local run,
whatever happens to the workers.

The comparisons are byte for byte on each results.json, apart from
``execution_time``. A worker of another grader is a real ``dask worker``
process started from a copy of this repository with one grader file changed.
"""
import collections
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import dask
import pytest
from distributed import Client, LocalCluster

from submissions import ROOT, reference_submission

from autograder import batch, dask_cluster
from autograder.sandbox import Limits

pytestmark = pytest.mark.slow
LIMITS = Limits()


def results_without_time(out_dir):
    """{student: the text of results.json with execution_time removed}."""
    found = {}
    for path in sorted(Path(out_dir).glob("*/results.json")):
        results = json.loads(path.read_text())
        del results["execution_time"]
        found[path.parent.name] = json.dumps(results, indent=2)
    return found


def counting(grader):
    """``grader``, counting how often it reports each student (the calls go on to grade_all's ``record``)."""
    calls = collections.Counter()

    def grade(submissions_dir, out_dir, todo, limits, record):
        def counted(student, *args):
            calls[student] += 1
            record(student, *args)
        grader(submissions_dir, out_dir, todo, limits, counted)
    return grade, calls


@pytest.fixture(scope="module")
def cluster():
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as local:
        yield local


@pytest.fixture(scope="module")
def catalogue(catalogue_class):
    """The catalogue graded by a local grade-all (conftest.py): (its folder, {student: results without
    execution_time}, the local OUT_DIR)."""
    folder, local = catalogue_class
    return folder, results_without_time(local), local


def test_the_catalogue_graded_on_dask_is_byte_identical_to_a_local_run(cluster, catalogue, tmp_path):
    """Do the sample class and the mutation catalogue get, through Dask, exactly the results of a local run?"""
    folder, local, local_out = catalogue
    grader, calls = counting(dask_cluster.grader(cluster.scheduler_address))
    outcome = batch.grade_all(folder, tmp_path / "dask", LIMITS, progress=False, grader=grader)
    assert not any(outcome.values()), outcome
    assert set(calls.values()) == {1} and len(calls) == len(local) > 130
    dask_results = results_without_time(tmp_path / "dask")
    assert [s for s in local if dask_results.get(s) != local[s]] == []
    assert (tmp_path / "dask" / "grades.csv").read_bytes() == (local_out / "grades.csv").read_bytes()


def sample_class(tmp_path):
    folder = tmp_path / "class"
    for student in (ROOT / "examples" / "class").iterdir():
        shutil.copytree(student, folder / f"class-{student.name}")
    return folder


class Killer(threading.Thread):
    """Kills (SIGKILL) the process of the first Dask worker seen grading, once ``written`` results exist."""

    def __init__(self, address, out_dir, written=2):
        super().__init__(daemon=True)
        self.address, self.out_dir, self.written = address, Path(out_dir), written
        self.killed = None  # (worker address, the tasks it had, results written before)

    def run(self):
        with Client(self.address) as client:
            deadline = time.monotonic() + 300
            while time.monotonic() < deadline and self.killed is None:
                done = len(list(self.out_dir.glob("*/results.json")))
                busy = {worker: keys for worker, keys in client.processing().items() if keys}
                if done >= self.written and busy:
                    worker, keys = next(iter(busy.items()))
                    pid = client.run(os.getpid, workers=[worker])[worker]
                    os.kill(pid, signal.SIGKILL)
                    self.killed = (worker, list(keys), done)
                time.sleep(0.05)


def test_a_worker_killed_mid_run_still_ends_with_every_result_written_once(cluster, catalogue, tmp_path):
    """Is every student of a class graded, reported once and as a local run, when a worker is killed mid-run?"""
    folder = sample_class(tmp_path)
    _, local, _ = catalogue
    killer = Killer(cluster.scheduler_address, tmp_path / "out")
    killer.start()
    grader, calls = counting(dask_cluster.grader(cluster.scheduler_address))
    outcome = batch.grade_all(folder, tmp_path / "out", LIMITS, progress=False, grader=grader)
    killer.join()
    assert killer.killed is not None, "the worker was never seen grading"
    worker, keys, written_before = killer.killed
    assert keys and written_before < len(calls), "the kill should come mid-run"
    assert not any(outcome.values()), outcome
    assert sorted(calls.items()) == [(student, 1) for student in sorted(os.listdir(folder))]
    results = results_without_time(tmp_path / "out")
    assert results == {student: local[student] for student in results} and len(results) == 12
    print(f"\n[dask] killed {worker} (grading {keys}) after {written_before} results: all 12 graded, each once")


def test_a_submission_whose_worker_always_dies_is_not_graded_with_the_reason_and_a_rerun_grades_it(
        catalogue, tmp_path):
    """With no retry allowed, is the killed worker's submission reported as not graded, and graded by a re-run?"""
    folder = sample_class(tmp_path)
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}), \
            LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as strict:
        killer = Killer(strict.scheduler_address, tmp_path / "out")
        killer.start()
        first = batch.grade_all(folder, tmp_path / "out", LIMITS, progress=False,
                                grader=dask_cluster.grader(strict.scheduler_address))
        killer.join()
        given_up = {student for student, why in first.items() if why}
        assert given_up, first
        assert all("every Dask worker that graded it died (1 tries" in first[s] for s in given_up), first
        assert given_up <= {str(key).rsplit("-", 1)[0].removeprefix("grade-") for key in killer.killed[1]}
        second = batch.grade_all(folder, tmp_path / "out", LIMITS, progress=False,
                                 grader=dask_cluster.grader(strict.scheduler_address))
    assert set(second) == given_up and not any(second.values())
    assert second.counts() == (len(given_up), 0, 12 - len(given_up), 0)
    assert results_without_time(tmp_path / "out") == {s: catalogue[1][s] for s in os.listdir(folder)}


def other_grader_worker(tmp_path, scheduler_address):
    """A ``dask worker`` process running a copy of this repository whose grader has one line more."""
    copy = tmp_path / "other-grader"
    for name in ("autograder", "solutions"):
        shutil.copytree(ROOT / name, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
    with open(copy / "autograder" / "points.py", "a") as points:
        points.write("# a changed grader\n")
    environment = {**os.environ, "PYTHONPATH": str(copy), "AUTOGRADER_CACHE": str(tmp_path / "other-cache")}
    return subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_worker", scheduler_address,
                             "--nworkers", "1", "--nthreads", "1", "--no-dashboard"],
                            cwd=copy, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def autograder(*args):
    return subprocess.run([sys.executable, "-m", "autograder", *map(str, args)], cwd=ROOT, capture_output=True,
                          text=True, timeout=600)


def wait_for_workers(address, count):
    with Client(address) as client:
        client.wait_for_workers(count, timeout=120)
        return list(client.scheduler_info()["workers"])


def test_a_worker_of_another_grader_is_refused_with_one_line_naming_both_versions(tmp_path):
    """Is a worker with a changed grader refused by name and version, while the others grade the class?"""
    reference_submission(tmp_path / "class" / "ada")
    (tmp_path / "class" / "empty").mkdir()
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=":0") as mixed:
        other = other_grader_worker(tmp_path, mixed.scheduler_address)
        try:
            workers = wait_for_workers(mixed.scheduler_address, 2)
            result = autograder("grade-all", tmp_path / "class", "--out", tmp_path / "out", "--no-progress",
                                "--scheduler", mixed.scheduler_address)
            exited = other.wait(timeout=60)
        finally:
            other.kill()
    ours = batch.describe_version(batch.grader_version())
    refusals = [line for line in result.stderr.splitlines() if line.startswith("refused Dask worker")]
    assert result.returncode == 0, result.stderr
    assert len(refusals) == 1 and refusals[0].endswith(f"this client runs {ours}"), result.stderr
    assert refusals[0].split(" ")[3].rstrip(":") in workers
    theirs = refusals[0].split("it runs ")[1].split(", this client")[0]
    assert theirs.startswith("grader ") and theirs != ours
    assert exited is not None
    assert result.stdout.splitlines()[-1].startswith("graded 2 new, regraded 0, kept 0 unchanged")


def test_a_cluster_whose_only_worker_runs_another_grader_is_refused_with_exit_status_2(tmp_path):
    """Is a run refused up front, with one line and exit status 2, when no worker runs this grader?"""
    (tmp_path / "class" / "empty").mkdir(parents=True)
    with LocalCluster(n_workers=0, dashboard_address=":0") as empty:
        other = other_grader_worker(tmp_path, empty.scheduler_address)
        try:
            wait_for_workers(empty.scheduler_address, 1)
            result = autograder("grade-all", tmp_path / "class", "--out", tmp_path / "out", "--no-progress",
                                "--scheduler", empty.scheduler_address)
        finally:
            other.kill()
            other.wait()
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert lines[-1].startswith("python -m autograder: error: no Dask worker runs this grader: refused Dask worker")
    assert not (tmp_path / "out" / "empty" / "results.json").exists()
