"""Record what became of a mail, and announce it in the same transaction."""

from notifications.domain.model import Message
from notifications.service_layer.unit_of_work import NotificationsUnitOfWork


def record_sent(uow: NotificationsUnitOfWork, message: Message) -> None:
    """Mark the mail sent and stage notification-sent."""
    message.mark_sent(uow.clock.now())
    uow.publish(
        "notification-sent",
        subject=message.id,
        data={**_facts(message), "sent_at": message.sent_at},
    )


def give_up(
    uow: NotificationsUnitOfWork, message: Message, reason: str, *, attempted: bool = True
) -> None:
    """Mark the mail failed for good and stage notification-failed."""
    message.mark_failed(reason, attempted=attempted)
    uow.publish(
        "notification-failed",
        subject=message.id,
        data={**_facts(message), "reason": message.last_error, "failed_at": uow.clock.now()},
    )


def record_bounced(uow: NotificationsUnitOfWork, message: Message, reason: str) -> None:
    """Mark a sent mail bounced and stage notification-failed."""
    message.mark_bounced(reason)
    uow.publish(
        "notification-failed",
        subject=message.id,
        data={**_facts(message), "reason": message.last_error, "failed_at": uow.clock.now()},
    )


def _facts(message: Message) -> dict[str, object]:
    return {
        "message_id": message.id,
        "member_id": message.member_id,
        "template": message.template,
        "category": message.category,
        "attempts": message.attempts,
    }
