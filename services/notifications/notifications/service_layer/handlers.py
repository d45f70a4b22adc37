"""What notifications does with each event it consumes; handlers never commit."""

from notifications.adapters.storage import Contacts, KnownEvents, Messages
from notifications.domain.letters import WELCOME, welcome_letter
from notifications.domain.model import Contact, KnownEvent, Message, message_key
from qplatform.db.unit_of_work import UnitOfWork
from qplatform.messaging.consumer import Handler, HandlerKey, ReceivedEvent


def record_contact(uow: UnitOfWork, event: ReceivedEvent) -> None:
    """Keep the member's newest contact details."""
    data = event.data
    contacts = Contacts(uow.session)
    contact = contacts.get(data["member_id"])
    if contact is None:
        contact = Contact(member_id=data["member_id"])
        contacts.add(contact)
    contact.email = data["email"]
    contact.display_name = data["display_name"]
    contact.consents = list(data["consents"])
    contact.updated_at = event.envelope.time


def queue_welcome(uow: UnitOfWork, event: ReceivedEvent) -> None:
    """Queue the welcome mail of a new member, once per joining."""
    member_id = event.data["member_id"]
    key = message_key(event.id, member_id, WELCOME)
    messages = Messages(uow.session)
    if messages.with_key(key) is not None:
        return
    letter = welcome_letter(event.data["display_name"])
    messages.add(
        Message(
            idempotency_key=key,
            member_id=member_id,
            template=WELCOME,
            subject=letter.subject,
            body_text=letter.body_text,
        )
    )


def remember_event(uow: UnitOfWork, event: ReceivedEvent) -> None:
    """Keep the newest details of a Q event for the monthly digest."""
    data = event.data
    known_events = KnownEvents(uow.session)
    known = known_events.get(data["event_id"])
    if known is None:
        known = KnownEvent(event_id=data["event_id"])
        known_events.add(known)
    for name in (
        "title",
        "kind",
        "pillar",
        "region",
        "starts_at",
        "ends_at",
        "timezone",
        "capacity",
    ):
        setattr(known, name, data[name])


EVENT_HANDLERS: dict[HandlerKey, Handler] = {
    ("member-contact-recorded", 1): record_contact,
    ("member-joined", 1): queue_welcome,
    ("event-created", 1): remember_event,
}
