"""Grade a class on a Dask distributed cluster: ``grade-all SUBMISSIONS_DIR --out OUT_DIR --scheduler ADDRESS``.

:func:`grader` is a grader for :func:`autograder.batch.grade_all`: the client
(this process) reads each submission's files, sends them with its task, and
gets its results back, which ``grade_all`` writes as it does for a local run.
Only files and results travel; every worker holds the instructor repository
(and its environment) itself. On a worker:

- a task grades one submission with :func:`autograder.grading.grade_files`,
  one at a time per worker process, with the examples and the reference's
  answers prepared once per process and the sandbox kept warm between tasks,
  as in a local grader process;
- :class:`GraderCheck`, a worker plugin, compares the worker's grader
  (:func:`autograder.batch.grader_version`: source digest, library versions)
  with the client's when the worker joins, and closes a worker that differs;
  each task checks again, so no grade ever comes from another grader.

A worker that dies while grading (killed, out of memory) has its task re-run
elsewhere by the scheduler, up to ``distributed.scheduler.allowed-failures``
times; then the submission is reported as not graded, with the reason, and a
re-run grades it again.
"""
import logging
import os
import sys
import threading
import uuid

import dask
from distributed import Client, LocalCluster, WorkerPlugin, as_completed, get_worker
from distributed.scheduler import KilledWorker

from autograder import batch, examples, grading, properties
from autograder.sandbox import isolation_mode

ALLOWED_FAILURES = 2  # of --scheduler local: a submission is tried on at most 3 workers
CONNECT_SECONDS = 30
logger = logging.getLogger(__name__)


class ClusterError(Exception):
    """The cluster cannot grade: it cannot be reached, or none of its workers runs this grader."""


class GraderMismatch(Exception):
    """A worker runs another grader than the client."""


def refusal(address, theirs, ours):
    """The one line that refuses a worker."""
    return (f"refused Dask worker {address}: it runs {batch.describe_version(theirs)}, "
            f"this client runs {batch.describe_version(ours)}")


# -- on a worker ----------------------------------------------------------------------------------
_lock = threading.Lock()  # one submission at a time per process: the warm sandbox and its uid are the process's
_cases = None


def _prepared_cases():
    """The examples and the reference's answers to them, prepared once per worker process."""
    global _cases
    if _cases is None:
        cases = examples.load_all(properties.PROPERTIES)
        examples.prepare(properties.PROPERTIES, cases)
        isolation_mode()
        _cases = cases
    return _cases


def grade_task(files, limits, expected, student):
    """The task: grade one submission's files on this worker; its results (without the fingerprint)."""
    if batch.grader_version() != expected:
        raise GraderMismatch(refusal(_address(), batch.grader_version(), expected))
    with _lock:
        return grading.grade_files(files, limits, _prepared_cases(), where=student)


def _address():
    try:
        return get_worker().address
    except ValueError:
        return f"pid {os.getpid()}"


class GraderCheck(WorkerPlugin):
    """Closes a worker, when it joins (or now), if it runs another grader than ``expected``."""

    name = "autograder-grader-check"

    def __init__(self, expected):
        self.expected = expected

    def setup(self, worker):
        mine = batch.grader_version()
        if mine != self.expected:
            logger.error(refusal(worker.address, mine, self.expected))
            worker.loop.add_callback(worker.close, reason="autograder: another grader version")


# -- on the client --------------------------------------------------------------------------------
def grader(scheduler, jobs=None):
    """A grader for :func:`batch.grade_all` on the cluster of ``scheduler`` (an address, or "local":
    a LocalCluster of ``jobs`` worker processes, one thread each)."""

    def grade(submissions_dir, out_dir, todo, limits, record):
        with _connect(scheduler, jobs) as client:
            expected = batch.grader_version()
            usable = _check_workers(client, expected)
            client.register_plugin(GraderCheck(expected))
            _grade(client, usable, submissions_dir, todo, limits, expected, record)
    return grade


class _connect:
    """A client of ``scheduler``'s cluster (started here for "local"), closed on exit."""

    def __init__(self, scheduler, jobs):
        self.scheduler, self.jobs, self.cluster = scheduler, jobs, None

    def __enter__(self):
        try:
            if self.scheduler == "local":
                with dask.config.set({"distributed.scheduler.allowed-failures": ALLOWED_FAILURES}):
                    self.cluster = LocalCluster(n_workers=self.jobs or os.cpu_count() or 1, threads_per_worker=1,
                                                processes=True, dashboard_address=":0")
                self.client = Client(self.cluster)
            else:
                self.client = Client(self.scheduler, timeout=CONNECT_SECONDS)
        except (OSError, TimeoutError, ValueError) as error:
            self.__exit__()
            raise ClusterError(f"cannot reach the Dask scheduler {self.scheduler}: {error}") from None
        return self.client

    def __exit__(self, *exc):
        for closable in (getattr(self, "client", None), self.cluster):
            if closable is not None:
                closable.close()


def _check_workers(client, expected):
    """Refuse (retire) every worker running another grader, with one line each; return how many threads
    the others have. A cluster without workers is waited for, up to CONNECT_SECONDS."""
    try:
        client.wait_for_workers(1, timeout=CONNECT_SECONDS)
    except TimeoutError:
        raise ClusterError(f"the Dask cluster {client.scheduler.address} has no worker") from None
    versions = client.run(batch.grader_version)
    wrong = {address: version for address, version in versions.items() if version != expected}
    if len(wrong) == len(versions):
        address, version = next(iter(wrong.items()))
        raise ClusterError(f"no Dask worker runs this grader: {refusal(address, version, expected)}")
    for address, version in wrong.items():
        print(refusal(address, version, expected), file=sys.stderr)
    if wrong:
        client.retire_workers(list(wrong), close_workers=True)
    threads = client.nthreads()
    return sum(n for address, n in threads.items() if address not in wrong)


def _grade(client, threads, submissions_dir, todo, limits, expected, record):
    """Submit one task per student, at most two per worker thread at a time, and record each as it comes back."""
    waiting, running = list(reversed(todo)), {}
    finished = as_completed()

    def submit_next():
        student = waiting.pop()
        files = batch.read_submission(submissions_dir, student)
        future = client.submit(grade_task, files, limits, expected, student,
                               key=f"grade-{student}-{uuid.uuid4().hex[:12]}", pure=False)
        running[future] = (student, batch.fingerprint(files, limits))
        finished.add(future)

    while waiting and len(running) < 2 * max(threads, 1):
        submit_next()
    for future in finished:
        student, fingerprint = running.pop(future)
        try:
            record(student, {**future.result(), "fingerprint": fingerprint})
        except KilledWorker as error:
            last = getattr(error.last_worker, "address", error.last_worker)
            record(student, None, f"every Dask worker that graded it died ({error.allowed_failures + 1} tries, "
                                  f"the last on {last}); a re-run tries again")
        except GraderMismatch as error:
            record(student, None, str(error))
        except Exception as error:  # noqa: BLE001 - one broken grading must not stop the class
            record(student, None, f"{type(error).__name__}: {error}")
        future.release()
        if waiting:
            submit_next()
