"""Build Gradescope's autograder bundle: ``build/gradescope/autograder.zip`` (``make gradescope``).

The zip holds, at its root (Gradescope unpacks it into ``/autograder/source``)::

    setup.sh, run_autograder     from release/gradescope_files/
    config.json                  the hidden tests' visibility and the limits (autograder.gradescope.DEFAULT_CONFIG)
    requirements.txt             only what grading imports, pinned as in requirements.txt
    cases.pickle                 the examples, their arguments' JSON and the reference's answers, drawn now
    plan.jsonl                   every call a run asks (public checks, then hidden tests), for the worker to start on
    autograder/                  the grader
    solutions/                   the reference: the checks, misconceptions and shrinking call it
    public_tests/                the checks students have, run as each function's visible test

Entries are written in a fixed order with a fixed date, so the same sources
give the same zip byte for byte.
"""
import json
import tempfile
import zipfile
from pathlib import Path

from . import ROOT

TEMPLATES = Path(__file__).resolve().parent / "gradescope_files"
BUNDLE_REQUIREMENTS = ("numpy", "scipy", "hypothesis", "pytest")
EXECUTABLES = ("setup.sh", "run_autograder")
FIXED_DATE = (2026, 1, 1, 0, 0, 0)


def pins(requirements):
    """The lines of ``requirements`` (text of requirements.txt) pinning what grading imports."""
    found = {}
    for line in requirements.splitlines():
        name = line.split("==")[0].strip().lower()
        if "==" in line and name in BUNDLE_REQUIREMENTS:
            found[name] = line.strip()
    missing = [name for name in BUNDLE_REQUIREMENTS if name not in found]
    if missing:
        raise ValueError(f"requirements.txt pins no {', '.join(missing)}")
    return "".join(f"{found[name]}\n" for name in BUNDLE_REQUIREMENTS)


def bundle_files(root, hidden_visibility="after_published"):
    """{path in the zip: bytes} of the bundle of instructor repository ``root``."""
    from autograder.gradescope import DEFAULT_CONFIG, bundle_cases, bundle_plan

    root = Path(root)
    config = {**DEFAULT_CONFIG, "hidden_visibility": hidden_visibility}
    files = {name: (TEMPLATES / name).read_bytes() for name in EXECUTABLES}
    files["config.json"] = (json.dumps(config, indent=2) + "\n").encode()
    files["requirements.txt"] = pins((root / "requirements.txt").read_text()).encode()
    with tempfile.TemporaryDirectory() as folder:
        cases = bundle_cases(Path(folder) / "cases.pickle")
        bundle_plan(Path(folder) / "plan.jsonl", cases, root)
        for name in ("cases.pickle", "plan.jsonl"):
            files[name] = (Path(folder) / name).read_bytes()
    for folder in ("autograder", "solutions", "public_tests"):
        for path in sorted((root / folder).rglob("*.py")):
            if "__pycache__" not in path.parts:
                files[path.relative_to(root).as_posix()] = path.read_bytes()
    return files


def build(root, out, hidden_visibility="after_published"):
    """Write the bundle to ``out`` (a .zip path); return the number of files in it."""
    from autograder.gradescope import VISIBILITIES

    if hidden_visibility not in VISIBILITIES:
        raise ValueError(f"hidden visibility must be one of {', '.join(VISIBILITIES)}, got {hidden_visibility!r}")
    files = bundle_files(root, hidden_visibility)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    temporary = out.with_name(f".{out.name}.tmp")
    with zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED) as bundle:
        for name in sorted(files):
            entry = zipfile.ZipInfo(name, FIXED_DATE)
            entry.external_attr = (0o755 if name in EXECUTABLES else 0o644) << 16
            entry.compress_type = zipfile.ZIP_DEFLATED
            bundle.writestr(entry, files[name])
    temporary.replace(out)
    return len(files)


def default_out():
    return ROOT / "build" / "gradescope" / "autograder.zip"
