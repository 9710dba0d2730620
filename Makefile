# The instructor repository. `make help` lists the targets.
PYTHON_SYSTEM ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# $(PYTHON_SYSTEM) as the user meant it: looked up on their PATH, not the one below.
SYSTEM_PATH := $(PATH)
SYSTEM_PYTHON = $(shell PATH="$(SYSTEM_PATH)" command -v $(PYTHON_SYSTEM))
# nbgrader runs `alembic` through PATH: every target sees the venv's bin first.
export PATH := $(CURDIR)/$(VENV)/bin:$(PATH)
STAMP := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help venv test demo stubs release notebooks gradescope bench clean report-screenshot

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

# The pinned numpy 2.4 and scipy 1.17 need Python >= 3.11: say so in one line, before pip does.
NEEDS := error: the pinned requirements need Python >= 3.11
ANOTHER := choose another: make test PYTHON_SYSTEM=python3.12
CHECK_PYTHON := import sys; v = sys.version_info; sys.exit("$(NEEDS); PYTHON_SYSTEM=$(PYTHON_SYSTEM) is Python " \
  "%d.%d.%d (%s); $(ANOTHER)" % (v[0], v[1], v[2], sys.executable)) if v[:2] < (3, 11) else None

$(STAMP): requirements.txt
	@test -x $(PY) || test -n "$(SYSTEM_PYTHON)" || { echo "$(NEEDS); no $(PYTHON_SYSTEM) on PATH; $(ANOTHER)" >&2; exit 1; }
	@test -x $(PY) || $(SYSTEM_PYTHON) -c '$(CHECK_PYTHON)'
	test -x $(PY) || $(SYSTEM_PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $(STAMP)

venv: $(STAMP) ## Create .venv with the pinned requirements (the other targets do it when missing)

test: $(STAMP) ## Run the project's own test suite
	$(PY) -m pytest tests

demo: $(STAMP) ## Grade the bundled sample class (examples/class) and print the grade book
	$(PY) -m autograder grade-all examples/class --out demo-results
	$(PY) -m autograder report demo-results
	@echo "class report: file://$(CURDIR)/demo-results/report.html (and demo-results/<student>/feedback.md)"

stubs: $(STAMP) ## Regenerate the student stubs in assignments/ from solutions/
	$(PY) -m release stubs

release: $(STAMP) ## Build build/student and the nbgrader course build/course (real nbgrader; leak checks)
	$(PY) -m release student --out build/student
	$(PY) -m release notebooks --check
	$(PY) -m release course --out build/course

notebooks: $(STAMP) ## Regenerate notebooks/*.ipynb from their percent scripts notebooks/*.py
	$(PY) -m release notebooks

gradescope: $(STAMP) ## Build Gradescope's autograder bundle in build/gradescope/autograder.zip
	$(PY) -m release gradescope --out build/gradescope/autograder.zip

bench: $(STAMP) ## Print the grader's speed: medians and ratios of every benchmark in benchmarks/
	for script in benchmarks/*.py; do $(PY) $$script || exit 1; done

report-screenshot: demo ## Screenshot the sample class's report in Chromium: docs/report.png, build/report-screenshots/
	$(PY) -m autograder.chromium demo-results/report.html docs/report.png build/report-screenshots

clean: ## Remove build outputs and caches (keeps .venv)
	rm -rf build demo-results .cache .pytest_cache .hypothesis
