"""Build the student repository (COURSE_SPEC.md, "Layout of a student repository").

::

    assignments/<assignment>/<module>.py   stubs, made now from solutions/
    tests/course.py, conftest.py, test_*.py  copies of public_tests/
    LECTURE.md                             copy of the instructor's LECTURE.md
    Makefile, README.md, requirements.txt, .gitignore   from release/student_template/

The folder is wiped first (a ``.git`` inside it is kept, so the build can be
committed to a template repository), then checked by :mod:`release.leaks`.
If anything leaks the folder is wiped again, so that it cannot be handed out
by mistake, and :class:`LeakError` lists the findings.
"""
import shutil
from pathlib import Path

from . import leaks, stubs

REQUIRED_PUBLIC_TESTS = ("course.py", "conftest.py")
# Folders of the instructor repository that a build must never wipe.
SOURCE_FOLDERS = ("solutions", "assignments", "autograder", "public_tests", "release", "tests", "docs")


class ReleaseError(Exception):
    """The student repository cannot be built (missing sources, unsafe output folder)."""


class LeakError(ReleaseError):
    """The built repository would hand out reference or grader material."""

    def __init__(self, out, findings):
        self.findings = findings
        super().__init__(f"{out}: {len(findings)} leak(s) found; the folder was wiped so that it "
                         f"cannot be handed out by mistake")


def build(root, out):
    """Build the student repository of instructor repository ``root`` into ``out``.

    Returns the list of files written (paths relative to ``out``); raises
    :class:`LeakError` if the leak check finds anything, :class:`ReleaseError`
    if a source is missing or ``out`` is unsafe to wipe, and
    :class:`release.stubs.StubError` for broken markers.
    """
    root, out = Path(root).resolve(), Path(out).resolve()
    _check_sources(root)
    _check_output_folder(root, out)
    stub_texts = stubs.stubs_for(root / "solutions")  # before wiping: broken markers keep the old build
    _wipe(out)
    written = []
    for relative, text in stub_texts.items():
        written.append(_write(out / "assignments" / relative, text, out))
    for path in leaks.public_test_files(root):
        written.append(_copy(path, out / "tests" / path.name, out))
    written.append(_copy(root / "LECTURE.md", out / "LECTURE.md", out))
    for path in leaks.template_files():
        written.append(_copy(path, out / path.relative_to(leaks.TEMPLATE), out))
    findings = leaks.check(out, root)
    if findings:
        _wipe(out)
        raise LeakError(out, findings)
    return written


def _check_sources(root):
    missing = [name for name in ("solutions", "public_tests", "LECTURE.md") if not (root / name).exists()]
    missing += [f"public_tests/{name}" for name in REQUIRED_PUBLIC_TESTS
                if (root / "public_tests").is_dir() and not (root / "public_tests" / name).is_file()]
    if missing:
        raise ReleaseError(f"{root} is not a complete instructor repository: missing {', '.join(missing)}")
    if not stubs.reference_modules(root / "solutions"):
        raise ReleaseError(f"{root / 'solutions'} holds no reference module <assignment>/<module>.py")


def _check_output_folder(root, out):
    if out.exists() and not out.is_dir():
        raise ReleaseError(f"{out} exists and is not a folder")
    if root.is_relative_to(out):
        raise ReleaseError(f"refusing to wipe {out}: it holds the instructor repository")
    for name in SOURCE_FOLDERS:
        if out.is_relative_to(root / name):
            raise ReleaseError(f"refusing to wipe {out}: it is inside the instructor's {name}/")
    contents = [path.name for path in out.iterdir() if path.name != ".git"] if out.is_dir() else []
    if contents and not ((out / "assignments").is_dir() or (out / "tests" / "course.py").is_file()):
        raise ReleaseError(f"refusing to wipe {out}: it is not empty and does not look like a student "
                           f"repository (no assignments/ or tests/course.py); choose a new or empty folder")


def _wipe(out):
    out.mkdir(parents=True, exist_ok=True)
    for path in out.iterdir():
        if path.name == ".git":
            continue
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()


def _write(target, text, out):
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "w", encoding="utf-8", newline="") as file:
        file.write(text)
    return target.relative_to(out).as_posix()


def _copy(source, target, out):
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    return target.relative_to(out).as_posix()
