"""Members see special interest groups on their topics that they are not in, with reasons."""

import json
from collections.abc import Callable
from typing import Any

import pytest
from flask.testing import FlaskClient

from matching.domain.model import Participant
from matching.service_layer.handlers import (
    EVENT_HANDLERS,
    join_group,
    keep_group,
    leave_group,
    remove_participant,
)
from qplatform.db.unit_of_work import UnitOfWork
from qplatform.events import Envelope
from tests.matching.group_events import group_created, group_member
from tests.matching.member_events import member_joined, member_left, received
from tests.support.auth import STAFF, bearer

UoW = Callable[[], UnitOfWork]
Deliver = Callable[[Envelope], None]


@pytest.fixture
def deliver(uow: UoW) -> Deliver:
    """Return a function handling one group or member event as the consumer would."""

    def run(envelope: Envelope) -> None:
        with uow() as unit:
            EVENT_HANDLERS[(envelope.type, envelope.version)](unit, received(envelope))
            unit.commit()

    return run


@pytest.fixture
def member(handle: Callable[[Envelope], None], uow: UoW) -> str:
    """Return a member with expertise in frailty and an interest in flow."""
    event = member_joined()
    handle(event)
    with uow() as unit:
        found = unit.session.get_one(Participant, event.subject)
        found.expertise, found.interests = ["frailty"], ["flow"]
        unit.commit()
    return event.subject


def _suggested(client: FlaskClient, member: str, **query: Any) -> list[dict[str, Any]]:
    response = client.get(
        f"/suggestions/{member}/groups", query_string=query, headers=bearer(member)
    )
    assert response.status_code == 200
    found: list[dict[str, Any]] = json.loads(response.data)
    return found


def test_group_events_are_handled() -> None:
    assert EVENT_HANDLERS[("group-created", 1)] is keep_group
    assert EVENT_HANDLERS[("group-member-joined", 1)] is join_group
    assert EVENT_HANDLERS[("group-member-left", 1)] is leave_group
    assert EVENT_HANDLERS[("member-left", 1)] is remove_participant


def test_groups_on_a_members_topics_are_suggested_most_shared_first_with_reasons(
    client: FlaskClient, deliver: Deliver, member: str
) -> None:
    both = group_created("Frailty flow", ["flow", "frailty"], "founder-1")
    one = group_created("Frailty friends", ["frailty", "dementia"], "founder-2")
    for event in (both, one, group_created("Money matters", ["finance"], "founder-3")):
        deliver(event)
    deliver(group_member("group-member-joined", one.subject, "founder-2"))
    deliver(group_member("group-member-joined", one.subject, "someone-else"))

    found = _suggested(client, member)

    assert [g["group_id"] for g in found] == [both.subject, one.subject]
    assert [g["reason"] for g in found] == [
        "About flow, frailty; 0 members.",
        "About frailty; 2 members.",
    ]
    assert found[1]["topics"] == ["dementia", "frailty"]
    assert len(_suggested(client, member, limit=1)) == 1


def test_a_group_the_member_is_in_is_not_suggested_until_they_leave_it(
    client: FlaskClient, deliver: Deliver, member: str
) -> None:
    group = group_created("Frailty friends", ["frailty"], member)
    deliver(group)
    deliver(group_member("group-member-joined", group.subject, member))
    deliver(group_member("group-member-joined", group.subject, member))
    assert _suggested(client, member) == []

    deliver(group_member("group-member-left", group.subject, member))

    assert [g["group_id"] for g in _suggested(client, member)] == [group.subject]


def test_a_member_who_leaves_q_leaves_every_group(
    client: FlaskClient, deliver: Deliver, member: str, handle: Callable[[Envelope], None]
) -> None:
    leaver = member_joined()
    handle(leaver)
    group = group_created("Frailty friends", ["frailty"], leaver.subject)
    deliver(group)
    deliver(group_member("group-member-joined", group.subject, leaver.subject))
    assert _suggested(client, member)[0]["members"] == 1

    deliver(member_left(leaver.subject))

    assert _suggested(client, member)[0]["members"] == 0


def test_joining_a_group_never_announced_is_ignored(
    client: FlaskClient, deliver: Deliver, member: str
) -> None:
    deliver(group_member("group-member-joined", "no-such-group", member))

    assert _suggested(client, member) == []


@pytest.mark.parametrize(
    ("caller", "query", "status"),
    [
        ("self", {}, 200),
        ("staff", {}, 200),
        ("other-member", {}, 403),
        ("anonymous", {}, 401),
        ("self", {"limit": 0}, 422),
        ("self", {"limit": "x"}, 422),
    ],
)
def test_group_suggestions_are_for_the_member_and_staff_and_refuse_bad_limits(
    client: FlaskClient, member: str, caller: str, query: dict[str, Any], status: int
) -> None:
    headers = {"self": bearer(member), "staff": STAFF, "anonymous": {}}
    url = f"/suggestions/{member}/groups"
    response = client.get(url, query_string=query, headers=headers.get(caller, bearer(caller)))

    assert response.status_code == status
    if status == 422:
        assert "limit" in json.loads(response.data)["errors"]["query"]
