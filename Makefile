# The instructor repository. `make help` lists the targets.
PYTHON_SYSTEM ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# nbgrader runs `alembic` through PATH: every target sees the venv's bin first.
export PATH := $(CURDIR)/$(VENV)/bin:$(PATH)
STAMP := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help venv test demo stubs release gradescope bench clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): requirements.txt
	test -x $(PY) || $(PYTHON_SYSTEM) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $(STAMP)

venv: $(STAMP) ## Create .venv with the pinned requirements (the other targets do it when missing)

test: $(STAMP) ## Run the project's own test suite
	$(PY) -m pytest tests

demo: $(STAMP) ## Grade the bundled sample class (examples/class) and print the grade book
	$(PY) -m autograder grade-all examples/class --out demo-results
	$(PY) -m autograder report demo-results

stubs: $(STAMP) ## Regenerate the student stubs in assignments/ from solutions/
	$(PY) -m release stubs

release: $(STAMP) ## Build the student repository in build/student (with the leak check)
	$(PY) -m release student --out build/student

gradescope: $(STAMP) ## Build Gradescope's autograder bundle in build/gradescope/autograder.zip
	$(PY) -m release gradescope --out build/gradescope/autograder.zip

bench: $(STAMP) ## Print the grader's speed: medians and ratios of every benchmark in benchmarks/
	for script in benchmarks/*.py; do $(PY) $$script || exit 1; done

clean: ## Remove build outputs and caches (keeps .venv)
	rm -rf build demo-results .cache .pytest_cache .hypothesis
