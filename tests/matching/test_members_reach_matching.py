"""Members who join reach matching over the real broker, each exactly once."""

from collections.abc import Callable

from prometheus_client import REGISTRY
from sqlalchemy import Select, func, select

from matching.adapters.storage import PLUMBING
from matching.bootstrap import bootstrap
from matching.domain.model import Participant
from matching.entrypoints.worker import build_worker
from qplatform.config import Settings
from qplatform.messaging.producer import EventProducer
from qplatform.messaging.topics import ensure_topics
from qplatform.runtime import Runtime
from tests.matching.member_events import member_joined, record_of
from tests.support.principals import signed_in_as
from tests.support.running import running
from tests.support.waiting import wait_until


def _has_participant(runtime: Runtime, member_id: str) -> bool:
    with runtime.unit_of_work() as uow:
        return uow.session.get(Participant, member_id) is not None


def _count(runtime: Runtime, query: Select[int]) -> int:
    with runtime.unit_of_work() as uow:
        return uow.session.scalar(query) or 0


def _duplicates_seen() -> float:
    labels = {"service": "matching", "type": "member-profile-recorded", "outcome": "duplicate"}
    return REGISTRY.get_sample_value("qp_events_consumed_total", labels) or 0.0


def test_a_member_joined_event_delivered_twice_makes_one_participant(
    database_backend: str,
    fresh_database: Callable[[str, str], str],
    settings_for: Callable[..., Settings],
    kafka_bootstrap: str,
) -> None:
    settings = settings_for(
        "matching",
        database_url=fresh_database("matching", database_backend),
        kafka_bootstrap=kafka_bootstrap,
    )
    ensure_topics(settings)
    topic = settings.topic("membership.member-profile")
    producer = EventProducer(
        kafka_bootstrap, client_id="membership-test", security=signed_in_as("membership")
    )
    first, second = member_joined(), member_joined(display_name="Ben Okafor")
    check = bootstrap(settings)
    duplicates_before = _duplicates_seen()
    try:
        with running(build_worker(settings)):
            producer.send_all([record_of(first, topic)])
            wait_until(lambda: _has_participant(check, first.subject), message="first member")

            producer.send_all([record_of(first, topic), record_of(second, topic)])
            wait_until(lambda: _has_participant(check, second.subject), message="second member")
            wait_until(lambda: _duplicates_seen() > duplicates_before, message="the redelivery")

        inbox = select(func.count()).select_from(PLUMBING.inbox)
        assert _count(check, inbox.where(PLUMBING.inbox.c.event_id == first.id)) == 1
        assert _count(check, inbox) == 2
        assert _count(check, select(func.count()).select_from(Participant)) == 2
    finally:
        producer.close()
        check.close()
