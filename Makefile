# member_value: two commands for a new user, `make build` and `make test`.
# Every target sets up what it needs itself; `make help` lists them.

SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON_BOOTSTRAP ?= python3
VENV := .venv
BIN := $(VENV)/bin
UV_VERSION := 0.13.9
INSTALLED := $(VENV)/.installed

export MEMBER_VALUE_RAW_DIR ?= data/raw
# `make build AS_OF_DATE=2025-06-30` and `make build VARS='{rfm_window_days: 180}'`
# reach dbt through the environment, so no value is pasted into a shell command.
export MEMBER_VALUE_AS_OF_DATE := $(AS_OF_DATE)
export MEMBER_VALUE_DBT_VARS := $(VARS)
export MEMBER_VALUE_DB ?= warehouse/member_value.duckdb
export DBT_PROFILES_DIR ?= $(CURDIR)
DEMO_MEMBERS ?= 20000
DEMO_SEED ?= 42
MEMBERS ?= 1000000
# pytest processes for `make test` (pytest-xdist; one test file per
# process at a time; README, Measurements, gives the time with 2).
TEST_WORKERS ?= 2
DBT := $(BIN)/dbt
DBT_VARS = $(if $(VARS),--vars "$$MEMBER_VALUE_DBT_VARS",)

.PHONY: help install data build dbt-build docs-generate docs lint test test-python bench clean

help: ## List the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  %-16s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(INSTALLED): requirements.lock pyproject.toml
	@test -x $(BIN)/python || $(PYTHON_BOOTSTRAP) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet "uv==$(UV_VERSION)"
	$(BIN)/uv pip install --quiet --python $(BIN)/python -r requirements.lock
	@touch $@

install: $(INSTALLED) ## Create .venv with the pinned dependencies (requirements.lock)

data: $(INSTALLED) ## Generate the demo raw data into data/raw unless raw files are already there
	@if [ -e "$$MEMBER_VALUE_RAW_DIR/members.parquet" ] || [ -e "$$MEMBER_VALUE_RAW_DIR/members.csv" ]; then \
		echo "raw data found in $$MEMBER_VALUE_RAW_DIR; not generating"; \
	elif [ "$$MEMBER_VALUE_RAW_DIR" = "data/raw" ]; then \
		$(BIN)/python -m member_value.generate --members $(DEMO_MEMBERS) --seed $(DEMO_SEED) \
			--out data/raw --truth-out data/truth; \
	else \
		echo "MEMBER_VALUE_RAW_DIR=$$MEMBER_VALUE_RAW_DIR holds no members.parquet or members.csv" >&2; exit 1; \
	fi

dbt-build: $(INSTALLED) ## Run dbt build (seeds, models, tests) into $(MEMBER_VALUE_DB)
	@mkdir -p "$$(dirname "$$MEMBER_VALUE_DB")"
	$(DBT) build $(DBT_VARS)

docs-generate: $(INSTALLED) ## Generate the dbt docs site into target/
	$(DBT) docs generate $(DBT_VARS)

build: data dbt-build docs-generate ## Set up, generate demo data if needed, dbt build, dbt docs generate

docs: $(INSTALLED) ## Serve the generated docs on http://localhost:8080
	$(DBT) docs serve --port 8080

lint: $(INSTALLED) ## Lint the SQL with sqlfluff (dbt templater)
	MEMBER_VALUE_DB=target/sqlfluff.duckdb $(BIN)/sqlfluff lint models analyses data-tests

test-python: $(INSTALLED) ## Run pytest: generator tests and end-to-end builds in temporary folders
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile

test: lint test-python ## Run every check: sqlfluff lint and pytest

bench: $(INSTALLED) ## Benchmark a full build of MEMBERS generated members (default 1000000) into docs/benchmarks.md
	$(BIN)/python scripts/bench/benchmark.py --members $(MEMBERS)

clean: ## Remove everything the build made (venv, generated data, warehouse, dbt artefacts)
	rm -rf $(VENV) data warehouse target logs dbt_packages .pytest_cache .user.yml
	find . -name __pycache__ -type d -prune -exec rm -rf {} +

-include spark.mk
