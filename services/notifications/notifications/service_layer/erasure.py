"""Erase what notifications knows of a member when membership erases them."""

import json
from typing import Any

from notifications.domain.letters import COFFEE_INTRODUCTION
from notifications.domain.model import MessageState
from notifications.service_layer.community import forget_places
from notifications.service_layer.outcomes import give_up
from notifications.service_layer.unit_of_work import NotificationsUnitOfWork


def erase_member(uow: NotificationsUnitOfWork, member_id: str) -> None:
    """Delete a member's contact and choices, erase their mail, and their name in others'."""
    names = _names_of(uow, member_id)
    contacts = uow.contacts
    contact = contacts.get(member_id)
    if contact is not None:
        contacts.delete(contact)
    uow.preferences.delete_all(member_id)
    uow.bounces.delete_all(member_id)
    uow.suppressions.delete(member_id)
    uow.known_members.delete(member_id)
    forget_places(uow, member_id)
    uow.registrations.delete_all_of(member_id)
    uow.coffee_matches.delete_all_of(member_id)
    uow.survey_invitations.delete_all_of(member_id)
    for message in uow.messages.all_of(member_id):
        if message.state == MessageState.QUEUED:
            give_up(uow, message, "the member was erased", attempted=False)
        message.erase()
    for name in names:
        _erase_from_others(uow, member_id, name)


def _names_of(uow: NotificationsUnitOfWork, member_id: str) -> set[str]:
    contact = uow.contacts.get(member_id)
    known = uow.known_members.get(member_id)
    names = {contact.display_name if contact else "", known.display_name if known else ""}
    # A name this short would match words in other mail that do not name the member.
    return {name for name in names if len(name.strip()) >= 3}


def _erase_from_others(uow: NotificationsUnitOfWork, member_id: str, name: str) -> None:
    """Drop the member from mail still queued for others; scrub sent mail that names them."""
    escaped = json.dumps(name)[1:-1]
    for message in uow.messages.naming(name, escaped=escaped, besides=member_id):
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
