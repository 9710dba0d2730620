"""The examples every student is graded on: drawn once by hypothesis, cached on disk.

Derandomized hypothesis draws the same examples for the same property code,
hypothesis version and numpy version, so they are drawn once and cached in
``.cache/autograder/examples-<digest>.json`` (``AUTOGRADER_CACHE`` moves it),
where the digest covers all of those. A stale or unreadable cache is redrawn.
"""
import hashlib
import json
import os
from pathlib import Path

import hypothesis
import numpy as np
from hypothesis import Phase

from autograder import plain
from autograder.engine import Call, explore

PACKAGE = Path(__file__).resolve().parent


def _digest():
    sha = hashlib.sha256(f"{hypothesis.__version__} {np.__version__}".encode())
    for path in sorted(PACKAGE.rglob("*.py")):
        sha.update(path.relative_to(PACKAGE).as_posix().encode() + path.read_bytes())
    return sha.hexdigest()[:16]


def cache_path():
    folder = Path(os.environ.get("AUTOGRADER_CACHE", PACKAGE.parent / ".cache" / "autograder"))
    return folder / f"examples-{_digest()}.json"


def draw(prop):
    """The property's edge cases, then ``prop.examples`` derandomized draws."""
    cases = []
    explore(prop, cases.append, (Phase.generate,), prop.examples)
    return list(prop.edge_cases) + cases


def _to_plain(case):
    calls = case if isinstance(case, tuple) else (case,)
    return {"tuple": isinstance(case, tuple),
            "calls": [[plain.encode(list(c.args)), {k: plain.encode(v) for k, v in c.kwargs.items()}] for c in calls]}


def _from_plain(data):
    calls = tuple(Call(tuple(plain.decode(args)), {k: plain.decode(v) for k, v in kwargs.items()})
                  for args, kwargs in data["calls"])
    return calls if data["tuple"] else calls[0]


def key(prop):
    return f"{prop.function}: {prop.title}"


def load_all(properties):
    """{key(prop): cases} for every property, from the cache when it is fresh."""
    path = cache_path()
    try:
        stored = json.loads(path.read_text())
        if set(stored) >= {key(p) for p in properties}:
            return {key(p): [_from_plain(c) for c in stored[key(p)]] for p in properties}
    except (OSError, ValueError, KeyError, TypeError, plain.Unsupported):
        pass
    drawn = {key(p): [_to_plain(c) for c in draw(p)] for p in properties}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(json.dumps(drawn))
        os.replace(temporary, path)
        for stale in path.parent.glob("examples-*.json"):  # drawn for an older grader: never read again
            if stale != path:
                stale.unlink()
    except OSError:
        pass  # a read-only checkout grades as well, only slower
    return {k: [_from_plain(c) for c in v] for k, v in drawn.items()}


def prepare(properties, cases):
    """Encode every call and run the reference on it now, once, rather than in each grader process.

    ``cases`` is :func:`load_all`'s answer. A call the reference cannot even
    run stays lazy, so it fails where it is used, as it would have.
    """
    for prop in properties:
        for case in cases[key(prop)]:
            for call in prop.as_calls(case):
                call.wire()
                try:
                    call.expected(prop.function)
                except Exception:  # noqa: BLE001 - see above
                    pass
