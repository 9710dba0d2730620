"""Where student code runs: a bubblewrap sandbox, or a limited subprocess where bwrap cannot start.

A :class:`Sandbox` copies the worker into a private temporary folder and
starts ``worker.py`` there; each submission's modules then go to a folder of
their own inside it (:meth:`Sandbox.load`). A grader process keeps its sandbox
warm for the next submission (:func:`acquire`, :func:`release`) when the worker
can drop student code to an unprivileged uid, which cannot touch the worker:

- **bwrap** (preferred): a read-only view of the Python installation and the
  system libraries only, the private folder (where student code may write
  only in its submission's scratch folder), a fresh /tmp; no network, its own
  PID namespace (all its processes die with it), ``--die-with-parent``, an
  unprivileged uid/gid and a clean environment.
- **subprocess** (fallback): the same clean environment and resource limits,
  a new session and, when the grader runs as root, the same drop to an
  unprivileged uid. It cannot hide the rest of the file system or the
  network: the README's threat model says what that means.

Both apply the :class:`Limits` as rlimits and are killed, with every process
they started, by :meth:`Sandbox.stop`. Between two submissions in a warm
sandbox the worker kills every process of the uid and removes its files.
"""
import ctypes
import fcntl
import functools
import multiprocessing
import multiprocessing.util
import os
import resource
import shutil
import signal
import site
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from autograder.discovery import submission_files  # noqa: F401 - its home before discovery.py

WORKER = Path(__file__).with_name("worker.py")
SANDBOX_UID_BASE = 60000
REPLY_PIPE_BYTES = 1 << 20  # Linux lets anyone make a pipe this large (/proc/sys/fs/pipe-max-size)
SUBMISSIONS_PER_SANDBOX = 25  # then a fresh one: whatever a submission could leave in it lives that long at most
CLEAN_ENV = {
    "PATH": "/usr/local/bin:/usr/bin:/bin",
    "HOME": "/tmp",
    "LANG": "C.UTF-8",
    "PYTHONDONTWRITEBYTECODE": "1",
    "PYTHONHASHSEED": "0",
    "OPENBLAS_NUM_THREADS": "1",
    "OMP_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "MPLBACKEND": "Agg",
}


@dataclass(frozen=True)
class Limits:
    """Resource limits for grading one submission (all configurable from the command line)."""

    memory_bytes: int = 1 << 30      # address space of each worker process
    cpu_seconds: int = 120           # CPU time of each function's process (its worker may use 25 times that)
    wall_seconds: float = 240.0      # the whole submission
    call_seconds: float = 5.0        # one call of a student function
    import_seconds: float = 10.0     # importing one student module
    processes: int = 64              # processes of the sandbox's uid (fallback with a uid drop)
    output_bytes: int = 16 << 10     # captured stdout + stderr kept for the results
    file_bytes: int = 16 << 20       # largest file the submission may write


# -- how to start the worker ---------------------------------------------------
def _python_paths():
    """Folders the worker's Python needs: the installation, the venv, site-packages."""
    paths = {sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix, *site.getsitepackages()}
    paths.add(os.path.dirname(os.path.realpath(sys.executable)))
    return sorted(p for p in paths if os.path.isdir(p) and p not in ("/", "/usr"))


def _bwrap_command(private_dir):
    """bwrap: as root it runs privileged and the worker drops to the sandbox uid itself;
    otherwise it maps the caller to uid 65534 in a user namespace."""
    command = ["bwrap", "--unshare-pid", "--unshare-net", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try",
               "--die-with-parent", "--new-session", "--hostname", "sandbox"]
    if os.geteuid() != 0:
        command += ["--unshare-user", "--uid", "65534", "--gid", "65534"]
    command += ["--proc", "/proc", "--dev", "/dev", "--perms", "1777", "--tmpfs", "/tmp"]
    for system_path in ("/usr", "/bin", "/lib", "/lib64", "/lib32", "/sbin", "/etc/ld.so.cache",
                        "/etc/alternatives", "/etc/localtime"):
        command += ["--ro-bind-try", system_path, system_path]
    for path in _python_paths():  # after /tmp: the Python may live under /tmp (a CI checkout's .venv)
        for parent in reversed(Path(path).parents[:-1]):
            if str(parent) != "/tmp":  # already there, writable by all
                command += ["--perms", "0755", "--dir", str(parent)]
        command += ["--ro-bind", path, path]
    command += ["--bind", str(private_dir), "/sandbox", "--chdir", "/sandbox", "--clearenv"]
    for name, value in CLEAN_ENV.items():
        command += ["--setenv", name, value]
    return command


def _worker_command(folder, request_fd, reply_fd, limits, uid=None, own_pid_namespace=False):
    command = [sys.executable, "-I", f"{folder}/worker.py", str(request_fd), str(reply_fd),
               "--cpu-seconds", str(limits.cpu_seconds)]
    return command + (["--uid", str(uid)] if uid is not None else []) + (["--pid-namespace"] if own_pid_namespace else [])


_bwrap_proven = False  # True once a worker started in bwrap has answered: bwrap works here


def _bwrap_wanted():
    return not os.environ.get("AUTOGRADER_NO_BWRAP") and shutil.which("bwrap") is not None


@functools.lru_cache(maxsize=None)
def isolation_mode():
    """"bwrap" when bubblewrap starts Python here, else "subprocess" (probed once per run,
    unless a worker started in bwrap has answered already: that proves it)."""
    if not _bwrap_wanted():
        return "subprocess"
    if _bwrap_proven:
        return "bwrap"
    with tempfile.TemporaryDirectory() as empty:
        os.chmod(empty, 0o755)
        command = _bwrap_command(empty) + [sys.executable, "-I", "-c", "import numpy"]
        try:
            probe = subprocess.run(command, capture_output=True, timeout=60)
        except (OSError, subprocess.TimeoutExpired):
            return "subprocess"
    return "bwrap" if probe.returncode == 0 else "subprocess"


def _start_mode():
    """(mode, tentative) of a new worker: the probe's answer once there is one; before that, bwrap when it is
    installed, tentatively, so the worker starts at once: its first answer proves bwrap works
    (:meth:`Sandbox.answered`), and its failure makes the probe run (:meth:`Sandbox.failed_to_start`)."""
    if isolation_mode.cache_info().currsize or not _bwrap_wanted():
        return isolation_mode(), False
    return "bwrap", True


_uid_locks = {}  # lane: (uid, lock file, pid)


def _sandbox_uid(lane=0):
    """An unprivileged uid of our own for sandboxes of ``lane``, held (by a lock file) for as long as this
    process lives, so graders running at the same time, and the lanes of one, never share one, nor kill
    each other's sandboxes."""
    held = _uid_locks.get(lane)
    if held is None or held[2] != os.getpid():  # a forked grader needs its own
        folder = Path(tempfile.gettempdir()) / "autograder-uids"
        folder.mkdir(mode=0o700, exist_ok=True)
        for uid in range(SANDBOX_UID_BASE, SANDBOX_UID_BASE + 5000):
            handle = open(folder / str(uid), "a")
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)  # (our other lanes' locks count too)
            except OSError:
                handle.close()
                continue
            _uid_locks[lane] = held = (uid, handle, os.getpid())
            _remove_stale_submissions(uid)
            break
        else:
            raise RuntimeError("no free sandbox uid")
    return held[0]


def _remove_stale_submissions(uid):
    """Remove the submission folders a killed grader left with this uid's group (none is live: we hold the
    uid's lock), so that no submission graded later under the same uid can read them."""
    for private_dir in Path(tempfile.gettempdir()).glob("autograder-*"):
        try:
            folders = [f for f in private_dir.iterdir() if f.name.startswith("s") and f.lstat().st_gid == uid]
        except OSError:
            continue
        for folder in folders:
            if folder.is_dir() and not folder.is_symlink():
                shutil.rmtree(folder, ignore_errors=True)


def _drop_to(uid):
    os.setgroups([])
    os.setgid(uid)
    os.setuid(uid)


def _user_processes():
    """How many processes our uid runs now: RLIMIT_NPROC counts them too when we are not root."""
    uid = os.getuid()
    return sum(1 for status in Path("/proc").glob("[0-9]*") if _owner(status) == uid)


def _owner(path):
    try:
        return path.stat().st_uid
    except OSError:
        return None


def _set_subreaper():
    """Orphans of the sandbox become our children, so :meth:`Sandbox.stop` can find them."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
    except (OSError, AttributeError):
        pass


class Sandbox:
    """One running worker, for one submission after another."""

    def __init__(self, limits, lane=0):
        self.limits, self.lane = limits, lane
        self.mode, self.tentative = _start_mode()
        self.uid = _sandbox_uid(lane)
        self.drop = os.geteuid() == 0  # then each of the worker's children runs as self.uid
        self.reusable = self.drop
        self.submissions = 0
        self.private_dir = Path(tempfile.mkdtemp(prefix="autograder-"))
        os.chmod(self.private_dir, 0o711)  # student code may enter it, not list it
        shutil.copy(WORKER, self.private_dir / "worker.py")
        request_r, self.request_w = os.pipe()
        self.reply_fd, reply_w = os.pipe()
        try:  # room for a plan's honest answers (about 0.5 MB) while the grader is busy elsewhere
            fcntl.fcntl(reply_w, fcntl.F_SETPIPE_SZ, REPLY_PIPE_BYTES)
        except OSError:
            pass
        _set_subreaper()
        self._already_running = 0 if self.drop else _user_processes()
        uid = self.uid if self.drop else None
        if self.mode == "bwrap":
            command = _bwrap_command(self.private_dir) + _worker_command("/sandbox", request_r, reply_w, self.limits,
                                                                         uid, True)
            cwd = "/"
        else:
            command = _worker_command(self.private_dir, request_r, reply_w, self.limits, uid)
            cwd = self.private_dir
        self.process = subprocess.Popen(  # (student code prints into each submission's own output file)
            command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=cwd,
            env=CLEAN_ENV, pass_fds=(request_r, reply_w), preexec_fn=self._limit_child)
        for fd in (request_r, reply_w):
            os.close(fd)

    def answered(self):
        """The worker has answered its first request: if it was started in bwrap before the probe, bwrap works."""
        global _bwrap_proven
        if self.tentative:
            _bwrap_proven = True
            self.tentative = False

    def failed_to_start(self):
        """The worker died before its first answer: if it was started in bwrap before the probe, probe now."""
        if self.tentative:
            isolation_mode()

    def load(self, files):
        """Write a submission's files ({relative path: bytes}) to a new folder; return its name.

        The worker reads them as root and they stay the grader's: student code
        may read them but change nothing outside the folder's ``scratch``. The
        folder belongs to the sandbox uid's group: no other uid (another
        grader's sandbox, say) may enter it.
        """
        self.submissions += 1
        folder = f"s{self.submissions}"
        root = self.private_dir / folder
        root.mkdir(mode=0o750)
        if self.drop:
            os.chown(root, -1, self.uid)
        for relative, data in files.items():
            target = root / "submission" / relative
            target.parent.mkdir(mode=0o755, parents=True, exist_ok=True)
            target.write_bytes(data)
            target.chmod(0o644)
        os.close(os.open(root / "output", os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        return folder

    def write_plan(self, folder, text):
        """Put the plan (:mod:`autograder.plan`) in ``folder``, readable by the worker alone."""
        path = self.private_dir / folder / "plan"
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)

    def unload(self, folder):
        """What the submission in ``folder`` printed (truncated to ``limits.output_bytes``); removes the folder."""
        root = self.private_dir / folder
        try:
            fd = os.open(root / "output", os.O_RDONLY | os.O_NOFOLLOW)
            with os.fdopen(fd, "rb") as handle:
                data = handle.read(self.limits.output_bytes + 1)
        except OSError:
            data = b""
        shutil.rmtree(root, ignore_errors=True)
        return _truncated(data, self.limits.output_bytes)

    def _limit_child(self):
        """Runs in the child before exec: a new session and the rlimits (the worker drops the uid, and
        limits each function's process to ``cpu_seconds``: it serves up to SUBMISSIONS_PER_SANDBOX submissions)."""
        os.setsid()
        limits = self.limits
        worker_cpu_seconds = limits.cpu_seconds * SUBMISSIONS_PER_SANDBOX
        for name, value in ((resource.RLIMIT_AS, limits.memory_bytes), (resource.RLIMIT_CPU, worker_cpu_seconds),
                            (resource.RLIMIT_FSIZE, limits.file_bytes), (resource.RLIMIT_CORE, 0),
                            (resource.RLIMIT_NOFILE, 256)):
            resource.setrlimit(name, (value, value))
        processes = limits.processes if self.drop else limits.processes + self._already_running
        resource.setrlimit(resource.RLIMIT_NPROC, (processes, processes))

    def send(self, data):
        os.write(self.request_w, data)

    def kill(self, grace_seconds=1.0):
        """End the worker (closing its requests lets it exit by itself, so its CPU time is
        accounted) and kill every process it started; the folders stay for :meth:`unload`."""
        if self.process.returncode is None:
            _close(self.request_w)
            try:
                self.process.wait(timeout=grace_seconds)
            except subprocess.TimeoutExpired:
                pass
            _kill_group(self.process.pid)
            if self.drop:
                _kill_uid(self.uid)
            _kill_orphans()
            self.process.wait()
            _close(self.reply_fd)
        self.reusable = False

    def stop(self):
        """:meth:`kill`, then remove the private folder."""
        self.kill()
        shutil.rmtree(self.private_dir, ignore_errors=True)


def _truncated(data, limit):
    text = data[:limit].decode("utf-8", "replace")
    return text + (f"\n[... output truncated at {limit} bytes]" if len(data) > limit else "")


# -- one warm sandbox per grader process ----------------------------------------------------------------
_warm = None  # (pid, sandbox): a forked grader must not use its parent's
_stopped_at_exit = set()  # the pids that stop their warm sandbox when they exit


def acquire(limits, lane=0):
    """A running sandbox for the next submission: this process's warm one if it has the same limits and lane
    (a lane is a sandbox of its own with a uid of its own: one submission's functions may be split between two)."""
    global _warm
    if _warm is not None and _warm[0] == os.getpid() and _warm[1].lane == lane:
        pid, sandbox = _warm
        _warm = None
        if sandbox.limits == limits and sandbox.reusable:
            return sandbox
        sandbox.stop()
    return Sandbox(limits, lane)


def release(sandbox, clean):
    """After a submission: keep the sandbox warm when it ``clean``-ly finished it and may serve more, else stop it."""
    global _warm
    if clean and sandbox.reusable and sandbox.submissions < SUBMISSIONS_PER_SANDBOX:
        if _warm is not None and _warm[0] == os.getpid():
            _warm[1].stop()
        _warm = (os.getpid(), sandbox)
        if os.getpid() not in _stopped_at_exit:  # (a forked process starts with no exit hooks of multiprocessing)
            _stopped_at_exit.add(os.getpid())
            multiprocessing.util.Finalize(None, stop_warm, exitpriority=10)
    else:
        sandbox.stop()


def warm_sandbox():
    """This process's warm sandbox, or None."""
    return _warm[1] if _warm is not None and _warm[0] == os.getpid() else None


def stop_warm():
    """Stop this process's warm sandbox, if any (at exit, and before measuring CPU time)."""
    global _warm
    if _warm is not None and _warm[0] == os.getpid():
        _warm[1].stop()
    _warm = None



def _close(fd):
    try:
        os.close(fd)
    except OSError:
        pass


def _kill_group(pgid):
    try:
        os.killpg(pgid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def _kill_uid(uid):
    """kill(-1) as the sandbox uid: every process of that uid, in any session, dies."""
    pid = os.fork()
    if pid == 0:
        try:
            _drop_to(uid)
            os.kill(-1, signal.SIGKILL)
        finally:
            os._exit(0)
    os.waitpid(pid, 0)


def _kill_orphans():
    """Kill and reap the processes the sandbox left behind, which were re-parented to us."""
    me = str(os.getpid())
    ours = {child.pid for child in multiprocessing.active_children()}
    for status in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent = status.read_text().rsplit(")", 1)[1].split()[1]
        except (OSError, IndexError):
            continue
        pid = int(status.parent.name)
        if parent == me and pid not in ours:
            try:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
