"""Mail about other services' events: password links, registrations, changes, coffee matches."""

from typing import Any

from notifications.domain import letters
from notifications.domain.calendar import calendar_entry
from notifications.domain.copies import KnownEvent, Registration
from notifications.domain.digest import event_entry
from notifications.domain.errors import EventNotKnown
from notifications.service_layer.queueing import queue_letter
from notifications.service_layer.unit_of_work import NotificationsUnitOfWork
from qplatform.messaging.handlers import ReceivedEvent
from qplatform.password_links import password_link_secret


def mail_password_link(
    uow: NotificationsUnitOfWork, event: ReceivedEvent, *, link_key: str
) -> None:
    """Mail a member the one-time link that sets their password, deriving its secret."""
    data = event.data
    expires = data["expires_at"].strftime("%d %B %Y, %H:%M UTC")
    token = password_link_secret(link_key, data["setup_id"])
    queue_letter(
        uow,
        cause_id=event.id,
        member_id=data["member_id"],
        template=letters.PASSWORD_SETUP,
        context={"token": token, "expires": expires},
    )


def confirm_registration(uow: NotificationsUnitOfWork, event: ReceivedEvent) -> None:
    """Mail a member their place at an event, with its calendar entry."""
    _mail_place(uow, event, letters.REGISTRATION_CONFIRMED)


def announce_promotion(uow: NotificationsUnitOfWork, event: ReceivedEvent) -> None:
    """Mail a waitlisted member that a place is now theirs, with its calendar entry."""
    _mail_place(uow, event, letters.WAITLIST_PROMOTED)


def forget_registration(uow: NotificationsUnitOfWork, event: ReceivedEvent) -> None:
    """Forget a place given up, so no reminder follows."""
    data = event.data
    registration = uow.registrations.get(data["event_id"], data["member_id"])
    if registration is not None:
        uow.registrations.delete(registration)


def _mail_place(uow: NotificationsUnitOfWork, event: ReceivedEvent, template: str) -> None:
    known = _known_event(uow, event.data["event_id"])
    regions = uow.known_regions.names()
    member_id = event.data["member_id"]
    if uow.registrations.get(known.event_id, member_id) is None:
        uow.registrations.add(Registration(event_id=known.event_id, member_id=member_id))
    queue_letter(
        uow,
        cause_id=event.id,
        member_id=event.data["member_id"],
        template=template,
        context={"event": event_entry(known, regions)},
        attachments=(calendar_entry(known, regions, stamp=event.envelope.time),),
    )


def announce_change(uow: NotificationsUnitOfWork, event: ReceivedEvent) -> None:
    """Keep an event's new details and mail everyone registered what changed."""
    data = event.data
    known = uow.known_events.get(data["event_id"])
    if known is None:
        return  # never opened (see _known_event), so no one is registered to tell
    for name in ("title", "region", "venue", "starts_at", "ends_at", "timezone", "capacity"):
        setattr(known, name, data[name])
    regions = uow.known_regions.names()
    news = [name for name in data["changed"] if name not in letters.NOT_WORTH_A_MAIL]
    if not news:
        return  # nothing a registrant acts on changed; the digest shows the new details
    context = {"event": event_entry(known, regions), "changed": news}
    entry = calendar_entry(known, regions, stamp=event.envelope.time)
    for member_id in data["registrant_ids"]:
        queue_letter(
            uow,
            cause_id=event.id,
            member_id=member_id,
            template=letters.EVENT_UPDATED,
            context=context,
            attachments=(entry,),
        )


def announce_cancellation(uow: NotificationsUnitOfWork, event: ReceivedEvent) -> None:
    """Mail everyone registered that the event is cancelled, and drop it from the digest."""
    data = event.data
    known = uow.known_events.get(data["event_id"])
    if known is None:
        return  # never opened (see _known_event), so no one is registered to tell
    regions = uow.known_regions.names()
    context = {"event": event_entry(known, regions), "reason": data.get("reason")}
    entry = calendar_entry(known, regions, stamp=event.envelope.time, cancelled=True)
    for member_id in data["registrant_ids"]:
        queue_letter(
            uow,
            cause_id=event.id,
            member_id=member_id,
            template=letters.EVENT_CANCELLED,
            context=context,
            attachments=(entry,),
        )
    uow.registrations.delete_all_at(known.event_id)
    uow.known_events.delete(known)


def introduce_match(uow: NotificationsUnitOfWork, event: ReceivedEvent) -> None:
    """Introduce each member of a coffee match to the others."""
    data = event.data
    for member_id in data["member_ids"]:
        partners = [_partner(uow, other) for other in data["member_ids"] if other != member_id]
        queue_letter(
            uow,
            cause_id=event.id,
            member_id=member_id,
            template=letters.COFFEE_INTRODUCTION,
            context={"partners": partners, "meeting_format": data["meeting_format"]},
        )


def _partner(uow: NotificationsUnitOfWork, member_id: str) -> dict[str, Any]:
    # Only members who chose coffee trials are paired, and that choice is to be introduced
    # to a partner by address: each member of a match gets the others' addresses.
    member = uow.known_members.get(member_id)
    contact = uow.contacts.get(member_id)
    return {
        "display_name": member.display_name if member else "a fellow Q member",
        "organisation": member.organisation if member else "Q",
        "email": contact.email if contact else None,
    }


# An event's changes and cancellation travel on its own key, after its creation, so
# notifications has always seen the event by then: if it kept no copy, the event was never
# opened (still pending when cancelled) and never will be known. Waiting would hold the
# change back for nothing; a registration, on another topic, may truly overtake its event.
def _known_event(uow: NotificationsUnitOfWork, event_id: str) -> KnownEvent:
    known = uow.known_events.get(event_id)
    if known is None:
        raise EventNotKnown(f"event {event_id} has not reached notifications yet")
    return known
