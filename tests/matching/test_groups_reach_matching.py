"""Group events reach matching over the real broker and shape its group suggestions."""

from collections.abc import Callable

from matching.bootstrap import bootstrap
from matching.domain.model import Participant
from matching.entrypoints.worker import build_worker
from matching.service_layer.handlers import add_participant
from matching.service_layer.suggestions import groups_to_join
from qplatform.config import Settings
from qplatform.identity import Caller
from qplatform.messaging.producer import EventProducer
from qplatform.messaging.topics import ensure_topics
from qplatform.runtime import Runtime
from tests.matching.group_events import group_created, group_member
from tests.matching.member_events import member_joined, member_left, received, record_of
from tests.support.principals import signed_in_as
from tests.support.running import running
from tests.support.waiting import wait_until


def _suggested(runtime: Runtime, member_id: str) -> list[tuple[str, int]]:
    with runtime.unit_of_work() as uow:
        found = groups_to_join(uow=uow, member_id=member_id, caller=Caller(member_id=member_id))
    return [(g.group_id, g.members) for g in found]


def _interested_member(runtime: Runtime) -> str:
    joined = member_joined()
    with runtime.unit_of_work() as uow:
        add_participant(uow, received(joined))
        uow.session.flush()
        uow.session.get_one(Participant, joined.subject).interests = ["frailty"]
        uow.commit()
    return joined.subject


def test_groups_created_joined_and_left_over_the_broker_shape_suggestions(
    fresh_database: Callable[[str, str], str],
    settings_for: Callable[..., Settings],
    kafka_bootstrap: str,
) -> None:
    settings = settings_for(
        "matching",
        database_url=fresh_database("matching", "postgres"),
        kafka_bootstrap=kafka_bootstrap,
    )
    ensure_topics(settings)
    groups, members = settings.topic("membership.group"), settings.topic("membership.member")
    producer = EventProducer(
        kafka_bootstrap, client_id="membership-test", security=signed_in_as("membership")
    )
    check = bootstrap(settings)
    me = _interested_member(check)
    created = group_created("Frailty friends", ["frailty"], "founder")
    group = created.subject
    try:
        with running(build_worker(settings)):
            producer.send_all(
                [
                    record_of(created, groups),
                    record_of(group_member("group-member-joined", group, "founder"), groups),
                ]
            )
            wait_until(lambda: _suggested(check, me) == [(group, 1)], message="the new group")

            producer.send_all([record_of(group_member("group-member-joined", group, me), groups)])
            wait_until(lambda: _suggested(check, me) == [], message="no group already joined")

            producer.send_all([record_of(group_member("group-member-left", group, me), groups)])
            producer.send_all([record_of(member_left("founder"), members)])
            wait_until(lambda: _suggested(check, me) == [(group, 0)], message="both gone")
    finally:
        producer.close()
        check.close()
