"""``python -m release``: stubs, the student repository, the leak check.

    python -m release stubs             regenerate assignments/ from solutions/
    python -m release stubs --check     exit 1 listing the stubs out of sync (changes nothing)
    python -m release student --out DIR  build the student repository in DIR (wiped first)
    python -m release leaks DIR         the leak check alone, on a built student repository
    python -m release notebooks         regenerate notebooks/<assignment>.ipynb from notebooks/<assignment>.py
    python -m release notebooks --check exit 1 listing the notebooks out of sync (changes nothing)
    python -m release course --out DIR  build the nbgrader course directory in DIR (real nbgrader, leak check)
    python -m release gradescope --out ZIP [--hidden-visibility V]   Gradescope's autograder bundle
    python -m release workflows [--check]  write (or check) the CI workflows (release/workflows.py)

Exit status: 0 done, 1 a problem to fix (broken markers, stubs out of sync,
a leak), 2 bad arguments.
"""
import argparse
import sys
from pathlib import Path

from . import ROOT, gradescope, leaks, nbgrader_course, notebooks, stubs, student, workflows


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m release", description="Generate what students receive from the instructor repository.")
    parser.add_argument("--root", type=Path, default=ROOT,
                        help="the instructor repository (default: the one holding this package)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    command = commands.add_parser("stubs", help="regenerate assignments/ from solutions/")
    command.add_argument("--check", action="store_true",
                         help="change nothing; exit 1 and list the stubs that are out of sync")
    command = commands.add_parser("student", help="build the student repository, then run the leak check")
    command.add_argument("--out", type=Path, required=True, metavar="DIR",
                         help="where to build it (wiped first; a .git inside is kept)")
    command = commands.add_parser("leaks", help="check a built student repository for solution or grader material")
    command.add_argument("dir", type=Path, metavar="DIR", help="the built student repository")
    command = commands.add_parser("notebooks", help="regenerate notebooks/*.ipynb from their percent scripts")
    command.add_argument("--check", action="store_true",
                         help="change nothing; exit 1 and list the notebooks that are out of sync")
    command = commands.add_parser("course", help="build the nbgrader course directory, then run the leak check")
    command.add_argument("--out", type=Path, required=True, metavar="DIR",
                         help="where to build it (source/, release/ and nbgrader_config.py are rewritten; "
                              "submitted/, autograded/, feedback/ and gradebook.db are kept)")
    command = commands.add_parser("gradescope", help="build Gradescope's autograder.zip")
    command.add_argument("--out", type=Path, default=gradescope.default_out(), metavar="ZIP",
                         help="where to write it (default build/gradescope/autograder.zip)")
    command.add_argument("--hidden-visibility", default="after_published",
                         choices=("hidden", "after_due_date", "after_published", "visible"),
                         help="when students see the hidden tests' results (default %(default)s)")
    command = commands.add_parser("workflows", help="write the CI workflows of this repository and the student release")
    command.add_argument("--check", action="store_true",
                         help="change nothing; exit 1 and list the workflows that are out of sync")
    args = parser.parse_args(argv)

    root = args.root.resolve()
    if not (root / "solutions").is_dir():
        parser.error(f"--root {args.root}: no solutions/ folder there")
    if args.command == "leaks" and not args.dir.is_dir():
        parser.error(f"leaks: {args.dir} is not a folder")
    try:
        commands = {"stubs": _stubs, "student": _student, "leaks": _leaks, "notebooks": _notebooks, "course": _course,
                    "gradescope": _gradescope, "workflows": _workflows}
        return commands[args.command](root, args)
    except (stubs.StubError, student.ReleaseError, notebooks.NotebookError) as error:
        print(f"error: {error}", file=sys.stderr)
        if isinstance(error, student.LeakError):
            for finding in error.findings:
                print(f"  {finding}", file=sys.stderr)
        return 1


def _stubs(root, args):
    solutions, assignments = root / "solutions", root / "assignments"
    if args.check:
        problems = stubs.check(solutions, assignments)
        if problems:
            print("assignments/ is out of sync with solutions/ (run `make stubs`):", file=sys.stderr)
            for relative, reason in problems:
                print(f"  assignments/{relative.as_posix()}: {reason}", file=sys.stderr)
            return 1
        print(f"assignments/ matches solutions/ ({len(stubs.reference_modules(solutions))} stubs)")
        return 0
    done = stubs.generate(solutions, assignments)
    for relative, what in done:
        print(f"assignments/{relative.as_posix()}: {what}")
    if not done:
        print(f"assignments/ already matches solutions/ ({len(stubs.reference_modules(solutions))} stubs)")
    return 0


def _student(root, args):
    written = student.build(root, args.out)
    n_stubs = sum(path.startswith("assignments/") for path in written)
    n_tests = sum(path.startswith("tests/") for path in written)
    print(f"built {args.out}: {n_stubs} stubs, {n_tests} public test files, {len(written)} files in all; "
          f"leak check clean")
    return 0


def _gradescope(root, args):
    count = gradescope.build(root, args.out, args.hidden_visibility)
    print(f"built {args.out}: {count} files; hidden tests {args.hidden_visibility}")
    return 0


def _workflows(root, args):
    if args.check:
        stale = workflows.out_of_sync(root)
        for path in stale:
            print(f"{path} is out of sync with release/workflow_files/ (run `python -m release workflows`)",
                  file=sys.stderr)
        if not stale:
            print(f"the {len(workflows.WORKFLOWS)} workflows match release/workflow_files/")
        return 1 if stale else 0
    changed = workflows.write(root)
    print(f"wrote {', '.join(changed)}" if changed else f"the {len(workflows.WORKFLOWS)} workflows are up to date")
    return 0


def _leaks(root, args):
    findings = leaks.check(args.dir, root)
    for finding in findings:
        print(f"{args.dir / finding.path}" + str(finding)[len(finding.path):])
    if findings:
        print(f"{len(findings)} leak(s) in {args.dir}", file=sys.stderr)
        return 1
    print(f"no leaks in {args.dir}")
    return 0


def _notebooks(root, args):
    if args.check:
        stale = notebooks.check(root)
        for path in stale:
            print(f"{path.relative_to(root)} is out of sync with {path.with_suffix('.py').name} "
                  "(run `python -m release notebooks`)", file=sys.stderr)
        if not stale:
            print(f"{notebooks.FOLDER}/ is in sync ({len(notebooks.expected(root))} notebooks)")
        return 1 if stale else 0
    written = notebooks.generate(root)
    for path in written:
        print(f"wrote {path.relative_to(root)}")
    if not written:
        print(f"{notebooks.FOLDER}/ already in sync")
    return 0


def _course(root, args):
    built = nbgrader_course.build(root, args.out)
    print(f"built {args.out}: {len(built)} assignments generated by nbgrader; leak check of release/ clean")
    return 0


if __name__ == "__main__":
    sys.exit(main())
