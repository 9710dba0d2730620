"""Command line: ``python -m autograder grade | grade-all | gradebook | report`` (COURSE_SPEC.md, "The grader's command line")."""
import argparse
import os
import sys
import tempfile
from pathlib import Path

from autograder.sandbox import Limits


class OneLineParser(argparse.ArgumentParser):
    """Bad arguments get one line saying what is wrong, and exit status 2."""

    def error(self, message):
        self.exit(2, f"{self.prog}: error: {message}\n")


def _positive(kind):
    def parse(text):
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a positive number, got {text!r}") from None
        if value <= 0:
            raise argparse.ArgumentTypeError(f"expected a positive number, got {text!r}")
        return value
    return parse


def _folder(text):
    if not Path(text).is_dir():
        raise argparse.ArgumentTypeError(f"no such folder: {text}")
    return Path(text)


def cannot_write_folder(folder):
    """None if results can be written in ``folder`` (created with its missing parents), else why not."""
    if folder.exists() and not folder.is_dir():
        return f"{folder} is a file, not a folder"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, probe = tempfile.mkstemp(dir=folder, prefix=".autograder-probe-")
        os.close(handle)
        os.unlink(probe)
    except OSError as error:
        return error.strerror or str(error)
    return None


def cannot_write_file(path):
    """None if a file can be written (atomically: a new file, then renamed) at ``path``, else why not."""
    if path.is_dir():
        return "it is a folder"
    return cannot_write_folder(path.parent)


def _limit_options(parser):
    defaults = Limits()
    group = parser.add_argument_group("limits for one submission")
    group.add_argument("--memory-mb", type=_positive(int), default=defaults.memory_bytes >> 20,
                       help="address space of the worker, in MiB (default %(default)s)")
    group.add_argument("--cpu-seconds", type=_positive(int), default=defaults.cpu_seconds,
                       help="CPU time of each student function's process, in seconds (default %(default)s)")
    group.add_argument("--wall-seconds", type=_positive(float), default=defaults.wall_seconds,
                       help="wall time for the whole submission (default %(default)s)")
    group.add_argument("--call-seconds", type=_positive(float), default=defaults.call_seconds,
                       help="wall time for one call of a student function (default %(default)s)")


def _limits(options):
    return Limits(memory_bytes=options.memory_mb << 20, cpu_seconds=options.cpu_seconds,
                  wall_seconds=options.wall_seconds, call_seconds=options.call_seconds)


def parser():
    main = OneLineParser(prog="python -m autograder", description="The hidden autograder of the MLE course.")
    commands = main.add_subparsers(dest="command", required=True, parser_class=OneLineParser)
    grade = commands.add_parser("grade", help="grade one submission and write Gradescope's results.json")
    grade.add_argument("submission", type=_folder,
                       help="a student repository, its assignments/ folder or the bare modules (or one folder down)")
    grade.add_argument("--json", required=True, type=Path, metavar="RESULTS", help="where to write results.json")
    _limit_options(grade)
    batch = commands.add_parser("grade-all", help="grade every sub-folder of SUBMISSIONS_DIR (resumable)")
    batch.add_argument("submissions", type=_folder, metavar="SUBMISSIONS_DIR")
    batch.add_argument("--out", required=True, type=Path, metavar="OUT_DIR",
                       help="results: OUT_DIR/<student>/results.json and OUT_DIR/grades.csv")
    batch.add_argument("--jobs", type=_positive(int), default=None, help="students graded at once (default: cores)")
    batch.add_argument("--no-progress", action="store_true", help="no progress bar")
    batch.add_argument("--force", action="store_true",
                       help="regrade every student (by default a result whose fingerprint still matches is kept)")
    batch.add_argument("--scheduler", metavar="ADDRESS",
                       help="grade on a Dask cluster: its scheduler (tcp://host:8786), or 'local' for a LocalCluster "
                            "of --jobs worker processes on this machine")
    _limit_options(batch)
    gradebook = commands.add_parser(
        "gradebook", help="grade an nbgrader course's submitted/ in the sandbox and fill its gradebook.db")
    gradebook.add_argument("course", type=_folder, metavar="COURSE_DIR", help="the nbgrader course directory")
    gradebook.add_argument("assignments", nargs="*", metavar="ASSIGNMENT", help="assignment ids (default: all)")
    gradebook.add_argument("--jobs", type=_positive(int), default=None, help="students graded at once (default: cores)")
    gradebook.add_argument("--no-progress", action="store_true", help="no progress bar")
    _limit_options(gradebook)
    report = commands.add_parser("report", help="print the grade book of a graded class")
    report.add_argument("out", type=_folder, metavar="OUT_DIR")
    report.add_argument("--html", action="store_true",
                        help="also write OUT_DIR/report.html, misconceptions.csv and each <student>/feedback.md")
    return main


def main(argv=None):
    command_line = parser()
    options = command_line.parse_args(argv)
    if options.command == "grade":
        why = cannot_write_file(options.json)
        if why:
            command_line.error(f"cannot write results to {options.json}: {why}")
        from autograder.batch import write_json
        from autograder.discovery import nothing_found, submission_files
        from autograder.grading import grade

        results = grade(options.submission, _limits(options))
        write_json(options.json, results)
        if not submission_files(options.submission):
            print(nothing_found(options.submission), file=sys.stderr)
        print(f"{options.submission}: {results['score']:g} / {results['max_score']:g} -> {options.json}")
        return 0
    if options.command == "grade-all":
        why = cannot_write_folder(options.out)
        if why:
            command_line.error(f"cannot write results to {options.out}: {why}")
        return _grade_all(command_line, options)
    if options.command == "gradebook":
        return _gradebook(options)
    from autograder.report import grade_book, write_reports

    print(grade_book(options.out))
    if options.html:
        print(f"class report: {write_reports(options.out)}")
    return 0


def _gradebook(options):
    from autograder import nbgrader_gradebook

    try:
        outcome = nbgrader_gradebook.fill(options.course, options.assignments, _limits(options),
                                          options.jobs, not options.no_progress)
    except nbgrader_gradebook.GradebookError as error:
        print(f"python -m autograder gradebook: error: {error}", file=sys.stderr)
        return 2
    failed = {pair: why for pair, why in outcome.items() if not isinstance(why, dict)}
    for (student, assignment), why in failed.items():
        print(f"could not grade {student}/{assignment}: {why}", file=sys.stderr)
    print(f"recorded {len(outcome) - len(failed)} submission(s) in {options.course / 'gradebook.db'}")
    return 1 if failed else 0


def _grade_all(command_line, options):
    from autograder.batch import grade_all

    arguments = (options.submissions, options.out, _limits(options), options.jobs, not options.no_progress,
                 options.force)
    if options.scheduler:
        from autograder import dask_cluster

        try:
            outcome = grade_all(*arguments, grader=dask_cluster.grader(options.scheduler, options.jobs))
        except dask_cluster.ClusterError as error:
            command_line.error(str(error))
    else:
        outcome = grade_all(*arguments)
    failed = {s: why for s, why in outcome.items() if why}
    for student, why in failed.items():
        print(f"could not grade {student}: {why}", file=sys.stderr)
    print(outcome.summary(options.out / "grades.csv"))
    return 1 if failed else 0
