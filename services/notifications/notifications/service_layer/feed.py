"""A member's in-app feed: the notifications sent to them, read or not."""

from notifications.domain import errors
from notifications.domain.model import Message
from notifications.service_layer.messages import list_messages
from notifications.service_layer.unit_of_work import NotificationsUnitOfWork
from qplatform.paging import Page, PageRequest


def feed_page(*, uow: NotificationsUnitOfWork, member_id: str, page: PageRequest) -> Page[Message]:
    """Return one page of the member's notifications, newest first."""
    return list_messages(uow=uow, member_id=member_id, page=page)


def unread_count(*, uow: NotificationsUnitOfWork, member_id: str) -> int:
    """Return how many of the member's notifications are unread."""
    return uow.messages.count_for_member(member_id, unread_only=True)


def mark_read(*, uow: NotificationsUnitOfWork, member_id: str, message_id: str) -> Message:
    """Mark one of the member's own notifications read."""
    message = uow.messages.get(message_id)
    if message is None or message.member_id != member_id:
        raise errors.NotificationNotFound("you have no notification with that id")
    if message.read_at is None:
        message.read_at = uow.clock.now()
    uow.commit()
    return message


def mark_all_read(*, uow: NotificationsUnitOfWork, member_id: str) -> None:
    """Mark all the member's notifications read."""
    uow.messages.mark_all_read(member_id, uow.clock.now())
    uow.commit()
