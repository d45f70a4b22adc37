"""A member's in-app feed: the notifications sent to them, read or not."""

from notifications.adapters.storage import Messages
from notifications.domain import errors
from notifications.domain.model import Message, now
from notifications.service_layer.messages import MessagePage, list_messages
from qplatform.db.unit_of_work import UnitOfWork


def feed_page(*, uow: UnitOfWork, member_id: str, page: int, page_size: int) -> MessagePage:
    """Return one page of the member's notifications, newest first."""
    return list_messages(uow=uow, member_id=member_id, page=page, page_size=page_size)


def unread_count(*, uow: UnitOfWork, member_id: str) -> int:
    """Return how many of the member's notifications are unread."""
    return Messages(uow.session).count_for_member(member_id, unread_only=True)


def mark_read(*, uow: UnitOfWork, member_id: str, message_id: str) -> Message:
    """Mark one of the member's own notifications read."""
    message = Messages(uow.session).get(message_id)
    if message is None or message.member_id != member_id:
        raise errors.NotificationNotFound("you have no notification with that id")
    if message.read_at is None:
        message.read_at = now()
    uow.commit()
    return message


def mark_all_read(*, uow: UnitOfWork, member_id: str) -> None:
    """Mark all the member's notifications read."""
    Messages(uow.session).mark_all_read(member_id, now())
    uow.commit()
