"""Forgotten passwords: mail a fresh one-time link to a member who asks, a few times an hour."""

from datetime import timedelta

from membership.domain.accounts import PASSWORD_LINK_LIFETIME
from membership.domain.addresses import UndeliverableAddress, canonical_address
from membership.service_layer.accounts import send_password_link
from membership.service_layer.unit_of_work import MembershipUnitOfWork
from qplatform.config import Settings

RESET_WINDOW = timedelta(hours=1)
RESETS_PER_WINDOW = 3


def request_password_link(*, uow: MembershipUnitOfWork, settings: Settings, email: str) -> None:
    """Mail the member with this address a new set-password link, unless asked too often.

    Nothing tells the caller whether the address belongs to a member, or whether a link
    was held back, so the answer cannot be used to find out who is in Q.
    """
    try:
        address = canonical_address(email)
    except UndeliverableAddress:
        return  # no member holds an address membership would refuse
    member = uow.members.with_email(address)
    if member is None or _links_sent_lately(uow, member.id) >= RESETS_PER_WINDOW:
        return
    send_password_link(uow, settings, member)
    uow.commit()


def _links_sent_lately(uow: MembershipUnitOfWork, member_id: str) -> int:
    # A link's lifetime is fixed, so its expiry says when it was sent.
    sent_after = uow.clock.now() - RESET_WINDOW + PASSWORD_LINK_LIFETIME
    return uow.credentials.links_expiring_after(member_id, sent_after)
