"""Applications to join Q, as the service layer finds and keeps them."""

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from membership.domain.model import Application, ApplicationStatus
from qplatform.paging import Page, PageRequest


class Applications:
    """Applications, as the service layer finds and keeps them."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, application: Application) -> None:
        """Keep a new application."""
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

    def of_member(self, member_id: str) -> list[Application]:
        """Return the applications that made `member_id` a member."""
        query = select(Application).where(Application.member_id == member_id)
        return list(self._session.scalars(query))

    def with_email(self, email: str) -> list[Application]:
        """Return every application made with `email`."""
        return list(self._session.scalars(select(Application).where(Application.email == email)))

    def listed(
        self,
        page: PageRequest,
        *,
        status: str | None = None,
        region: str | None = None,
        wave_id: str | None = None,
    ) -> Page[Application]:
        """Return a page of the applications matching the filters given, oldest first."""
        query = select(Application)
        if status:
            query = query.where(Application.status == ApplicationStatus(status))
        if region:
            query = query.where(Application.region == region)
        if wave_id:
            query = query.where(Application.wave_id == wave_id)
        total = self._session.scalar(select(func.count()).select_from(query.subquery()))
        ordered = query.order_by(Application.submitted_at, Application.id)
        found = self._session.scalars(ordered.offset(page.offset).limit(page.size))
        return Page(list(found), int(total or 0))

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
