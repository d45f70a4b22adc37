"""Membership's database: its tables, the outbox and inbox, and its repositories."""

from datetime import datetime

from sqlalchemy import func, select, tuple_
from sqlalchemy.orm import Session

from membership.domain import accounts, directory, groups, recruitment
from membership.domain.model import Application, ApplicationStatus, Base, Member
from qplatform.db.migrate import POSTGRESQL_ONLY
from qplatform.db.plumbing import add_plumbing_tables

METADATA = Base.metadata
PLUMBING = add_plumbing_tables(METADATA)
# The directory's full-text search, added by its migrations on PostgreSQL alone.
METADATA.info[POSTGRESQL_ONLY] = frozenset(
    {
        "directory_entries.search_words",
        "ix_directory_entries_search_words",
        "ix_directory_entries_role_list",
    }
)
MODEL_MODULES = (accounts, directory, groups, recruitment)


def hold(session: Session, key: str) -> None:
    """Hold `key` until the transaction ends, so changes about it are checked one at a time.

    For what has no row to lock yet (an email applying, a name being taken). SQLite already
    writes one transaction at a time; PostgreSQL takes an advisory lock.
    """
    if session.get_bind().dialect.name == "postgresql":
        lock = func.pg_advisory_xact_lock(func.hashtext(f"membership:{key}"))
        session.execute(select(lock))


class Applications:
    """Applications, as the service layer finds and keeps them."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, application: Application) -> None:
        self._session.add(application)

    def get(self, application_id: str, *, lock: bool = False) -> Application | None:
        """Return an application; with `lock`, hold its row until the transaction ends."""
        return self._session.get(Application, application_id, with_for_update=lock)

    def open_for(self, email: str) -> Application | None:
        """Return the undecided application of `email`, if any."""
        query = select(Application).where(
            Application.email == email, Application.status == ApplicationStatus.SUBMITTED
        )
        return self._session.scalars(query).first()

    def listed(
        self,
        *,
        status: str | None,
        region: str | None,
        wave_id: str | None,
        after: Application | None = None,
        limit: int | None = None,
    ) -> list[Application]:
        """Return applications matching the filters given, oldest first, after `after`."""
        order = (Application.submitted_at, Application.id)
        query = select(Application).order_by(*order).limit(limit)
        if after is not None:
            query = query.where(tuple_(*order) > tuple_(after.submitted_at, after.id))
        if status:
            query = query.where(Application.status == ApplicationStatus(status))
        if region:
            query = query.where(Application.region == region)
        if wave_id:
            query = query.where(Application.wave_id == wave_id)
        return list(self._session.scalars(query))

    def tally(self, wave_id: str) -> list[tuple[str, str, int]]:
        """Return (region, status, count) of the applications in a wave."""
        query = (
            select(Application.region, Application.status, func.count())
            .where(Application.wave_id == wave_id)
            .group_by(Application.region, Application.status)
        )
        return [
            (region, str(status), count) for region, status, count in self._session.execute(query)
        ]

    def approval_times(self, wave_id: str) -> list[tuple[str, datetime]]:
        """Return (region, decided_at) of each approved application in a wave."""
        query = select(Application.region, Application.decided_at).where(
            Application.wave_id == wave_id,
            Application.status == ApplicationStatus.APPROVED,
            Application.decided_at.is_not(None),
        )
        return [(region, decided) for region, decided in self._session.execute(query) if decided]


class Members:
    """Members, as the service layer finds and keeps them."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, member: Member) -> None:
        self._session.add(member)

    def get(self, member_id: str, *, lock: bool = False) -> Member | None:
        """Return a member; with `lock`, hold their row until the transaction ends."""
        return self._session.get(Member, member_id, with_for_update=lock)

    def with_email(self, email: str) -> Member | None:
        return self._session.scalars(select(Member).where(Member.email == email)).first()
