"""Grade a whole class: every sub-folder of SUBMISSIONS_DIR is one student's submission.

Students are graded in parallel, by a *grader*: the local one (one grader
process per core, each with its own sandboxed worker) or another, such as
:mod:`autograder.dask_cluster`'s, given to :func:`grade_all`. Whichever grades,
each result comes back here and is written atomically to
``OUT_DIR/<student>/results.json`` as soon as it is ready, so an interrupted
run loses nothing finished. ``OUT_DIR/grades.csv`` is rewritten from all
results at the end.

Each ``results.json`` carries a ``fingerprint`` of what produced it: the
submission's files, the grader's and the reference's source, the library
versions and the limits. A re-run keeps a result whose fingerprint is still
right and grades the rest: new students, resubmitted folders, every student
after the grader changed (``force=True`` regrades everyone).
"""
import csv
import functools
import hashlib
import json
import multiprocessing
import os
import platform
import sys
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import astuple
from pathlib import Path

from autograder import examples, grading, properties
from autograder.points import POINTS
from autograder.reference import SOLUTIONS
from autograder.discovery import submission_files
from autograder.sandbox import isolation_mode

_CASES = None  # drawn and prepared once in the parent, inherited by the forked graders
NEW, REGRADE, KEEP = "new", "regrade", "keep"


def write_json(path, data):
    """Write ``data`` to ``path`` atomically: a reader sees the old file or the new one, never half."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_text(json.dumps(data, indent=2, allow_nan=False))
    os.replace(temporary, path)


def students(submissions_dir):
    return sorted(p.name for p in Path(submissions_dir).iterdir() if p.is_dir() and not p.name.startswith("."))


def read_submission(submissions_dir, student):
    """The files a student's submission is graded on ({path under assignments/: bytes})."""
    return submission_files(Path(submissions_dir) / student)


# -- what produced a result -----------------------------------------------------------------------
@functools.lru_cache(maxsize=None)
def grader_version():
    """What a grade depends on besides the submission: the source of ``autograder/`` and ``solutions/``
    (one digest) and the versions of Python, numpy, scipy and hypothesis."""
    import hypothesis
    import numpy
    import scipy

    sha = hashlib.sha256()
    for folder in (Path(grading.__file__).parent, SOLUTIONS):
        for path in sorted(folder.rglob("*.py")):
            sha.update(f"{path.relative_to(folder.parent).as_posix()}\0{path.stat().st_size}\0".encode())
            sha.update(path.read_bytes())
    return {"source": sha.hexdigest()[:16], "python": platform.python_version(), "numpy": numpy.__version__,
            "scipy": scipy.__version__, "hypothesis": hypothesis.__version__}


def describe_version(version):
    """One line: ``grader 0123abcd... (Python 3.11.9, numpy 2.4.6, scipy 1.17.1, hypothesis 6.135.0)``."""
    libraries = ", ".join(f"{name} {version.get(name)}" for name in ("numpy", "scipy", "hypothesis"))
    return f"grader {version.get('source')} (Python {version.get('python')}, {libraries})"


def fingerprint(files, limits):
    """A digest of everything a result depends on: the grader (:func:`grader_version`), the limits
    and the submission's files (names and contents)."""
    sha = hashlib.sha256(json.dumps([grader_version(), astuple(limits)], sort_keys=True).encode())
    for name in sorted(files):
        sha.update(f"\0{name}\0{len(files[name])}\0".encode())
        sha.update(files[name])
    return "sha256:" + sha.hexdigest()


def state(out_dir, student, expected, force=False):
    """NEW (no readable result), REGRADE (a result from other files or another grader, or ``force``) or KEEP."""
    results = load_results(out_dir, student)
    if not (isinstance(results, dict) and "score" in results and "tests" in results):
        return NEW
    return REGRADE if force or results.get("fingerprint") != expected else KEEP


def is_graded(out_dir, student):
    """Has the student a complete result (of whatever fingerprint)?"""
    return state(out_dir, student, None) != NEW


class Outcome(dict):
    """{student: None when graded in this run, else why not}, for the students this run graded;
    ``states`` says for every student whether it was NEW, to REGRADE or to KEEP."""

    def __init__(self, states):
        super().__init__()
        self.states = states

    def counts(self):
        """(graded new, regraded, kept, not graded)."""
        done = [s for s, why in self.items() if why is None]
        return (sum(self.states[s] == NEW for s in done), sum(self.states[s] == REGRADE for s in done),
                sum(state == KEEP for state in self.states.values()), len(self) - len(done))

    def summary(self, grades_csv):
        """The run's last line."""
        new, regraded, kept, failed = self.counts()
        line = f"graded {new} new, regraded {regraded}, kept {kept} unchanged"
        return line + (f"; {failed} not graded" if failed else "") + f"; grade book: {grades_csv}"


# -- the local grader -----------------------------------------------------------------------------
def _grade_one(submissions_dir, out_dir, student, limits):
    """In a forked grader process: grade one student; return the results with their fingerprint."""
    files = read_submission(submissions_dir, student)
    results = grading.grade_files(files, limits, _CASES, where=student)
    return {**results, "fingerprint": fingerprint(files, limits)}


def local_grader(jobs=None):
    """The grader of one machine: ``jobs`` forked grader processes (default: one per core)."""

    def grade(submissions_dir, out_dir, todo, limits, record):
        global _CASES
        _CASES = examples.load_all(properties.PROPERTIES)
        examples.prepare(properties.PROPERTIES, _CASES)  # once here, inherited by every forked grader
        isolation_mode()  # probed once here, inherited by every grader process
        workers = max(1, min(jobs or os.cpu_count() or 1, len(todo)))
        waiting, running = list(reversed(todo)), {}
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            while waiting or running:
                while waiting and len(running) < 2 * workers:  # a bounded queue: a big class is read as it goes
                    student = waiting.pop()
                    running[pool.submit(_grade_one, submissions_dir, out_dir, student, limits)] = student
                done, _ = wait(running, return_when=FIRST_COMPLETED)
                for future in done:
                    student = running.pop(future)
                    try:
                        record(student, future.result())
                    except Exception as error:  # noqa: BLE001 - one broken grading must not stop the class
                        record(student, None, f"{type(error).__name__}: {error}")
    return grade


# -- the class --------------------------------------------------------------------------------------
def grade_all(submissions_dir, out_dir, limits, jobs=None, progress=True, force=False, grader=None):
    """Grade every student whose result is missing or stale (everyone if ``force``); return an :class:`Outcome`.

    ``grader(submissions_dir, out_dir, todo, limits, record)`` grades the
    students ``todo`` and calls ``record(student, results)`` (with the
    fingerprint) or ``record(student, None, why)`` once for each; by default
    the :func:`local_grader` with ``jobs`` processes.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    names = students(submissions_dir)
    states = {s: state(out_dir, s, fingerprint(read_submission(submissions_dir, s), limits), force) for s in names}
    todo = [s for s in names if states[s] != KEEP]
    outcome, bar = Outcome(states), _progress_bar(len(todo), progress)

    def record(student, results, why=None):
        if student in outcome:
            return  # a result comes back at most once: the first one counts
        if results is not None:
            try:
                write_json(out_dir / student / "results.json", results)
            except OSError as error:
                why = f"could not write its results: {error.strerror or error}"
        outcome[student] = why
        bar.update(1)

    try:
        if todo:
            (grader or local_grader(jobs))(submissions_dir, out_dir, todo, limits, record)
        for student in todo:
            if student not in outcome:
                outcome[student] = "the grader stopped before grading it"
    finally:
        bar.close()
        write_grades_csv(out_dir, names)
    from autograder.report import write_reports  # imported here: report imports this module

    write_reports(out_dir, outcome)  # report.html, misconceptions.csv, <student>/feedback.md
    return outcome


def write_grades_csv(out_dir, names):
    """One row a student, one column a function (points earned), then the total."""
    path = Path(out_dir) / "grades.csv"
    temporary = path.with_name(".grades.csv.tmp")
    with open(temporary, "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["student", *POINTS, "total"])
        for name in names:
            results = load_results(out_dir, name)
            if results is None:
                writer.writerow([name, *([""] * len(POINTS)), ""])
                continue
            per_function = function_scores(results)
            writer.writerow([name, *(f"{per_function.get(q, 0):g}" for q in POINTS), f"{results['score']:g}"])
    os.replace(temporary, path)


def load_results(out_dir, name):
    try:
        return json.loads((Path(out_dir) / name / "results.json").read_text())
    except (OSError, ValueError):
        return None


def function_scores(results):
    scores = {}
    for test in results["tests"]:
        qualname = test["tags"][0]
        scores[qualname] = round(scores.get(qualname, 0) + test["score"], 2)
    return scores


class _NoBar:
    def update(self, n):
        pass

    def close(self):
        pass


def _progress_bar(total, wanted):
    if not wanted or not sys.stderr.isatty():
        return _NoBar()
    from tqdm import tqdm

    return tqdm(total=total, unit="student", desc="grading")
