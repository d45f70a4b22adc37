"""Use cases of finding members and counting the community."""

from collections import Counter
from datetime import timedelta

from membership.domain import errors
from membership.domain.model import Member
from membership.service_layer.unit_of_work import MembershipUnitOfWork
from qplatform.identity import Caller
from qplatform.paging import Page, PageRequest


def get_member(*, uow: MembershipUnitOfWork, member_id: str, lock: bool = False) -> Member:
    """Return the member with `member_id`; `lock` them to change them."""
    member = uow.members.get(member_id, lock=lock)
    if member is None:
        raise errors.MemberNotFound("no member with that id")
    return member


def community_figures(*, uow: MembershipUnitOfWork) -> dict[str, dict[str, int]]:
    """Count members per region and joins per month (UTC), for staff."""
    per_region: Counter[str] = Counter()
    per_month: Counter[str] = Counter()
    for region, joined_at in uow.members.joins():
        per_region[region] += 1
        per_month[joined_at.strftime("%Y-%m")] += 1
    return {
        "members_per_region": dict(per_region),
        "joins_per_month": dict(sorted(per_month.items())),
    }


def newcomers(
    *, uow: MembershipUnitOfWork, caller: Caller, region: str | None, weeks: int, page: PageRequest
) -> Page[dict[str, object]]:
    """Return a page of who joined in the last `weeks`, newest first: a Connector's own region."""
    if not caller.is_staff:
        member = uow.members.get(caller.member_id or "")
        own = member.region if member else None
        if own is None or region not in (None, own):
            raise errors.NotYourRegion("Connectors see the newcomers of their own region")
        region = own
    since = uow.clock.now() - timedelta(weeks=weeks)
    found = uow.members.joined_since(since, page, region=region)
    return Page(
        [{"member_id": m.id, "joined_at": m.joined_at, **m.public_view()} for m in found.items],
        found.total,
    )
