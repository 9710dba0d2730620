"""What is handed out, generated from the instructor repository.

- :mod:`release.stubs`: student stubs (``assignments/``) from the reference
  solutions (``solutions/``): every solution region becomes
  ``raise NotImplementedError``.
- :mod:`release.student`: the student repository (stubs, public tests,
  lecture, ``Makefile``, ``README.md``), checked by :mod:`release.leaks`.
- :mod:`release.leaks`: does anything of ``solutions/`` or ``autograder/``
  reach a built student repository, or the nbgrader course's ``release/``?
- :mod:`release.notebooks`: the nbgrader notebooks ``notebooks/<assignment>.ipynb``
  from their jupytext percent scripts ``notebooks/<assignment>.py``.
- :mod:`release.nbgrader_course`: the nbgrader course directory (``build/course``),
  its ``release/`` made by the real ``nbgrader generate_assignment``.

Command line: ``python -m release --help``.
"""
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
