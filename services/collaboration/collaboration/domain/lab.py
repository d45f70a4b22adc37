"""The Q Lab: cohorts on one problem, their applicants, participants, teams and milestones."""

import uuid
from datetime import date, datetime

from sqlalchemy import JSON, Date, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from collaboration.domain import errors
from collaboration.domain.model import Base, now
from qplatform.db.types import UtcDateTime

OPEN, CLOSED = "open", "closed"
APPLIED, SELECTED = "applied", "selected"
SHORTEST_MONTHS, LONGEST_MONTHS = 9, 12
SMALLEST_TEAM, LARGEST_TEAM = 3, 8


def new_id() -> str:
    """Return a fresh id."""
    return str(uuid.uuid4())


class Cohort(Base):
    """People coming together on one complex problem for 9 to 12 months."""

    __tablename__ = "lab_cohorts"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    problem: Mapped[str] = mapped_column(String(200))
    statement: Mapped[str] = mapped_column(Text)
    how_to_apply: Mapped[str] = mapped_column(Text)
    starts_on: Mapped[date] = mapped_column(Date)
    months: Mapped[int]
    capacity: Mapped[int]
    topics: Mapped[list[str]] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(20), default=OPEN)
    opened_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=now)
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime())

    def check_open(self) -> None:
        """Refuse a change to a cohort staff have closed."""
        if self.status != OPEN:
            raise errors.CohortNotOpen("the cohort is closed")


class LabApplication(Base):
    """A member's wish to take part in a cohort, and whether staff selected them."""

    __tablename__ = "lab_applications"
    __table_args__ = (UniqueConstraint("cohort_id", "member_id"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    cohort_id: Mapped[str] = mapped_column(ForeignKey("lab_cohorts.id"), index=True)
    member_id: Mapped[str] = mapped_column(String(64), index=True)
    statement: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default=APPLIED)
    applied_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=now)
    selected_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class Team(Base):
    """Three to eight participants of one cohort, one of them its lead."""

    __tablename__ = "lab_teams"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    cohort_id: Mapped[str] = mapped_column(ForeignKey("lab_cohorts.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    lead_member_id: Mapped[str] = mapped_column(String(64))
    formed_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=now)


class TeamMember(Base):
    """A participant's place in a team; one team per participant per cohort."""

    __tablename__ = "lab_team_members"
    __table_args__ = (UniqueConstraint("cohort_id", "member_id"),)

    team_id: Mapped[str] = mapped_column(ForeignKey("lab_teams.id"), primary_key=True)
    member_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    cohort_id: Mapped[str] = mapped_column(String(36))


class Milestone(Base):
    """A date in a cohort's life, and what is due by then."""

    __tablename__ = "lab_milestones"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    cohort_id: Mapped[str] = mapped_column(ForeignKey("lab_cohorts.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    due_on: Mapped[date] = mapped_column(Date)
    what_is_due: Mapped[str] = mapped_column(Text, default="")
    reminded_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class Update(Base):
    """A team's progress update; an output is the update every member may read."""

    __tablename__ = "lab_updates"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    cohort_id: Mapped[str] = mapped_column(String(36), index=True)
    team_id: Mapped[str] = mapped_column(ForeignKey("lab_teams.id"), index=True)
    milestone_id: Mapped[str | None] = mapped_column(String(36))
    author_member_id: Mapped[str | None] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(String(200))
    body_markdown: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    is_output: Mapped[bool] = mapped_column(default=False)
    posted_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=now)


def check_span(months: int) -> None:
    """Refuse a cohort shorter than 9 or longer than 12 months."""
    if not SHORTEST_MONTHS <= months <= LONGEST_MONTHS:
        raise errors.RuleBroken("a Lab cohort runs 9 to 12 months", field="months")


def check_team(member_ids: list[str], lead: str, participants: set[str]) -> None:
    """Refuse a team that is too small or large, has no lead in it, or takes outsiders."""
    if len(set(member_ids)) != len(member_ids):
        raise errors.RuleBroken("a member is named twice", field="member_ids")
    if not SMALLEST_TEAM <= len(member_ids) <= LARGEST_TEAM:
        raise errors.RuleBroken("a team has 3 to 8 members", field="member_ids")
    if lead not in member_ids:
        raise errors.RuleBroken("the lead must be one of the team", field="lead_member_id")
    outsiders = sorted(set(member_ids) - participants)
    if outsiders:
        raise errors.RuleBroken(
            f"not selected for this cohort: {', '.join(outsiders)}", field="member_ids"
        )
