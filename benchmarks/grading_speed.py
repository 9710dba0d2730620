"""How fast does the grader grade? Prints medians; run it on a quiet machine (`make bench`).

    python benchmarks/grading_speed.py [--repeats 5] [--class-size 200]

1. start-up: ``python -c "import numpy, scipy"``, the unit everything is compared with;
2. one full submission (all four assignments) graded with ``grading.grade``,
   wall time and CPU time, the sandboxed worker's included (the worker ends by
   itself and is waited for, so its CPU time is counted in ours):
   - in a warm grader: the mean over ``--run`` submissions graded one after
     the other, as ``grade-all`` does, the sandbox started once;
   - alone: the sandbox started for this one submission and stopped after it;
3. a class: ``--class-size`` copies of the sample class graded by ``grade-all``
   on every core, wall time.
The examples are drawn (or read from the cache) before timing starts.
"""
import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from autograder import batch, examples, grading, properties, sandbox  # noqa: E402
from autograder.sandbox import Limits, isolation_mode  # noqa: E402

def own_cpu_seconds():
    """CPU seconds of this process and of its waited-for descendants (the sandboxes included)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def measure(action):
    cpu, wall = own_cpu_seconds(), time.perf_counter()
    action()
    return time.perf_counter() - wall, own_cpu_seconds() - cpu


def medians(samples):
    walls, cpus = zip(*samples)
    return statistics.median(walls), statistics.median(cpus)


def startup(repeats):
    command = [sys.executable, "-c", "import numpy, scipy"]
    return medians([measure(lambda: subprocess.run(command, check=True)) for _ in range(repeats)])


def graded(folder, cases, expected_score):
    score = grading.grade(folder, Limits(), cases)["score"]
    assert score == expected_score, f"{folder.name} scored {score}, not {expected_score}: the grader is broken"


def alone(repeats, cases, folder, expected_score):
    def grade():
        graded(folder, cases, expected_score)
        sandbox.stop_warm()
    return medians([measure(grade) for _ in range(repeats)])


def in_a_run(repeats, run, cases, folder, expected_score):
    def grade_run():
        for _ in range(run):
            graded(folder, cases, expected_score)
        sandbox.stop_warm()
    return medians([tuple(x / run for x in measure(grade_run)) for _ in range(repeats)])


def a_class(size, workdir):
    sample = sorted((ROOT / "examples" / "class").iterdir())
    submissions = workdir / "class"
    for index in range(size):
        shutil.copytree(sample[index % len(sample)], submissions / f"student{index:03d}")
    return measure(lambda: batch.grade_all(submissions, workdir / "out", Limits(), progress=False))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--run", type=int, default=10, help="submissions graded in a row by one warm grader")
    parser.add_argument("--class-size", type=int, default=200)
    options = parser.parse_args()
    cases = examples.load_all(properties.PROPERTIES)
    print(f"isolation: {isolation_mode()}, {os.cpu_count()} cores, {len(properties.PROPERTIES)} properties, "
          f"{sum(len(c) for c in cases.values())} examples")
    base_wall, base_cpu = startup(options.repeats)
    print(f"start-up  python -c 'import numpy, scipy': median {base_wall:.2f} s wall, {base_cpu:.2f} s CPU")
    with tempfile.TemporaryDirectory() as workdir:
        workdir = Path(workdir)
        for name, score in (("ada", 100), ("grace", 96.4)):
            folder = ROOT / "examples" / "class" / name
            wall, cpu = in_a_run(options.repeats, options.run, cases, folder, score)
            print(f"one submission ({name}), warm grader: median {wall:.2f} s wall, {cpu:.2f} s CPU "
                  f"= {cpu / base_cpu:.1f}x the start-up CPU")
            wall, cpu = alone(options.repeats, cases, folder, score)
            print(f"one submission ({name}), alone:       median {wall:.2f} s wall, {cpu:.2f} s CPU "
                  f"= {cpu / base_cpu:.1f}x the start-up CPU")
        if options.class_size:
            wall, cpu = a_class(options.class_size, workdir)
            print(f"class of {options.class_size}: {wall:.1f} s wall ({wall / 60:.2f} min), {cpu:.1f} s CPU, "
                  f"{wall / options.class_size:.2f} s wall per student")


if __name__ == "__main__":
    main()
