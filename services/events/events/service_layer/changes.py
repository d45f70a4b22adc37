"""Use cases that change a published event: updating it and cancelling it."""

from typing import Any

from events.domain import errors
from events.domain.model import Event, EventStatus
from events.service_layer.programme import ensure_manages
from events.service_layer.registering import fill_places, locked_event, withdraw
from events.service_layer.series import check_joinable
from events.service_layer.unit_of_work import EventsUnitOfWork
from qplatform.identity import Caller

TOLD_FIELDS = ("title", "region", "venue", "starts_at", "ends_at", "timezone", "capacity")


def update_event(
    *, uow: EventsUnitOfWork, event_id: str, changes: dict[str, Any], caller: Caller
) -> list[str]:
    """Change the event (its organiser or staff); tell its registrants; return what changed."""
    event = locked_event(uow, event_id)
    ensure_manages(event, caller)
    if "series_id" in changes:
        check_joinable(uow, changes["series_id"], caller)
    registrations = uow.registrations
    confirmed = registrations.confirmed_count(event_id)
    if changes.get("capacity", event.capacity) < confirmed:
        raise errors.CapacityBelowConfirmed(
            f"{confirmed} members already have a place", field="capacity"
        )
    changed = event.change(**changes)
    if changed and event.status is EventStatus.PUBLISHED:
        fill_places(uow, event)
        _announce_update(uow, event, changed)
    uow.commit()
    return changed


def cancel_event(
    *, uow: EventsUnitOfWork, event_id: str, reason: str | None, caller: Caller
) -> Event:
    """Cancel the event and every registration for it (its organiser or staff)."""
    event = locked_event(uow, event_id)
    ensure_manages(event, caller)
    event.cancel()
    active = uow.registrations.active(event_id)
    for registration in active:
        withdraw(uow, registration, reason="event-cancelled")
    data = {
        "event_id": event.id,
        "reason": reason,
        "registrant_ids": [registration.member_id for registration in active],
        "cancelled_at": uow.clock.now(),
    }
    uow.publish("event-cancelled", subject=event.id, data=data)
    uow.commit()
    return event


def _announce_update(uow: EventsUnitOfWork, event: Event, changed: list[str]) -> None:
    active = uow.registrations.active(event.id)
    data: dict[str, Any] = {name: getattr(event, name) for name in TOLD_FIELDS}
    data.update(
        event_id=event.id,
        changed=changed,
        registrant_ids=[registration.member_id for registration in active],
    )
    uow.publish("event-updated", subject=event.id, data=data)
