"""Forgotten passwords: mail a fresh one-time link to a member who asks, a few times an hour."""

from datetime import timedelta

from sqlalchemy import func, select

from membership.adapters.storage import Members
from membership.domain.accounts import PASSWORD_LINK_LIFETIME, PasswordLink
from membership.domain.addresses import UndeliverableAddress, canonical_address
from membership.domain.model import now
from membership.service_layer.accounts import send_password_link
from qplatform.config import Settings
from qplatform.db.unit_of_work import UnitOfWork

RESET_WINDOW = timedelta(hours=1)
RESETS_PER_WINDOW = 3


def request_password_link(*, uow: UnitOfWork, settings: Settings, email: str) -> None:
    """Mail the member with this address a new set-password link, unless asked too often.

    Nothing tells the caller whether the address belongs to a member, or whether a link
    was held back, so the answer cannot be used to find out who is in Q.
    """
    try:
        address = canonical_address(email)
    except UndeliverableAddress:
        return  # no member holds an address membership would refuse
    member = Members(uow.session).with_email(address)
    if member is None or _links_sent_lately(uow, member.id) >= RESETS_PER_WINDOW:
        return
    send_password_link(uow, settings, member)
    uow.commit()


def _links_sent_lately(uow: UnitOfWork, member_id: str) -> int:
    # A link's lifetime is fixed, so its expiry says when it was sent.
    sent_after = now() - RESET_WINDOW + PASSWORD_LINK_LIFETIME
    query = select(func.count()).where(
        PasswordLink.member_id == member_id, PasswordLink.expires_at > sent_after
    )
    return int(uow.session.scalar(query) or 0)
