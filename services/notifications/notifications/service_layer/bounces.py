"""Take reports of mail that came back, and stop mailing addresses that keep bouncing."""

from collections.abc import Sequence

from notifications.adapters.consent import Bounces, Suppressions
from notifications.adapters.storage import Contacts, Messages
from notifications.domain import errors
from notifications.domain.model import MessageState, address_hash
from notifications.domain.preferences import HARD, Bounce, Suppression
from notifications.service_layer.outcomes import record_bounced
from qplatform.db.unit_of_work import UnitOfWork


def record_bounce(
    *, uow: UnitOfWork, message_id: str, kind: str, reason: str, soft_limit: int
) -> Bounce:
    """Record that a mail bounced; suppress the address after a hard or repeated soft one."""
    message = Messages(uow.session).get(message_id)
    if message is None:
        raise errors.MessageNotFound("no message with that id", field="message_id")
    contact = Contacts(uow.session).get(message.member_id)
    if contact is not None:
        reason = reason.replace(contact.email, "<recipient>")
    bounce = Bounce(member_id=message.member_id, message_id=message.id, kind=kind, reason=reason)
    Bounces(uow.session).add(bounce)
    if message.state == MessageState.SENT:
        record_bounced(uow, message, f"{kind} bounce: {reason}")
    uow.session.flush()
    _suppress_if_due(uow, bounce, contact.email if contact else "", soft_limit)
    uow.commit()
    return bounce


def _suppress_if_due(uow: UnitOfWork, bounce: Bounce, email: str, soft_limit: int) -> None:
    suppressions = Suppressions(uow.session)
    if suppressions.get(bounce.member_id) is not None or not email:
        return
    count = Bounces(uow.session).count(bounce.member_id, bounce.kind)
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


def get_suppression(*, uow: UnitOfWork, member_id: str) -> Suppression:
    """Return why a member's address is suppressed."""
    suppression = Suppressions(uow.session).get(member_id)
    if suppression is None:
        raise errors.SuppressionNotFound("that member's address is not suppressed")
    return suppression


def list_suppressions(
    *, uow: UnitOfWork, page: int, page_size: int
) -> tuple[Sequence[Suppression], int]:
    """Return one page of suppressed addresses, newest first, and how many there are."""
    suppressions = Suppressions(uow.session)
    items = suppressions.page(offset=(page - 1) * page_size, limit=page_size)
    return items, suppressions.count()


def list_bounces(*, uow: UnitOfWork, page: int, page_size: int) -> tuple[Sequence[Bounce], int]:
    """Return one page of bounce reports, newest first, and how many there are."""
    found = Bounces(uow.session)
    return found.page(offset=(page - 1) * page_size, limit=page_size), found.count_all()
