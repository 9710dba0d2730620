"""Does anything of ``solutions/`` or ``autograder/`` reach a built student repository?

:func:`check` reads every file of the student folder and reports:

(a) a line of reference code, that is a line from inside a solution region;
(b) a line of the hidden grader (any ``autograder/**/*.py``; the folder may
    be missing or empty);
(c) an import or a path of the reference or the grader (``import solutions``,
    ``from autograder.x import y``, ``"solutions/hw1..."``);
(d) a file that is not one of those handed out on purpose (the stubs, the
    public tests, the lecture and the template files), in particular one named
    like a file of ``autograder/``.

A line counts for (a) and (b) when, stripped, it is at least
:data:`MIN_LENGTH` characters long, is not a comment, and does not also occur
in what is handed out on purpose: the reference modules outside their
solution regions (helpers, docstrings, hints), the stubs'
``raise NotImplementedError``, ``public_tests/``, ``LECTURE.md`` and the
template. Short or shared lines (``return total``, ``import numpy as np``) say
nothing about the answer. A correct build writes only lines of those, so it
has no finding; what the check catches is a wrong one (a stub that kept
solution code, a copied grader file, a public test importing the reference).
A solution line that is commented out still counts.

:func:`check_course` does the same for an nbgrader course's ``release/``,
cell by cell, with the source notebooks' model answers and hidden cells
added to the secrets.
"""
import re
from dataclasses import dataclass
from pathlib import Path

from . import stubs

MIN_LENGTH = 16
TEMPLATE = Path(__file__).resolve().parent / "student_template"
PUBLIC_TEST_FILES = ("course.py", "conftest.py", "test_*.py")
SKIPPED_DIRS = {".git", ".venv", "__pycache__", ".pytest_cache"}  # made by git or by running the tests

_IMPORT = re.compile(
    r"^\s*(?:from\s+(?P<a>solutions|autograder)\b"
    r"|import\s+(?:[\w.]+(?:\s+as\s+\w+)?\s*,\s*)*(?P<b>solutions|autograder)\b)")
_DYNAMIC_IMPORT = re.compile(r"""(?:import_module|__import__)\(\s*["'](?P<a>solutions|autograder)\b""")
_PATH = re.compile(r"""(?<![\w.-])(?P<a>solutions|autograder)/|["'](?P<b>solutions|autograder)["']""")


@dataclass(frozen=True)
class Finding:
    """One leak: ``path`` is relative to the student folder; ``line`` is None for a whole file."""

    path: str
    line: int | None
    what: str
    source: str | None = None

    def __str__(self):
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.what}" + (f" (from {self.source})" if self.source else "")


def expected_files(root):
    """``{path in the student repository: where it comes from}`` for everything handed out."""
    root = Path(root)
    files = {}
    for relative in stubs.reference_modules(root / "solutions"):
        files[(Path("assignments") / relative).as_posix()] = f"stub of solutions/{relative.as_posix()}"
    for path in public_test_files(root):
        files[f"tests/{path.name}"] = f"public_tests/{path.name}"
    files["LECTURE.md"] = "LECTURE.md"
    for path in template_files():
        relative = path.relative_to(TEMPLATE).as_posix()
        files[relative] = f"release/student_template/{relative}"
    return files


def secret_lines(root):
    """``{stripped line: (kind, source file:line)}`` of the lines that must not be handed out."""
    root = Path(root)
    handed_out, solution, grader = {stubs.STUB_LINE}, {}, {}
    for relative, path in stubs.reference_modules(root / "solutions").items():
        text = _read(path)
        regions = stubs.find_regions(text, Path("solutions") / relative)
        for number, line in enumerate(stubs.split_lines(text), start=1):
            inside = any(r.begin < number < r.end for r in regions)
            if inside:
                solution.setdefault(line.strip(), f"solutions/{relative.as_posix()}:{number}")
            else:
                handed_out.add(line.strip())
    for path in [*public_test_files(root), root / "LECTURE.md", *template_files()]:
        if path.is_file():
            handed_out.update(line.strip() for line in _read(path).splitlines())
    grader_dir = root / "autograder"
    for path in sorted(grader_dir.rglob("*.py")) if grader_dir.is_dir() else []:
        if not SKIPPED_DIRS.intersection(path.relative_to(root).parts):
            for number, line in enumerate(_read(path).splitlines(), start=1):
                grader.setdefault(line.strip(), f"{path.relative_to(root).as_posix()}:{number}")
    secrets = {}
    for kind, lines in (("hidden-test code", grader), ("solution code", solution)):
        for line, source in lines.items():
            if _specific(line) and line not in handed_out:
                secrets[line] = (kind, source)
    return secrets


def check(student_dir, root):
    """Every :class:`Finding` in ``student_dir`` (a built student repository), sorted."""
    student_dir, root = Path(student_dir), Path(root)
    expected = expected_files(root)
    secrets = secret_lines(root)
    grader_names = _grader_names(root)
    findings = []
    for path in _files(student_dir):
        relative = path.relative_to(student_dir).as_posix()
        findings.extend(_check_name(relative, expected, grader_names))
        try:
            text = _read(path)
        except (UnicodeDecodeError, OSError):
            continue  # not text: its name was checked
        for number, line in enumerate(text.splitlines(), start=1):
            findings.extend(Finding(relative, number, what, source)
                            for what, source in _check_line(line, secrets))
    return sorted(findings, key=lambda f: (f.path, f.line or 0, f.what))


def _check_name(relative, expected, grader_names):
    parts = relative.split("/")
    if relative in expected:
        return []
    for folder in parts[:-1]:
        if folder in ("solutions", "autograder"):
            return [Finding(relative, None, f"file inside a folder named {folder}/")]
    if parts[-1] in grader_names:
        return [Finding(relative, None, "file named like a file of the hidden grader", grader_names[parts[-1]])]
    kind = "Python file" if relative.endswith(".py") else "file"
    return [Finding(relative, None, f"unexpected {kind}: not a stub, a public test, the lecture or a template file")]


def _check_line(line, secrets):
    stripped = line.strip()
    uncommented = stripped.lstrip("#").strip()  # a solution line commented out is still a leak
    for candidate in dict.fromkeys((stripped, uncommented)):
        if candidate in secrets:
            kind, source = secrets[candidate]
            yield f"{kind} {_quote(candidate)}", source
            break
    for pattern, what in ((_IMPORT, "imports"), (_DYNAMIC_IMPORT, "imports"), (_PATH, "names the path of")):
        match = pattern.search(line)
        if match:
            name = match.group("a") or match.group("b")
            whose = "reference solutions" if name == "solutions" else "hidden grader"
            yield f"{what} the {whose}: {_quote(stripped)}", None
            return


def _specific(line):
    return len(line) >= MIN_LENGTH and not line.startswith("#")


def _quote(line, width=80):
    return repr(line if len(line) <= width else line[:width - 3] + "...")


def _files(folder):
    for path in sorted(Path(folder).rglob("*")):
        if path.is_file() and not SKIPPED_DIRS.intersection(path.relative_to(folder).parts):
            yield path


def _grader_names(root):
    grader_dir = Path(root) / "autograder"
    names = {}
    for path in _files(grader_dir) if grader_dir.is_dir() else []:
        names.setdefault(path.name, path.relative_to(root).as_posix())
    return names


def public_test_files(root):
    """The files of ``public_tests/`` that students get (``course.py``, ``conftest.py``, ``test_*.py``)."""
    folder = Path(root) / "public_tests"
    found = {path for pattern in PUBLIC_TEST_FILES for path in folder.glob(pattern) if path.is_file()}
    return sorted(found)


def template_files():
    """The files of ``release/student_template/`` (``Makefile``, ``README.md``, ...)."""
    return list(_files(TEMPLATE))


def _read(path):
    with open(path, encoding="utf-8") as file:
        return file.read()


# The nbgrader course's release -----------------------------------------------------------------
#
# build/course/release/<assignment>/ must hold exactly the notebook nbgrader generated and the
# stub module. Every line of every cell of a released notebook is checked as above, against the
# secrets of solutions/ and autograder/ and, in addition, the lines inside the source notebooks'
# `### BEGIN SOLUTION` and `### BEGIN HIDDEN TESTS` regions (the model answers, the hidden cells)
# and those markers themselves.

NOTEBOOK_REGIONS = (("### BEGIN SOLUTION", "### END SOLUTION"), ("### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"))


def notebook_lines(path):
    """Every source line of every cell of the notebook at ``path``, as (cell number, line)."""
    import json

    notebook = json.loads(_read(path))
    for number, cell in enumerate(notebook.get("cells", []), start=1):
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else source
        for line in source.splitlines():
            yield number, line


def course_secret_lines(root):
    """:func:`secret_lines` minus the lines the notebooks hand out, plus what they keep from students."""
    from autograder.points import MODULES

    from . import notebooks

    kept, handed_out = {}, set()
    for assignment in MODULES:
        path = Path(root) / notebooks.FOLDER / f"{assignment}.ipynb"
        if not path.is_file():
            continue
        where, inside = path.relative_to(root).as_posix(), None
        for number, line in notebook_lines(path):
            stripped = line.strip()
            begins = [end for begin, end in NOTEBOOK_REGIONS if stripped.startswith(begin)]
            if begins or (inside and stripped.startswith(inside)):
                kept[stripped] = ("nbgrader marker", f"{where} cell {number}")
                inside = begins[0] if begins else None
            elif inside:
                if _specific(stripped):
                    kept.setdefault(stripped, ("hidden notebook content", f"{where} cell {number}"))
            else:
                handed_out.add(stripped)
    secrets = {line: found for line, found in secret_lines(root).items() if line not in handed_out}
    secrets.update(kept)
    return secrets


def expected_course_files(root):
    from autograder.points import MODULES

    return {f"{a}/{a}.ipynb" for a in MODULES} | {f"{a}/{m}.py" for a, m in MODULES.items()}


def check_course(release_dir, root):
    """Every :class:`Finding` in ``release_dir`` (an nbgrader course's ``release/``), sorted.

    For a notebook, a finding's ``line`` is the number of the cell.
    """
    release_dir, root = Path(release_dir), Path(root)
    expected, secrets = expected_course_files(root), course_secret_lines(root)
    findings = []
    for path in _files(release_dir):
        relative = path.relative_to(release_dir).as_posix()
        if relative not in expected:
            findings.append(Finding(relative, None, "unexpected file: not a released notebook or a stub"))
        try:
            lines = notebook_lines(path) if path.suffix == ".ipynb" else enumerate(_read(path).splitlines(), 1)
            lines = list(lines)
        except (UnicodeDecodeError, OSError, ValueError):
            findings.append(Finding(relative, None, "unreadable file"))
            continue
        for number, line in lines:
            findings.extend(Finding(relative, number, what, source) for what, source in _check_line(line, secrets))
    return sorted(findings, key=lambda f: (f.path, f.line or 0, f.what))
