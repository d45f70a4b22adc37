"""Updating a published event tells its registrants what changed; cancelling it cancels all."""

from datetime import timedelta

import pytest

from events.domain import errors
from events.domain.model import EventStatus
from events.service_layer import changes, programme, registering
from qplatform.paging import PageRequest
from qplatform.runtime import Runtime
from tests.events.examples import SOON, STAFF_CALLER, details, staged, staged_types


def _event_with(runtime: Runtime, capacity: int, *member_ids: str) -> str:
    with runtime.unit_of_work() as uow:
        event = programme.create_event(
            uow=uow,
            details=details(capacity=capacity, online_link="https://meet.example.org/q1"),
            caller=STAFF_CALLER,
        )
    for member_id in member_ids:
        with runtime.unit_of_work() as uow:
            registering.register(uow=uow, event_id=event.id, member_id=member_id)
    return event.id


def _update(runtime: Runtime, event_id: str, **fields: object) -> list[str]:
    with runtime.unit_of_work() as uow:
        return changes.update_event(uow=uow, event_id=event_id, changes=fields, caller=STAFF_CALLER)


def test_registrants_are_told_what_changed_in_time_and_place(runtime: Runtime) -> None:
    event_id = _event_with(runtime, 1, "ann", "bob")
    later = SOON + timedelta(days=1)
    changed = _update(
        runtime, event_id, starts_at=later, ends_at=later + timedelta(hours=1), venue="Q Lab"
    )
    assert sorted(changed) == ["ends_at", "starts_at", "venue"]
    kind, key, data = staged(runtime.engine)[-1]
    assert (kind, key) == ("event-updated", event_id)
    assert sorted(data["changed"]) == ["ends_at", "starts_at", "venue"]
    assert (data["starts_at"], data["venue"]) == (later.isoformat(), "Q Lab")
    assert data["registrant_ids"] == ["ann", "bob"]


def test_a_new_link_is_announced_without_the_link_itself(runtime: Runtime) -> None:
    event_id = _event_with(runtime, 5, "ann")
    assert _update(runtime, event_id, online_link="https://meet.example.org/new") == ["online_link"]
    assert "meet.example.org" not in str(staged(runtime.engine))


def test_an_update_that_changes_nothing_announces_nothing(runtime: Runtime) -> None:
    event_id = _event_with(runtime, 5)
    before = staged_types(runtime.engine)
    assert _update(runtime, event_id, title=details().title) == []
    assert staged_types(runtime.engine) == before


def test_more_places_promote_the_waitlist_in_order(runtime: Runtime) -> None:
    event_id = _event_with(runtime, 1, "ann", "bob", "cat", "dan")
    _update(runtime, event_id, capacity=3)
    promoted = [d["member_id"] for k, _, d in staged(runtime.engine) if k == "waitlist-promoted"]
    assert promoted == ["bob", "cat"]


def test_capacity_below_the_places_taken_is_refused(runtime: Runtime) -> None:
    event_id = _event_with(runtime, 3, "ann", "bob")
    before = staged_types(runtime.engine)
    with pytest.raises(errors.CapacityBelowConfirmed) as refused:
        _update(runtime, event_id, capacity=1)
    assert refused.value.field == "capacity"
    assert staged_types(runtime.engine) == before


def test_an_update_breaking_a_rule_names_the_field(runtime: Runtime) -> None:
    event_id = _event_with(runtime, 3)
    with pytest.raises(errors.InvalidSchedule) as refused:
        _update(runtime, event_id, ends_at=SOON - timedelta(hours=1))
    assert refused.value.field == "ends_at"


def test_cancelling_an_event_cancels_every_registration(runtime: Runtime) -> None:
    event_id = _event_with(runtime, 1, "ann", "bob")
    with runtime.unit_of_work() as uow:
        changes.cancel_event(
            uow=uow, event_id=event_id, reason="Speaker unwell", caller=STAFF_CALLER
        )
    with runtime.unit_of_work() as uow:
        assert programme.get_event(uow=uow, event_id=event_id).status is EventStatus.CANCELLED
        assert (
            registering.registrants(
                uow=uow, event_id=event_id, caller=STAFF_CALLER, page=PageRequest()
            ).items
            == []
        )
    tail = staged(runtime.engine)[-3:]
    assert [(k, d.get("member_id"), d.get("reason")) for k, _, d in tail] == [
        ("registration-cancelled", "ann", "event-cancelled"),
        ("registration-cancelled", "bob", "event-cancelled"),
        ("event-cancelled", None, "Speaker unwell"),
    ]
    assert tail[-1][2]["registrant_ids"] == ["ann", "bob"]
    assert "waitlist-promoted" not in staged_types(runtime.engine)


def test_a_cancelled_event_cannot_be_cancelled_or_changed(runtime: Runtime) -> None:
    event_id = _event_with(runtime, 1)
    with runtime.unit_of_work() as uow:
        changes.cancel_event(uow=uow, event_id=event_id, reason=None, caller=STAFF_CALLER)
    with runtime.unit_of_work() as uow, pytest.raises(errors.AlreadyDecided):
        changes.cancel_event(uow=uow, event_id=event_id, reason=None, caller=STAFF_CALLER)
    with pytest.raises(errors.AlreadyDecided):
        _update(runtime, event_id, title="Back on")
