"""Places, the waitlist and cancellations, decided by the service layer alone."""

from datetime import timedelta

import pytest

from events.domain import errors
from events.domain.registrations import RegistrationStatus
from events.service_layer import registering
from tests.unit.events.examples import NOW, published_event, register_in_turn, unit_of_work


def test_a_member_gets_a_place_while_the_event_has_room() -> None:
    uow = unit_of_work()
    event = published_event(uow)
    register_in_turn(uow, event.id, "ann")
    kept = uow.registrations.of(event.id, "ann")
    assert kept is not None and kept.status is RegistrationStatus.CONFIRMED
    assert kept.queued_at == NOW + timedelta(seconds=1)
    (confirmed,) = uow.events_of("registration-confirmed")
    assert (confirmed["event_id"], confirmed["member_id"]) == (event.id, "ann")


def test_a_member_joins_the_end_of_the_waitlist_when_the_event_is_full() -> None:
    uow = unit_of_work()
    event = published_event(uow, capacity=1)
    register_in_turn(uow, event.id, "ann", "bob", "cat")
    assert [r.member_id for r in uow.registrations.waitlist(event.id)] == ["bob", "cat"]
    positions = [data["position"] for data in uow.events_of("registration-waitlisted")]
    assert positions == [1, 2]


def test_a_freed_place_goes_to_the_first_on_the_waitlist() -> None:
    uow = unit_of_work()
    event = published_event(uow, capacity=1)
    register_in_turn(uow, event.id, "ann", "bob", "cat")
    with uow:
        registering.cancel_registration(uow=uow, event_id=event.id, member_id="ann")
    bob = uow.registrations.of(event.id, "bob")
    assert bob is not None and bob.status is RegistrationStatus.CONFIRMED
    assert [data["member_id"] for data in uow.events_of("waitlist-promoted")] == ["bob"]
    (cancelled,) = uow.events_of("registration-cancelled")
    assert (cancelled["member_id"], cancelled["was"], cancelled["reason"]) == (
        "ann",
        "confirmed",
        "member",
    )


def test_a_member_already_registered_is_refused_a_second_place() -> None:
    uow = unit_of_work()
    event = published_event(uow)
    register_in_turn(uow, event.id, "ann")
    with pytest.raises(errors.AlreadyRegistered):
        register_in_turn(uow, event.id, "ann")
    assert len(uow.events_of("registration-confirmed")) == 1


def test_registering_before_registration_opens_is_refused() -> None:
    uow = unit_of_work()
    event = published_event(uow, registration_opens_at=NOW + timedelta(days=1))
    with pytest.raises(errors.EventNotOpen):
        register_in_turn(uow, event.id, "ann")
    assert uow.registrations.of(event.id, "ann") is None


def test_giving_up_a_place_one_does_not_hold_is_refused() -> None:
    uow = unit_of_work()
    event = published_event(uow)
    with uow, pytest.raises(errors.NotRegistered):
        registering.cancel_registration(uow=uow, event_id=event.id, member_id="ann")
    assert uow.events_of("registration-cancelled") == []
