"""The nbgrader course end to end, with the real nbgrader: release, autograde, the gradebook command,
generate_feedback and export, on one assignment (hw1) and four students: the reference, the stubs and
two catalogued wrong submissions."""
import html
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from autograder.points import MODULES, POINTS  # noqa: E402
from mutants.hw1_information_theory import WRONG  # noqa: E402
from release import leaks, nbgrader_course, stubs  # noqa: E402
from release.submissions import replace_function  # noqa: E402

A = "hw1_information_theory"
MODULE = f"{MODULES[A]}.py"
FUNCTIONS = [q for q in POINTS if q.startswith(A + ".")]
MISTAKES = {"kl": (f"{A}.kl_divergence", "swapped arguments KL(q‖p)"),
            "bits": (f"{A}.entropy", "always in bits (log2)")}
WRITTEN = "kl_not_a_distance"
ANSWER = "It is not symmetric: KL(p||q) differs from KL(q||p) for the coins in the plot."

pytestmark = pytest.mark.slow


def wrong_module(student):
    qualname, mistake = MISTAKES[student]
    (wrong,) = [w for w in WRONG if w.function == qualname and w.mistake == mistake]
    assert wrong.also == ()
    source = (ROOT / "solutions" / A / MODULE).read_text()
    return replace_function(source, qualname.split(".")[1], wrong.source)


def modules():
    return {"ada": (ROOT / "solutions" / A / MODULE).read_text(),
            "stub": (ROOT / "assignments" / A / MODULE).read_text(),
            **{student: wrong_module(student) for student in MISTAKES}}


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """A course directory built by `python -m release course` (real nbgrader generate_assignment)."""
    out = tmp_path_factory.mktemp("built") / "course"
    done = subprocess.run([sys.executable, "-m", "release", "course", "--out", str(out)],
                          cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return out


def submit(course, destination):
    """A copy of ``course`` with the four students' submissions of hw1 in submitted/ (as collect writes them)."""
    shutil.copytree(course, destination)
    released = json.loads((course / "release" / A / f"{A}.ipynb").read_text())
    for student, source in modules().items():
        folder = destination / "submitted" / student / A
        folder.mkdir(parents=True)
        notebook = json.loads(json.dumps(released))
        if student == "ada":  # the reference also answers the written question
            (cell,) = [c for c in notebook["cells"] if c["metadata"].get("nbgrader", {}).get("grade_id") == WRITTEN]
            cell["source"] = ANSWER
        (folder / f"{A}.ipynb").write_text(json.dumps(notebook))
        (folder / MODULE).write_text(source)
        (folder / "timestamp.txt").write_text("2026-12-01 12:00:00.000000 UTC")
    return destination


def nbgrader(course, *args):
    command, env = nbgrader_course.nbgrader_command(*args)
    done = subprocess.run(command, cwd=course, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    return done


def read_gradebook(course):
    """{student: {grade id: (auto score, needs manual grade)}} of hw1, through nbgrader.api.Gradebook."""
    from nbgrader.api import Gradebook

    grades = {}
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        for submission in gradebook.assignment_submissions(A):
            notebook = gradebook.find_submission_notebook(A, A, submission.student.id)
            grades[submission.student.id] = {g.name: (g.auto_score, g.needs_manual_grade) for g in notebook.grades}
    return grades


@pytest.fixture(scope="module")
def autograded(course, tmp_path_factory):
    """The four submissions graded by the real `nbgrader autograde` (each notebook in a kernel)."""
    folder = submit(course, tmp_path_factory.mktemp("autograde") / "course")
    from autograder import examples, properties

    examples.load_all(properties.PROPERTIES)  # drawn once here, not in a cell's 30 s
    nbgrader(folder, "autograde", A)
    return folder


@pytest.fixture(scope="module")
def imported(course, tmp_path_factory):
    """The same four submissions graded by `python -m autograder gradebook` (the sandbox, no kernel)."""
    folder = submit(course, tmp_path_factory.mktemp("gradebook") / "course")
    done = subprocess.run([sys.executable, "-m", "autograder", "gradebook", str(folder), A, "--no-progress"],
                          cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "recorded 4 submission(s)" in done.stdout and done.stderr == ""
    return folder


def hidden_points(grades, student):
    return {q: grades[student][f"{q.split('.')[1]}_hidden"][0] for q in FUNCTIONS}


# The built course ---------------------------------------------------------------------------------

def test_the_course_holds_the_config_the_sources_and_the_releases_of_every_assignment(course):
    """Does build/course hold nbgrader_config.py, source/ (notebook + stub) and release/ for each assignment?"""
    config = (course / "nbgrader_config.py").read_text()
    assert "c.Autograde.exclude_overwriting" in config and '".py"' in config
    stub_texts = stubs.stubs_for(ROOT / "solutions")
    for assignment, module in MODULES.items():
        for folder in ("source", "release"):
            assert sorted(p.name for p in (course / folder / assignment).iterdir()) == sorted(
                [f"{assignment}.ipynb", f"{module}.py"])
            assert (course / folder / assignment / f"{module}.py").read_text() == stub_texts[Path(assignment) / f"{module}.py"]
    assert (course / "gradebook.db").is_file()


def test_the_release_holds_no_solution_no_hidden_test_and_no_grader_code(course):
    """Is the leak check of build/course/release/ clean, and are nbgrader's markers gone?"""
    assert leaks.check_course(course / "release", ROOT) == []
    for assignment in MODULES:
        text = (course / "release" / assignment / f"{assignment}.ipynb").read_text()
        assert "BEGIN SOLUTION" not in text and "BEGIN HIDDEN TESTS" not in text
        assert "nbgrader_cells" not in text and "YOUR ANSWER HERE" in text


def test_the_leak_check_finds_a_model_answer_and_a_solution_module_in_a_release(course, tmp_path):
    """Does check_course report a model answer left in a released notebook and a solution module as the stub?"""
    release = tmp_path / "release"
    shutil.copytree(course / "release", release)
    notebook = json.loads((release / A / f"{A}.ipynb").read_text())
    model = json.loads((ROOT / "notebooks" / f"{A}.ipynb").read_text())
    (answer,) = [c for c in model["cells"] if c["metadata"].get("nbgrader", {}).get("grade_id") == WRITTEN]
    notebook["cells"][-1]["source"] = answer["source"]
    (release / A / f"{A}.ipynb").write_text(json.dumps(notebook))
    shutil.copy(ROOT / "solutions" / A / MODULE, release / A / MODULE)
    (release / A / "extra.txt").write_text("notes")
    findings = leaks.check_course(release, ROOT)
    whats = {(f.path, f.what.split(" ")[0]) for f in findings}
    assert (f"{A}/{A}.ipynb", "nbgrader") in whats and (f"{A}/{A}.ipynb", "hidden") in whats
    assert (f"{A}/{MODULE}", "solution") in whats and (f"{A}/extra.txt", "unexpected") in whats


# autograde and the gradebook command --------------------------------------------------------------

@pytest.mark.parametrize("path", ["autograded", "imported"])
def test_the_reference_holds_every_autograded_point(path, request):
    """Through either path, does the reference get POINTS for each function of hw1?"""
    grades = read_gradebook(request.getfixturevalue(path))
    assert hidden_points(grades, "ada") == {q: float(POINTS[q]) for q in FUNCTIONS}


@pytest.mark.parametrize("path", ["autograded", "imported"])
def test_the_stubs_get_no_point(path, request):
    """Through either path, does the untouched stub module get 0 for every function?"""
    grades = read_gradebook(request.getfixturevalue(path))
    assert hidden_points(grades, "stub") == dict.fromkeys(FUNCTIONS, 0.0)


@pytest.mark.parametrize("path", ["autograded", "imported"])
@pytest.mark.parametrize("student", MISTAKES)
def test_a_wrong_submission_loses_points_of_its_function_only(path, student, request):
    """Does a catalogued mistake in one function cost points of that function, and only of that one?"""
    points = hidden_points(read_gradebook(request.getfixturevalue(path)), student)
    wrong = MISTAKES[student][0]
    assert points[wrong] < POINTS[wrong]
    assert {q: p for q, p in points.items() if q != wrong} == {q: float(POINTS[q]) for q in FUNCTIONS if q != wrong}


def test_the_gradebook_command_gives_the_same_points_as_autograde(autograded, imported):
    """Does every grade cell of every student hold the same score, and the same manual-grading flag, by both paths?"""
    assert read_gradebook(imported) == read_gradebook(autograded)


def test_a_written_answer_waits_for_manual_grading_and_an_empty_one_scores_zero(imported):
    """Is the reference's written answer left for the grader, and an answer left as released given 0?"""
    grades = read_gradebook(imported)
    assert grades["ada"][WRITTEN] == (None, True)
    assert grades["stub"][WRITTEN] == (0.0, False)


def test_the_gradebook_command_writes_the_autograded_notebook_with_the_points(imported):
    """Does autograded/<student>/hw1/ hold the notebook, its hidden cells showing the points, and the module?"""
    folder = imported / "autograded" / "kl" / A
    notebook = json.loads((folder / f"{A}.ipynb").read_text())
    shown = {c["metadata"]["nbgrader"]["grade_id"]: "".join(c["outputs"][0]["data"]["text/plain"])
             for c in notebook["cells"] if c["metadata"].get("nbgrader", {}).get("grade_id", "").endswith("_hidden")}
    grades = read_gradebook(imported)["kl"]
    assert {g: float(v) for g, v in shown.items()} == {g: grades[g][0] for g in shown}
    assert (folder / MODULE).read_text() == modules()["kl"]


# generate_feedback and export ---------------------------------------------------------------------

def feedback_secrets():
    """Lines a student must not see: the reference's solution regions and the notebooks' model answers."""
    secrets = [line for line, (kind, _) in leaks.secret_lines(ROOT).items() if kind == "solution code"]
    secrets += [line for line, (kind, _) in leaks.course_secret_lines(ROOT).items() if kind == "hidden notebook content"
                and "nbgrader_cells" not in line and not line.startswith("points(")]
    return secrets


@pytest.mark.parametrize("path", ["autograded", "imported"])
def test_generate_feedback_shows_no_solution_code_and_no_hidden_secret(path, request):
    """Does nbgrader's feedback HTML of the stub student hold no reference line and no model answer, but the scores?"""
    course = request.getfixturevalue(path)
    nbgrader(course, "generate_feedback", A)
    page = (course / "feedback" / "stub" / A / f"{A}.html").read_text()
    text = html.unescape(re.sub(r"<[^>]+>", "", page))
    assert [line for line in feedback_secrets() if line in text] == []
    assert f"{A} (Score: 0.0 / 20.0)" in text
    wrong = html.unescape(re.sub(r"<[^>]+>", "", (course / "feedback" / "kl" / A / f"{A}.html").read_text()))
    kl_points = read_gradebook(course)["kl"]["kl_divergence_hidden"][0]
    assert f"Test cell (Score: {kl_points} / 4.0)" in wrong


@pytest.mark.parametrize("path", ["autograded", "imported"])
def test_export_writes_the_grades_csv(path, request):
    """Does `nbgrader export` write grades.csv with each student's hw1 score from the gradebook?"""
    course = request.getfixturevalue(path)
    nbgrader(course, "export")
    rows = [line.split(",") for line in (course / "grades.csv").read_text().splitlines()]
    header, rows = rows[0], [r for r in rows[1:] if r[0] == A]
    scores = {r[header.index("student_id")]: float(r[header.index("score")]) for r in rows}
    expected = {s: sum(p for p, _ in g.values() if p is not None) for s, g in read_gradebook(course).items()}
    assert scores == pytest.approx(expected) and scores["ada"] == 18.0 and scores["stub"] == 0.0


# Bad arguments ------------------------------------------------------------------------------------

@pytest.mark.parametrize("args, says", [
    (["hw9_nothing"], "unknown assignment 'hw9_nothing'"),
    ([], "no gradebook.db"),
])
def test_the_gradebook_command_refuses_bad_arguments_in_one_line(args, says, course, tmp_path):
    """Does a wrong assignment id, or a folder without gradebook.db, get one line and exit status 2?"""
    folder = course if args else tmp_path
    done = subprocess.run([sys.executable, "-m", "autograder", "gradebook", str(folder), *args],
                          cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 2 and says in done.stderr and len(done.stderr.strip().splitlines()) == 1


def test_a_symlinked_module_is_not_followed(course, tmp_path):
    """Is a submitted module that is a symlink (say, to the reference) graded as missing, not read?"""
    folder = tmp_path / "course"
    shutil.copytree(course, folder)
    student = folder / "submitted" / "mallory" / A
    student.mkdir(parents=True)
    os.symlink(ROOT / "solutions" / A / MODULE, student / MODULE)
    from autograder import nbgrader_gradebook
    from autograder.sandbox import Limits

    outcome = nbgrader_gradebook.fill(folder, [A], Limits(), jobs=1)
    assert outcome[("mallory", A)] == dict.fromkeys(FUNCTIONS, 0.0)


def test_zip_collect_takes_the_module_as_well_as_the_notebook(course, tmp_path):
    """Does `nbgrader zip_collect` with the course's config put the .py module in submitted/ beside the notebook?"""
    folder = tmp_path / "course"
    shutil.copytree(course, folder)
    archive = folder / "downloaded" / A / "archive"
    archive.mkdir(parents=True)
    prefix = f"{A}_bob_attempt_2026-12-01-10-00-00_"
    shutil.copy(course / "release" / A / f"{A}.ipynb", archive / f"{prefix}{A}.ipynb")
    shutil.copy(ROOT / "solutions" / A / MODULE, archive / f"{prefix}{MODULE}")
    nbgrader(folder, "zip_collect", A)
    submitted = folder / "submitted" / "bob" / A
    assert sorted(p.name for p in submitted.iterdir()) == sorted([f"{A}.ipynb", MODULE, "timestamp.txt"])
    assert (submitted / MODULE).read_text() == (ROOT / "solutions" / A / MODULE).read_text()


def test_a_submitted_notebook_larger_than_a_module_may_be_is_kept_for_manual_grading(tmp_path):
    """Is a submitted notebook of 2 MiB (plots' outputs) read whole, so its written answers reach the
    autograded copy, where a module of that size would be refused?"""
    import nbformat

    from autograder import discovery, nbgrader_gradebook

    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(ANSWER),
                                               nbformat.v4.new_markdown_cell("x" * (2 << 20))])
    folder = tmp_path / "submitted" / "ada" / A
    folder.mkdir(parents=True)
    nbformat.write(notebook, folder / f"{A}.ipynb")
    read = nbgrader_gradebook._submitted_notebook(tmp_path, "ada", A)
    assert read.cells[0].source == ANSWER
    assert discovery.read_regular_file(folder / f"{A}.ipynb") is None
