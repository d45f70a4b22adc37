"""Collaboration's unit of work without a database: in-memory repositories, same method names."""

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any, TypeVar

from collaboration.domain import errors, lab, surveys
from collaboration.domain.lab import Cohort, LabApplication, Milestone, Team, TeamMember, Update
from collaboration.domain.model import Member
from collaboration.domain.resources import Favourite, Rating, Resource
from collaboration.domain.surveys import Answer, Question, Respondent, Response, Survey
from qplatform.clock import Clock
from qplatform.db.memory import InMemoryUnitOfWork
from qplatform.paging import Page, PageRequest

T = TypeVar("T")


def with_defaults(row: T) -> T:
    """Fill the columns left unset with their defaults, as the database would on insert."""
    for column in row.__table__.columns:  # type: ignore[attr-defined]
        if getattr(row, column.key, None) is None and column.default is not None:
            default = column.default
            value = default.arg(None) if default.is_callable else default.arg
            setattr(row, column.key, value)
    return row


def one_page(items: Sequence[T], page: PageRequest) -> Page[T]:
    """Return one page of `items`."""
    return Page(items=list(items[page.offset : page.offset + page.size]), total=len(items))


class FakeMembers:
    def __init__(self) -> None:
        self.rows: dict[str, Member] = {}
        self.attendees: set[tuple[str, str]] = set()

    def get(self, member_id: str) -> Member | None:
        return self.rows.get(member_id)

    def keep(self, member: Member) -> None:
        self.rows[member.member_id] = member

    def names(self, member_ids: Sequence[str]) -> dict[str, str]:
        return {
            m: self.rows[m].display_name
            for m in member_ids
            if m in self.rows and not self.rows[m].left
        }

    def attend(self, event_id: str, member_id: str, since: datetime) -> None:
        self.attendees.add((event_id, member_id))

    def stop_attending(self, event_id: str, member_id: str) -> None:
        self.attendees.discard((event_id, member_id))

    def erase(self, member_id: str) -> None:
        self.rows[member_id] = Member(
            member_id=member_id, display_name="", region=None, interests=[], left=True
        )
        self.attendees = {(e, m) for e, m in self.attendees if m != member_id}


class _Rows:
    """Rows of several kinds kept in one list, as one repository keeps several tables."""

    def __init__(self) -> None:
        self.rows: list[Any] = []

    def _of(self, kind: type[T]) -> list[T]:
        return [row for row in self.rows if isinstance(row, kind)]

    def add(self, *rows: object) -> None:
        self.rows.extend(with_defaults(row) for row in rows)


class FakeCohorts(_Rows):
    def get(self, cohort_id: str) -> Cohort:
        for cohort in self._of(Cohort):
            if cohort.id == cohort_id:
                return cohort
        raise errors.CohortNotFound("no Lab cohort has that id", field="cohort_id")

    def application(self, cohort_id: str, member_id: str) -> LabApplication | None:
        found = [
            a
            for a in self._of(LabApplication)
            if (a.cohort_id, a.member_id) == (cohort_id, member_id)
        ]
        return found[0] if found else None

    def participants(self, cohort_id: str) -> set[str]:
        return {
            a.member_id
            for a in self._of(LabApplication)
            if a.cohort_id == cohort_id and a.status == lab.SELECTED
        }

    def in_teams(self, cohort_id: str) -> set[str]:
        return {m.member_id for m in self._of(TeamMember) if m.cohort_id == cohort_id}

    def team(self, cohort_id: str, team_id: str) -> Team:
        for team in self._of(Team):
            if (team.cohort_id, team.id) == (cohort_id, team_id):
                return team
        raise errors.TeamNotFound("no team of this cohort has that id", field="team_id")

    def team_members(self, team_id: str) -> list[str]:
        return sorted(m.member_id for m in self._of(TeamMember) if m.team_id == team_id)

    def count_teams(self, cohort_id: str) -> int:
        return len([t for t in self._of(Team) if t.cohort_id == cohort_id])

    def milestone_ids(self, cohort_id: str) -> set[str]:
        return {m.id for m in self._of(Milestone) if m.cohort_id == cohort_id}

    def unannounced_milestones(self, start: date, end: date) -> list[Milestone]:
        return sorted(
            (
                m
                for m in self._of(Milestone)
                if m.reminded_at is None
                and start <= m.due_on <= end
                and self.get(m.cohort_id).status == lab.OPEN
            ),
            key=lambda m: m.due_on,
        )

    def updates(self, cohort_id: str, page: PageRequest, *, outputs_only: bool) -> Page[Update]:
        found = [
            u
            for u in self._of(Update)
            if u.cohort_id == cohort_id and (u.is_output or not outputs_only)
        ]
        return one_page(found, page)

    def count_outputs(self, cohort_id: str) -> int:
        return self.updates(cohort_id, PageRequest(), outputs_only=True).total


class FakeResources:
    def __init__(self) -> None:
        self.rows: dict[str, Resource] = {}
        self.saved: dict[tuple[str, str], Favourite] = {}
        self.stars: dict[tuple[str, str], int] = {}

    def add(self, resource: Resource) -> None:
        with_defaults(resource)
        self.rows[resource.id] = resource

    def get(self, resource_id: str) -> Resource | None:
        return self.rows.get(resource_id)

    def slugs(self) -> set[str]:
        return {r.slug for r in self.rows.values() if r.slug}

    def in_state(self, status: str) -> Iterable[Resource]:
        return sorted((r for r in self.rows.values() if r.status == status), key=lambda r: r.title)

    def favourite(self, resource_id: str, member_id: str) -> Favourite | None:
        return self.saved.get((resource_id, member_id))

    def save(self, favourite: Favourite) -> None:
        self.saved[(favourite.resource_id, favourite.member_id)] = favourite

    def unsave(self, favourite: Favourite) -> None:
        del self.saved[(favourite.resource_id, favourite.member_id)]

    def favourites(self, member_id: str, page: PageRequest) -> Page[Resource]:
        mine = [self.rows[r] for r, m in self.saved if m == member_id]
        return one_page(sorted(mine, key=lambda r: r.title), page)

    def rate(self, rating: Rating) -> None:
        self.stars[(rating.resource_id, rating.member_id)] = rating.stars

    def ratings(self, resource_ids: Sequence[str]) -> dict[str, tuple[float, int]]:
        found: dict[str, tuple[float, int]] = {}
        for resource_id in resource_ids:
            given = [s for (r, _), s in self.stars.items() if r == resource_id]
            if given:
                found[resource_id] = (round(sum(given) / len(given), 2), len(given))
        return found


class FakeSurveys(_Rows):
    def get(self, survey_id: str) -> Survey:
        for survey in self._of(Survey):
            if survey.id == survey_id:
                return survey
        raise errors.SurveyNotFound("no survey has that id", field="survey_id")

    def in_state(self, statuses: Sequence[str]) -> list[Survey]:
        return [s for s in self._of(Survey) if s.status in statuses]

    def questions(self, survey_id: str) -> list[Question]:
        found = [q for q in self._of(Question) if q.survey_id == survey_id]
        return sorted(found, key=lambda q: q.position)

    def has_answered(self, survey_id: str, respondent_key: str) -> bool:
        return any(
            (r.survey_id, r.respondent_key) == (survey_id, respondent_key)
            for r in self._of(Respondent)
        )

    def responses(self, survey_id: str) -> int:
        return len([r for r in self._of(Response) if r.survey_id == survey_id])

    def answers(self, survey_id: str) -> list[Answer]:
        return [a for a in self._of(Answer) if a.survey_id == survey_id]


class FakeAudiences:
    """Audiences by region or everyone, over the fake copy of members."""

    def __init__(self, members: FakeMembers) -> None:
        self._members = members

    def member_ids(self, audience: str, value: str | None) -> list[str]:
        return sorted(
            m.member_id
            for m in self._members.rows.values()
            if not m.left and (audience != surveys.REGION or m.region == value)
        )

    def includes(self, audience: str, value: str | None, member_id: str) -> bool:
        return member_id in self.member_ids(audience, value)

    def size(self, audience: str, value: str | None) -> int:
        return len(self.member_ids(audience, value))


class FakeCollaborationUnitOfWork(InMemoryUnitOfWork):
    """Collaboration's unit of work over in-memory repositories."""

    def __init__(self, clock: Clock) -> None:
        super().__init__(source="collaboration", clock=clock)
        self.members = FakeMembers()
        self.cohorts = FakeCohorts()
        self.resources = FakeResources()
        self.surveys = FakeSurveys()
        self.audiences = FakeAudiences(self.members)
