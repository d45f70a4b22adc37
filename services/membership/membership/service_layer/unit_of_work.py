"""Membership's unit of work: one transaction, and the repositories opened on it."""

from sqlalchemy.orm import Session

from membership.adapters.repositories.applications import Applications
from membership.adapters.repositories.credentials import Credentials
from membership.adapters.repositories.directory import DirectoryEntries, ExpertiseAreas
from membership.adapters.repositories.groups import Groups
from membership.adapters.repositories.members import Members
from membership.adapters.repositories.recruitment import Regions, Waves
from qplatform.db.unit_of_work import UnitOfWork


class MembershipUnitOfWork(UnitOfWork):
    """A membership transaction, with a repository per family of aggregates."""

    applications: Applications
    members: Members
    credentials: Credentials
    directory: DirectoryEntries
    expertise: ExpertiseAreas
    groups: Groups
    regions: Regions
    waves: Waves

    def _open_repositories(self, session: Session) -> None:
        self.applications = Applications(session)
        self.members = Members(session)
        self.credentials = Credentials(session)
        self.directory = DirectoryEntries(session)
        self.expertise = ExpertiseAreas(session)
        self.groups = Groups(session)
        self.regions = Regions(session)
        self.waves = Waves(session)
