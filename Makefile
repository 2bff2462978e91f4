# Two commands for everyone: `make lab` (learn) and `make test` (check everything).
# Both create .venv on first use and reinstall only when pyproject.toml changes.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
# nbgrader reads the course configuration from autograder/config/nbgrader_config.py, and runs
# some of its helpers (alembic) by name, so the environment's scripts go first on PATH.
export JUPYTER_CONFIG_PATH := $(CURDIR)/autograder/config
export PATH := $(CURDIR)/$(BIN):$(PATH)

LAB_ARGS  ?=
TEST_ARGS ?=
# The student's own copy of the course (ignored by git); notebooks/ is the release, which
# every `make release` regenerates.
WORKSPACE ?= my-work
# JupyterLab refuses to run as root unless told to (containers, CI machines).
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root)

.PHONY: help lab instructor test test-fast lint format release clean

help:
	@echo "make lab      set up .venv if needed, copy the course into my-work/ (or bring it up to date, never"
	@echo "             over your changes) and start JupyterLab there (LAB_ARGS='--no-browser --port 8899')"
	@echo "make instructor  JupyterLab on the repository with nbgrader's instructor tools (Formgrader, Create Assignment)"
	@echo "make test     set up .venv if needed, lint, and run the whole test suite (TEST_ARGS='-k datasets')"
	@echo "make test-fast  the unit tests only, on every core (about 75 s on 2; no kernels, servers, browser or sandbox)"
	@echo "make lint     ruff's checks and format check; make format applies them"
	@echo "make release  regenerate notebooks/ from solutions/ with nbgrader (FORCE=1 even over work in notebooks/)"
	@echo "make clean    remove .venv, caches and grading artefacts"

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed; set PYTHON=/path/to/python3.11")'
	@$(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); echo "Could not create $(VENV). On Debian or Ubuntu: sudo apt install python3-venv"; exit 1; }
	$(BIN)/python -m pip install --quiet --upgrade pip || { rm -rf $(VENV); exit 1; }

# The stamp files record what was installed; they are older than pyproject.toml only when it changed.
$(VENV)/.installed-lab: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --editable .
	@touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed-lab
	$(BIN)/python -m pip install --quiet --editable '.[test]'
	@touch $@

# The student mode: configuration of its own, which turns nbgrader's instructor tools off.
lab: $(VENV)/.installed-lab
	$(BIN)/python -m nbhelpers.workspace $(WORKSPACE) --course notebooks
	JUPYTER_CONFIG_PATH=$(CURDIR)/autograder/config/student \
		$(BIN)/jupyter lab --ServerApp.root_dir=$(WORKSPACE) $(ROOT_FLAG) $(LAB_ARGS)

instructor: $(VENV)/.installed-lab
	$(BIN)/jupyter lab --ServerApp.root_dir=. $(ROOT_FLAG) $(LAB_ARGS)

# Two test processes, one test file each at a time (module fixtures are set up once): most
# of a run waits on kernels, servers, sandboxes and the browser, so two overlap well even on
# 2 cores (about 14 minutes instead of 20 there).
test: lint
	$(BIN)/python -m pytest -n 2 --dist loadfile --durations=15 $(TEST_ARGS)

test-fast: $(VENV)/.installed-test
	$(BIN)/python -m pytest -m "not slow" -n auto $(TEST_ARGS)

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed-test
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

release: $(VENV)/.installed-lab
	$(BIN)/python -m autograder release $(if $(FORCE),--force)

clean:
	rm -rf $(VENV) .pytest_cache gradebook.db submitted autograded feedback
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
