"""CI workflows, generated from ``release/workflow_files/`` (``python -m release workflows``).

=====================================================  ==========================================
written to (in this repository)                        what it does
=====================================================  ==========================================
``.github/workflows/grade-submissions.yml``            instructor: grade a folder of submissions
                                                       with ``grade-all`` on demand, upload the grades
``release/student_template/.github/workflows/``        student (GitHub Actions): ``make test`` on
``public-checks.yml``                                  every push, the table in the job summary
``release/student_template/.gitlab-ci.yml``            student (GitLab CI): ``make test``, a JUnit report
=====================================================  ==========================================

The student files sit in the student template, so ``make release`` hands
them out with the rest of it (and the leak check knows them). Each template
is a :class:`string.Template`: ``$python`` is :data:`PYTHON` (``$$`` is a
dollar sign).
"""
from pathlib import Path
from string import Template

from . import ROOT

TEMPLATES = Path(__file__).resolve().parent / "workflow_files"
PYTHON = "3.12"  # what CI runs on: within the instructor's (>= 3.11) and the students' supported range
WORKFLOWS = {
    ".github/workflows/grade-submissions.yml": "grade-submissions.yml",
    "release/student_template/.github/workflows/public-checks.yml": "public-checks.yml",
    "release/student_template/.gitlab-ci.yml": "gitlab-ci.yml",
}


def generated():
    """{path in this repository: text} of every workflow."""
    return {target: Template((TEMPLATES / name).read_text()).substitute(python=PYTHON)
            for target, name in WORKFLOWS.items()}


def out_of_sync(root=ROOT):
    """The workflow paths under ``root`` whose text differs from :func:`generated` (or that are missing)."""
    return [target for target, text in generated().items()
            if not (Path(root) / target).is_file() or (Path(root) / target).read_text() != text]


def write(root=ROOT):
    """Write every workflow under ``root``; return the paths that changed."""
    changed = out_of_sync(root)
    for target, text in generated().items():
        if target in changed:
            (Path(root) / target).parent.mkdir(parents=True, exist_ok=True)
            (Path(root) / target).write_text(text)
    return changed
