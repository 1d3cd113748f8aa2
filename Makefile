# The two commands in the README. Both set up a virtual environment on first
# use (and again whenever pyproject.toml or the pins change), then do their job,
# installing the exact versions in constraints.txt (refresh: `make constraints`).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: run test lint bench constraints faketime

$(VENV)/.installed: pyproject.toml requirements.txt constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e ".[dev]"
	touch $@

# Re-pin: the newest versions pyproject.toml allows, installed into a fresh throwaway
# environment, written to constraints.txt (everything, for CI and `make`) and
# requirements.txt (the runtime part, for Community Cloud) by tools/pins.py.
# Then run `make test lint` and commit both files.
PINS_VENV := .venv-pins
constraints:  ## refresh constraints.txt and requirements.txt (see tools/pins.py)
	rm -rf $(PINS_VENV)
	$(PYTHON) -m venv $(PINS_VENV)
	$(PINS_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(PINS_VENV)/bin/python -m pip install --quiet ".[dev]"
	$(PINS_VENV)/bin/python tools/pins.py
	rm -rf $(PINS_VENV)

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

# The core's tests on other days of the year (libfaketime: apt-get install faketime).
# The core takes `today` as an argument, so no result may depend on the machine's date.
# FAKETIME_FORCE_MONOTONIC_FIX=0: with it on, Python 3.11's time.sleep fails (EINVAL).
FAKE_DAYS ?= 2027-01-01 2027-03-19 2027-06-02 2027-09-02 2027-11-30 2028-02-29
faketime: $(VENV)/.installed  ## the core's tests under faketime, one run per day above
	for day in $(FAKE_DAYS); do \
	  echo "== $$day"; \
	  FAKETIME_FORCE_MONOTONIC_FIX=0 faketime "$$day 12:00:00" \
	    $(PY) -m pytest -q -p no:cacheprovider -m "not browser and not app" || exit 1; \
	done
