"""Members, as the service layer finds and keeps them."""

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from membership.domain.model import Member
from qplatform.paging import Page, PageRequest


class Members:
    """Members, as the service layer finds and keeps them."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, member: Member) -> None:
        """Keep a new member."""
        self._session.add(member)

    def get(self, member_id: str, *, lock: bool = False) -> Member | None:
        """Return a member; with `lock`, hold their row until the transaction ends."""
        return self._session.get(Member, member_id, with_for_update=lock)

    def with_email(self, email: str) -> Member | None:
        """Return the member with `email`, if any."""
        return self._session.scalars(select(Member).where(Member.email == email)).first()

    def with_ids(self, member_ids: list[str]) -> list[Member]:
        """Return the members of `member_ids` that exist, in no particular order."""
        return list(self._session.scalars(select(Member).where(Member.id.in_(member_ids))))

    def remove(self, member: Member) -> None:
        """Delete a member."""
        self._session.delete(member)

    def joins(self) -> list[tuple[str, datetime]]:
        """Return (region, joined_at) of every member."""
        return [(r, j) for r, j in self._session.execute(select(Member.region, Member.joined_at))]

    def joined_since(
        self, since: datetime, page: PageRequest, *, region: str | None = None
    ) -> Page[Member]:
        """Return a page of those who joined since `since` (in `region`), newest first."""
        query = select(Member).where(Member.joined_at >= since)
        if region is not None:
            query = query.where(Member.region == region)
        total = self._session.scalar(select(func.count()).select_from(query.subquery()))
        ordered = query.order_by(Member.joined_at.desc(), Member.id)
        found = self._session.scalars(ordered.offset(page.offset).limit(page.size))
        return Page(list(found), int(total or 0))
