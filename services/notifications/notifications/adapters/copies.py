"""Repositories of notifications' copies of other services' facts."""

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from notifications.domain.copies import DigestRun, KnownEvent, KnownMember, KnownRegion


class KnownEvents:
    """Q events remembered for the digest."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, event: KnownEvent) -> None:
        self._session.add(event)

    def get(self, event_id: str) -> KnownEvent | None:
        return self._session.get(KnownEvent, event_id)


class KnownMembers:
    """Members remembered for the digest's news of who joined."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, member: KnownMember) -> None:
        self._session.add(member)

    def get(self, member_id: str) -> KnownMember | None:
        return self._session.get(KnownMember, member_id)

    def delete(self, member_id: str) -> None:
        self._session.execute(delete(KnownMember).where(KnownMember.member_id == member_id))


class DigestRuns:
    """The months whose digest is queued."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, run: DigestRun) -> None:
        self._session.add(run)

    def get(self, month: str) -> DigestRun | None:
        return self._session.get(DigestRun, month)


class KnownRegions:
    """Regions by the names staff gave them."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, region: KnownRegion) -> None:
        self._session.add(region)

    def get(self, slug: str) -> KnownRegion | None:
        return self._session.get(KnownRegion, slug)

    def names(self) -> dict[str, str]:
        """Return each region's name by slug, for every region membership announced."""
        rows = self._session.execute(select(KnownRegion.slug, KnownRegion.name))
        return {slug: name for slug, name in rows}
