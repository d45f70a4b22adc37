"""Lab cohorts and what hangs off them, as the service layer finds them."""

from collections.abc import Sequence
from datetime import date

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from collaboration.adapters.repositories import one_page
from collaboration.domain import errors
from collaboration.domain.lab import (
    OPEN,
    SELECTED,
    Cohort,
    LabApplication,
    Milestone,
    Team,
    TeamMember,
    Update,
)
from qplatform.paging import Page, PageRequest


class Cohorts:
    """Lab cohorts, their applications, teams, milestones and updates."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, *rows: object) -> None:
        """Keep new rows of a cohort (the cohort itself, an application, a team...)."""
        self._session.add_all(rows)
        self._session.flush()

    def get(self, cohort_id: str) -> Cohort:
        """Return the cohort, or refuse when there is none."""
        cohort = self._session.get(Cohort, cohort_id)
        if cohort is None:
            raise errors.CohortNotFound("no Lab cohort has that id", field="cohort_id")
        return cohort

    def all(self, page: PageRequest) -> Page[Cohort]:
        """Return one page of every cohort, the newest first."""
        return one_page(self._session, select(Cohort).order_by(Cohort.opened_at.desc()), page)

    def application(self, cohort_id: str, member_id: str) -> LabApplication | None:
        """Return a member's application to a cohort, if they applied."""
        query = select(LabApplication).where(
            LabApplication.cohort_id == cohort_id, LabApplication.member_id == member_id
        )
        return self._session.scalar(query)

    def applications(self, cohort_id: str, page: PageRequest) -> Page[LabApplication]:
        """Return one page of a cohort's applications, the earliest first."""
        query = select(LabApplication).where(LabApplication.cohort_id == cohort_id)
        return one_page(self._session, query.order_by(LabApplication.applied_at), page)

    def participants(self, cohort_id: str) -> set[str]:
        """Return the member ids staff selected for the cohort."""
        query = select(LabApplication.member_id).where(
            LabApplication.cohort_id == cohort_id, LabApplication.status == SELECTED
        )
        return set(self._session.scalars(query))

    def in_teams(self, cohort_id: str) -> set[str]:
        """Return the member ids already in one of the cohort's teams."""
        query = select(TeamMember.member_id).where(TeamMember.cohort_id == cohort_id)
        return set(self._session.scalars(query))

    def team(self, cohort_id: str, team_id: str) -> Team:
        """Return a team of the cohort, or refuse when it has none of that id."""
        team = self._session.get(Team, team_id)
        if team is None or team.cohort_id != cohort_id:
            raise errors.TeamNotFound("no team of this cohort has that id", field="team_id")
        return team

    def teams(self, cohort_id: str, page: PageRequest) -> Page[Team]:
        """Return one page of the cohort's teams, the first formed first."""
        query = select(Team).where(Team.cohort_id == cohort_id).order_by(Team.formed_at)
        return one_page(self._session, query, page)

    def count_teams(self, cohort_id: str) -> int:
        """Return how many teams the cohort formed."""
        query = select(func.count()).where(Team.cohort_id == cohort_id)
        return self._session.scalar(query) or 0

    def team_members(self, team_id: str) -> list[str]:
        """Return the member ids of a team, in order."""
        query = select(TeamMember.member_id).where(TeamMember.team_id == team_id)
        return sorted(self._session.scalars(query))

    def milestones(self, cohort_id: str, page: PageRequest) -> Page[Milestone]:
        """Return one page of the cohort's milestones, the soonest first."""
        query = select(Milestone).where(Milestone.cohort_id == cohort_id)
        return one_page(self._session, query.order_by(Milestone.due_on), page)

    def milestone_ids(self, cohort_id: str) -> set[str]:
        """Return the ids of every milestone of the cohort."""
        query = select(Milestone.id).where(Milestone.cohort_id == cohort_id)
        return set(self._session.scalars(query))

    def unannounced_milestones(self, start: date, end: date) -> Sequence[Milestone]:
        """Return the milestones of open cohorts due from `start` to `end`, not yet announced."""
        query = (
            select(Milestone)
            .join(Cohort, Cohort.id == Milestone.cohort_id)
            .where(Cohort.status == OPEN, Milestone.reminded_at.is_(None))
            .where(Milestone.due_on >= start, Milestone.due_on <= end)
        )
        return self._session.scalars(query.order_by(Milestone.due_on)).all()

    def updates(self, cohort_id: str, page: PageRequest, *, outputs_only: bool) -> Page[Update]:
        """Return one page of the cohort's updates (or its outputs alone), the oldest first."""
        query = select(Update).where(Update.cohort_id == cohort_id)
        if outputs_only:
            query = query.where(Update.is_output)
        return one_page(self._session, query.order_by(Update.posted_at), page)

    def count_outputs(self, cohort_id: str) -> int:
        """Return how many outputs the cohort's teams posted."""
        query = select(func.count()).where(Update.cohort_id == cohort_id, Update.is_output)
        return self._session.scalar(query) or 0

    def forget_member(self, member_id: str) -> None:
        """Blank a leaver's statements and unlink them from the updates they wrote."""
        self._session.execute(
            update(LabApplication).where(LabApplication.member_id == member_id).values(statement="")
        )
        self._session.execute(
            update(Update).where(Update.author_member_id == member_id).values(author_member_id=None)
        )
