"""Erase what notifications knows of a member when membership erases them."""

import json
from typing import Any

from sqlalchemy import Text, cast, delete, or_, select

from notifications.adapters.consent import Bounces, Preferences, Suppressions
from notifications.adapters.copies import KnownMembers
from notifications.adapters.storage import Contacts, Messages
from notifications.domain.copies import CoffeeMatch, Registration, SurveyInvitation
from notifications.domain.letters import COFFEE_INTRODUCTION
from notifications.domain.model import Message, MessageState
from notifications.service_layer.community import forget_places
from notifications.service_layer.outcomes import give_up
from qplatform.db.unit_of_work import UnitOfWork


def erase_member(uow: UnitOfWork, member_id: str) -> None:
    """Delete a member's contact and choices, erase their mail, and their name in others'."""
    names = _names_of(uow, member_id)
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
    uow.session.execute(delete(SurveyInvitation).where(SurveyInvitation.member_id == member_id))
    for message in Messages(uow.session).all_of(member_id):
        if message.state == MessageState.QUEUED:
            give_up(uow, message, "the member was erased", attempted=False)
        message.erase()
    for name in names:
        _erase_from_others(uow, member_id, name)


def _names_of(uow: UnitOfWork, member_id: str) -> set[str]:
    contact = Contacts(uow.session).get(member_id)
    known = KnownMembers(uow.session).get(member_id)
    names = {contact.display_name if contact else "", known.display_name if known else ""}
    # A name this short would match words in other mail that do not name the member.
    return {name for name in names if len(name.strip()) >= 3}


def _erase_from_others(uow: UnitOfWork, member_id: str, name: str) -> None:
    """Drop the member from mail still queued for others; scrub sent mail that names them."""
    escaped = json.dumps(name)[1:-1]
    naming = or_(
        Message.body_text.contains(name, autoescape=True),
        Message.body_html.contains(name, autoescape=True),
        cast(Message.context, Text).contains(name, autoescape=True),
        cast(Message.context, Text).contains(escaped, autoescape=True),
    )
    query = select(Message).where(Message.member_id != member_id).where(naming)
    for message in uow.session.scalars(query):
        if message.state == MessageState.QUEUED:
            message.context = _without_person(message.context, name)
            if message.template == COFFEE_INTRODUCTION and not message.context.get("partners"):
                give_up(uow, message, "the match's other member left", attempted=False)
        else:
            message.scrub()
            message.context = _without_person(message.context, name)


def _without_person(value: Any, name: str) -> Any:
    # Lists of people (new members, coffee partners) lose the entry that is the member.
    if isinstance(value, dict):
        return {key: _without_person(item, name) for key, item in value.items()}
    if isinstance(value, list):
        return [
            _without_person(item, name)
            for item in value
            if not (isinstance(item, dict) and item.get("display_name") == name)
        ]
    return value
