"""An event created over HTTP reaches the events topic through the worker's relay."""

from collections.abc import Callable

import pytest

from events.entrypoints.web import create_app
from events.entrypoints.worker import build_worker
from qplatform.config import Settings
from tests.events.conftest import STAFF
from tests.events.examples import form
from tests.support.running import running
from tests.support.topics import Seen, read_topic

pytestmark = pytest.mark.kafka


def test_a_created_event_is_announced_on_the_events_topic(
    settings_for: Callable[..., Settings],
    fresh_database: Callable[[str, str], str],
    kafka_bootstrap: str,
) -> None:
    settings = settings_for(
        "events", database_url=fresh_database("events", "sqlite"), kafka_bootstrap=kafka_bootstrap
    )
    app = create_app(
        {
            "database_url": settings.database_url,
            "kafka_bootstrap": settings.kafka_bootstrap,
            "topic_prefix": settings.topic_prefix,
        }
    )
    answer = app.test_client().post(
        "/events",
        json=form(region="scotland"),
        headers={**STAFF, "X-Correlation-ID": "corr-events-1"},
    )
    app.extensions["qplatform"].close()
    event = answer.get_json()

    def announced(seen: list[Seen]) -> bool:
        return any(record.key == event["id"] for record in seen)

    with running(build_worker(settings)):
        seen = read_topic(kafka_bootstrap, settings.topic("events.event"), until=announced)
    record = next(record for record in seen if record.key == event["id"])
    envelope = record.value
    assert envelope is not None
    assert (envelope["type"], envelope["version"], envelope["source"]) == (
        "event-created",
        1,
        "events",
    )
    assert (envelope["subject"], envelope["correlation_id"]) == (event["id"], "corr-events-1")
    assert envelope["data"]["event_id"] == event["id"]
    assert envelope["data"]["region"] == "scotland"
    assert envelope["data"]["starts_at"] == event["starts_at"]
    assert record.headers["event-type"] == "event-created"
    assert record.headers["event-id"] == envelope["id"]
