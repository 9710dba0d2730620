"""The nbgrader notebooks: generated from notebooks/<assignment>.py, in sync, and runnable on the reference."""
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from autograder.points import MODULES, POINTS  # noqa: E402
from release import notebooks  # noqa: E402

WRITTEN_ANSWERS = {"unique_mle", "divide_by_n", "kl_not_a_distance"}  # the issue's three questions


def nbgrader_cells(assignment):
    notebook = nbformat.read(ROOT / "notebooks" / f"{assignment}.ipynb", as_version=4)
    return [(cell, cell.metadata["nbgrader"]) for cell in notebook.cells if "nbgrader" in cell.metadata]


def test_the_committed_notebooks_are_in_sync_with_their_percent_scripts():
    """Does every notebooks/<assignment>.ipynb equal, byte for byte, what its percent script generates?"""
    assert notebooks.check(ROOT) == []


def test_generating_a_notebook_twice_gives_the_same_bytes():
    """Is generation deterministic (no timestamps, no random cell ids)?"""
    for assignment in MODULES:
        script = ROOT / "notebooks" / f"{assignment}.py"
        first = notebooks.render(notebooks.build(script, assignment))
        assert first == notebooks.render(notebooks.build(script, assignment))
        assert b"cell-" in first and b"execution_count\": null" in first


def test_a_stale_notebook_makes_the_check_command_exit_1(tmp_path):
    """Does `python -m release notebooks --check` exit 1 and name the notebook when a script was edited?"""
    (tmp_path / "solutions").mkdir()
    shutil.copytree(ROOT / "notebooks", tmp_path / "notebooks")
    script = tmp_path / "notebooks" / "hw2_maximum_likelihood.py"
    script.write_text(script.read_text() + "\n# %%\nprint('edited')\n")
    command = [sys.executable, "-m", "release", "--root", str(tmp_path), "notebooks", "--check"]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 1
    assert "hw2_maximum_likelihood.ipynb is out of sync" in done.stderr
    regenerated = subprocess.run(command[:-1], cwd=ROOT, capture_output=True, text=True)
    assert regenerated.returncode == 0 and "wrote notebooks/hw2_maximum_likelihood.ipynb" in regenerated.stdout
    assert subprocess.run(command, cwd=ROOT, capture_output=True).returncode == 0


def test_a_checks_cell_for_a_function_not_in_the_contract_is_refused(tmp_path):
    """Does the builder refuse `checks="..."` naming no graded function of the assignment?"""
    script = tmp_path / "hw1_information_theory.py"
    script.write_text((ROOT / "notebooks" / "hw1_information_theory.py").read_text()
                      .replace('checks="entropy"', 'checks="entropie"'))
    with pytest.raises(notebooks.NotebookError, match="entropie"):
        notebooks.build(script, "hw1_information_theory")


@pytest.mark.parametrize("assignment", MODULES)
def test_every_function_has_a_hidden_grade_cell_worth_the_graders_points(assignment):
    """Is there one `<function>_hidden` grade cell per function, with nbgrader points = POINTS?"""
    hidden = {meta["grade_id"]: meta for _, meta in nbgrader_cells(assignment) if meta["grade_id"].endswith("_hidden")}
    functions = [q for q in POINTS if q.startswith(assignment + ".")]
    assert sorted(hidden) == sorted(f"{q.split('.')[1]}_hidden" for q in functions)
    for qualname in functions:
        meta = hidden[f"{qualname.split('.')[1]}_hidden"]
        assert meta["grade"] and meta["locked"] and not meta["solution"]
        assert meta["points"] == POINTS[qualname]


@pytest.mark.parametrize("assignment", MODULES)
def test_the_hidden_cells_hold_only_the_call_to_the_grader(assignment):
    """Is a hidden region exactly `from autograder.nbgrader_cells import points` and one call (nothing secret)?"""
    for cell, meta in nbgrader_cells(assignment):
        if meta["grade_id"].endswith("_hidden"):
            lines = cell.source.splitlines()
            region = lines[lines.index("### BEGIN HIDDEN TESTS") + 1:lines.index("### END HIDDEN TESTS")]
            function = meta["grade_id"].removesuffix("_hidden")
            assert region == ["from autograder.nbgrader_cells import points", f'points("{assignment}.{function}")']


def test_the_three_written_answers_are_graded_by_hand():
    """Are the issue's three questions nbgrader solution + grade cells in Markdown, with a model answer?"""
    found = {}
    for assignment in MODULES:
        for cell, meta in nbgrader_cells(assignment):
            if meta["solution"]:
                found[meta["grade_id"]] = (cell, meta)
    assert WRITTEN_ANSWERS <= set(found)
    for cell, meta in found.values():
        assert cell.cell_type == "markdown" and meta["grade"] and meta["points"] > 0
        assert "### BEGIN SOLUTION" in cell.source and "### END SOLUTION" in cell.source


def test_the_notebooks_plot_what_the_issue_lists():
    """Does each notebook draw its plots with the student's module (the entropy curve, KL, the surfaces, digits)?"""
    sources = {a: (ROOT / "notebooks" / f"{a}.py").read_text() for a in MODULES}
    assert "it.binary_entropy(theta" in sources["hw1_information_theory"]
    assert "it.kl_divergence(q_coin" in sources["hw1_information_theory"]
    assert "contourf" in sources["hw2_maximum_likelihood"] and "ml.gaussian_mle(sample)" in sources["hw2_maximum_likelihood"]
    assert "tricontourf" in sources["hw3_lagrange_die"] and "die.numerical_mle(n)" in sources["hw3_lagrange_die"]
    assert "load_digits" in sources["hw4_mle_and_kl"] and "mk.fit_logistic_regression(X_few" in sources["hw4_mle_and_kl"]


# Top to bottom on the reference, in a real kernel -----------------------------------------------

@pytest.fixture(scope="module")
def warm_examples():
    """The grader's examples drawn (and cached) here, once, so that no cell pays for the first draw."""
    from autograder import examples, properties

    examples.load_all(properties.PROPERTIES)


def run_on_reference(assignment, folder):
    from nbclient import NotebookClient

    shutil.copy(ROOT / "solutions" / assignment / f"{MODULES[assignment]}.py", folder)
    notebook = nbformat.read(ROOT / "notebooks" / f"{assignment}.ipynb", as_version=4)
    env = {"PYTHONPATH": str(ROOT), "MPLBACKEND": "module://matplotlib_inline.backend_inline"}
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)  # the kernel inherits it (the course's nbgrader_config.py does the same)
    try:
        NotebookClient(notebook, timeout=30, kernel_name="python3", allow_errors=False,
                       resources={"metadata": {"path": str(folder)}}).execute()
    finally:
        for key, value in saved.items():
            os.environ.pop(key) if value is None else os.environ.__setitem__(key, value)
    return notebook


@pytest.mark.slow
@pytest.mark.parametrize("assignment", MODULES)
def test_every_notebook_runs_top_to_bottom_on_the_reference(assignment, tmp_path, warm_examples):
    """On the reference module, does every cell run within 30 s, with no warning, every plot drawn, full points?"""
    notebook = run_on_reference(assignment, tmp_path)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    for cell in code:
        kinds = [(o.output_type, o.get("name")) for o in cell.outputs]
        assert ("stream", "stderr") not in kinds and all(kind != "error" for kind, _ in kinds), (cell.id, kinds)
        if "plt.subplots" in cell.source:
            assert any("image/png" in o.get("data", {}) for o in cell.outputs), f"{cell.id} drew no figure"
    for cell in code:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id", "")
        if grade_id.endswith("_hidden"):
            (result,) = [o for o in cell.outputs if o.output_type == "execute_result"]
            qualname = f"{assignment}.{grade_id.removesuffix('_hidden')}"
            assert json.loads(result.data["text/plain"]) == float(POINTS[qualname])
