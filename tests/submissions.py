"""The submission builders of release/submissions.py, for the tests."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from release.submissions import (  # noqa: E402,F401
    MODULES, ROOT, copy_modules, module_file, reference_submission, replace_function, stub_submission, submission)
