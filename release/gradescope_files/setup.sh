#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder's image
# (Ubuntu 22.04 by default). It leaves the system python3 alone and makes:
#   - a Python >= 3.11 (the pinned numpy 2.4 and scipy 1.17 need it): the
#     machine's python3 if new enough, else python3.12 from the deadsnakes
#     PPA (installed beside the system python3, which Gradescope's harness uses);
#   - $AUTOGRADER_ROOT/venv (default /autograder/venv) with the bundle's pins;
#   - bubblewrap, the sandbox student code runs in.
# AUTOGRADER_OFFLINE=1 skips apt-get and pip, for machines that cannot reach
# them: AUTOGRADER_PYTHON must then name a Python >= 3.11 that already has the
# pinned packages, and the venv's python runs it.
set -euo pipefail
ROOT="${AUTOGRADER_ROOT:-/autograder}"
SOURCE="$ROOT/source"
VENV="$ROOT/venv"

new_enough() { "$1" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; }

find_python() {
    for candidate in "${AUTOGRADER_PYTHON:-}" python3 python3.13 python3.12 python3.11; do
        if [ -n "$candidate" ] && command -v "$candidate" >/dev/null && new_enough "$candidate"; then
            command -v "$candidate"
            return 0
        fi
    done
    return 1
}

if [ "${AUTOGRADER_OFFLINE:-0}" = 1 ]; then
    PYTHON="$(find_python)" || { echo "setup.sh: AUTOGRADER_OFFLINE=1 needs AUTOGRADER_PYTHON, a Python >= 3.11" >&2; exit 1; }
    mkdir -p "$VENV/bin"
    printf '#!/bin/sh\nexec %s "$@"\n' "$PYTHON" > "$VENV/bin/python"
    chmod 755 "$VENV/bin/python"
else
    if ! PYTHON="$(find_python)"; then
        apt-get update
        DEBIAN_FRONTEND=noninteractive apt-get install -y software-properties-common
        add-apt-repository -y ppa:deadsnakes/ppa
        DEBIAN_FRONTEND=noninteractive apt-get install -y python3.12 python3.12-venv
        PYTHON="$(command -v python3.12)"
    fi
    if ! "$PYTHON" -m venv "$VENV"; then  # Debian splits ensurepip into python3.X-venv
        DEBIAN_FRONTEND=noninteractive apt-get install -y "python3.$("$PYTHON" -c 'import sys; print(sys.version_info[1])')-venv"
        rm -rf "$VENV"
        "$PYTHON" -m venv "$VENV"
    fi
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --no-cache-dir -r "$SOURCE/requirements.txt"
    if ! command -v bwrap >/dev/null; then
        apt-get update
        DEBIAN_FRONTEND=noninteractive apt-get install -y bubblewrap
    fi
fi
# Compiled now, once: every submission then starts from the image's bytecode.
"$VENV/bin/python" -m compileall -q "$SOURCE" >/dev/null
# The grader, the reference and the answers are root's alone: student code runs as another uid.
chmod 700 "$SOURCE"
"$VENV/bin/python" -c 'import sys, numpy, scipy, hypothesis, pytest; print("setup.sh: Python", sys.version.split()[0], "numpy", numpy.__version__, "scipy", scipy.__version__)'
