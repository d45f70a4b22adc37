"""The data of the events this service publishes, built from its aggregates."""

from events.domain.model import Event
from events.domain.registrations import Registration
from events.service_layer.unit_of_work import EventsUnitOfWork


def event_data(event: Event) -> dict[str, object]:
    """Return what event-created and event-published say about `event`; never its link."""
    return {
        "event_id": event.id,
        "title": event.title,
        "kind": event.kind,
        "pillar": event.pillar,
        "region": event.region,
        "starts_at": event.starts_at,
        "ends_at": event.ends_at,
        "timezone": event.timezone,
        "capacity": event.capacity,
        "venue": event.venue,
        "description": event.description,
        "status": event.status.value,
        "organiser_id": event.organiser_id,
        "topics": event.topic_list,
        "series_id": event.series_id,
    }


def announce_published(uow: EventsUnitOfWork, event: Event, *, moderated: bool = False) -> None:
    """Stage event-published for `event`, saying whether staff published it after moderation."""
    data = {**event_data(event), "published_at": uow.clock.now(), "moderated": moderated}
    uow.publish("event-published", subject=event.id, data=data)


def announce_registration(
    uow: EventsUnitOfWork, type: str, registration: Registration, **extra: object
) -> None:
    """Stage a registration's event, keyed by its event so one event's queue stays in order."""
    data = {
        "registration_id": registration.id,
        "event_id": registration.event_id,
        "member_id": registration.member_id,
        "at": registration.updated_at,
        **extra,
    }
    uow.publish(type, subject=registration.event_id, data=data)
