# One command to install and run, one to install and test. See README.md.
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test test-fast install system-deps lint

run: install
	$(VENV)/bin/smallwins run

test: install lint
	sh scripts/run-tests.sh $(PY)

test-fast: install
	$(PY) -m pytest -m "not slow"

lint: install
	$(PY) -m ruff check .

install: system-deps $(STAMP)

system-deps:
	sh scripts/install-system-deps.sh

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)
