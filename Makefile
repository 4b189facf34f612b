# quorum: the two commands of the README's quick start, and a few more.
PYTHON ?= python3

.PHONY: run test install install-test browser lint typecheck bench

install:
	$(PYTHON) -m pip install -q -e .

run: install
	$(PYTHON) -m streamlit run app.py

# Installs everything the suite needs (Debian's chromium for the browser test, the test
# extras) and runs the whole suite on both cores.
test: browser install-test
	$(PYTHON) -m pytest -n 2 --dist loadfile

install-test:
	$(PYTHON) -m pip install -q -e ".[test]"

browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium; }

lint:
	$(PYTHON) -m ruff check quorum dashboard app.py app_pages tests benchmarks
	$(PYTHON) -m mypy

bench:
	for f in benchmarks/bench_*.py; do $(PYTHON) $$f; done
