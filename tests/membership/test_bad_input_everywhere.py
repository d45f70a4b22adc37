"""Every field of every membership request, given bad input of each kind, is refused by name.

The cases come from membership's published OpenAPI document (kept in step with the code by
the docs test), so a new field or route is covered the day it is published.
"""

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.membership.conftest import counts
from tests.membership.responses import body
from tests.support.auth import STAFF

SPEC = json.loads((Path(__file__).parents[2] / "docs" / "openapi" / "membership.json").read_text())
WRONG_TYPE: dict[str, Any] = {
    "string": 12345,
    "integer": "many",
    "boolean": "perhaps",
    "array": "not a list",
}
BAD_FORMAT = {"email": "not-an-email", "date": "31/02/2026", "url": "not a link"}
Case = tuple[str, Any]


def bad_values(prop: dict[str, Any]) -> Iterator[Any]:
    """Yield values that break one property's type, length, pattern, range or format."""
    yield WRONG_TYPE[prop["type"]]
    if "maxLength" in prop:
        yield "x" * (prop["maxLength"] + 1)
    if prop.get("minLength", 0) > 0:
        yield ""
    if "pattern" in prop or "enum" in prop:
        yield "Not One Of Ours!"
    if prop.get("format") in BAD_FORMAT:
        yield BAD_FORMAT[prop["format"]]
    if "minimum" in prop:
        yield prop["minimum"] - 1
    if "maximum" in prop:
        yield prop["maximum"] + 1
    if "maxItems" in prop:
        yield ["x"] * (prop["maxItems"] + 1)
    if prop.get("minItems", 0) > 0:
        yield []
    if "items" in prop:
        yield from ([value] for value in bad_values(prop["items"]))


def body_cases(schema: dict[str, Any]) -> Iterator[tuple[dict[str, Any], str]]:
    """Yield (body, field at fault) for every writable property, missing field and stray one."""
    writable = {n: p for n, p in schema["properties"].items() if not p.get("readOnly")}
    for name, prop in writable.items():
        for value in [None, *bad_values(prop)]:
            yield {name: value}, name
    for name in schema.get("required", []):
        yield {}, name
    yield {"surprise": 1}, "surprise"


def query_cases(parameters: list[dict[str, Any]]) -> Iterator[tuple[dict[str, Any], str]]:
    """Yield (query string, parameter at fault) for every query parameter."""
    for parameter in parameters:
        schema = parameter["schema"]
        if parameter["in"] != "query":
            continue
        for value in bad_values(schema):
            # A query string is text: only what text can carry is bad input there.
            if isinstance(value, list) or (schema["type"] == "string" and isinstance(value, int)):
                continue
            yield {parameter["name"]: str(value)}, parameter["name"]


def operations() -> Iterator[tuple[str, str, str, list[tuple[dict[str, Any], str]]]]:
    """Yield (method, path, location, cases) for every operation that takes input."""
    for path, methods in SPEC["paths"].items():
        for method, operation in methods.items():
            if method == "parameters":
                continue
            body = operation.get("requestBody", {}).get("content", {}).get("application/json")
            if body:
                ref = body["schema"]["$ref"].rsplit("/", 1)[-1]
                schema = SPEC["components"]["schemas"][ref]
                yield method.upper(), path, "json", list(body_cases(schema))
            queried = list(query_cases(operation.get("parameters", [])))
            if queried:
                yield method.upper(), path, "query", queried


def example(path: str) -> str:
    """Fill a path's parameters with values its routes accept."""
    return path.replace("{role}", "connector").replace("{", "").replace("}", "")


@pytest.fixture
def database_backend() -> str:
    """Refuse bad input on SQLite only: it is refused before the database is touched."""
    return "sqlite"


@pytest.mark.parametrize(
    ("method", "path", "location", "cases"),
    list(operations()),
    ids=[f"{m} {p} {loc}" for m, p, loc, _ in operations()],
)
def test_bad_input_of_every_kind_is_refused_naming_the_field_and_writes_nothing(
    client: FlaskClient,
    app: Flask,
    method: str,
    path: str,
    location: str,
    cases: list[tuple[dict[str, Any], str]],
) -> None:
    url = example(path)
    before = counts(app)
    wrong = []
    for given, field in cases:
        if location == "json":
            response = client.open(url, method=method, headers=STAFF, json=given)
        else:
            response = client.open(url, method=method, headers=STAFF, query_string=given)
        named = body(response).get("errors", {}).get(location, {})
        if response.status_code != 422 or field not in named:
            wrong.append((given, response.status_code, body(response)))
    assert wrong == []
    assert counts(app) == before


@pytest.mark.parametrize(
    ("method", "path"),
    [(m, p) for m, p, loc, _ in operations() if loc == "json"],
    ids=[f"{m} {p}" for m, p, loc, _ in operations() if loc == "json"],
)
def test_a_body_that_is_not_an_object_is_refused(
    client: FlaskClient, app: Flask, method: str, path: str
) -> None:
    url = example(path)
    before = counts(app)
    for raw in ("{not json", "[]", '"text"', "null"):
        response = client.open(
            url, method=method, data=raw, content_type="application/json", headers=STAFF
        )
        assert 400 <= response.status_code < 500 and body(response)["errors"], raw
    assert counts(app) == before
