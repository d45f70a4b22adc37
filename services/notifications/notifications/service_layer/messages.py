"""Use cases of reading the mail sent to members."""

from collections.abc import Sequence
from dataclasses import dataclass

from notifications.adapters.storage import Messages
from notifications.domain import errors
from notifications.domain.model import Message, MessageState
from notifications.service_layer.outcomes import record_sent
from qplatform.db.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class MessagePage:
    """One page of a member's mail, and how many mails they have in all."""

    items: Sequence[Message]
    total: int


def list_messages(*, uow: UnitOfWork, member_id: str, page: int, page_size: int) -> MessagePage:
    """Return one page of the mail queued for a member, newest first."""
    messages = Messages(uow.session)
    items = messages.for_member(member_id, offset=(page - 1) * page_size, limit=page_size)
    return MessagePage(items=items, total=messages.count_for_member(member_id))


def list_all_messages(
    *, uow: UnitOfWork, state: MessageState | None, page: int, page_size: int
) -> MessagePage:
    """Return one page of every member's mail, in `state` if given, newest first."""
    messages = Messages(uow.session)
    items = messages.newest(state, offset=(page - 1) * page_size, limit=page_size)
    return MessagePage(items=items, total=messages.count_all(state))


def get_message(*, uow: UnitOfWork, message_id: str) -> Message:
    """Return the mail with `message_id`."""
    message = Messages(uow.session).get(message_id)
    if message is None:
        raise errors.MessageNotFound("no message with that id")
    return message


def list_uncertain(*, uow: UnitOfWork, page: int, page_size: int) -> MessagePage:
    """Return one page of the mail that may or may not have been sent, oldest first."""
    messages = Messages(uow.session)
    items = messages.in_state(
        MessageState.UNCERTAIN, offset=(page - 1) * page_size, limit=page_size
    )
    return MessagePage(items=items, total=messages.count_in_state(MessageState.UNCERTAIN))


def send_again(*, uow: UnitOfWork, message_id: str) -> Message:
    """Queue again a mail whose hand-over is in doubt, as staff decided, and commit."""
    message = _uncertain(uow, message_id)
    message.send_again()
    uow.commit()
    return message


def confirm_sent(*, uow: UnitOfWork, message_id: str) -> Message:
    """Record as sent a mail whose hand-over is in doubt, as staff found, and commit."""
    message = _uncertain(uow, message_id)
    record_sent(uow, message)
    uow.commit()
    return message


def _uncertain(uow: UnitOfWork, message_id: str) -> Message:
    message = get_message(uow=uow, message_id=message_id)
    if message.state != MessageState.UNCERTAIN:
        raise errors.MessageNotUncertain(
            f"the mail is {message.state.value}, not uncertain", field="message_id"
        )
    return message
