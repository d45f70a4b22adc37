"""Use cases of finding members and counting the community."""

from collections import Counter
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from membership.adapters.storage import Members
from membership.domain import errors
from membership.domain.model import Member
from qplatform.db.unit_of_work import UnitOfWork
from qplatform.identity import Caller


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


def newcomers(
    *, uow: UnitOfWork, caller: Caller, region: str | None, weeks: int
) -> list[dict[str, object]]:
    """Return who joined in the last `weeks`, newest first: a Connector's own region only."""
    if not caller.is_staff:
        member = Members(uow.session).get(caller.member_id or "")
        own = member.region if member else None
        if own is None or region not in (None, own):
            raise errors.NotYourRegion("Connectors see the newcomers of their own region")
        region = own
    since = datetime.now(UTC) - timedelta(weeks=weeks)
    query = select(Member).where(Member.joined_at >= since).order_by(Member.joined_at.desc())
    if region is not None:
        query = query.where(Member.region == region)
    return [
        {"member_id": member.id, "joined_at": member.joined_at, **member.public_view()}
        for member in uow.session.scalars(query.limit(500))
    ]
