"""Record what became of a mail, and announce it in the same transaction."""

from notifications.domain.model import Message, now
from qplatform.db.unit_of_work import UnitOfWork


def record_sent(uow: UnitOfWork, message: Message) -> None:
    """Mark the mail sent and stage notification-sent."""
    message.mark_sent()
    uow.publish(
        "notification-sent",
        subject=message.id,
        data={**_facts(message), "sent_at": message.sent_at},
    )


def give_up(uow: UnitOfWork, message: Message, reason: str, *, attempted: bool = True) -> None:
    """Mark the mail failed for good and stage notification-failed."""
    message.mark_failed(reason, attempted=attempted)
    uow.publish(
        "notification-failed",
        subject=message.id,
        data={**_facts(message), "reason": message.last_error, "failed_at": now()},
    )


def record_bounced(uow: UnitOfWork, message: Message, reason: str) -> None:
    """Mark a sent mail bounced and stage notification-failed."""
    message.mark_bounced(reason)
    uow.publish(
        "notification-failed",
        subject=message.id,
        data={**_facts(message), "reason": message.last_error, "failed_at": now()},
    )


def _facts(message: Message) -> dict[str, object]:
    return {
        "message_id": message.id,
        "member_id": message.member_id,
        "template": message.template,
        "category": message.category,
        "attempts": message.attempts,
    }
