from collections.abc import Callable, Iterator
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from membership.entrypoints.web import create_app
from qplatform.config import Settings

STAFF = {"Authorization": "Bearer dev-staff-token"}


def an_application(**changes: Any) -> dict[str, Any]:
    form = {
        "name": "Asha Patel",
        "email": "asha.patel@example.org",
        "organisation": "Lancashire Teaching Hospitals",
        "job_title": "Improvement Lead",
        "region": "north-west-coast",
        "consent_version": "2026-01",
        "statement": "Led a quality improvement programme on sepsis screening.",
    }
    return {**form, **changes}


@pytest.fixture
def app(
    fresh_database: Callable[[str, str], str],
    settings_for: Callable[..., Settings],
    database_backend: str,
) -> Iterator[Flask]:
    url = fresh_database("membership", database_backend)
    settings = settings_for("membership", database_url=url)
    app = create_app({"database_url": settings.database_url, "topic_prefix": settings.topic_prefix})
    yield app
    app.extensions["qplatform"].close()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()
