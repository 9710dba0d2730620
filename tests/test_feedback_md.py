"""A student's feedback.md: the score per function, and for each failed test what to look at and re-read."""
import re

from test_class_report import GAUSSIAN, KL, N_MINUS_ONE, SWAPPED, made_up_results

from autograder.feedback import markdown
from autograder.points import POINTS

CALL = "gaussian_mle([1.0, 2.0, 3.0, 4.0])\n  expected: (2.5, 1.25)\n  returned: (2.5, 1.6666666666666667)"
NAMED_LINE = "  This looks like the N−1 (unbiased) variance (Lecture §4): the MLE of the variance divides by N"


def bruno():
    return made_up_results({GAUSSIAN: (CALL + "\n" + NAMED_LINE, [N_MINUS_ONE])})


def test_feedback_starts_with_the_score_and_a_row_per_function():
    """Does feedback.md give the total, then one table row per function with its points?"""
    text = markdown(bruno())
    assert text.startswith("# Your grade: 95 / 100\n")
    rows = [line for line in text.splitlines() if line.startswith("| `")]
    assert len(rows) == len(POINTS)
    assert "| `gaussian_mle` | 0 / 5 | 0 / 2 |" in rows and "| `surprise` | 3 / 3 | 2 / 2 |" in rows


def test_a_failed_test_shows_the_call_expected_and_returned_then_the_misconception_and_section():
    """Does a failed test show its minimal call, the expected and returned values, the mistake and where to re-read?"""
    text = markdown(bruno())
    fix = text[text.index("## What to fix"):]
    assert "### `gaussian_mle`: 0 / 5" in fix
    assert "```\n" + CALL + "\n```" in fix
    assert "**Likely mistake:** the N−1 (unbiased) variance (Lecture §4, in LECTURE.md)." in fix
    assert "Re-read the docstring of `gaussian_mle` in `assignments/hw2_maximum_likelihood/maximum_likelihood.py`" \
           " and Lecture §4 (MLE for the univariate Gaussian)" in fix


def test_feedback_cites_only_the_lecture_the_docstring_and_the_rules():
    """Are the only files feedback.md names the student's assignment module, LECTURE.md and RULES.md?"""
    results = made_up_results({GAUSSIAN: (CALL, [N_MINUS_ONE]), KL: ("kl_divergence([1, 0], [0.5, 0.5])", [SWAPPED]),
                               "hw2_maximum_likelihood.bernoulli_mle": (
                                   "bernoulli_mle([0, 2])\n  expected: ValueError (`x` must hold only 0 and 1)\n"
                                   "  returned: 1.0", [])})
    text = markdown(results)
    files = set(re.findall(r"[\w./-]+\.(?:py|md|json|csv|txt)\b", text))
    assert files == {"assignments/hw2_maximum_likelihood/maximum_likelihood.py",
                     "assignments/hw1_information_theory/information_theory.py", "LECTURE.md", "RULES.md"}
    assert "COURSE_SPEC" not in text and "solutions" not in text and "autograder" not in text


def test_tests_stopped_by_one_problem_are_said_once():
    """When every failed test of a function stops at the same problem (a SyntaxError), is it said once?"""
    problem = "  problem:  SyntaxError on line 221: expected ':'"
    results = made_up_results({q: (f"{q.split('.')[1]}([1, 3])\n  expected: 0.5\n{problem}", [])
                               for q in POINTS if q.startswith("hw3_")})
    text = markdown(results)
    assert text.count("All 2 failed tests stop at the same point:") == 6
    assert text.count("SyntaxError on line 221") == 6 and "RULES.md" not in text


def test_student_output_cannot_close_the_code_block():
    """Does a returned value containing a run of backticks stay inside its code block?"""
    text = markdown(made_up_results({GAUSSIAN: ("gaussian_mle([1.0])\n  raised:   ValueError: ```` oops", [])}))
    fence = next(line for line in text.splitlines() if line.startswith("```"))
    assert fence == "`" * 5
    assert text.count("`````") == 4  # two tests, each block opened and closed by five backticks


def test_a_passing_submission_is_told_so():
    """Does a submission passing everything get its full score and no section of things to fix?"""
    text = markdown(made_up_results())
    assert text.startswith("# Your grade: 100 / 100") and "## What to fix" not in text
    assert "Every function passes every hidden test." in text
