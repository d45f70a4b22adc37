"""Use cases of finding members and counting the community."""

from collections import Counter

from sqlalchemy import select

from membership.adapters.storage import Members
from membership.domain import errors
from membership.domain.model import Member
from qplatform.db.unit_of_work import UnitOfWork


def get_member(*, uow: UnitOfWork, member_id: str, lock: bool = False) -> Member:
    """Return the member with `member_id`; `lock` them to change them."""
    member = Members(uow.session).get(member_id, lock=lock)
    if member is None:
        raise errors.MemberNotFound("no member with that id")
    return member


def community_figures(*, uow: UnitOfWork) -> dict[str, dict[str, int]]:
    """Count members per region and joins per month (UTC), for staff."""
    per_region: Counter[str] = Counter()
    per_month: Counter[str] = Counter()
    for region, joined_at in uow.session.execute(select(Member.region, Member.joined_at)):
        per_region[region] += 1
        per_month[joined_at.strftime("%Y-%m")] += 1
    return {
        "members_per_region": dict(per_region),
        "joins_per_month": dict(sorted(per_month.items())),
    }
