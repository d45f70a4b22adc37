"""Use cases of reading the mail sent to members."""

from notifications.domain import errors
from notifications.domain.model import Message, MessageState
from notifications.service_layer.outcomes import record_sent
from notifications.service_layer.unit_of_work import NotificationsUnitOfWork
from qplatform.paging import Page, PageRequest


def list_messages(
    *, uow: NotificationsUnitOfWork, member_id: str, page: PageRequest
) -> Page[Message]:
    """Return one page of the mail queued for a member, newest first."""
    items = uow.messages.for_member(member_id, offset=page.offset, limit=page.size)
    return Page(items=items, total=uow.messages.count_for_member(member_id))


def list_all_messages(
    *, uow: NotificationsUnitOfWork, state: MessageState | None, page: PageRequest
) -> Page[Message]:
    """Return one page of every member's mail, in `state` if given, newest first."""
    items = uow.messages.newest(state, offset=page.offset, limit=page.size)
    return Page(items=items, total=uow.messages.count_all(state))


def list_uncertain(*, uow: NotificationsUnitOfWork, page: PageRequest) -> Page[Message]:
    """Return one page of the mail that may or may not have been sent, oldest first."""
    uncertain = MessageState.UNCERTAIN
    items = uow.messages.in_state(uncertain, offset=page.offset, limit=page.size)
    return Page(items=items, total=uow.messages.count_in_state(uncertain))


def get_message(*, uow: NotificationsUnitOfWork, message_id: str) -> Message:
    """Return the mail with `message_id`."""
    message = uow.messages.get(message_id)
    if message is None:
        raise errors.MessageNotFound("no message with that id")
    return message


def send_again(*, uow: NotificationsUnitOfWork, message_id: str) -> Message:
    """Queue again a mail whose hand-over is in doubt, as staff decided, and commit."""
    message = _uncertain(uow, message_id)
    message.send_again()
    uow.commit()
    return message


def confirm_sent(*, uow: NotificationsUnitOfWork, message_id: str) -> Message:
    """Record as sent a mail whose hand-over is in doubt, as staff found, and commit."""
    message = _uncertain(uow, message_id)
    record_sent(uow, message)
    uow.commit()
    return message


def _uncertain(uow: NotificationsUnitOfWork, message_id: str) -> Message:
    message = get_message(uow=uow, message_id=message_id)
    if message.state != MessageState.UNCERTAIN:
        raise errors.MessageNotUncertain(
            f"the mail is {message.state.value}, not uncertain", field="message_id"
        )
    return message
