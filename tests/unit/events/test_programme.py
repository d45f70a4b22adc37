"""Creating, moderating, changing and cancelling events, decided by the service layer alone."""

import pytest

from events.domain import errors
from events.domain.model import EventStatus
from events.domain.registrations import RegistrationStatus
from events.service_layer import changes, programme
from qplatform.errors import Forbidden
from tests.unit.events.examples import (
    NOW,
    STAFF_CALLER,
    details,
    member,
    published_event,
    register_in_turn,
    unit_of_work,
)


def test_an_event_staff_create_is_published_at_once_and_announced() -> None:
    uow = unit_of_work()
    event = published_event(uow)
    assert uow.events.get(event.id) is event and event.status is EventStatus.PUBLISHED
    assert [e.type for e in uow.published] == ["event-created", "event-published"]
    (published,) = uow.events_of("event-published")
    assert (published["published_at"], published["moderated"]) == (NOW.isoformat(), False)


def test_a_members_event_awaits_moderation_and_is_announced_only_as_created() -> None:
    uow = unit_of_work()
    with uow:
        event = programme.create_event(uow=uow, details=details(), caller=member("org"))
    assert event.status is EventStatus.PENDING and event.created_at == NOW
    assert [e.type for e in uow.published] == ["event-created"]
    assert uow.events_of("event-created")[0]["organiser_id"] == "org"


def test_an_event_in_a_series_that_does_not_exist_is_refused_naming_the_field() -> None:
    uow = unit_of_work()
    with uow, pytest.raises(errors.UnknownSeries) as refused:
        programme.create_event(
            uow=uow, details=details(series_id="no-such-series"), caller=STAFF_CALLER
        )
    assert refused.value.field == "series_id"
    assert uow.events.kept == {} and uow.published == []


def test_staff_hiding_an_event_is_announced_at_the_clocks_time() -> None:
    uow = unit_of_work()
    event = published_event(uow)
    with uow:
        programme.hide_event(uow=uow, event_id=event.id, reason="Sells a product")
    assert event.status is EventStatus.HIDDEN
    (hidden,) = uow.events_of("event-hidden")
    assert (hidden["reason"], hidden["hidden_at"]) == ("Sells a product", NOW.isoformat())


def test_only_the_organiser_or_staff_may_cancel_an_event() -> None:
    uow = unit_of_work()
    with uow:
        event = programme.create_event(uow=uow, details=details(), caller=member("org"))
    with uow, pytest.raises(Forbidden):
        changes.cancel_event(uow=uow, event_id=event.id, reason=None, caller=member("ann"))
    assert event.status is EventStatus.PENDING
    assert uow.events_of("event-cancelled") == []


def test_cancelling_an_event_cancels_every_registration_and_names_the_registrants() -> None:
    uow = unit_of_work()
    event = published_event(uow, capacity=1)
    register_in_turn(uow, event.id, "ann", "bob")
    with uow:
        changes.cancel_event(uow=uow, event_id=event.id, reason="Unwell", caller=STAFF_CALLER)
    assert {r.status for r in uow.registrations.kept.values()} == {RegistrationStatus.CANCELLED}
    (cancelled,) = uow.events_of("event-cancelled")
    assert (cancelled["registrant_ids"], cancelled["reason"]) == (["ann", "bob"], "Unwell")
    assert uow.events_of("waitlist-promoted") == []


def test_a_capacity_below_the_places_taken_is_refused_naming_capacity() -> None:
    uow = unit_of_work()
    event = published_event(uow, capacity=2)
    register_in_turn(uow, event.id, "ann", "bob")
    with uow, pytest.raises(errors.CapacityBelowConfirmed) as refused:
        changes.update_event(
            uow=uow, event_id=event.id, changes={"capacity": 1}, caller=STAFF_CALLER
        )
    assert refused.value.field == "capacity" and event.capacity == 2
    assert uow.events_of("event-updated") == []


def test_more_capacity_promotes_the_waitlist_and_tells_registrants_what_changed() -> None:
    uow = unit_of_work()
    event = published_event(uow, capacity=1)
    register_in_turn(uow, event.id, "ann", "bob")
    with uow:
        changed = changes.update_event(
            uow=uow, event_id=event.id, changes={"capacity": 2}, caller=STAFF_CALLER
        )
    assert changed == ["capacity"]
    assert [data["member_id"] for data in uow.events_of("waitlist-promoted")] == ["bob"]
    (updated,) = uow.events_of("event-updated")
    assert (updated["changed"], updated["registrant_ids"]) == (["capacity"], ["ann", "bob"])
