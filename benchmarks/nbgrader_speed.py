"""Filling nbgrader's gradebook for a class: `python -m autograder gradebook` against `nbgrader autograde`.

    python benchmarks/nbgrader_speed.py [--students 50] [--repeats 1]

One assignment (hw1_information_theory), a class of ``--students``
submissions in ``submitted/`` (the released notebook and a module: the
reference, the stubs and catalogued wrong modules in turn), in a course
built by ``python -m release course``. Each path starts from a fresh copy
of that course and fills its ``gradebook.db``:

- ``gradebook``: ``python -m autograder gradebook COURSE hw1``, the modules graded in the
  sandbox in parallel (one grader per core), no notebook executed;
- ``autograde``: ``nbgrader autograde hw1``, each notebook run in a kernel, one after the other.

Prints the median wall time of each over ``--repeats`` runs, per class and per
student, and their ratio. The examples are drawn (or read from the cache) first.
"""
import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from autograder import examples, properties  # noqa: E402
from autograder.points import MODULES  # noqa: E402
from mutants.hw1_information_theory import WRONG  # noqa: E402
from release import nbgrader_course  # noqa: E402
from release.submissions import replace_function  # noqa: E402

A = "hw1_information_theory"
MODULE = f"{MODULES[A]}.py"


def class_modules(size):
    """``size`` module sources: the reference, the stubs, then each catalogued mistake, in turn."""
    reference = (ROOT / "solutions" / A / MODULE).read_text()
    kinds = [reference, (ROOT / "assignments" / A / MODULE).read_text()]
    kinds += [replace_function(reference, w.function.split(".")[1], w.source) for w in WRONG]
    return [kinds[i % len(kinds)] for i in range(size)]


def make_class(course, destination, size):
    shutil.copytree(course, destination)
    notebook = (course / "release" / A / f"{A}.ipynb").read_bytes()
    for number, source in enumerate(class_modules(size)):
        folder = destination / "submitted" / f"student{number:03d}" / A
        folder.mkdir(parents=True)
        (folder / f"{A}.ipynb").write_bytes(notebook)
        (folder / MODULE).write_text(source)
    return destination


def timed(command, cwd, env=None):
    started = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
    return time.perf_counter() - started


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--students", type=int, default=50, help="class size (default %(default)s)")
    parser.add_argument("--repeats", type=int, default=1, help="runs of each path (default %(default)s)")
    options = parser.parse_args()
    examples.load_all(properties.PROPERTIES)
    with tempfile.TemporaryDirectory(prefix="nbgrader-speed-") as scratch:
        scratch = Path(scratch)
        course = scratch / "built"
        nbgrader_course.build(ROOT, course)
        times = {"gradebook": [], "autograde": []}
        for run in range(options.repeats):
            folder = make_class(course, scratch / f"gradebook{run}", options.students)
            times["gradebook"].append(timed(
                [sys.executable, "-m", "autograder", "gradebook", str(folder), A, "--no-progress"], ROOT))
            folder = make_class(course, scratch / f"autograde{run}", options.students)
            command, env = nbgrader_course.nbgrader_command("autograde", A)
            times["autograde"].append(timed(command, folder, env))
    medians = {path: statistics.median(values) for path, values in times.items()}
    print(f"filling gradebook.db for {options.students} submissions of {A} (median of {options.repeats} run(s)):")
    for path, label in (("gradebook", "python -m autograder gradebook (sandbox, parallel)"),
                        ("autograde", "nbgrader autograde (a kernel per notebook)")):
        print(f"  {label:52s} {medians[path]:7.1f} s  ({medians[path] / options.students:.2f} s a student)")
    print(f"  ratio autograde / gradebook: {medians['autograde'] / medians['gradebook']:.1f}x")


if __name__ == "__main__":
    main()
