"""The grader's handle on one submission's worker: start it, call functions, stop it.

The worker (``worker.py``) runs in the sandbox made by :mod:`autograder.sandbox`,
kept warm from one submission to the next; this module speaks its line
protocol over two pipes, enforces the per-call and per-submission time
limits, restarts the worker after a crash or a hang, and turns every reply
into an :class:`Outcome`. Nothing the student returns is trusted: replies are
plain JSON, decoded by :mod:`autograder.plain`.

A *plan* (:mod:`autograder.plan`) hands the worker the batches the grader
will ask for before it asks: the worker answers them one after another while
the grader is busy elsewhere, and :meth:`Runner.call` returns a planned
batch's answers as if it had just asked. Anything else is asked live, once
the plan is answered: the same requests, the same replies, in another order.
"""
import json
import os
import secrets
import select
import time
from collections import Counter, deque
from dataclasses import dataclass, field

from autograder import plan as plans
from autograder import sandbox as sandboxes

MAX_REPLY_BYTES = 4 << 20  # far above any honest answer (plain.MAX_ELEMENTS numbers)


@dataclass
class Outcome:
    """What one call of a student function did, as seen by the grader."""

    value: object = None          # the decoded return value, when it returned plain data
    returned: bool = False
    raised: dict | None = None    # {"type", "value_error", "not_implemented", "message"}
    problem: str | None = None    # timed out, crashed, unsupported return type, ...
    mutated: bool = False
    warnings: list = field(default_factory=list)

    @property
    def not_implemented(self):
        return bool(self.raised and self.raised.get("not_implemented"))


class WorkerGone(Exception):
    """The worker stopped answering: it crashed, hung or broke the protocol."""


class FunctionExited(WorkerGone):
    """The function's process died (the worker, which reported it, is well)."""


class Runner:
    """Runs the student's functions of one submission, one function at a time."""

    def __init__(self, submission, limits, lane=0):
        self.submission, self.limits, self.lane = submission, limits, lane
        self.deadline = time.monotonic() + limits.wall_seconds
        self.sandbox = None
        self.opened = None
        self.loading = None  # the id of the submission request not answered yet
        self.next_id = 0
        self.buffer = b""
        self.outputs = []  # what each sandbox printed before it was restarted
        self.planned = deque()  # the plan's groups (autograder.plan) not answered yet, in order
        self.planned_keys = Counter()  # their batches' keys
        self.answered = {}  # key: [outcomes of each planned batch with that key, answered, not asked for yet]

    # -- life cycle -------------------------------------------------------
    def start(self):
        """Take the warm sandbox (or start one) and hand it the submission, without waiting:
        a new worker then starts while the grader prepares its examples."""
        if self.sandbox is not None:
            return
        self.sandbox, self.buffer = sandboxes.acquire(self.limits, self.lane), b""
        self.folder = self.sandbox.load(self.submission)
        try:
            self.loading = self._send_request({"op": "submission", "folder": self.folder,
                                               "output_bytes": self.limits.output_bytes})
        except WorkerGone:
            self.loading = self.next_id  # waiting for its answer will tell
        self._send_plan()

    def plan(self, text, assignments=None):
        """Have the worker answer the plan ``text`` now: its functions the submission has a module for
        (and of ``assignments`` only, if given)."""
        self.start()
        groups = plans.parse(text) if assignments is None else plans.only(plans.parse(text), assignments)
        groups = [group for group in groups if group.path.removeprefix("submission/") in self.submission]
        self.planned = deque(groups)
        self.planned_keys = Counter(batch.key for group in groups for batch in group.batches)
        self._send_plan()

    def _send_plan(self):
        if not self.planned:
            return
        self.sandbox.write_plan(self.folder, "".join(line + "\n" for group in self.planned for line in group.lines))
        try:
            self._send({"op": "plan", "path": f"{self.folder}/plan"})
        except WorkerGone:
            pass  # waiting for its answers will tell

    def _ensure_started(self):
        """A sandbox with this submission loaded: the warm one, or a fresh one if the warm one fails."""
        for last_try in (False, True):
            self.start()
            if self.loading is None:
                return
            try:
                self._expect(self.loading, self.limits.import_seconds)
                self.loading = None
                self.sandbox.answered()
                return
            except WorkerGone:
                self.sandbox.failed_to_start()
                if last_try:
                    raise
                self.sandbox.stop()
                self.sandbox = None

    def stop(self, reuse=True):
        """End the submission, keeping the sandbox warm if it ended cleanly (and ``reuse``: no next submission
        will use it, so it is killed at once); return what it printed (truncated)."""
        self._finish_plan()
        self._close_function()
        if self.sandbox is not None:
            sandbox, clean = self.sandbox, reuse and self._end_submission()
            self.sandbox = None
            if not clean:
                sandbox.kill(grace_seconds=1.0 if reuse else 0)
            self.outputs.append(sandbox.unload(self.folder))
            sandboxes.release(sandbox, clean)
        return truncated("".join(self.outputs), self.limits.output_bytes)

    def _end_submission(self):
        """Ask the worker to kill and remove whatever this submission left; True once it has.

        Its reply carries a nonce sent when no student process was alive, so
        every reply read before it, forged or late, is discarded with it.
        """
        nonce = secrets.token_hex(16)
        try:
            self._send_request({"op": "end", "nonce": nonce})
            while not (self._receive(self.limits.call_seconds).get("clean") == nonce):
                pass
            return self.buffer == b""
        except WorkerGone:
            return False

    def _restart(self):
        """Kill the worker (its next submission starts a fresh one), keeping what the submission printed."""
        self.sandbox.kill()
        self.outputs.append(self.sandbox.unload(self.folder))
        self.sandbox.stop()
        self.sandbox = None
        self.opened = self.loading = None
        self.planned.clear()  # what it did not answer is asked live
        self.planned_keys.clear()

    def time_left(self):
        return self.deadline - time.monotonic()

    # -- protocol -----------------------------------------------------------
    def _send(self, message):
        """Send a request: a dict, or its JSON text already made."""
        text = message if isinstance(message, str) else json.dumps(message)
        try:
            self.sandbox.send((text + "\n").encode())
        except OSError as error:
            raise WorkerGone(f"the worker stopped reading ({error.strerror})") from None

    def _receive(self, timeout):
        """The next reply line as a dict, or WorkerGone after ``timeout`` seconds."""
        end = time.monotonic() + min(timeout, max(self.time_left(), 0))
        while b"\n" not in self.buffer:
            remaining = end - time.monotonic()
            if remaining <= 0:
                raise WorkerGone("timed out")
            ready, _, _ = select.select([self.sandbox.reply_fd], [], [], remaining)
            if not ready:
                continue
            chunk = os.read(self.sandbox.reply_fd, 1 << 16)
            if not chunk:
                raise WorkerGone("crashed")
            self.buffer += chunk
            if len(self.buffer) > MAX_REPLY_BYTES:
                raise WorkerGone("sent an oversized reply")
        line, self.buffer = self.buffer.split(b"\n", 1)
        try:
            message = json.loads(line)
        except (ValueError, RecursionError):
            raise WorkerGone("broke the grading protocol") from None
        if type(message) is not dict:
            raise WorkerGone("broke the grading protocol")
        return message

    def _send_request(self, message):
        """Send a request with a new id; return the id."""
        self.next_id += 1
        self._send({**message, "id": self.next_id})
        return self.next_id

    def _request(self, message, timeout):
        """Send a request with a new id and return its reply."""
        return self._expect(self._send_request(message), timeout)

    def _expect(self, request_id, timeout):
        """The next reply to ``request_id``; an exit event means the function's process died."""
        while True:
            message = self._receive(timeout)
            if message.get("event") == "exit":
                self.opened = None
                raise FunctionExited(f"crashed (its process exited with code {message.get('code')})")
            if message.get("id") == request_id:
                return message

    def _close_function(self):
        """End the open function's process; restart the worker if it will not end cleanly."""
        if self.opened is None:
            return
        self.opened = None
        try:
            self._send({"op": "close"})
            while self._receive(self.limits.call_seconds).get("event") != "exit":
                pass
        except WorkerGone:
            self._restart()

    def open(self, path, function):
        """Import ``function`` from the submission's ``path``; return None or why it cannot be used."""
        self._finish_plan()
        if self.opened == (path, function):
            return None
        self._close_function()
        try:
            self._ensure_started()
            reply = self._request({"op": "open", "path": f"{self.folder}/{path}", "function": function},
                                  self.limits.import_seconds)
        except WorkerGone as gone:
            self._restart()
            return f"importing the module {gone}"
        self.opened = (path, function)
        if "missing" in reply:
            self._close_function()
            return str(reply["missing"])[:500]
        return None

    def call(self, path, function, calls):
        """Run ``calls`` (objects with ``wire()``: their arguments as JSON) in order; one Outcome each.

        A batch of the plan gets its planned answers; any other is asked now.
        """
        key = plans.batch_key(path, function, calls)
        while self.planned_keys[key] > 0 and not self.answered.get(key):
            self._answer_planned_batch()
        if self.answered.get(key):
            return self.answered[key].pop(0)
        reason = self.open(path, function)
        if reason is not None:
            return [Outcome(problem=reason)] * len(calls)
        self.next_id += 1
        request_id = self.next_id
        self._send(f'{{"op": "calls", "id": {request_id}, "calls": [{key[2]}]}}')
        return self._collect(request_id, len(calls))[0]

    def _collect(self, request_id, count, planned=False):
        """The outcomes of the ``count`` calls of request ``request_id``, in order, and whether the function's
        process died answering them.

        After a hang or a crash the remaining calls are not run: their outcomes
        repeat the problem, and the worker is restarted for the next function;
        if ``planned``, a function's process that died leaves the worker going
        on with the plan: it is restarted only when it hung or broke down.
        """
        outcomes = []
        try:
            for _ in range(count):
                outcomes.append(_outcome(self._expect(request_id, self.limits.call_seconds)))
        except WorkerGone as gone:
            problem = str(gone)
            if problem == "timed out":
                problem = f"timed out (no answer within {self.limits.call_seconds:g} s)"
                if self.time_left() <= 0:
                    problem = f"the submission's time limit ({self.limits.wall_seconds:g} s) ran out"
            if not (planned and isinstance(gone, FunctionExited)):
                self._restart()
            outcomes += [Outcome(problem=problem)] * (count - len(outcomes))
            return outcomes, isinstance(gone, FunctionExited)
        return outcomes, False

    # -- the plan's answers, taken in the order the worker sends them ------------
    def _answer_planned_batch(self):
        """Take the answers of the plan's next batch, as :meth:`open` and :meth:`call` would have.

        A function whose process died on a call has its next batches asked
        live, after the plan, in a fresh process, as they would have been; the
        worker has gone on with the plan meanwhile.
        """
        group = self.planned[0]
        batch = group.batches[0]
        if not group.opened:  # the group's first batch: its function is imported first
            group.opened = True
            try:
                self._ensure_started()
                reply = self._expect(group.open_id, self.limits.import_seconds)
                group.missing = str(reply["missing"])[:500] if "missing" in reply else None
            except WorkerGone as gone:
                group.missing, group.exited = f"importing the module {gone}", isinstance(gone, FunctionExited)
                if not group.exited:
                    self._restart()
        if group.missing:
            outcomes = [Outcome(problem=group.missing)] * batch.size
        else:
            outcomes, group.exited = self._collect(batch.request_id, batch.size, planned=True)
        self.answered.setdefault(batch.key, []).append(outcomes)
        if not (self.planned and self.planned[0] is group):  # a restart dropped what was left of the plan
            return
        asked_live = group.batches[1:] if group.exited and not group.missing else []
        for done in group.batches[:1] + asked_live:
            self.planned_keys[done.key] -= 1
        del group.batches[:1 + len(asked_live)]
        if not group.batches:
            self.planned.popleft()
            if not group.exited:
                self._wait_for_exit()

    def _finish_plan(self):
        """Take every answer the plan still owes: the worker reads nothing else before."""
        while self.planned:
            self._answer_planned_batch()

    def _wait_for_exit(self):
        """The exit event of a planned function's process, whose last batch is answered."""
        try:
            while self._receive(self.limits.call_seconds).get("event") != "exit":
                pass
        except WorkerGone:
            self._restart()


def truncated(text, limit):
    """``text`` cut at ``limit`` characters, saying so (a little over the limit is kept whole)."""
    return text if len(text) <= limit + 100 else text[:limit] + f"\n[... output truncated at {limit} bytes]"


def _outcome(reply):
    from autograder import plain  # (and numpy) not before the first answer: a worker starts sooner

    outcome = Outcome(mutated=reply.get("mutated") is True,
                      warnings=[str(w)[:200] for w in reply.get("warnings", [])][:10]
                      if type(reply.get("warnings")) is list else [])
    if "value" in reply:
        try:
            outcome.value, outcome.returned = plain.decode(reply["value"]), True
        except plain.Unsupported as error:
            outcome.problem = str(error)
        except Exception:  # noqa: BLE001 - plain.decode should say Unsupported; never let a reply crash grading
            outcome.problem = "unsupported return type"
    elif type(reply.get("raised")) is dict:
        raised = reply["raised"]
        outcome.raised = {"type": str(raised.get("type"))[:100], "message": str(raised.get("message"))[:500],
                          "value_error": raised.get("value_error") is True,
                          "not_implemented": raised.get("not_implemented") is True}
    else:
        outcome.problem = "broke the grading protocol"
    return outcome
