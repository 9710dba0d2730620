"""What does grading through Dask cost? A class graded by the local pool and by `--scheduler local`, same machine.

    python benchmarks/dask_speed.py [--class-size 200] [--repeats 1] [--jobs CORES]

Prints, as medians over ``--repeats``: the wall time of ``grade-all`` with the
local pool of ``--jobs`` grader processes; the start of a LocalCluster of
``--jobs`` worker processes (one thread each); the wall time of the same class
graded on that running cluster; their ratio (Dask's overhead); the cost of one
submission in worker-seconds (wall time x workers / class size) and what it
makes, on paper, for 50 000 submissions on a few cluster sizes. The class is
``--class-size`` copies of the sample class; both runs must give the same
scores. The examples are drawn (or read from the cache) before timing starts.
"""
import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from distributed import LocalCluster  # noqa: E402

from autograder import batch, dask_cluster, examples, properties  # noqa: E402
from autograder.sandbox import Limits, isolation_mode  # noqa: E402

ESTIMATE_SUBMISSIONS = 50_000
ESTIMATE_WORKERS = (8, 64, 256)


def a_class(size, folder):
    sample = sorted((ROOT / "examples" / "class").iterdir())
    for index in range(size):
        shutil.copytree(sample[index % len(sample)], folder / f"student{index:03d}")
    return folder


def timed(action):
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def scores(out):
    return {name: batch.load_results(out, name)["score"] for name in batch.students(out)}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--class-size", type=int, default=200)
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="grader processes / Dask workers")
    options = parser.parse_args()
    cases = examples.load_all(properties.PROPERTIES)
    examples.prepare(properties.PROPERTIES, cases)
    print(f"isolation: {isolation_mode()}, {os.cpu_count()} cores, class of {options.class_size}, "
          f"{options.jobs} grader processes / Dask workers")
    local_walls, dask_walls, starts = [], [], []
    with tempfile.TemporaryDirectory() as workdir:
        submissions = a_class(options.class_size, Path(workdir) / "class")
        for repeat in range(options.repeats):
            local_out, dask_out = Path(workdir) / f"local{repeat}", Path(workdir) / f"dask{repeat}"
            wall, _ = timed(lambda: batch.grade_all(submissions, local_out, Limits(), options.jobs, progress=False))
            local_walls.append(wall)
            start, cluster = timed(lambda: LocalCluster(n_workers=options.jobs, threads_per_worker=1, processes=True,
                                                        dashboard_address=":0"))
            starts.append(start)
            with cluster:
                grader = dask_cluster.grader(cluster.scheduler_address)
                wall, outcome = timed(lambda: batch.grade_all(submissions, dask_out, Limits(), progress=False,
                                                              grader=grader))
            dask_walls.append(wall)
            assert not any(outcome.values()), outcome
            assert scores(dask_out) == scores(local_out), "Dask and the local pool disagree: the grader is broken"
    local, dask, start = (statistics.median(x) for x in (local_walls, dask_walls, starts))
    size = options.class_size
    print(f"local pool:        median {local:.1f} s wall, {local / size:.2f} s a student")
    print(f"Dask LocalCluster: median {start:.1f} s to start, then {dask:.1f} s wall, {dask / size:.2f} s a student")
    print(f"ratio Dask / local: {dask / local:.2f} (with the cluster's start: {(dask + start) / local:.2f})")
    cost = dask * options.jobs / size
    print(f"one submission costs {cost:.2f} worker-seconds through Dask; on paper, {ESTIMATE_SUBMISSIONS} submissions:")
    for workers in ESTIMATE_WORKERS:
        seconds = ESTIMATE_SUBMISSIONS * cost / workers
        print(f"  on {workers:>3} workers: {seconds / 60:.0f} min ({seconds / 3600:.1f} h)")


if __name__ == "__main__":
    main()
