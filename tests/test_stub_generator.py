"""The stub generator (release/stubs.py): solution regions become `raise NotImplementedError`."""
import ast
import importlib.util
import inspect
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from release import stubs  # noqa: E402
from release.stubs import StubError, make_stub  # noqa: E402


def source(text):
    return textwrap.dedent(text).lstrip("\n")


def public_functions(path):
    """Names of the top-level functions of a module that do not start with '_'."""
    tree = ast.parse(Path(path).read_text(encoding="utf-8"))
    return [node.name for node in tree.body
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and not node.name.startswith("_")]


REFERENCE = stubs.reference_modules(ROOT / "solutions")
REFERENCE_FUNCTIONS = [(relative, name) for relative, path in REFERENCE.items() for name in public_functions(path)]


# --- good markers -------------------------------------------------------------------------------

ENTROPY = source('''
    """Module docstring."""
    import numpy as np


    def _helper(p):
        """Given to students."""
        return np.array(p, dtype=float)


    def entropy(p, base=None):
        """Entropy of p.

        >>> entropy([1.0])
        0.0
        """
        # Hint: 0 * log 0 counts as 0.
        ### BEGIN SOLUTION
        p = _helper(p)
        nonzero = p[p > 0]
        return float(-np.sum(nonzero * np.log(nonzero)))
        ### END SOLUTION


    ANSWER = 42
''')


def test_a_region_becomes_one_raise_line_at_the_begin_markers_indentation():
    """Is the region, markers included, replaced by one `raise NotImplementedError` indented like BEGIN?"""
    stub = make_stub(ENTROPY)
    assert "    # Hint: 0 * log 0 counts as 0.\n    raise NotImplementedError\n\n\nANSWER = 42\n" in stub
    assert "nonzero" not in stub and "SOLUTION" not in stub


def test_text_outside_the_region_is_kept_byte_for_byte():
    """Is the stub exactly the reference with the region's lines swapped for the raise line?"""
    lines = ENTROPY.splitlines(keepends=True)
    begin = lines.index("    ### BEGIN SOLUTION\n")
    end = lines.index("    ### END SOLUTION\n")
    expected = "".join(lines[:begin]) + "    raise NotImplementedError\n" + "".join(lines[end + 1:])
    assert make_stub(ENTROPY) == expected


def test_the_docstring_the_hint_and_the_module_level_helpers_are_kept():
    """Are docstrings, doctest examples, `# Hint:` comments and `_helper` still in the stub?"""
    stub = make_stub(ENTROPY)
    for kept in ('"""Module docstring."""', "def _helper(p):", "return np.array(p, dtype=float)",
                 ">>> entropy([1.0])", "# Hint: 0 * log 0 counts as 0.", "def entropy(p, base=None):"):
        assert kept in stub


def test_line_endings_tabs_and_a_missing_final_newline_are_kept():
    """Are CRLF endings, tab indentation and the lack of a final newline left as they were?"""
    reference = 'def f(x):\r\n\t"""Doc."""  \r\n\t### BEGIN SOLUTION\r\n\treturn x + 1\r\n\t### END SOLUTION'
    assert make_stub(reference) == 'def f(x):\r\n\t"""Doc."""  \r\n\traise NotImplementedError'


def test_a_method_and_a_nested_function_each_get_their_own_region_replaced():
    """Can regions sit in a method and in a function nested inside another one?"""
    reference = source('''
        class Model:
            def fit(self, x):
                """Fit."""
                ### BEGIN SOLUTION
                self.mean = sum(x) / len(x)
                return self
                ### END SOLUTION


        def outer(x):
            def inner(y):
                ### BEGIN SOLUTION
                return y * 2
                ### END SOLUTION
            return inner(x)
    ''')
    stub = make_stub(reference)
    assert '        """Fit."""\n        raise NotImplementedError\n\n' in stub
    assert "    def inner(y):\n        raise NotImplementedError\n    return inner(x)\n" in stub
    assert "self.mean" not in stub and "y * 2" not in stub
    assert [r.function for r in stubs.find_regions(reference)] == ["Model.fit", "outer.inner"]


def test_a_region_in_a_function_after_a_multi_line_signature_is_accepted():
    """Is the body found when the signature spans several lines and has annotations?"""
    reference = source('''
        def f(
            x: dict[str, int],
            y=lambda: 1,
        ) -> int:
            ### BEGIN SOLUTION
            return len(x)
            ### END SOLUTION
    ''')
    assert make_stub(reference).endswith(") -> int:\n    raise NotImplementedError\n")


def test_a_marker_quoted_inside_a_docstring_is_not_a_marker():
    """Is '### BEGIN SOLUTION' inside a string left alone, as text?"""
    reference = source('''
        def f(x):
            """Write your code where

            ### BEGIN SOLUTION
            was.
            """
            ### BEGIN SOLUTION
            return x
            ### END SOLUTION
    ''')
    stub = make_stub(reference)
    assert '    ### BEGIN SOLUTION\n    was.\n    """\n    raise NotImplementedError\n' in stub


# --- broken markers -----------------------------------------------------------------------------

BROKEN = {
    "unclosed": (source('''
        def f(x):
            ### BEGIN SOLUTION
            return x
    '''), 2, "no END SOLUTION for the BEGIN SOLUTION on line 2"),
    "nested": (source('''
        def f(x):
            ### BEGIN SOLUTION
            y = x
            ### BEGIN SOLUTION
            return y
            ### END SOLUTION
    '''), 4, "nested BEGIN SOLUTION"),
    "stray end": (source('''
        def f(x):
            return x
            ### END SOLUTION
    '''), 3, "END SOLUTION without a BEGIN SOLUTION"),
    "module level": (source('''
        ### BEGIN SOLUTION
        ANSWER = 42
        ### END SOLUTION
    '''), 1, "outside a function body"),
    "class body": (source('''
        class A:
            ### BEGIN SOLUTION
            answer = 42
            ### END SOLUTION

            def f(self):
                return 1
    '''), 2, "outside a function body"),
    "after the function": (source('''
        def f(x):
            return x
        ### BEGIN SOLUTION
        ### END SOLUTION
    '''), 3, "outside a function body"),
    "across two functions": (source('''
        def f(x):
            ### BEGIN SOLUTION
            return x


        def g(x):
            return x
            ### END SOLUTION
    '''), 8, "not in the body of f()"),
    "two regions": (source('''
        def f(x):
            ### BEGIN SOLUTION
            y = x
            ### END SOLUTION
            ### BEGIN SOLUTION
            return y
            ### END SOLUTION
    '''), 5, "second solution region in f()"),
    "no region": (source('''
        def f(x):
            return x
    '''), 1, "no solution region"),
    "misspelt marker": (source('''
        def f(x):
            ## BEGIN SOLUTION
            return x
            ### END SOLUTION
    '''), 2, "malformed marker"),
    "marker after code": (source('''
        def f(x):
            y = x  ### BEGIN SOLUTION
            return y
            ### END SOLUTION
    '''), 2, "malformed marker"),
}


@pytest.mark.parametrize("case", BROKEN)
def test_broken_markers_are_refused_with_the_file_and_line(case):
    """Is each kind of broken marker an error that names the file, the line and the problem?"""
    text, line, problem = BROKEN[case]
    with pytest.raises(StubError) as error:
        make_stub(text, "solutions/hw0/demo.py")
    assert error.value.line == line
    assert str(error.value).startswith(f"solutions/hw0/demo.py:{line}: ")
    assert problem in str(error.value)


def test_an_error_is_raised_when_a_begin_solution_has_no_end():
    """Is an error raised when a BEGIN SOLUTION has no END, with the BEGIN's line?"""
    with pytest.raises(StubError, match=r"demo\.py:17: no END SOLUTION for the BEGIN SOLUTION on line 17"):
        make_stub(ENTROPY.replace("    ### END SOLUTION\n", ""), "demo.py")


def test_a_module_that_does_not_parse_is_refused_with_its_line():
    """Is a syntax error in the reference reported as file:line instead of a traceback?"""
    with pytest.raises(StubError, match=r"^demo\.py:2: does not parse"):
        make_stub("def f(x):\n    return (x\n", "demo.py")


# --- generate / check ---------------------------------------------------------------------------

def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_generate_writes_one_stub_per_reference_module_and_then_check_is_clean(tmp_path):
    """Does generate() write assignments/<assignment>/<module>.py for each solutions/<assignment>/<module>.py?"""
    write(tmp_path / "solutions/hw1_a/a.py", ENTROPY)
    write(tmp_path / "solutions/hw2_b/b.py", ENTROPY.replace("entropy", "other"))
    write(tmp_path / "solutions/hw2_b/__init__.py", "")  # package files are not reference modules
    done = stubs.generate(tmp_path / "solutions", tmp_path / "assignments")
    assert sorted(str(relative) for relative, _ in done) == ["hw1_a/a.py", "hw2_b/b.py"]
    assert (tmp_path / "assignments/hw1_a/a.py").read_text(encoding="utf-8") == make_stub(ENTROPY)
    assert not (tmp_path / "assignments/hw2_b/__init__.py").exists()
    assert stubs.check(tmp_path / "solutions", tmp_path / "assignments") == []
    assert stubs.generate(tmp_path / "solutions", tmp_path / "assignments") == []


def test_check_lists_missing_differing_and_stale_stubs_and_generate_repairs_them(tmp_path):
    """Does check() name every stub out of sync, and does generate() bring them back in sync?"""
    write(tmp_path / "solutions/hw1_a/a.py", ENTROPY)
    write(tmp_path / "solutions/hw2_b/b.py", ENTROPY)
    write(tmp_path / "assignments/hw1_a/a.py", make_stub(ENTROPY) + "# edited by hand\n")
    write(tmp_path / "assignments/hw3_old/old.py", "def gone(): pass\n")
    problems = stubs.check(tmp_path / "solutions", tmp_path / "assignments")
    assert [(str(p), reason) for p, reason in problems] == [
        ("hw1_a/a.py", "differs"), ("hw2_b/b.py", "missing"), ("hw3_old/old.py", "stale")]
    stubs.generate(tmp_path / "solutions", tmp_path / "assignments")
    assert stubs.check(tmp_path / "solutions", tmp_path / "assignments") == []
    assert not (tmp_path / "assignments/hw3_old").exists()


def test_generate_writes_nothing_when_one_module_has_broken_markers(tmp_path):
    """Is assignments/ left untouched when any reference module is broken?"""
    write(tmp_path / "solutions/hw1_a/a.py", ENTROPY)
    write(tmp_path / "solutions/hw2_b/b.py", BROKEN["unclosed"][0])
    with pytest.raises(StubError, match=r"hw2_b/b\.py:2:"):
        stubs.generate(tmp_path / "solutions", tmp_path / "assignments")
    assert not (tmp_path / "assignments").exists()


def run_cli(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "release", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=120)


def test_stubs_check_on_the_command_line_exits_1_listing_the_files_out_of_sync(tmp_path):
    """Does `python -m release stubs --check` fail and list the stubs to regenerate, then pass after `stubs`?"""
    write(tmp_path / "solutions/hw1_a/a.py", ENTROPY)
    result = run_cli("--root", tmp_path, "stubs", "--check")
    assert result.returncode == 1
    assert "assignments/hw1_a/a.py: missing" in result.stderr
    assert run_cli("--root", tmp_path, "stubs").returncode == 0
    result = run_cli("--root", tmp_path, "stubs", "--check")
    assert result.returncode == 0, result.stderr


def test_broken_markers_on_the_command_line_give_one_line_and_exit_1(tmp_path):
    """Does `python -m release stubs` print file:line: reason, without a traceback, and exit 1?"""
    write(tmp_path / "solutions/hw1_a/a.py", BROKEN["stray end"][0])
    result = run_cli("--root", tmp_path, "stubs")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "error: solutions/hw1_a/a.py:3: END SOLUTION without a BEGIN SOLUTION before it"]


def test_bad_arguments_exit_2_with_an_error_line():
    """Does an unknown option make argparse exit 2 with an error line?"""
    result = run_cli("stubs", "--chek")
    assert result.returncode == 2
    assert "error: unrecognized arguments: --chek" in result.stderr


# --- the course's own modules -------------------------------------------------------------------

def test_the_committed_assignments_match_what_the_generator_produces_now(tmp_path):
    """Is assignments/ in sync with solutions/ (run `make stubs` if not)?"""
    stubs.generate(ROOT / "solutions", tmp_path)
    generated = {p.relative_to(tmp_path): p.read_bytes() for p in tmp_path.rglob("*.py")}
    committed = {p.relative_to(ROOT / "assignments"): p.read_bytes()
                 for p in (ROOT / "assignments").rglob("*.py") if "__pycache__" not in p.parts}
    assert sorted(map(str, committed)) == sorted(map(str, generated)), "run `make stubs`"
    differing = [str(relative) for relative in generated if committed[relative] != generated[relative]]
    assert differing == [], "run `make stubs`"


@pytest.fixture(scope="module")
def generated_stubs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("assignments")
    stubs.generate(ROOT / "solutions", folder)
    return folder


def load(path, name):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("relative, name", REFERENCE_FUNCTIONS, ids=[f"{r.parent}.{n}" for r, n in REFERENCE_FUNCTIONS])
def test_every_stub_function_raises_not_implemented_error(generated_stubs, relative, name):
    """Does each public function of each stub raise NotImplementedError, whatever it is given?"""
    module = load(generated_stubs / relative, f"stub_{relative.parent}_{relative.stem}")
    function = getattr(module, name)
    args, kwargs = [], {}
    for parameter in inspect.signature(function).parameters.values():
        if parameter.default is not parameter.empty:
            continue
        if parameter.kind in (parameter.POSITIONAL_ONLY, parameter.POSITIONAL_OR_KEYWORD):
            args.append(None)
        elif parameter.kind == parameter.KEYWORD_ONLY:
            kwargs[parameter.name] = None
    with pytest.raises(NotImplementedError):
        function(*args, **kwargs)


def signatures(path):
    tree = ast.parse(Path(path).read_text(encoding="utf-8"))
    return {node.name: (ast.unparse(node.args), ast.unparse(node.returns) if node.returns else None)
            for node in tree.body if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))}


@pytest.mark.parametrize("relative", list(REFERENCE), ids=str)
def test_every_reference_function_is_in_the_stub_with_the_same_signature(generated_stubs, relative):
    """Does the stub define every function of the reference module, with the same parameters?"""
    reference, stub = signatures(REFERENCE[relative]), signatures(generated_stubs / relative)
    assert stub == reference
