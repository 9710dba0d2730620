"""Student stubs from reference solutions.

A reference module marks the code students write between two whole-line
comments inside a function body::

    def entropy(p, base=None):
        \"\"\"...docstring...\"\"\"
        # Hint: use _probability_vector and _log_base.
        ### BEGIN SOLUTION
        ...reference code...
        ### END SOLUTION

The stub is the same text, byte for byte, except that each region (markers
included) becomes one line ``raise NotImplementedError`` at the BEGIN
marker's indentation. Broken markers are refused with ``file:line: reason``:
an unclosed region, a nested BEGIN, a stray END, a region that does not lie
inside one function body, two regions in one function, a file without any
region, or a comment that looks like a marker but is not exactly one.

:func:`generate` writes ``assignments/<assignment>/<module>.py`` for every
``solutions/<assignment>/<module>.py``; :func:`check` lists what differs.
"""
import ast
import io
import re
import tokenize
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

BEGIN = "### BEGIN SOLUTION"
END = "### END SOLUTION"
STUB_LINE = "raise NotImplementedError"

# A comment that is meant as a marker but is not exactly one ("## BEGIN SOLUTION",
# "### begin solution", "### END SOLUTION." ...). Left alone, it would hand the
# solution out, so it is an error.
_LOOKS_LIKE_MARKER = re.compile(r"#+\s*(BEGIN|END)[\s_-]*SOLUTION", re.IGNORECASE)


class StubError(ValueError):
    """A reference module that cannot be turned into a stub; names file and line."""

    def __init__(self, path, line, message):
        self.path, self.line, self.message = str(path), line, message
        super().__init__(f"{path}:{line}: {message}")


@dataclass(frozen=True)
class Region:
    """One solution region: the lines of its markers (1-based), inclusive."""

    begin: int
    end: int
    indent: str  # the BEGIN marker's indentation, as written
    function: str  # dotted name of the function whose body holds it


@dataclass(frozen=True)
class _Function:
    name: str
    def_line: int
    column: int
    header_end: int  # line of the ':' that ends the signature
    body_end: int  # last line before the next code at the def's indentation or less

    def holds(self, line, column):
        """Is a comment at (line, column) inside this function's body?"""
        return self.header_end < line <= self.body_end and column > self.column


def split_lines(text):
    """The physical lines of ``text`` with their endings, as Python counts them."""
    return io.StringIO(text, newline="").readlines()


def find_regions(text, path="<string>"):
    """The solution regions of a reference module, in order; StubError if the markers are broken."""
    try:
        tree = ast.parse(text, filename=str(path))
        tokens = list(tokenize.generate_tokens(io.StringIO(text, newline="").readline))
    except (SyntaxError, tokenize.TokenError) as error:
        line = getattr(error, "lineno", None) or (error.args[1][0] if len(error.args) > 1 else 0)
        raise StubError(path, line, f"does not parse: {error.args[0]}") from None
    markers = _markers(tokens, path)
    if not markers:
        raise StubError(path, 1, f"no solution region: mark the code students write with "
                                 f"'{BEGIN}' and '{END}' lines inside a function body")
    functions = _functions(tree, tokens, split_lines(text))

    def innermost(line, column):
        holding = [f for f in functions if f.holds(line, column)]
        return max(holding, key=lambda f: f.def_line) if holding else None

    regions, open_marker, seen = [], None, {}
    for line, column, indent, kind in markers:
        if kind == BEGIN:
            if open_marker is not None:
                raise StubError(path, line, f"nested BEGIN SOLUTION: the region opened on line "
                                            f"{open_marker[0]} has no END SOLUTION before it")
            function = innermost(line, column)
            if function is None:
                raise StubError(path, line, "BEGIN SOLUTION outside a function body: a solution "
                                            "region must lie inside the body of one def")
            open_marker = (line, indent, function)
            continue
        if open_marker is None:
            raise StubError(path, line, "END SOLUTION without a BEGIN SOLUTION before it")
        begin, begin_indent, function = open_marker
        open_marker = None
        if innermost(line, column) != function:
            raise StubError(path, line, f"END SOLUTION is not in the body of {function.name}(), where "
                                        f"its BEGIN SOLUTION on line {begin} is: a region must lie "
                                        f"inside the body of one def")
        if function in seen:
            raise StubError(path, begin, f"second solution region in {function.name}() (the first "
                                         f"starts on line {seen[function]}): one region per function")
        seen[function] = begin
        regions.append(Region(begin, line, begin_indent, function.name))
    if open_marker is not None:
        raise StubError(path, open_marker[0], f"no END SOLUTION for the BEGIN SOLUTION on line {open_marker[0]}")
    return regions


def make_stub(text, path="<string>"):
    """The student stub of a reference module's text (see the module docstring)."""
    regions = find_regions(text, path)
    lines = split_lines(text)
    out, position = [], 0
    for region in regions:
        out.extend(lines[position:region.begin - 1])
        ending = lines[region.end - 1][len(lines[region.end - 1].rstrip("\r\n")):]
        out.append(region.indent + STUB_LINE + ending)
        position = region.end
    out.extend(lines[position:])
    stub = "".join(out)
    try:
        stub_tree = ast.parse(stub)
    except SyntaxError as error:
        raise StubError(path, regions[0].begin, f"the stub would not parse ({error.msg}, stub line "
                                                f"{error.lineno}): check the markers' indentation") from None
    kept = Counter(sig for sig, line in _signatures(ast.parse(text))
                   if not any(r.begin <= line <= r.end for r in regions))
    lost = kept - Counter(sig for sig, _ in _signatures(stub_tree))
    if lost:
        name = next(iter(lost))[0]
        raise StubError(path, 1, f"the stub lost or changed the signature of {name}()")
    return stub


def reference_modules(solutions_dir):
    """``{Path('<assignment>/<module>.py'): path}`` for every reference module, sorted.

    Folders and files whose names start with ``_`` or ``.`` (``__init__.py``,
    ``__pycache__``) are not reference modules.
    """
    solutions_dir = Path(solutions_dir)
    found = {}
    for path in sorted(solutions_dir.glob("*/*.py")):
        if path.parent.name.startswith(("_", ".")) or path.name.startswith(("_", ".")):
            continue
        found[path.relative_to(solutions_dir)] = path
    return found


def stubs_for(solutions_dir):
    """``{Path('<assignment>/<module>.py'): stub text}`` for every reference module."""
    solutions_dir = Path(solutions_dir)
    shown = solutions_dir.name
    return {relative: make_stub(_read(path), Path(shown) / relative)
            for relative, path in reference_modules(solutions_dir).items()}


def check(solutions_dir, assignments_dir):
    """``[(path under assignments_dir, reason)]`` for every stub out of sync; empty if in sync.

    Reasons: ``missing``, ``differs``, ``stale`` (a stub without a reference module).
    """
    assignments_dir = Path(assignments_dir)
    wanted = stubs_for(solutions_dir)
    problems = []
    for relative, stub in wanted.items():
        target = assignments_dir / relative
        if not target.is_file():
            problems.append((relative, "missing"))
        elif _read(target) != stub:
            problems.append((relative, "differs"))
    for relative in reference_modules(assignments_dir):
        if relative not in wanted:
            problems.append((relative, "stale"))
    return sorted(problems)


def generate(solutions_dir, assignments_dir):
    """Write the stub of every reference module into ``assignments_dir``.

    Every stub is made before anything is written, so broken markers leave
    ``assignments_dir`` untouched. Stubs without a reference module are
    removed. Returns ``[(path under assignments_dir, what was done)]`` for
    the files that changed.
    """
    assignments_dir = Path(assignments_dir)
    wanted = stubs_for(solutions_dir)
    done = []
    for relative, reason in check(solutions_dir, assignments_dir):
        target = assignments_dir / relative
        if reason == "stale":
            target.unlink()
            if not any(target.parent.iterdir()):
                target.parent.rmdir()
            done.append((relative, "removed"))
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            with open(target, "w", encoding="utf-8", newline="") as file:
                file.write(wanted[relative])
            done.append((relative, "written"))
    return done


def _read(path):
    with open(path, encoding="utf-8", newline="") as file:
        return file.read()


def _markers(tokens, path):
    """``[(line, column, indentation, BEGIN or END)]`` of the whole-line marker comments."""
    markers = []
    for token in tokens:
        if token.type != tokenize.COMMENT:
            continue
        text = token.string.rstrip()
        own_line = token.line[:token.start[1]].strip() == ""
        if text in (BEGIN, END) and own_line:
            indent = token.line[:token.start[1]]
            markers.append((token.start[0], token.start[1], indent, text))
        elif _LOOKS_LIKE_MARKER.match(text):
            where = "on a line of its own" if own_line else "alone on its line"
            raise StubError(path, token.start[0], f"malformed marker {text!r}: write exactly "
                                                  f"'{BEGIN}' or '{END}', {where}")
    return markers


def _functions(tree, tokens, lines):
    """Every def of the module with the line span of its body (comments included)."""
    # Lines where a logical line starts, with its column: a function's body ends
    # before the first one after its last statement at the def's column or less.
    starts, at_start = [], True
    skip = {tokenize.NL, tokenize.COMMENT, tokenize.INDENT, tokenize.DEDENT, tokenize.ENCODING}
    for token in tokens:
        if token.type == tokenize.NEWLINE:
            at_start = True
        elif at_start and token.type not in skip:
            starts.append(token.start)
            at_start = False
    position = {token.start: index for index, token in enumerate(tokens)}
    functions = []

    def visit(node, prefix):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                name = prefix + child.name
                # ast counts columns in UTF-8 bytes, tokenize in characters.
                line_text = lines[child.lineno - 1]
                column = len(line_text.encode("utf-8")[:child.col_offset].decode("utf-8", "ignore"))
                body_end = min((line - 1 for line, start in starts
                                if line > child.end_lineno and start <= column), default=len(lines))
                header_end = _header_end(tokens, position[(child.lineno, column)])
                functions.append(_Function(name, child.lineno, column, header_end, body_end))
                visit(child, name + ".")
            elif isinstance(child, ast.ClassDef):
                visit(child, prefix + child.name + ".")
            else:
                visit(child, prefix)

    visit(tree, "")
    return functions


def _header_end(tokens, index):
    """Line of the ':' that ends the signature starting at ``tokens[index]`` (``def`` or ``async``)."""
    depth = 0
    for token in tokens[index:]:
        if token.type == tokenize.OP:
            if token.string in "([{":
                depth += 1
            elif token.string in ")]}":
                depth -= 1
            elif token.string == ":" and depth == 0:
                return token.start[0]
    raise AssertionError("a def without ':'")  # ast.parse succeeded, so this cannot happen


def _signatures(tree):
    """``[((dotted name, signature dump), def line)]`` for every def of ``tree``."""
    found = []

    def visit(node, prefix):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                name = prefix + child.name
                signature = (type(child).__name__, ast.dump(child.args),
                             ast.dump(child.returns) if child.returns else "",
                             tuple(ast.dump(d) for d in child.decorator_list))
                found.append(((name, signature), child.lineno))
                visit(child, name + ".")
            elif isinstance(child, ast.ClassDef):
                visit(child, prefix + child.name + ".")
            else:
                visit(child, prefix)

    visit(tree, "")
    return found
