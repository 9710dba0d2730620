"""The calls a submission will be asked, known before it is graded: its *plan*.

Every hidden test replays examples drawn in advance, so nearly every call the
grader makes is known before grading starts. The plan is the text of those
requests, exactly as :class:`autograder.runner.Runner` would send them one at
a time: for each function ``open``, one ``calls`` request per batch, then
``close``. The runner writes it into the submission's folder and the worker
answers all of it at once, while the grader is still importing and loading
its examples; the grader then takes each batch's answers when it asks for
that batch. A batch nobody planned (shrinking a failure, say) is asked live,
after the plan, as before::

    {"op": "open", "id": "p1", "path": "submission/hw1_information_theory/information_theory.py", "function": "entropy"}
    {"op": "calls", "id": "p2", "count": 2, "calls": [CALL, CALL]}
    {"op": "close"}

A batch is identified by its function and the exact JSON of its calls
(``Call.wire``), so an answer is only ever used for the very calls it answers.
"""
import json
import re
from dataclasses import dataclass, field

from autograder.points import MODULES

_CALLS = re.compile(r'\{"op": "calls", "id": "(p\d+)", "count": (\d+), "calls": \[(.*)\]\}\Z', re.DOTALL)


def module_path(qualname):
    """Where ``"<assignment>.<function>"``'s module is, under the sandbox's submission folder."""
    assignment = qualname.split(".")[0]
    return f"submission/{assignment}/{MODULES[assignment]}.py"


def batch_key(path, function, calls):
    """The identity of a batch: its module, its function and the JSON of its calls, in order."""
    return path, function, ", ".join(call.wire() for call in calls)


@dataclass
class Batch:
    request_id: str
    size: int
    key: tuple


@dataclass
class Group:
    """One function's part of the plan: opened once, then its batches in order."""

    path: str
    function: str
    open_id: str
    lines: list
    batches: list = field(default_factory=list)
    opened: bool = False  # its ready (or missing) reply is taken
    missing: str | None = None  # why the function cannot be used, if it cannot
    exited: bool = False  # its process's exit event is taken (it died before the plan's end of it)


def write(batches):
    """The plan's text for ``batches``, a list of (qualname, [Call, ...]) in the order they will be asked.

    Consecutive batches of one function share its ``open``; the ids are
    ``p1``, ``p2``, ..., never the runner's own (integers).
    """
    lines, count, current = [], 0, None
    for qualname, calls in batches:
        if qualname != current:
            if current is not None:
                lines.append('{"op": "close"}')
            count += 1
            path, function = module_path(qualname), qualname.split(".")[1]
            lines.append(json.dumps({"op": "open", "id": f"p{count}", "path": path, "function": function}))
            current = qualname
        count += 1
        joined = ", ".join(c.wire() for c in calls)
        lines.append(f'{{"op": "calls", "id": "p{count}", "count": {len(calls)}, "calls": [{joined}]}}')
    if current is not None:
        lines.append('{"op": "close"}')
    return "\n".join(lines) + "\n" if lines else ""


def parse(text):
    """The groups of a plan's text (see :func:`write`); a line it does not know ends the plan there."""
    groups = []
    for line in text.split("\n"):
        if line.startswith('{"op": "open"'):
            opening = json.loads(line)
            groups.append(Group(opening["path"], opening["function"], opening["id"], [line]))
        elif line == '{"op": "close"}' and groups:
            groups[-1].lines.append(line)
        elif (match := _CALLS.match(line)) and groups:
            group = groups[-1]
            group.batches.append(Batch(match[1], int(match[2]), (group.path, group.function, match[3])))
            group.lines.append(line)
        elif line:
            break
    return groups


def only(groups, assignments):
    """The ``groups`` (of :func:`parse`) whose functions belong to ``assignments``."""
    return [group for group in groups if group.path.split("/")[1] in assignments]
