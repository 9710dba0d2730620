"""The nbgrader notebooks: ``notebooks/<assignment>.py`` (jupytext percent scripts) -> ``.ipynb``.

The percent script is what an instructor edits; the notebook beside it is
generated (``python -m release notebooks``), committed, and is nbgrader's
*source* version of the assignment. Three kinds of cells carry a marker in
their ``# %%`` header:

``# %% checks="entropy"``
    the function's visible checks (a read-only cell), followed in the
    notebook by a generated hidden grade cell, grade id ``entropy_hidden``,
    worth the grader's points for that function (``autograder/points.py``),
    whose hidden part is one call:
    ``points("hw1_information_theory.entropy")`` (see ``autograder/nbgrader_cells.py``).
``# %% [markdown] answer="unique_mle" points=2``
    a written answer graded by hand: nbgrader's solution and grade cell,
    its model answer between ``### BEGIN SOLUTION`` / ``### END SOLUTION``.
any other cell
    a plain cell, copied as it is.

Generation is byte-deterministic: no timestamps, no outputs, cell ids made
from the grade id (``cell-entropy_hidden``) or the cell's position.
"""
from pathlib import Path

import jupytext
import nbformat

from autograder.points import MODULES, POINTS

FOLDER = "notebooks"
SCHEMA_VERSION = 3
NOTEBOOK_METADATA = {
    "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
    "language_info": {"name": "python"},
}


class NotebookError(Exception):
    """A percent script that cannot become an nbgrader notebook (unknown function, bad marker)."""


def hidden_cell_source(qualname):
    function = qualname.split(".")[1]
    return (f"# Hidden: the sandboxed grader's points for {function} (up to {POINTS[qualname]}).\n"
            "### BEGIN HIDDEN TESTS\n"
            "from autograder.nbgrader_cells import points\n"
            f'points("{qualname}")\n'
            "### END HIDDEN TESTS")


def _nbgrader(grade_id, *, grade=False, solution=False, locked=False, points=None):
    meta = {"grade": grade, "grade_id": grade_id, "locked": locked, "schema_version": SCHEMA_VERSION,
            "solution": solution, "task": False}
    if points is not None:
        meta["points"] = points
    return {"nbgrader": meta}


def build(script, assignment):
    """The nbgrader source notebook (an ``nbformat.NotebookNode``) of percent script ``script``."""
    if assignment not in MODULES:
        raise NotebookError(f"{script}: {assignment} is not an assignment of COURSE_SPEC.md")
    authored = jupytext.read(script, fmt="py:percent")
    cells, checked = [], []
    for index, cell in enumerate(authored.cells):
        marks = dict(cell.metadata)
        if "checks" in marks:
            qualname = f"{assignment}.{marks['checks']}"
            if qualname not in POINTS or cell.cell_type != "code":
                raise NotebookError(f"{script}: checks={marks['checks']!r} is not a graded function of a code cell")
            function = marks["checks"]
            cells.append(nbformat.v4.new_code_cell(cell.source, id=f"cell-{function}_checks",
                                                   metadata=_nbgrader(f"{function}_checks", locked=True)))
            cells.append(nbformat.v4.new_code_cell(
                hidden_cell_source(qualname), id=f"cell-{function}_hidden",
                metadata=_nbgrader(f"{function}_hidden", grade=True, locked=True, points=POINTS[qualname])))
            checked.append(qualname)
        elif "answer" in marks:
            if cell.cell_type != "markdown" or "### BEGIN SOLUTION" not in cell.source:
                raise NotebookError(f"{script}: answer={marks['answer']!r} needs a markdown cell with a solution region")
            grade_id = marks["answer"]
            cells.append(nbformat.v4.new_markdown_cell(
                cell.source, id=f"cell-{grade_id}",
                metadata=_nbgrader(grade_id, grade=True, solution=True, points=int(marks.get("points", 1)))))
        elif cell.cell_type == "markdown":
            cells.append(nbformat.v4.new_markdown_cell(cell.source, id=f"cell-{index:02d}"))
        else:
            cells.append(nbformat.v4.new_code_cell(cell.source, id=f"cell-{index:02d}"))
    missing = [q for q in POINTS if q.startswith(assignment + ".") and q not in checked]
    if missing:
        raise NotebookError(f"{script}: no checks cell for {', '.join(missing)}")
    notebook = nbformat.v4.new_notebook(cells=cells, metadata=NOTEBOOK_METADATA)
    notebook.nbformat_minor = 5
    return notebook


def render(notebook):
    """The notebook's bytes: nbformat's JSON, one space indent, a final newline."""
    return (nbformat.writes(notebook, version=4) + "\n").encode()


def expected(root):
    """{path of a generated notebook: its bytes} for every ``notebooks/<assignment>.py``."""
    folder = Path(root) / FOLDER
    return {folder / f"{a}.ipynb": render(build(folder / f"{a}.py", a)) for a in MODULES}


def generate(root):
    """Write every notebook that differs; return the paths written."""
    written = []
    for path, data in expected(root).items():
        if not path.is_file() or path.read_bytes() != data:
            path.write_bytes(data)
            written.append(path)
    return written


def check(root):
    """The generated notebooks that are missing or differ from their percent script."""
    return [path for path, data in expected(root).items() if not path.is_file() or path.read_bytes() != data]
