"""Build student submissions from the reference with some functions rewritten.

Used by the sample class (``examples/make_class.py``) and by the grader's tests.
"""
import ast
import shutil
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODULES = {
    "hw1_information_theory": "information_theory",
    "hw2_maximum_likelihood": "maximum_likelihood",
    "hw3_lagrange_die": "lagrange_die",
    "hw4_mle_and_kl": "mle_and_kl",
}


def module_file(folder, assignment):
    return Path(folder) / "assignments" / assignment / f"{MODULES[assignment]}.py"


def copy_modules(source_root, destination):
    """Copy the four modules of ``source_root/<assignment>/`` into a student repository layout."""
    for assignment, module in MODULES.items():
        target = module_file(destination, assignment)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(Path(source_root) / assignment / f"{module}.py", target)
    return Path(destination)


def reference_submission(destination):
    return copy_modules(ROOT / "solutions", destination)


def stub_submission(destination):
    return copy_modules(ROOT / "assignments", destination)


def replace_function(source, name, new_definition):
    """``source`` with the top-level function ``name`` replaced by ``new_definition`` (its whole def)."""
    tree = ast.parse(source)
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name == name:
            lines = source.splitlines(keepends=True)
            start = (node.decorator_list[0].lineno if node.decorator_list else node.lineno) - 1
            replacement = textwrap.dedent(new_definition).strip("\n") + "\n"
            return "".join(lines[:start]) + replacement + "".join(lines[node.end_lineno:])
    raise LookupError(f"no function {name} at the top level")


def submission(destination, rewrites=None, extra_files=None):
    """The reference with ``rewrites`` ({"hw1_information_theory.entropy": "def entropy(...): ..."})
    applied, plus ``extra_files`` ({relative path: text}) written into the submission."""
    reference_submission(destination)
    for qualname, definition in (rewrites or {}).items():
        assignment, name = qualname.split(".")
        path = module_file(destination, assignment)
        path.write_text(replace_function(path.read_text(), name, definition))
    for relative, text in (extra_files or {}).items():
        path = Path(destination) / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return Path(destination)
