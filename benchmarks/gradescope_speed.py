"""How fast does the Gradescope bundle grade a lone submission? Prints medians (`make bench`).

    python benchmarks/gradescope_speed.py [--repeats 3] [--bundle build/gradescope/autograder.zip]

The bundle (built now unless ``--bundle`` names one) is unpacked into a
temporary ``AUTOGRADER_ROOT``, ``setup.sh`` runs in its offline mode with
this Python (no pip), and ``run_autograder`` grades, ``--repeats`` times each:
the reference (every function passes) and the stubs (every function fails at
once). Each run is timed from outside, from the start of ``run_autograder``
to its exit (what Gradescope waits for), and compared with the unit,
``python -c "import numpy, scipy"``. Wall time only: the run's two sandboxes
work beside the grader, and what Gradescope charges is the wait.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from release import gradescope  # noqa: E402
from release.submissions import reference_submission, stub_submission  # noqa: E402


def timed(command, **kwargs):
    wall = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, **kwargs)
    return time.perf_counter() - wall


def unpack(bundle, root):
    with zipfile.ZipFile(bundle) as archive:
        archive.extractall(root / "source")
    env = {**os.environ, "AUTOGRADER_ROOT": str(root), "AUTOGRADER_OFFLINE": "1", "AUTOGRADER_PYTHON": sys.executable}
    subprocess.run(["bash", str(root / "source" / "setup.sh")], check=True, env=env, stdout=subprocess.DEVNULL)
    shutil.copy(root / "source" / "run_autograder", root / "run_autograder")
    (root / "run_autograder").chmod(0o755)


def grade_lone(root, fill, repeats):
    shutil.rmtree(root / "submission", ignore_errors=True)
    fill(root / "submission")
    env = {**os.environ, "AUTOGRADER_ROOT": str(root)}
    return statistics.median(timed([str(root / "run_autograder")], env=env) for _ in range(repeats))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--bundle", type=Path, help="an autograder.zip already built (default: build one now)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        bundle = args.bundle or folder / "autograder.zip"
        if args.bundle is None:
            gradescope.build(ROOT, bundle)
        unpack(bundle, folder / "autograder")
        unit = statistics.median(timed([sys.executable, "-c", "import numpy, scipy"]) for _ in range(args.repeats))
        print(f"gradescope_speed: medians of {args.repeats} runs of run_autograder, as Gradescope runs it")
        label = 'python -c "import numpy, scipy" (the unit)'
        print(f"  {label:<44} {unit:5.2f} s wall")
        for name, fill in (("a lone submission, the reference", reference_submission),
                           ("a lone submission, the stubs", stub_submission)):
            wall = grade_lone(folder / "autograder", fill, args.repeats)
            print(f"  {name:<44} {wall:5.2f} s wall ({wall / unit:.1f}x the unit)")


if __name__ == "__main__":
    main()
