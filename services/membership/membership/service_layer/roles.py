"""Use cases of giving members roles: connector, partner reviewer, staff."""

from membership.domain import errors
from membership.domain.model import Member
from membership.service_layer.members import get_member
from membership.service_layer.profiles import list_in_directory
from membership.service_layer.recruitment import active_region
from membership.service_layer.unit_of_work import MembershipUnitOfWork
from qplatform.identity import PARTNER_REVIEWER
from qplatform.revocations import revoke_member


def grant_role(
    *, uow: MembershipUnitOfWork, member_id: str, role: str, region: str | None
) -> Member:
    """Give a member a role; a partner reviewer also gets the region they decide for.

    Giving a role the member already holds, as it was, changes and announces nothing.
    """
    member = get_member(uow=uow, member_id=member_id, lock=True)
    before = (set(member.roles or []), member.reviewer_region)
    if role == PARTNER_REVIEWER:
        if not region:
            raise errors.UnknownRegion("a partner reviewer needs a region", field="region")
        member.reviewer_region = active_region(uow, region).slug
    member.roles = sorted({*(member.roles or []), role})
    if (set(member.roles), member.reviewer_region) != before:
        _announce(uow, member, role, granted=True)
    return member


def revoke_role(*, uow: MembershipUnitOfWork, member_id: str, role: str) -> Member:
    """Take a role away from a member."""
    member = get_member(uow=uow, member_id=member_id, lock=True)
    if role not in (member.roles or []):
        raise errors.RoleNotHeld(f"the member is not a {role}", field="role")
    member.roles = [held for held in member.roles or [] if held != role]
    if role == PARTNER_REVIEWER:
        member.reviewer_region = None
    _announce(uow, member, role, granted=False)
    return member


def _announce(uow: MembershipUnitOfWork, member: Member, role: str, *, granted: bool) -> None:
    list_in_directory(uow, member)
    changed_at = uow.clock.now()
    if not granted:
        # Tokens issued before now still name the role; every service refuses them.
        revoke_member(uow, member.id, before=changed_at)
    uow.publish(
        "member-role-changed",
        subject=member.id,
        data={
            "member_id": member.id,
            "role": role,
            "granted": granted,
            "region": member.reviewer_region if role == PARTNER_REVIEWER else None,
            "changed_at": changed_at,
        },
    )
    uow.commit()
