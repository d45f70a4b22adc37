"""A database or broker that goes away is waited out: 503 on the web, a pause in the worker."""

import logging
import threading
from collections.abc import Iterator

import pytest
from flask import Flask
from flask_smorest import Blueprint
from kafka.errors import KafkaConnectionError
from sqlalchemy import select

from qplatform.config import Settings
from qplatform.runtime import Runtime
from qplatform.web.app import create_service_app, runtime
from qplatform.worker import Worker
from tests.shared.toy import GREETINGS, PLUMBING

greetings = Blueprint("greetings", __name__)
# Nothing listens on port 1: every connection is refused, as during a database restart.
DATABASE_AWAY = "postgresql+psycopg://toy:toy@127.0.0.1:1/toy"


@greetings.route("/greetings")
def list_greetings() -> list[str]:
    """Read the greetings, which needs the database."""
    with runtime().unit_of_work() as uow:
        return list(uow.session.execute(select(GREETINGS.c.name)).scalars())


@pytest.fixture
def app() -> Iterator[Flask]:
    settings = Settings.from_env("toy", env={}, database_url=DATABASE_AWAY)
    away = Runtime.build(settings, PLUMBING)
    yield create_service_app(away, title="Toy", description="A toy.", blueprints=[greetings])
    away.close()


def test_a_database_outage_answers_503_with_retry_after_and_the_json_error_body(
    app: Flask,
) -> None:
    response = app.test_client().get("/greetings")
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "5"
    body = response.get_json()
    assert body["code"] == 503 and body["status"] == "Service Unavailable"
    assert "database is unavailable" in body["message"]


def test_a_database_outage_is_logged_once_without_a_stack_trace(
    app: Flask, caplog: pytest.LogCaptureFixture
) -> None:
    client = app.test_client()
    with caplog.at_level(logging.INFO):
        statuses = {client.get("/greetings").status_code for _ in range(5)}
    assert statuses == {503}
    outage_lines = [r for r in caplog.records if "database unavailable" in r.getMessage()]
    assert len(outage_lines) == 1
    assert not any(r.exc_info for r in caplog.records)


def worker_with(*loops: object) -> Worker:
    settings = Settings.from_env(
        "toy", env={}, database_url="sqlite://", kafka_bootstrap="127.0.0.1:1"
    )
    return Worker(Runtime.build(settings, PLUMBING), loops=loops)  # type: ignore[arg-type]


def test_a_loop_that_meets_a_broker_outage_starts_again_and_the_worker_stays_up() -> None:
    calls: list[int] = []
    stop = threading.Event()

    def flaky(loop_stop: threading.Event) -> None:
        calls.append(1)
        if len(calls) < 3:
            raise KafkaConnectionError()
        loop_stop.set()

    worker = worker_with(flaky)
    worker.run(stop)
    assert len(calls) == 3
    assert not worker.failed.is_set()


def test_a_loop_with_a_fault_stops_the_worker_as_failed() -> None:
    def broken(_: threading.Event) -> None:
        raise ValueError("a bug")

    worker = worker_with(broken)
    worker.run(threading.Event())
    assert worker.failed.is_set()
