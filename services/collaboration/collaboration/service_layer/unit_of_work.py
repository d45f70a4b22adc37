"""Collaboration's unit of work: one transaction, and the repositories opened on it."""

from sqlalchemy.orm import Session

from collaboration.adapters.repositories.audiences import Audiences
from collaboration.adapters.repositories.cohorts import Cohorts
from collaboration.adapters.repositories.members import Members
from collaboration.adapters.repositories.resources import Resources
from collaboration.adapters.repositories.surveys import Surveys
from qplatform.db.unit_of_work import UnitOfWork


class CollaborationUnitOfWork(UnitOfWork):
    """A transaction on collaboration's database, with its repositories."""

    members: Members
    cohorts: Cohorts
    resources: Resources
    surveys: Surveys
    audiences: Audiences

    def _open_repositories(self, session: Session) -> None:
        self.members = Members(session)
        self.cohorts = Cohorts(session)
        self.resources = Resources(session)
        self.surveys = Surveys(session)
        self.audiences = Audiences(session)
