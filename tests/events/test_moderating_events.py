"""Members' events wait for staff; trusted organisers' and staff's publish directly."""

import pytest

from events.domain import errors
from events.domain.model import EventStatus
from events.service_layer import programme
from qplatform.paging import PageRequest
from qplatform.runtime import Runtime
from tests.events.examples import STAFF_CALLER, details, member, staged, staged_types


def _submit(runtime: Runtime, member_id: str = "member-1") -> str:
    with runtime.unit_of_work() as uow:
        return programme.create_event(uow=uow, details=details(), caller=member(member_id)).id


def _status(runtime: Runtime, event_id: str) -> EventStatus:
    with runtime.unit_of_work() as uow:
        return programme.get_event(uow=uow, event_id=event_id).status


def test_a_members_event_waits_for_moderation_and_is_not_listed(runtime: Runtime) -> None:
    event_id = _submit(runtime)
    assert _status(runtime, event_id) is EventStatus.PENDING
    assert staged(runtime.engine)[0][2]["status"] == "pending"
    assert staged(runtime.engine)[0][2]["organiser_id"] == "member-1"
    assert staged_types(runtime.engine) == ["event-created"]
    with runtime.unit_of_work() as uow:
        assert programme.upcoming_events(uow=uow, page=PageRequest()).total == 0


def test_staff_publish_a_members_event_and_it_is_announced(runtime: Runtime) -> None:
    event_id = _submit(runtime)
    with runtime.unit_of_work() as uow:
        programme.publish_event(uow=uow, event_id=event_id)
    assert _status(runtime, event_id) is EventStatus.PUBLISHED
    assert staged_types(runtime.engine) == ["event-created", "event-published"]
    assert staged(runtime.engine)[-1][2]["moderated"] is True  # its organiser is told
    with runtime.unit_of_work() as uow:
        assert programme.upcoming_events(uow=uow, page=PageRequest()).total == 1


def test_staff_reject_a_members_event_with_a_reason(runtime: Runtime) -> None:
    event_id = _submit(runtime)
    with runtime.unit_of_work() as uow:
        programme.reject_event(uow=uow, event_id=event_id, reason="Not about improvement")
    with runtime.unit_of_work() as uow:
        event = programme.get_event(uow=uow, event_id=event_id)
    assert (event.status, event.rejection_reason) == (
        EventStatus.REJECTED,
        "Not about improvement",
    )
    kind, key, data = staged(runtime.engine)[-1]
    assert (kind, key, data["organiser_id"], data["reason"]) == (
        "event-rejected",
        event_id,
        "member-1",
        "Not about improvement",
    )


@pytest.mark.parametrize("decide", ["publish", "reject"])
def test_a_decided_event_cannot_be_decided_again(runtime: Runtime, decide: str) -> None:
    event_id = _submit(runtime)
    with runtime.unit_of_work() as uow:
        programme.publish_event(uow=uow, event_id=event_id)
    with runtime.unit_of_work() as uow, pytest.raises(errors.AlreadyDecided):
        if decide == "publish":
            programme.publish_event(uow=uow, event_id=event_id)
        else:
            programme.reject_event(uow=uow, event_id=event_id, reason="late")
    assert staged_types(runtime.engine) == ["event-created", "event-published"]


def test_a_trusted_organisers_event_publishes_directly(runtime: Runtime) -> None:
    with runtime.unit_of_work() as uow:
        programme.trust_organiser(uow=uow, member_id="member-7", trusted=True)
    assert _status(runtime, _submit(runtime, "member-7")) is EventStatus.PUBLISHED
    assert staged_types(runtime.engine) == ["event-created", "event-published"]


def test_an_organiser_no_longer_trusted_goes_back_to_moderation(runtime: Runtime) -> None:
    for trusted in (True, False):
        with runtime.unit_of_work() as uow:
            programme.trust_organiser(uow=uow, member_id="member-7", trusted=trusted)
    assert _status(runtime, _submit(runtime, "member-7")) is EventStatus.PENDING


def test_staff_events_publish_directly(runtime: Runtime) -> None:
    with runtime.unit_of_work() as uow:
        event = programme.create_event(uow=uow, details=details(), caller=STAFF_CALLER)
    assert event.status is EventStatus.PUBLISHED
