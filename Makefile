# The two commands in the README. Both set up a virtual environment on first
# use (and again whenever pyproject.toml changes), then do their job.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: run test lint bench

$(VENV)/.installed: pyproject.toml requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $@

run: $(VENV)/.installed  ## set up, then start the app on http://localhost:8501
	$(PY) -m streamlit run streamlit_app.py

test: $(VENV)/.installed  ## set up, then run every test (core, AppTest, browser)
	$(PY) -m pytest

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

bench: $(VENV)/.installed  ## the benchmark against a bare Streamlit app (bench/README.md)
	$(PY) -m bench.run
