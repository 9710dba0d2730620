"""A student's feedback in Markdown: ``OUT_DIR/<student>/feedback.md``, and Gradescope's ``output``.

:func:`markdown` turns one ``results.json`` into text a student can act on:
the score per function, then for every failed test the minimal input, what
was expected and what came back (the grader's own feedback lines, verbatim
in a code block), the misconception named where one is known, and what to
re-read. It cites only what the student has: ``LECTURE.md``'s sections, the
function's docstring in their assignment, and ``RULES.md`` (the common rules).
"""
import ast
import functools
import re
from pathlib import Path

from autograder.points import MODULES, POINTS

ROOT = Path(__file__).resolve().parent.parent
SECTION = re.compile(r"Lecture §(\d+)")
NAMED = ("  This looks like ", "  This could be one of these mistakes")


def markdown(results):
    """The feedback of one graded submission (a ``results.json`` dict) as Markdown."""
    tests_of = {q: [t for t in results["tests"] if t["tags"][0] == q] for q in POINTS}
    lines = [f"# Your grade: {results['score']:g} / {results['max_score']:g}", ""]
    lines += _score_table(tests_of)
    failing = [q for q, tests in tests_of.items() if any(t["status"] == "failed" for t in tests)]
    if failing:
        lines += ["", "## What to fix", ""]
        for qualname in failing:
            lines += _function_feedback(qualname, tests_of[qualname])
    else:
        lines += ["", "Every function passes every hidden test.", ""]
    notes = results.get("output", "").splitlines()[1:]  # the first line repeats the score
    lines += [*notes, ""] if notes else []
    return "\n".join(lines).rstrip("\n") + "\n"


def _score_table(tests_of):
    rows = ["| function | points | hidden tests passed |", "|---|---:|---:|"]
    for qualname, tests in tests_of.items():
        earned = round(sum(t["score"] for t in tests), 2)
        passed = sum(t["status"] == "passed" for t in tests)
        rows.append(f"| `{_name(qualname)}` | {earned:g} / {POINTS[qualname]:g} | {passed} / {len(tests)} |")
    return rows


def _function_feedback(qualname, tests):
    failed = [t for t in tests if t["status"] == "failed"]
    earned = round(sum(t["score"] for t in tests), 2)
    lines = [f"### `{_name(qualname)}`: {earned:g} / {POINTS[qualname]:g}", ""]
    reasons = {_single_reason(t["output"]) for t in failed}
    collapsed = len(failed) > 1 and len(reasons) == 1 and None not in reasons
    if collapsed:
        lines += [f"All {len(failed)} failed tests stop at the same point:", "", *_code(min(reasons)), ""]
    else:
        for test in failed:
            lines += [f"- **Failed:** {_title(test)}", "", *_code(_shown(test["output"])), ""]
            lines += [f"  {line}" if line else line for line in _named(test)]
    lines += [_reread(qualname, failed, collapsed), ""]
    return lines


def _single_reason(output):
    """The last line when it says why nothing could be checked (not implemented, a module that does not import)."""
    if output.strip().endswith("is missing from the submission."):
        return output.strip()
    last = output.strip().splitlines()[-1].strip() if output.strip() else ""
    return last if last.startswith(("problem:", "not implemented yet")) else None


def _title(test):
    return test["name"].split(": ", 1)[-1]


def _shown(output):
    """The grader's feedback lines without the misconception sentence (that one is said in prose)."""
    return "\n".join(line for line in output.splitlines() if not line.startswith(NAMED))


def _named(test):
    """The misconception in prose: one likely mistake, or the possible ones when the answer fits several."""
    found = test.get("misconceptions", [])
    if len(found) == 1:
        return [f"**Likely mistake:** {found[0]['name']} ({found[0]['section']}, in LECTURE.md).", ""]
    if found:
        return ["**Possible mistakes** (your answer fits each of them): "
                + "; ".join(f"{m['name']} ({m['section']})" for m in found) + ", in LECTURE.md.", ""]
    return []


def _code(text):
    """A fenced code block that no backtick run inside ``text`` (student output) can close."""
    fence = "`" * max(3, 1 + max((len(run) for run in re.findall(r"`+", text)), default=0))
    return [fence, text, fence]


def _reread(qualname, failed, collapsed=False):
    """Where to look: the docstring, the lecture sections the failures name or the docstring cites, the rules."""
    sections = []
    for test in failed:
        sections += [m["section"] for m in test.get("misconceptions", [])]
        sections += SECTION.findall(test["output"])
    sections += docstring_sections(qualname)
    numbers = list(dict.fromkeys(n for s in sections for n in SECTION.findall(s) or [s] if n.isdigit()))
    where = f"the docstring of `{_name(qualname)}` in `{module_file(qualname)}`"
    if numbers:
        where += " and " + ", ".join(f"Lecture §{n} ({lecture_titles().get(n, 'LECTURE.md')})" for n in numbers[:2])
    text = f"Re-read {where}."
    if not collapsed and any("ValueError" in t["output"] for t in failed):
        text += " Invalid input must raise `ValueError`: see `RULES.md`."
    return text


def _name(qualname):
    return qualname.split(".")[1]


def module_file(qualname):
    assignment = qualname.split(".")[0]
    return f"assignments/{assignment}/{MODULES[assignment]}.py"


@functools.cache
def docstring_sections(qualname):
    """The lecture sections (as 'Lecture §N') the function's docstring in the student's stub cites."""
    try:
        tree = ast.parse((ROOT / module_file(qualname)).read_text())
    except (OSError, SyntaxError):
        return []
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name == _name(qualname):
            return [f"Lecture §{n}" for n in SECTION.findall(ast.get_docstring(node) or "")]
    return []


@functools.cache
def lecture_titles():
    """{'4': 'MLE for the univariate Gaussian', ...} from LECTURE.md's ``## N. Title`` headings."""
    try:
        text = (ROOT / "LECTURE.md").read_text()
    except OSError:
        return {}
    return dict(re.findall(r"^## (\d+)\. (.+?)\s*$", text, re.MULTILINE))
