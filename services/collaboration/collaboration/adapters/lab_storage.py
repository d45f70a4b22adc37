"""Lab cohorts and what hangs off them, as the service layer finds them."""

from collections.abc import Sequence
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

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


class Cohorts:
    """Lab cohorts, their applications, teams, milestones and updates."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, *rows: object) -> None:
        self._session.add_all(rows)
        self._session.flush()

    def get(self, cohort_id: str) -> Cohort:
        """Return the cohort, or refuse when there is none."""
        cohort = self._session.get(Cohort, cohort_id)
        if cohort is None:
            raise errors.CohortNotFound("no Lab cohort has that id", field="cohort_id")
        return cohort

    def all(self) -> Sequence[Cohort]:
        """Return every cohort, the newest first."""
        return self._session.scalars(select(Cohort).order_by(Cohort.opened_at.desc())).all()

    def application(self, cohort_id: str, member_id: str) -> LabApplication | None:
        query = select(LabApplication).where(
            LabApplication.cohort_id == cohort_id, LabApplication.member_id == member_id
        )
        return self._session.scalar(query)

    def applications(self, cohort_id: str) -> Sequence[LabApplication]:
        query = select(LabApplication).where(LabApplication.cohort_id == cohort_id)
        return self._session.scalars(query.order_by(LabApplication.applied_at)).all()

    def participants(self, cohort_id: str) -> set[str]:
        """Return the member ids staff selected for the cohort."""
        query = select(LabApplication.member_id).where(
            LabApplication.cohort_id == cohort_id, LabApplication.status == SELECTED
        )
        return set(self._session.scalars(query))

    def in_teams(self, cohort_id: str) -> set[str]:
        query = select(TeamMember.member_id).where(TeamMember.cohort_id == cohort_id)
        return set(self._session.scalars(query))

    def team(self, cohort_id: str, team_id: str) -> Team:
        team = self._session.get(Team, team_id)
        if team is None or team.cohort_id != cohort_id:
            raise errors.TeamNotFound("no team of this cohort has that id", field="team_id")
        return team

    def teams(self, cohort_id: str) -> Sequence[Team]:
        query = select(Team).where(Team.cohort_id == cohort_id).order_by(Team.formed_at)
        return self._session.scalars(query).all()

    def team_members(self, team_id: str) -> list[str]:
        query = select(TeamMember.member_id).where(TeamMember.team_id == team_id)
        return sorted(self._session.scalars(query))

    def milestones(self, cohort_id: str) -> Sequence[Milestone]:
        query = select(Milestone).where(Milestone.cohort_id == cohort_id)
        return self._session.scalars(query.order_by(Milestone.due_on)).all()

    def unannounced_milestones(self, start: date, end: date) -> Sequence[Milestone]:
        """Return the milestones of open cohorts due from `start` to `end`, not yet announced."""
        query = (
            select(Milestone)
            .join(Cohort, Cohort.id == Milestone.cohort_id)
            .where(Cohort.status == OPEN, Milestone.reminded_at.is_(None))
            .where(Milestone.due_on >= start, Milestone.due_on <= end)
        )
        return self._session.scalars(query.order_by(Milestone.due_on)).all()

    def updates(self, cohort_id: str, *, outputs_only: bool) -> Sequence[Update]:
        query = select(Update).where(Update.cohort_id == cohort_id)
        if outputs_only:
            query = query.where(Update.is_output)
        return self._session.scalars(query.order_by(Update.posted_at)).all()

    def count_outputs(self, cohort_id: str) -> int:
        query = select(func.count()).where(Update.cohort_id == cohort_id, Update.is_output)
        return self._session.scalar(query) or 0
