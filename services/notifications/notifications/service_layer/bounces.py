"""Take reports of mail that came back, and stop mailing addresses that keep bouncing."""

from notifications.domain import errors
from notifications.domain.model import MessageState, address_hash
from notifications.domain.preferences import HARD, Bounce, Suppression
from notifications.service_layer.outcomes import record_bounced
from notifications.service_layer.unit_of_work import NotificationsUnitOfWork
from qplatform.paging import Page, PageRequest


def record_bounce(
    *, uow: NotificationsUnitOfWork, message_id: str, kind: str, reason: str, soft_limit: int
) -> Bounce:
    """Record that a mail bounced; suppress the address after a hard or repeated soft one."""
    message = uow.messages.get(message_id)
    if message is None:
        raise errors.MessageNotFound("no message with that id", field="message_id")
    contact = uow.contacts.get(message.member_id)
    if contact is not None:
        reason = reason.replace(contact.email, "<recipient>")
    bounce = Bounce(member_id=message.member_id, message_id=message.id, kind=kind, reason=reason)
    uow.bounces.add(bounce)
    if message.state == MessageState.SENT:
        record_bounced(uow, message, f"{kind} bounce: {reason}")
    uow.flush()
    _suppress_if_due(uow, bounce, contact.email if contact else "", soft_limit)
    uow.commit()
    return bounce


def _suppress_if_due(
    uow: NotificationsUnitOfWork, bounce: Bounce, email: str, soft_limit: int
) -> None:
    suppressions = uow.suppressions
    if suppressions.get(bounce.member_id) is not None or not email:
        return
    count = uow.bounces.count(bounce.member_id, bounce.kind)
    if bounce.kind == HARD:
        why = f"hard bounce: {bounce.reason}"
    elif count >= soft_limit:
        why = f"{count} soft bounces, the last: {bounce.reason}"
    else:
        return
    suppressions.add(
        Suppression(
            member_id=bounce.member_id, address_hash=address_hash(email), reason=why, bounces=count
        )
    )


def get_suppression(*, uow: NotificationsUnitOfWork, member_id: str) -> Suppression:
    """Return why a member's address is suppressed."""
    suppression = uow.suppressions.get(member_id)
    if suppression is None:
        raise errors.SuppressionNotFound("that member's address is not suppressed")
    return suppression


def list_suppressions(*, uow: NotificationsUnitOfWork, page: PageRequest) -> Page[Suppression]:
    """Return one page of suppressed addresses, newest first."""
    items = uow.suppressions.page(offset=page.offset, limit=page.size)
    return Page(items=items, total=uow.suppressions.count())


def list_bounces(*, uow: NotificationsUnitOfWork, page: PageRequest) -> Page[Bounce]:
    """Return one page of bounce reports, newest first."""
    items = uow.bounces.page(offset=page.offset, limit=page.size)
    return Page(items=items, total=uow.bounces.count_all())
