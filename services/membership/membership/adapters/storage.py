"""Membership's database: its tables, the outbox and inbox, and its repositories."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from membership.domain.model import Application, ApplicationStatus, Base, Member
from qplatform.db.plumbing import add_plumbing_tables

METADATA = Base.metadata
PLUMBING = add_plumbing_tables(METADATA)


class Applications:
    """Applications, as the service layer finds and keeps them."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, application: Application) -> None:
        self._session.add(application)

    def get(self, application_id: str) -> Application | None:
        return self._session.get(Application, application_id)

    def open_for(self, email: str) -> Application | None:
        """Return the undecided application of `email`, if any."""
        query = select(Application).where(
            Application.email == email, Application.status == ApplicationStatus.SUBMITTED
        )
        return self._session.scalars(query).first()


class Members:
    """Members, as the service layer finds and keeps them."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, member: Member) -> None:
        self._session.add(member)

    def get(self, member_id: str) -> Member | None:
        return self._session.get(Member, member_id)

    def with_email(self, email: str) -> Member | None:
        return self._session.scalars(select(Member).where(Member.email == email)).first()
