# Two commands matter: `make run` (the platform on this machine) and `make test` (the suite).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: setup kafka-jars run test test-fast lint format docs clean

setup: $(VENV)/.installed kafka-jars

# Prints a line per package; pip's own output goes to .run/install.log.
$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -m venv $(VENV)
	@$(BIN)/python deploy/local/install.py
	@touch $@

# Downloads Apache Kafka's jars from Maven Central once, and again when the pom changes.
kafka-jars:
	@deploy/kafka/broker.sh fetch

# exec: the runner is make's own child, which it watches to stop with make (deploy/local/parent.py).
run: setup
	@exec $(BIN)/python deploy/local/run.py

test: setup lint
	$(BIN)/pytest

# The service layers on in-memory units of work: no broker, no database, under a minute.
test-fast: $(VENV)/.installed
	$(BIN)/pytest -q tests/unit

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy shared services
	$(BIN)/mypy --explicit-package-bases bench
	$(BIN)/lint-imports

format: $(VENV)/.installed
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# The event catalog and OpenAPI specs are generated from the code; tests fail when stale.
docs: $(VENV)/.installed
	$(BIN)/qp-docs
	$(BIN)/python deploy/k8s/render.py

clean:
	deploy/kafka/broker.sh stop || true
	rm -rf .run
