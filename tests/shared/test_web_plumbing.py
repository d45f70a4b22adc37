"""What every service's web process does the same way: errors, ids, logs, metrics, probes."""

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from flask_smorest import Blueprint
from sqlalchemy import insert

from qplatform.config import Settings
from qplatform.web.app import create_service_app, runtime
from tests.shared.toy import GREETINGS, build_runtime

boom = Blueprint("boom", __name__)


@boom.route("/boom")
def explode() -> str:
    """Fail the way a bug would."""
    raise RuntimeError("secret internals")


@boom.route("/greet-twice", methods=["POST"])
def greet_twice() -> str:
    """Write a row the database already holds, as the loser of a race would."""
    with runtime().unit_of_work() as uow:
        for _ in range(2):
            uow.session.execute(insert(GREETINGS).values(member_id="m-1", name="Asha"))
            uow.session.flush()
        uow.commit()
    return "greeted"


@pytest.fixture
def app(tmp_path: Path) -> Iterator[Flask]:
    settings = Settings.from_env(
        "toy", env={}, database_url=f"sqlite:///{tmp_path}/toy.db", kafka_bootstrap="127.0.0.1:1"
    )
    runtime = build_runtime(settings)
    yield create_service_app(runtime, title="Toy", description="A toy.", blueprints=[boom])
    runtime.close()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("get", "/no-such-route", 404),
        ("delete", "/healthz", 405),
        ("get", "/boom", 500),
        ("post", "/greet-twice", 409),
    ],
)
def test_every_error_is_json_with_its_status(
    client: FlaskClient, method: str, path: str, status: int
) -> None:
    response = getattr(client, method)(path)
    assert response.status_code == status
    assert response.json["code"] == status
    assert "secret internals" not in response.get_data(as_text=True)


def test_a_given_correlation_id_is_echoed_and_logged(
    capsys: pytest.CaptureFixture[str], client: FlaskClient
) -> None:
    response = client.get("/boom", headers={"X-Correlation-ID": "abc123"})
    assert response.headers["X-Correlation-ID"] == "abc123"
    logged = [json.loads(line) for line in capsys.readouterr().err.splitlines() if line]
    failure = next(entry for entry in logged if entry["message"] == "unhandled error")
    assert failure["correlation_id"] == "abc123"
    assert failure["service"] == "toy"
    assert failure["level"] == "ERROR"


def test_a_request_without_an_id_gets_a_fresh_one(client: FlaskClient) -> None:
    first = client.get("/healthz").headers["X-Correlation-ID"]
    second = client.get("/healthz").headers["X-Correlation-ID"]
    assert first and second and first != second


def test_readiness_names_what_is_unreachable(client: FlaskClient) -> None:
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json["checks"] == {"database": "ok", "broker": "unreachable"}


def test_requests_are_counted_by_route_template_and_status(client: FlaskClient) -> None:
    client.get("/no-such-route")
    client.get("/boom")
    text = client.get("/metrics").get_data(as_text=True)
    assert 'route="unmatched",service="toy",status="404"' in text
    assert 'route="/boom",service="toy",status="500"' in text
    assert "qp_http_request_duration_seconds_bucket" in text


def test_the_api_spec_and_docs_page_are_served(client: FlaskClient) -> None:
    assert client.get("/openapi.json").json["info"]["title"] == "Toy"
    assert client.get("/docs").status_code == 200
