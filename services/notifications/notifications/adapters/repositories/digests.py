"""Repositories of the monthly digest's runs and the editions staff write for it."""

from sqlalchemy.orm import Session

from notifications.domain.copies import DigestRun
from notifications.domain.edition import DigestEdition


class DigestRuns:
    """The months whose digest is queued."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, run: DigestRun) -> None:
        self._session.add(run)

    def get(self, month: str) -> DigestRun | None:
        return self._session.get(DigestRun, month)


class DigestEditions:
    """What staff wrote for each month's digest."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, edition: DigestEdition) -> None:
        self._session.add(edition)

    def get(self, month: str) -> DigestEdition | None:
        return self._session.get(DigestEdition, month)
