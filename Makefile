# Quickstart targets: `make demo` builds the example graph, `make test` runs the tests.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin

.PHONY: demo test install install-test lint bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

install: $(BIN)/python
	PYTHONWARNINGS="ignore:Editable installation" $(BIN)/pip install --quiet -e .

install-test: $(BIN)/python
	PYTHONWARNINGS="ignore:Editable installation" $(BIN)/pip install --quiet -e '.[test]'

demo: install
	$(BIN)/policykg build examples/reports

test: install-test
	$(BIN)/ruff check .
	$(BIN)/pytest -q

lint: install-test
	$(BIN)/ruff check .

bench: install-test
	$(BIN)/python benchmarks/bench_extract.py
	$(BIN)/python benchmarks/bench_store.py
	$(BIN)/python benchmarks/bench_export.py
	$(BIN)/python benchmarks/bench_viz.py
	$(BIN)/python benchmarks/bench_scale.py   # corpus: $$POLICYKG_BENCH_CORPUS, else the examples
