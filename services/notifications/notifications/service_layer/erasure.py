"""Erase what notifications knows of a member when membership erases them."""

from sqlalchemy import delete

from notifications.adapters.consent import Bounces, Preferences, Suppressions
from notifications.adapters.copies import KnownMembers
from notifications.adapters.storage import Contacts, Messages
from notifications.domain.copies import CoffeeMatch, Registration
from notifications.domain.model import MessageState
from notifications.service_layer.community import forget_places
from notifications.service_layer.outcomes import give_up
from qplatform.db.unit_of_work import UnitOfWork


def erase_member(uow: UnitOfWork, member_id: str) -> None:
    """Delete a member's contact and choices, and scrub and stop their mail."""
    contacts = Contacts(uow.session)
    contact = contacts.get(member_id)
    if contact is not None:
        contacts.delete(contact)
    Preferences(uow.session).delete_all(member_id)
    Bounces(uow.session).delete_all(member_id)
    Suppressions(uow.session).delete(member_id)
    KnownMembers(uow.session).delete(member_id)
    forget_places(uow, member_id)
    uow.session.execute(delete(Registration).where(Registration.member_id == member_id))
    uow.session.execute(delete(CoffeeMatch).where(CoffeeMatch.member_id == member_id))
    for message in Messages(uow.session).all_of(member_id):
        if message.state == MessageState.QUEUED:
            give_up(uow, message, "the member was erased", attempted=False)
        message.scrub()
        message.context = {}
