"""Places, the waitlist in order, cancellations that promote, and attendance."""

from datetime import timedelta
from typing import Any

import pytest

from events.domain import errors
from events.domain.registrations import Attendance, RegistrationStatus
from events.service_layer import programme, registering
from qplatform.paging import PageRequest
from qplatform.runtime import Runtime
from tests.events.examples import SOON, STAFF_CALLER, details, member, staged, staged_types


def _event(runtime: Runtime, capacity: int = 2, **changes: object) -> str:
    with runtime.unit_of_work() as uow:
        event = programme.create_event(
            uow=uow, details=details(capacity=capacity, **changes), caller=STAFF_CALLER
        )
    return event.id


def _register(runtime: Runtime, event_id: str, *member_ids: str) -> list[RegistrationStatus]:
    statuses = []
    for member_id in member_ids:
        with runtime.unit_of_work() as uow:
            registration = registering.register(uow=uow, event_id=event_id, member_id=member_id)
            statuses.append(registration.status)
    return statuses


def _cancel(runtime: Runtime, event_id: str, member_id: str) -> None:
    with runtime.unit_of_work() as uow:
        registering.cancel_registration(uow=uow, event_id=event_id, member_id=member_id)


def _line(runtime: Runtime, event_id: str) -> list[tuple[str, str]]:
    with runtime.unit_of_work() as uow:
        return [
            (r.member_id, r.status.value)
            for r in registering.registrants(
                uow=uow, event_id=event_id, caller=STAFF_CALLER, page=PageRequest()
            ).items
        ]


def test_members_get_places_until_full_then_join_the_waitlist_in_order(runtime: Runtime) -> None:
    event_id = _event(runtime, capacity=2)
    statuses = _register(runtime, event_id, "ann", "bob", "cat", "dan")
    assert [s.value for s in statuses] == ["confirmed", "confirmed", "waitlisted", "waitlisted"]
    assert _line(runtime, event_id) == [
        ("ann", "confirmed"),
        ("bob", "confirmed"),
        ("cat", "waitlisted"),
        ("dan", "waitlisted"),
    ]
    waitlisted = [data for kind, _, data in staged(runtime.engine) if kind.endswith("waitlisted")]
    assert [(d["member_id"], d["position"]) for d in waitlisted] == [("cat", 1), ("dan", 2)]


def test_a_cancelled_place_goes_to_the_first_on_the_waitlist(runtime: Runtime) -> None:
    event_id = _event(runtime, capacity=1)
    _register(runtime, event_id, "ann", "bob", "cat")
    _cancel(runtime, event_id, "ann")
    assert _line(runtime, event_id) == [("bob", "confirmed"), ("cat", "waitlisted")]
    assert staged_types(runtime.engine)[-2:] == ["registration-cancelled", "waitlist-promoted"]
    _, key, data = staged(runtime.engine)[-1]
    assert (key, data["member_id"]) == (event_id, "bob")


def test_leaving_the_waitlist_promotes_no_one(runtime: Runtime) -> None:
    event_id = _event(runtime, capacity=1)
    _register(runtime, event_id, "ann", "bob", "cat")
    _cancel(runtime, event_id, "bob")
    assert _line(runtime, event_id) == [("ann", "confirmed"), ("cat", "waitlisted")]
    assert staged(runtime.engine)[-1][2]["was"] == "waitlisted"


def test_a_member_who_cancelled_may_register_again_at_the_back(runtime: Runtime) -> None:
    event_id = _event(runtime, capacity=1)
    _register(runtime, event_id, "ann", "bob")
    _cancel(runtime, event_id, "ann")
    assert _register(runtime, event_id, "ann") == [RegistrationStatus.WAITLISTED]


def test_registering_twice_is_refused(runtime: Runtime) -> None:
    event_id = _event(runtime)
    _register(runtime, event_id, "ann")
    with pytest.raises(errors.AlreadyRegistered):
        _register(runtime, event_id, "ann")


def test_cancelling_without_a_registration_is_refused(runtime: Runtime) -> None:
    with pytest.raises(errors.NotRegistered):
        _cancel(runtime, _event(runtime), "ann")


@pytest.mark.parametrize(
    "window",
    [
        {"registration_opens_at": SOON - timedelta(days=1)},
        {"registration_closes_at": SOON - timedelta(days=40)},
    ],
    ids=["not yet open", "already closed"],
)
def test_registering_outside_the_window_is_refused(
    runtime: Runtime, window: dict[str, Any]
) -> None:
    event_id = _event(runtime, **window)
    with pytest.raises(errors.EventNotOpen):
        _register(runtime, event_id, "ann")
    assert staged_types(runtime.engine) == ["event-created", "event-published"]


def test_registering_for_an_unpublished_event_is_refused(runtime: Runtime) -> None:
    with runtime.unit_of_work() as uow:
        event = programme.create_event(uow=uow, details=details(), caller=member("org"))
    with pytest.raises(errors.EventNotOpen):
        _register(runtime, event.id, "ann")


def test_organisers_record_attendance_of_members_with_a_place(runtime: Runtime) -> None:
    event_id = _event(runtime, capacity=1)
    _register(runtime, event_id, "ann", "bob")
    with runtime.unit_of_work() as uow:
        ann, bob = registering.registrants(
            uow=uow, event_id=event_id, caller=STAFF_CALLER, page=PageRequest()
        ).items
        recorded = registering.record_attendance(
            uow=uow,
            event_id=event_id,
            registration_id=ann.id,
            attendance=Attendance.NO_SHOW,
            caller=STAFF_CALLER,
        )
    assert recorded.attendance is Attendance.NO_SHOW
    assert staged(runtime.engine)[-1][2]["attendance"] == "no-show"
    with runtime.unit_of_work() as uow, pytest.raises(errors.NotRegistered):
        registering.record_attendance(
            uow=uow,
            event_id=event_id,
            registration_id=bob.id,
            attendance=Attendance.ATTENDED,
            caller=STAFF_CALLER,
        )
