"""Find a submission's modules, however it was uploaded.

A student hands in one of these, and :func:`submission_files` finds the
modules in each (``<a>/<m>.py`` stands for ``hw1_information_theory/information_theory.py``
and the three others, COURSE_SPEC.md):

1. the whole repository: ``assignments/<a>/<m>.py``;
2. the ``assignments/`` folder itself: ``<a>/<m>.py``;
3. the bare module files: ``<m>.py``;
4. any of these one folder down (an uploaded zip of the repository folder).

The first place, in that order (the folder itself, then its sub-folders by
name), where at least one of the four modules is found is the submission.
In layouts 1 and 2 every ``*.py`` beside a module comes too (at most 50 per
assignment), so a student's helper module imports; bare files bring only the
four modules. Only regular files of at most 1 MiB are read, never through a
symlink (which could point at the instructor's files), and nothing is
followed deeper than one folder.
"""
import os
import stat
from pathlib import Path

from autograder.points import MODULES

MAX_FILE_BYTES = 1 << 20
MAX_FILES_PER_ASSIGNMENT = 50
IGNORED_FOLDERS = ("__MACOSX", "__pycache__")  # what zip tools and Python add beside an upload


def submission_files(root):
    """The submission under ``root`` as {``"<assignment>/<file>.py"``: bytes}; {} when none is found."""
    for base in _candidate_folders(Path(root)):
        for layout in (_repository, _assignments_folder, _bare_modules):
            files = layout(base)
            if any(f"{a}/{m}.py" in files for a, m in MODULES.items()):
                return files
    return {}


def nothing_found(root):
    """The one line that says what :func:`submission_files` looked for in ``root`` and did not find."""
    modules = ", ".join(f"{m}.py" for m in MODULES.values())
    return (f"No submission found in {root}: looked for assignments/<assignment>/<module>.py, "
            f"<assignment>/<module>.py and the bare modules ({modules}), there and one folder down.")


def _candidate_folders(root):
    yield root
    try:
        children = sorted(root.iterdir())
    except OSError:
        return
    for child in children:
        if not child.name.startswith(".") and child.name not in IGNORED_FOLDERS and _real_folder(child):
            yield child


def _real_folder(path):
    return not path.is_symlink() and path.is_dir()


def _repository(base):
    return _assignments_folder(base / "assignments") if _real_folder(base / "assignments") else {}


def _assignments_folder(base):
    files = {}
    for assignment in MODULES:
        folder = base / assignment
        if not _real_folder(folder):
            continue
        for path in sorted(folder.glob("*.py"))[:MAX_FILES_PER_ASSIGNMENT]:
            data = read_regular_file(path)
            if data is not None:
                files[f"{assignment}/{path.name}"] = data
    return files


def _bare_modules(base):
    files = {}
    for assignment, module in MODULES.items():
        data = read_regular_file(base / f"{module}.py")
        if data is not None:
            files[f"{assignment}/{module}.py"] = data
    return files


def read_regular_file(path, limit=MAX_FILE_BYTES):
    """The bytes of ``path`` if it is a regular file (not a symlink) of at most ``limit`` bytes, else None."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        data = handle.read(limit + 1)
    return data if len(data) <= limit else None
