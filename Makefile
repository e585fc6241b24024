# Set-up is part of every target: a fresh clone needs only `make run` or `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: install run test bench lint load

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	# The CPU build of PyTorch first (it lies on this machine's disk); a bare `torch`
	# requirement would pull a multi-GB CUDA build instead.
	$(PY) -m pip install --quiet torch==2.13.0
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# The main job on the embedded default: SQLite file under var/, the packaged model, no other service.
run: install
	RECOMMENDER_RECRUITER_API_KEY=$${RECOMMENDER_RECRUITER_API_KEY:-local-recruiter-key} \
		$(VENV)/bin/recommender serve --host 127.0.0.1 --port $${PORT:-8000}

test: install
	$(VENV)/bin/ruff check recommender api tests scripts
	$(VENV)/bin/ruff format --check recommender api tests scripts
	$(VENV)/bin/mypy recommender api
	$(PY) -m pytest -n 2

bench: install
	$(PY) -m recommender.bench

load: install
	$(PY) scripts/load_test.py

lint: install
	$(VENV)/bin/ruff check recommender api tests scripts
	$(VENV)/bin/mypy recommender api
