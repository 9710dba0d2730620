"""``python -m autograder gradebook COURSE_DIR [ASSIGNMENT...]``: nbgrader's gradebook, filled by the sandbox.

For every ``COURSE_DIR/submitted/<student>/<assignment>/`` (what ``nbgrader
collect`` or ``zip_collect`` writes), the student's module is copied
(regular files only, never through a symlink) into a temporary student
repository ``assignments/<assignment>/<module>.py``, and the class is graded
in parallel by :func:`autograder.batch.grade_all`: the sandboxed hidden
grader, warm sandboxes, one grader per core. No student code runs in this
process or in a Jupyter kernel.

Then, through ``nbgrader.api.Gradebook``, as ``nbgrader autograde`` would:
the student and the submission records are created (with ``timestamp.txt``
when there is one); each function's points become the ``auto_score`` of its
``<function>_hidden`` grade cell; a written answer left as released scores 0
("No response."), any other waits for manual grading. The notebook is
copied to ``autograded/<student>/<assignment>/`` with the source version of
the read-only cells and each hidden cell's output set to its points, so that
formgrader and ``nbgrader generate_feedback`` show them. The student's own
cells are not executed: their outputs are the ones submitted.
"""
import shutil
import tempfile
import warnings
from pathlib import Path

from autograder import batch, discovery
from autograder.points import MODULES, POINTS


class GradebookError(Exception):
    """The course directory cannot be graded as asked (no gradebook, unknown assignment)."""


def db_url(course):
    return f"sqlite:///{Path(course).resolve() / 'gradebook.db'}"


def submissions(course, assignments):
    """Sorted [(student, assignment)] of the submitted folders (never through a symlink)."""
    found = []
    submitted = Path(course) / "submitted"
    for student in sorted(p for p in submitted.iterdir() if _real_dir(p)) if _real_dir(submitted) else []:
        found += [(student.name, a) for a in assignments if _real_dir(student / a)]
    return found


def _real_dir(path):
    return path.is_dir() and not path.is_symlink() and not path.name.startswith(".")


NOTEBOOK_BYTES = 64 << 20  # a notebook with its plots' outputs; a module has discovery's limit


def _copy_regular(source, target, limit=discovery.MAX_FILE_BYTES):
    """Copy ``source`` to ``target`` if it is a regular file (never through a symlink) of at most ``limit`` bytes."""
    data = discovery.read_regular_file(source, limit)
    if data is None:
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return True


def check_course(course, assignments):
    """The assignments to grade (default: all of the course's); raise :class:`GradebookError` if impossible."""
    course = Path(course)
    if not (course / "gradebook.db").is_file():
        raise GradebookError(f"{course}: no gradebook.db (run `nbgrader generate_assignment` there first)")
    unknown = [a for a in assignments if a not in MODULES]
    if unknown:
        raise GradebookError(f"unknown assignment {unknown[0]!r} (one of {', '.join(MODULES)})")
    from nbgrader.api import Gradebook, MissingEntry

    wanted = list(assignments) or list(MODULES)
    with Gradebook(db_url(course)) as gradebook:
        for assignment in wanted:
            try:
                gradebook.find_assignment(assignment)
            except MissingEntry:
                if assignments:
                    raise GradebookError(f"{assignment} is not in {course / 'gradebook.db'} "
                                         "(run `nbgrader generate_assignment` first)") from None
                wanted.remove(assignment)
    return wanted


def grade_class(course, pairs, limits, jobs=None, progress=False):
    """{(student, assignment): {qualified name: points} or the reason grading failed}, graded in the sandbox."""
    course = Path(course)
    with tempfile.TemporaryDirectory(prefix="gradebook-") as scratch:
        class_dir, out_dir = Path(scratch) / "class", Path(scratch) / "results"
        for student, assignment in pairs:
            module = f"{MODULES[assignment]}.py"
            target = class_dir / student / "assignments" / assignment / module
            target.parent.mkdir(parents=True, exist_ok=True)
            _copy_regular(course / "submitted" / student / assignment / module, target)
        failed = batch.grade_all(class_dir, out_dir, limits, jobs=jobs, progress=progress) if pairs else {}
        scores = {}
        for student, assignment in pairs:
            results = batch.load_results(out_dir, student)
            if failed.get(student) or results is None:
                scores[student, assignment] = failed.get(student) or "no results"
                continue
            earned = batch.function_scores(results)
            scores[student, assignment] = {q: earned.get(q, 0.0) for q in POINTS if q.startswith(assignment + ".")}
    return scores


def write_grades(course, student, assignment, points):
    """Record ``points`` ({qualified name: points}) of one submission in gradebook.db, as autograde would.

    The notebook id of an assignment is the assignment id (its one notebook is ``<assignment>.ipynb``).
    """
    from nbgrader import utils
    from nbgrader.api import Gradebook
    from sqlalchemy.exc import SAWarning

    course = Path(course)
    folder = course / "submitted" / student / assignment
    notebook = _submitted_notebook(course, student, assignment)
    timestamp = _timestamp(folder)
    with Gradebook(db_url(course)) as gradebook, warnings.catch_warnings():
        # nbgrader's add_submission makes SQLAlchemy warn about its own autoflush; autograde shows the same
        warnings.simplefilter("ignore", SAWarning)
        gradebook.update_or_create_student(student)
        gradebook.update_or_create_submission(assignment, student, **({"timestamp": timestamp} if timestamp else {}))
        for qualname, earned in points.items():
            grade = gradebook.find_grade(f"{qualname.split('.')[1]}_hidden", assignment, assignment, student)
            grade.auto_score = float(earned)
            grade.needs_manual_grade = grade.manual_score is not None
        for cell in notebook.cells:
            if utils.is_solution(cell) and utils.is_grade(cell):
                grade_id = cell.metadata.nbgrader["grade_id"]
                grade = gradebook.find_grade(grade_id, assignment, assignment, student)
                grade.auto_score, _ = utils.determine_grade(cell)
                grade.needs_manual_grade = grade.auto_score is None or grade.manual_score is not None
                comment = gradebook.find_comment(grade_id, assignment, assignment, student)
                unchanged = cell.metadata.nbgrader.get("checksum") == utils.compute_checksum(cell)
                comment.auto_comment = "No response." if unchanged else None
        gradebook.db.commit()
    _write_autograded(course, student, assignment, notebook, points)


def _submitted_notebook(course, student, assignment):
    """The submitted notebook, or the released one when the student sent none (or a broken one)."""
    import nbformat

    for path in (course / "submitted" / student / assignment / f"{assignment}.ipynb",
                 course / "release" / assignment / f"{assignment}.ipynb"):
        data = discovery.read_regular_file(path, NOTEBOOK_BYTES)
        try:
            return nbformat.reads(data.decode("utf-8"), as_version=4)
        except Exception:  # noqa: BLE001 - missing (None), too large or malformed counts as none
            pass
    return nbformat.v4.new_notebook()


def _timestamp(folder):
    path = folder / "timestamp.txt"
    if path.is_file() and not path.is_symlink():
        return path.read_text(errors="replace").strip()[:64] or None
    return None


def _write_autograded(course, student, assignment, notebook, points):
    """autograded/<student>/<assignment>/: the notebook with the source's read-only cells and the points."""
    import nbformat

    source = nbformat.read(course / "source" / assignment / f"{assignment}.ipynb", as_version=4)
    locked = {c.metadata.nbgrader["grade_id"]: c for c in source.cells
              if c.metadata.get("nbgrader", {}).get("locked")}
    by_function = {f"{q.split('.')[1]}_hidden": p for q, p in points.items()}
    for cell in notebook.cells:
        grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
        if grade_id in locked:
            cell.source = locked[grade_id].source
        if grade_id in by_function:
            cell.outputs = [nbformat.v4.new_output(
                "execute_result", data={"text/plain": repr(float(by_function[grade_id]))}, execution_count=None)]
    target = course / "autograded" / student / assignment
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    nbformat.write(notebook, target / f"{assignment}.ipynb")
    for name in (f"{MODULES[assignment]}.py", "timestamp.txt"):
        _copy_regular(course / "submitted" / student / assignment / name, target / name)


def fill(course, assignments, limits, jobs=None, progress=False):
    """Grade and record every submission of ``assignments``; {(student, assignment): points or why it failed}."""
    course = Path(course)
    wanted = check_course(course, assignments)
    pairs = submissions(course, wanted)
    scores = grade_class(course, pairs, limits, jobs, progress)
    for (student, assignment), points in scores.items():
        if isinstance(points, dict):
            try:
                write_grades(course, student, assignment, points)
            except Exception as error:  # noqa: BLE001 - one broken record must not stop the class
                scores[student, assignment] = f"could not record the grades: {type(error).__name__}: {error}"
    return scores
