# Two commands matter: `make run` (the platform on this machine) and `make test` (the suite).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: setup kafka-jars run test lint format docs clean

setup: $(VENV)/.installed kafka-jars

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

# Downloads Apache Kafka's jars from Maven Central once, and again when the pom changes.
kafka-jars:
	deploy/kafka/broker.sh fetch

run: setup
	$(BIN)/python deploy/local/run.py

test: setup lint
	$(BIN)/pytest

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy shared services

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
