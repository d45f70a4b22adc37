"""Every operation of every service, fed generated input: never a 5xx, always as its spec says.

Each service's own app runs in-process on SQLite without a broker (the outbox simply holds
what it would publish). Every generated request is sent as staff and as a member, so the
protected operations are exercised beyond their refusal. The run is seeded and bounded:
a few examples per operation, the same ones every time.
"""

import importlib
import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import schemathesis
from flask import Flask
from hypothesis import HealthCheck, given, settings
from schemathesis import Case
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from schemathesis.openapi import from_wsgi

from tests.support.auth import STAFF, bearer

METHODS = ("get", "put", "post", "patch", "delete")
SERVICES = ("membership", "events", "matching", "notifications", "collaboration")
DOCS = Path(__file__).resolve().parents[2] / "docs" / "openapi"
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
BOUNDED = settings(
    max_examples=6,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)


def _app(service: str, path: Path) -> Flask:
    web = importlib.import_module(f"{service}.entrypoints.web")
    app: Flask = web.create_app(
        {"database_url": f"sqlite:///{path}", "topic_prefix": "t-every-operation."}
    )
    return app


@pytest.fixture(scope="module")
def spec_of(
    sqlite_template: Callable[[str], Path], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Callable[[str], schemathesis.BaseSchema]]:
    """Return a function giving a service's spec, bound to its app on a fresh database."""
    apps: list[Flask] = []
    specs: dict[str, schemathesis.BaseSchema] = {}

    def make(service: str) -> schemathesis.BaseSchema:
        if service in specs:
            return specs[service]
        path = tmp_path_factory.mktemp(f"{service}-every-operation") / f"{service}.db"
        path.write_bytes(sqlite_template(service).read_bytes())
        apps.append(_app(service, path))
        specs[service] = from_wsgi("/openapi.json", apps[-1])
        return specs[service]

    yield make
    for app in apps:
        app.extensions["qplatform"].close()


def _operations() -> list[tuple[str, str, str]]:
    # The committed specs equal the code's own (a test checks it), so they name every operation.
    found = []
    for service in SERVICES:
        spec = json.loads((DOCS / f"{service}.json").read_text())
        found += [
            (service, method, path)
            for path, ops in spec["paths"].items()
            for method in ops
            if method in METHODS
        ]
    return found


@pytest.mark.parametrize(("service", "method", "path"), _operations())
def test_every_operation_answers_as_its_spec_says_to_staff_and_members(
    service: str, method: str, path: str, spec_of: Callable[[str], schemathesis.BaseSchema]
) -> None:
    operation = spec_of(service)[path][method]

    @BOUNDED
    @given(case=operation.as_strategy())
    def as_each_caller(case: Case) -> None:
        for headers in (STAFF, bearer("member-1")):
            case.call_and_validate(headers=headers, checks=CHECKS)

    as_each_caller()
