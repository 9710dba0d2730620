"""Output past the cap: kept up to 16 KiB, the rest discarded, and the submission graded as if it were quiet.

Student code prints into a pipe the worker drains, so no write of student
code ever fails for output, however much it prints (the file-size limit,
16 MiB, is for the files it writes).
"""
import textwrap

import pytest

from submissions import module_file, reference_submission, submission

from autograder import examples, grading, properties
from autograder.sandbox import Limits

LOUD = 18 << 20  # past the 16 MiB file-size limit of the sandbox


@pytest.fixture(scope="module")
def cases():
    cases = examples.load_all(properties.PROPERTIES)
    examples.prepare(properties.PROPERTIES, cases)
    return cases


def wrapped_surprise(folder, before_the_reference):
    """A submission whose ``surprise`` first runs ``before_the_reference``, then answers as the reference."""
    path = module_file(folder, "hw1_information_theory")
    path.write_text(path.read_text() + "\n\n_reference_surprise = surprise\n\n\ndef surprise(p, base=None):\n"
                    + textwrap.indent(textwrap.dedent(before_the_reference).strip("\n"), "    ")
                    + "\n    return _reference_surprise(p, base)\n")
    return folder


def loud_submission(folder):
    """``surprise`` prints 18 MiB the first time it is called (half by print, half straight to fd 2)."""
    return wrapped_surprise(submission(folder, {}), f'''
        import os, sys
        global _loud
        if "_loud" not in globals():
            _loud = True
            chunk = "x" * (1 << 20) + "\\n"
            for _ in range({LOUD >> 21}):
                print(chunk, end="")
            sys.stdout.flush()
            data = chunk.encode()
            for _ in range({LOUD >> 21}):
                view = memoryview(data)
                while view:
                    view = view[os.write(2, view):]
    ''')


def test_a_submission_printing_past_the_file_size_limit_is_graded_as_a_quiet_one(mode, cases, tmp_path):
    """Does a submission that prints 18 MiB keep every point, with its output cut at 16 KiB and the cut noted?"""
    limits = Limits()
    loud = grading.grade(loud_submission(tmp_path / "loud"), limits, cases)
    quiet = grading.grade(reference_submission(tmp_path / "quiet"), limits, cases)
    lost = [t["name"] + "\n" + t["output"] for t in loud["tests"] if t["status"] != "passed"]
    assert lost == [] and loud["score"] == quiet["score"] == 100
    assert loud["student_output"].startswith("x" * 1000)
    assert loud["student_output"].endswith(f"[... output truncated at {limits.output_bytes} bytes]")
    assert len(loud["student_output"]) < limits.output_bytes + 100
