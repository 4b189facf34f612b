# quorum: the two commands of the README's quick start, and a few more.
#
# `make run` and `make test` work on a stock Debian or Ubuntu machine with nothing but
# python3 and make: the system Python is "externally managed" there (PEP 668) and refuses
# `pip install`, so quorum installs itself into a project environment, `.venv`, created on
# first use. An environment that is already active (a virtualenv: VIRTUAL_ENV; a conda
# environment: CONDA_PREFIX) is used as it is instead. What the system lacks to create
# `.venv` (Debian's python3-venv) is installed with apt-get, like chromium for the suite,
# through sudo when not run as root.
#
#   make test PYTHON=/usr/bin/python3   # the interpreter that creates .venv (default python3)
#   make test VENV=/somewhere/else      # another place for the project environment
#   make test PYTEST_ARGS=tests/test_cli.py   # a part of the suite

PYTHON ?= python3
VENV ?= .venv

ifneq ($(strip $(VIRTUAL_ENV)$(CONDA_PREFIX)),)
# An active environment: its own interpreter, nothing to create.
PY := $(PYTHON)
ENV_READY :=
else
PY := $(VENV)/bin/python
ENV_READY := $(VENV)/.created
endif

SUDO_CMD = if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi

.PHONY: run test install install-test browser lint typecheck bench venv

install: $(ENV_READY)
	$(PY) -m pip install -q -e .

run: install
	$(PY) -m streamlit run app.py

# Installs everything the suite needs (Debian's chromium for the browser test, the test
# extras) and runs the whole suite on both cores.
test: browser install-test
	$(PY) -m pytest -n 2 --dist loadfile $(PYTEST_ARGS)

install-test: $(ENV_READY)
	$(PY) -m pip install -q -e ".[test]"

venv: $(ENV_READY)

# The project environment. Debian's Python cannot create one until python3-venv (ensurepip)
# is installed: try, and install it only when the first attempt fails.
$(VENV)/.created:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { \
	  echo "quorum needs Python 3.11 or later; $(PYTHON) is $$($(PYTHON) -V 2>&1)." \
	       "Fix: make ... PYTHON=python3.11 (or newer)" >&2; exit 1; }
	@echo "quorum: creating the project environment $(VENV) with $(PYTHON)"
	@rm -rf $(VENV)
	@$(PYTHON) -m venv $(VENV) >/dev/null 2>&1 || { \
	  rm -rf $(VENV); \
	  echo "quorum: $(PYTHON) cannot create $(VENV) yet; installing python3-venv with apt-get"; \
	  $(SUDO_CMD); \
	  V=$$($(PYTHON) -c 'import sys; print("python%d.%d-venv" % sys.version_info[:2])'); \
	  $$SUDO apt-get update -qq && \
	  { $$SUDO apt-get install -y -qq python3-venv $$V || $$SUDO apt-get install -y -qq python3-venv; } && \
	  $(PYTHON) -m venv $(VENV); }
	$(VENV)/bin/python -m pip install -q --upgrade pip
	@touch $@

browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  $(SUDO_CMD); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium; }

lint: install-test
	$(PY) -m ruff check quorum dashboard app.py app_pages tests benchmarks
	$(PY) -m mypy

bench: install
	for f in benchmarks/bench_*.py; do $(PY) $$f; done
