"""The nbgrader course directory (COURSE_SPEC.md, "Layout of the instructor repository").

::

    nbgrader_config.py                   written here (see CONFIG below)
    source/<assignment>/<assignment>.ipynb   notebooks/<assignment>.ipynb, nbgrader's source version
    source/<assignment>/<module>.py          the student stub (never the solution: nbgrader copies
                                             non-notebook files verbatim, issue #1237)
    release/<assignment>/                    made by the real `nbgrader generate_assignment`

``source/`` and ``release/`` are rebuilt every time; what nbgrader's later
steps write (``submitted/``, ``autograded/``, ``feedback/``, ``gradebook.db``)
is kept. The release is checked by :func:`release.leaks.check_course`; if
anything leaks it is wiped, so that it cannot be handed out by mistake.
nbgrader runs as ``<venv>/bin/nbgrader`` with ``<venv>/bin`` first on PATH
(creating ``gradebook.db`` runs ``alembic`` through PATH).
"""
import os
import shutil
import subprocess
import sys
from pathlib import Path

from autograder.points import MODULES

from . import leaks, notebooks, stubs
from .student import LeakError, ReleaseError

COURSE_ID = "mle"
CONFIG = '''"""nbgrader's configuration of the MLE course; written by `python -m release course`: do not edit."""
import os

c = get_config()  # noqa: F821 - nbgrader defines it

c.CourseDirectory.course_id = {course_id!r}
c.CourseDirectory.root = os.path.dirname(os.path.abspath(__file__))

# autograde must keep the student's module: the source folder holds only the stub (nbgrader issue #940).
c.Autograde.exclude_overwriting = {exclude!r}

# zip_collect: files named like "hw1_information_theory_<student>_attempt_<timestamp>_<file>",
# the student's module (.py) as well as the notebook.
c.FileNameCollectorPlugin.valid_ext = [".ipynb", ".py"]
c.FileNameCollectorPlugin.named_regexp = r".*_(?P<student_id>[A-Za-z0-9]+)_attempt_(?P<timestamp>[0-9\\-]+)_(?P<file_id>.+)"

# The hidden grade cells import the grader (autograder.nbgrader_cells) from the instructor repository;
# the kernels that autograde starts inherit this environment.
os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [{root!r}, os.environ.get("PYTHONPATH")]))
'''


def nbgrader_command(*args):
    """``<venv>/bin/nbgrader args...`` and the environment to run it in (the venv's bin first on PATH)."""
    bin_dir = Path(sys.executable).parent
    env = dict(os.environ, PATH=os.pathsep.join([str(bin_dir), os.environ.get("PATH", "")]))
    return [str(bin_dir / "nbgrader"), *args], env


def run_nbgrader(course, *args, check=True):
    """Run one nbgrader command in ``course``; its output is returned, and shown if it fails."""
    command, env = nbgrader_command(*args)
    done = subprocess.run(command, cwd=course, env=env, capture_output=True, text=True)
    if check and done.returncode != 0:
        raise ReleaseError(f"`nbgrader {' '.join(args)}` failed in {course}:\n{done.stdout}{done.stderr}")
    return done


def build(root, out):
    """Build the course directory of instructor repository ``root`` in ``out``; return the assignment ids."""
    root, out = Path(root).resolve(), Path(out).resolve()
    if root.is_relative_to(out) or out in [root / name for name in ("solutions", "assignments", "notebooks")]:
        raise ReleaseError(f"refusing to build the course in {out}: it holds the instructor's files")
    stale = notebooks.check(root)
    if stale:
        raise ReleaseError(f"{', '.join(p.name for p in stale)} out of sync: run `python -m release notebooks`")
    stub_texts = stubs.stubs_for(root / "solutions")
    for folder in ("source", "release"):
        shutil.rmtree(out / folder, ignore_errors=True)
    out.mkdir(parents=True, exist_ok=True)
    exclude = {a: [f"{m}.py"] for a, m in MODULES.items()}
    (out / "nbgrader_config.py").write_text(
        CONFIG.format(course_id=COURSE_ID, exclude=exclude, root=str(root)))
    for assignment, module in MODULES.items():
        folder = out / "source" / assignment
        folder.mkdir(parents=True)
        shutil.copy(root / notebooks.FOLDER / f"{assignment}.ipynb", folder / f"{assignment}.ipynb")
        (folder / f"{module}.py").write_text(stub_texts[Path(assignment) / f"{module}.py"])
    run_nbgrader(out, "generate_assignment", "*", "--force")  # "*": every assignment, one nbgrader start
    findings = leaks.check_course(out / "release", root)
    if findings:
        shutil.rmtree(out / "release")
        raise LeakError(out / "release", findings)
    return list(MODULES)
