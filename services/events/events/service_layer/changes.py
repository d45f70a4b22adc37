"""Use cases that change a published event: updating it and cancelling it."""

from datetime import UTC, datetime
from typing import Any

from events.adapters.registry import Registrations
from events.domain import errors
from events.domain.model import Event, EventStatus
from events.service_layer.registering import fill_places, locked_event, withdraw
from qplatform.db.unit_of_work import UnitOfWork

TOLD_FIELDS = ("title", "region", "venue", "starts_at", "ends_at", "timezone", "capacity")


def update_event(*, uow: UnitOfWork, event_id: str, changes: dict[str, Any]) -> list[str]:
    """Change the event; tell its registrants what changed; return the changed fields."""
    event = locked_event(uow, event_id)
    registrations = Registrations(uow.session)
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


def cancel_event(*, uow: UnitOfWork, event_id: str, reason: str | None) -> Event:
    """Cancel the event and every registration for it."""
    event = locked_event(uow, event_id)
    event.cancel()
    active = Registrations(uow.session).active(event_id)
    for registration in active:
        withdraw(uow, registration, reason="event-cancelled")
    data = {
        "event_id": event.id,
        "reason": reason,
        "registrant_ids": [registration.member_id for registration in active],
        "cancelled_at": datetime.now(UTC),
    }
    uow.publish("event-cancelled", subject=event.id, data=data)
    uow.commit()
    return event


def _announce_update(uow: UnitOfWork, event: Event, changed: list[str]) -> None:
    active = Registrations(uow.session).active(event.id)
    data: dict[str, Any] = {name: getattr(event, name) for name in TOLD_FIELDS}
    data.update(
        event_id=event.id,
        changed=changed,
        registrant_ids=[registration.member_id for registration in active],
    )
    uow.publish("event-updated", subject=event.id, data=data)
