"""Use cases of the Q Lab: open a cohort, apply, select, form teams, post updates, close."""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from collaboration.adapters.lab_storage import Cohorts
from collaboration.adapters.storage import Members
from collaboration.domain import errors, lab
from collaboration.domain.lab import Cohort, LabApplication, Milestone, Team, TeamMember, Update
from collaboration.domain.model import now
from qplatform.db.unit_of_work import UnitOfWork
from qplatform.markup import rendered


@dataclass(frozen=True)
class ShownTeam:
    """A team with its members' names, as every member reads it."""

    id: str
    name: str
    lead_member_id: str
    members: list[dict[str, str]]


def open_cohort(*, uow: UnitOfWork, form: dict[str, Any]) -> Cohort:
    """Open a cohort on a problem and announce it."""
    lab.check_span(form["months"])
    cohort = Cohort(**form)
    Cohorts(uow.session).add(cohort)
    uow.publish(
        "lab-cohort-opened",
        subject=cohort.id,
        data={
            "cohort_id": cohort.id,
            "problem": cohort.problem,
            "starts_on": cohort.starts_on,
            "months": cohort.months,
            "capacity": cohort.capacity,
            "topics": cohort.topics,
            "opened_at": cohort.opened_at,
        },
    )
    uow.commit()
    return cohort


def apply(*, uow: UnitOfWork, cohort_id: str, member_id: str, statement: str) -> LabApplication:
    """Record a member's application to an open cohort, once."""
    cohorts = Cohorts(uow.session)
    cohorts.get(cohort_id).check_open()
    if cohorts.application(cohort_id, member_id) is not None:
        raise errors.AlreadyDone("you have already applied to this cohort")
    application = LabApplication(cohort_id=cohort_id, member_id=member_id, statement=statement)
    cohorts.add(application)
    uow.publish(
        "lab-application-made",
        subject=cohort_id,
        data={
            "cohort_id": cohort_id,
            "member_id": member_id,
            "region": _region(uow, member_id),
            "applied_at": application.applied_at,
        },
    )
    uow.commit()
    return application


def select_participant(*, uow: UnitOfWork, cohort_id: str, member_id: str) -> LabApplication:
    """Select an applicant, within the cohort's capacity."""
    cohorts = Cohorts(uow.session)
    cohort = cohorts.get(cohort_id)
    cohort.check_open()
    application = cohorts.application(cohort_id, member_id)
    if application is None:
        raise errors.RuleBroken("that member has not applied", field="member_id")
    if application.status == lab.SELECTED:
        raise errors.AlreadyDone("that member is already selected")
    if len(cohorts.participants(cohort_id)) >= cohort.capacity:
        raise errors.CohortNotOpen("the cohort is full", field="member_id")
    application.status, application.selected_at = lab.SELECTED, now()
    uow.publish(
        "lab-participant-selected",
        subject=cohort_id,
        data={
            "cohort_id": cohort_id,
            "problem": cohort.problem,
            "member_id": member_id,
            "region": _region(uow, member_id),
            "selected_at": application.selected_at,
        },
    )
    uow.commit()
    return application


def form_team(
    *, uow: UnitOfWork, cohort_id: str, former: str | None, form: dict[str, Any]
) -> ShownTeam:
    """Form a team of 3 to 8 selected participants, none already in a team, with a lead."""
    cohorts = Cohorts(uow.session)
    cohorts.get(cohort_id).check_open()
    member_ids, lead = form["member_ids"], form["lead_member_id"]
    lab.check_team(member_ids, lead, cohorts.participants(cohort_id))
    if former is not None and former not in member_ids:
        raise errors.NotYours("participants form teams they are in", field="member_ids")
    taken = sorted(cohorts.in_teams(cohort_id).intersection(member_ids))
    if taken:
        raise errors.AlreadyDone(f"already in a team: {', '.join(taken)}", field="member_ids")
    team = Team(cohort_id=cohort_id, name=form["name"], lead_member_id=lead)
    cohorts.add(team)
    cohorts.add(
        *(TeamMember(team_id=team.id, member_id=m, cohort_id=cohort_id) for m in member_ids)
    )
    uow.publish(
        "lab-team-formed",
        subject=cohort_id,
        data={
            "cohort_id": cohort_id,
            "team_id": team.id,
            "lead_member_id": lead,
            "member_ids": sorted(member_ids),
            "formed_at": team.formed_at,
        },
    )
    uow.commit()
    return _shown(uow, team, sorted(member_ids))


def add_milestone(*, uow: UnitOfWork, cohort_id: str, form: dict[str, Any]) -> Milestone:
    """Add a milestone to an open cohort."""
    cohorts = Cohorts(uow.session)
    cohorts.get(cohort_id).check_open()
    milestone = Milestone(cohort_id=cohort_id, **form)
    cohorts.add(milestone)
    uow.commit()
    return milestone


def post_update(
    *, uow: UnitOfWork, cohort_id: str, team_id: str, author: str | None, form: dict[str, Any]
) -> Update:
    """Post a team's progress update or output; only its members (or staff) may."""
    cohorts = Cohorts(uow.session)
    cohorts.get(cohort_id).check_open()
    cohorts.team(cohort_id, team_id)
    if author is not None and author not in cohorts.team_members(team_id):
        raise errors.NotYours("only the team's members post its updates")
    milestone_id = form.get("milestone_id")
    if milestone_id and milestone_id not in {m.id for m in cohorts.milestones(cohort_id)}:
        raise errors.RuleBroken("no milestone of this cohort has that id", field="milestone_id")
    update = Update(
        cohort_id=cohort_id,
        team_id=team_id,
        milestone_id=milestone_id,
        author_member_id=author,
        title=form["title"],
        body_markdown=form["body"],
        body_html=rendered(form["body"]),
        is_output=form["is_output"],
    )
    cohorts.add(update)
    uow.publish(
        "lab-update-posted",
        subject=cohort_id,
        data={
            "cohort_id": cohort_id,
            "team_id": team_id,
            "update_id": update.id,
            "milestone_id": milestone_id,
            "is_output": update.is_output,
            "posted_at": update.posted_at,
        },
    )
    uow.commit()
    return update


def close_cohort(*, uow: UnitOfWork, cohort_id: str) -> Cohort:
    """Close a cohort: no more changes; its outputs stay readable."""
    cohorts = Cohorts(uow.session)
    cohort = cohorts.get(cohort_id)
    cohort.check_open()
    cohort.status, cohort.closed_at = lab.CLOSED, now()
    uow.publish(
        "lab-cohort-closed",
        subject=cohort_id,
        data={
            "cohort_id": cohort_id,
            "participants": len(cohorts.participants(cohort_id)),
            "teams": len(cohorts.teams(cohort_id)),
            "outputs": cohorts.count_outputs(cohort_id),
            "closed_at": cohort.closed_at,
        },
    )
    uow.commit()
    return cohort


def teams(*, uow: UnitOfWork, cohort_id: str) -> list[ShownTeam]:
    """Return a cohort's teams with their members' names."""
    cohorts = Cohorts(uow.session)
    cohorts.get(cohort_id)
    return [_shown(uow, t, cohorts.team_members(t.id)) for t in cohorts.teams(cohort_id)]


def remind_of_milestones(*, uow: UnitOfWork, today: date, ahead_days: int = 7) -> int:
    """Announce, once each, the milestones of open cohorts due within `ahead_days`."""
    cohorts = Cohorts(uow.session)
    announced = 0
    for milestone in cohorts.unannounced_milestones(today, today + timedelta(days=ahead_days)):
        cohort = cohorts.get(milestone.cohort_id)
        milestone.reminded_at = now()
        uow.publish(
            "lab-milestone-approaching",
            subject=cohort.id,
            data={
                "cohort_id": cohort.id,
                "milestone_id": milestone.id,
                "problem": cohort.problem,
                "title": milestone.title,
                "due_on": milestone.due_on,
                "member_ids": sorted(cohorts.participants(cohort.id)),
            },
        )
        announced += 1
    uow.commit()
    return announced


def _shown(uow: UnitOfWork, team: Team, member_ids: list[str]) -> ShownTeam:
    names = Members(uow.session).names(member_ids)
    members = [{"member_id": m, "display_name": names.get(m, "")} for m in member_ids]
    return ShownTeam(team.id, team.name, team.lead_member_id, members)


def _region(uow: UnitOfWork, member_id: str) -> str | None:
    member = Members(uow.session).get(member_id)
    return member.region if member is not None else None
