"""Malformed applications get a 4xx naming the field, and nothing is written."""

from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.membership.conftest import SQLITE_ONLY, an_application, counts


@SQLITE_ONLY
@pytest.mark.parametrize(
    ("body", "field"),
    [
        (an_application(email="not-an-email"), "email"),
        (an_application(region="atlantis"), "region"),
        (an_application(statement="too short"), "statement"),
        (an_application(name=""), "name"),
        (an_application(name="x" * 201), "name"),
        (an_application(mail_categories=["spam"]), "mail_categories"),
        ({k: v for k, v in an_application().items() if k != "consent_version"}, "consent_version"),
        (an_application(organisation=42), "organisation"),
    ],
)
def test_a_bad_field_is_named_and_nothing_is_written(
    client: FlaskClient, app: Flask, body: dict[str, Any], field: str
) -> None:
    before = counts(app)
    response = client.post("/applications", json=body)
    assert response.status_code == 422
    assert field in response.json["errors"]["json"]
    assert counts(app) == before


@SQLITE_ONLY
@pytest.mark.parametrize("raw", ["{not json", "[]", "null", ""])
def test_a_body_that_is_not_an_application_is_refused(
    client: FlaskClient, app: Flask, raw: str
) -> None:
    before = counts(app)
    response = client.post("/applications", data=raw, content_type="application/json")
    assert 400 <= response.status_code < 500
    assert response.is_json
    assert counts(app) == before
