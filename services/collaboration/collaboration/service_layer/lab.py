"""Use cases of the Q Lab: open a cohort, apply, select, form teams, post updates, close."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from collaboration.domain import errors, lab
from collaboration.domain.lab import Cohort, LabApplication, Milestone, Team, TeamMember, Update
from collaboration.service_layer.unit_of_work import CollaborationUnitOfWork
from qplatform.clock import COMMUNITY_TIMEZONE
from qplatform.identity import Caller
from qplatform.markup import rendered
from qplatform.paging import Page, PageRequest

# Participants hear of a milestone this many days before it is due.
REMINDER_DAYS = 7


@dataclass(frozen=True)
class ShownTeam:
    """A team with its members' names, as every member reads it."""

    id: str
    name: str
    lead_member_id: str
    members: list[dict[str, str]]


def open_cohort(*, uow: CollaborationUnitOfWork, form: dict[str, Any]) -> Cohort:
    """Open a cohort on a problem and announce it."""
    lab.check_span(form["months"])
    cohort = Cohort(**form, opened_at=uow.clock.now())
    uow.cohorts.add(cohort)
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


def apply(
    *, uow: CollaborationUnitOfWork, cohort_id: str, member_id: str, statement: str
) -> LabApplication:
    """Record a member's application to an open cohort, once."""
    uow.cohorts.get(cohort_id).check_open()
    if uow.cohorts.application(cohort_id, member_id) is not None:
        raise errors.AlreadyDone("you have already applied to this cohort")
    application = LabApplication(
        cohort_id=cohort_id,
        member_id=member_id,
        statement=statement,
        status=lab.APPLIED,
        applied_at=uow.clock.now(),
    )
    uow.cohorts.add(application)
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


def select_participant(
    *, uow: CollaborationUnitOfWork, cohort_id: str, member_id: str
) -> LabApplication:
    """Select an applicant, within the cohort's capacity."""
    cohort = uow.cohorts.get(cohort_id)
    cohort.check_open()
    application = uow.cohorts.application(cohort_id, member_id)
    if application is None:
        raise errors.RuleBroken("that member has not applied", field="member_id")
    if application.status == lab.SELECTED:
        raise errors.AlreadyDone("that member is already selected")
    if len(uow.cohorts.participants(cohort_id)) >= cohort.capacity:
        raise errors.CohortNotOpen("the cohort is full", field="member_id")
    application.status, application.selected_at = lab.SELECTED, uow.clock.now()
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
    *, uow: CollaborationUnitOfWork, cohort_id: str, caller: Caller, form: dict[str, Any]
) -> ShownTeam:
    """Form a team of 3 to 8 selected participants, none already in a team, with a lead."""
    uow.cohorts.get(cohort_id).check_open()
    member_ids, lead = form["member_ids"], form["lead_member_id"]
    lab.check_team(member_ids, lead, uow.cohorts.participants(cohort_id))
    if not caller.is_staff and caller.member_id not in member_ids:
        raise errors.NotYours("participants form teams they are in", field="member_ids")
    taken = sorted(uow.cohorts.in_teams(cohort_id).intersection(member_ids))
    if taken:
        raise errors.AlreadyDone(f"already in a team: {', '.join(taken)}", field="member_ids")
    team = Team(cohort_id=cohort_id, name=form["name"], lead_member_id=lead)
    team.formed_at = uow.clock.now()
    uow.cohorts.add(team)
    uow.cohorts.add(
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


def add_milestone(
    *, uow: CollaborationUnitOfWork, cohort_id: str, form: dict[str, Any]
) -> Milestone:
    """Add a milestone to an open cohort."""
    uow.cohorts.get(cohort_id).check_open()
    milestone = Milestone(cohort_id=cohort_id, **form)
    uow.cohorts.add(milestone)
    uow.commit()
    return milestone


def post_update(
    *,
    uow: CollaborationUnitOfWork,
    cohort_id: str,
    team_id: str,
    caller: Caller,
    form: dict[str, Any],
) -> Update:
    """Post a team's progress update or output; only its members (or staff) may."""
    uow.cohorts.get(cohort_id).check_open()
    uow.cohorts.team(cohort_id, team_id)
    if not caller.is_staff and caller.member_id not in uow.cohorts.team_members(team_id):
        raise errors.NotYours("only the team's members post its updates")
    milestone_id = form.get("milestone_id")
    if milestone_id and milestone_id not in uow.cohorts.milestone_ids(cohort_id):
        raise errors.RuleBroken("no milestone of this cohort has that id", field="milestone_id")
    update = Update(
        cohort_id=cohort_id,
        team_id=team_id,
        milestone_id=milestone_id,
        author_member_id=None if caller.is_staff else caller.member_id,
        title=form["title"],
        body_markdown=form["body"],
        body_html=rendered(form["body"]),
        is_output=form["is_output"],
        posted_at=uow.clock.now(),
    )
    uow.cohorts.add(update)
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


def close_cohort(*, uow: CollaborationUnitOfWork, cohort_id: str) -> Cohort:
    """Close a cohort: no more changes; its outputs stay readable."""
    cohort = uow.cohorts.get(cohort_id)
    cohort.check_open()
    cohort.status, cohort.closed_at = lab.CLOSED, uow.clock.now()
    uow.publish(
        "lab-cohort-closed",
        subject=cohort_id,
        data={
            "cohort_id": cohort_id,
            "participants": len(uow.cohorts.participants(cohort_id)),
            "teams": uow.cohorts.count_teams(cohort_id),
            "outputs": uow.cohorts.count_outputs(cohort_id),
            "closed_at": cohort.closed_at,
        },
    )
    uow.commit()
    return cohort


def cohorts(*, uow: CollaborationUnitOfWork, page: PageRequest) -> Page[Cohort]:
    """Return one page of every cohort, the newest first."""
    return uow.cohorts.all(page)


def cohort(*, uow: CollaborationUnitOfWork, cohort_id: str) -> Cohort:
    """Return a cohort: its problem, span and how to apply."""
    return uow.cohorts.get(cohort_id)


def applications(
    *, uow: CollaborationUnitOfWork, cohort_id: str, page: PageRequest
) -> Page[LabApplication]:
    """Return one page of a cohort's applications, the earliest first."""
    uow.cohorts.get(cohort_id)
    return uow.cohorts.applications(cohort_id, page)


def milestones(
    *, uow: CollaborationUnitOfWork, cohort_id: str, page: PageRequest
) -> Page[Milestone]:
    """Return one page of a cohort's milestones, the soonest first."""
    uow.cohorts.get(cohort_id)
    return uow.cohorts.milestones(cohort_id, page)


def progress(
    *, uow: CollaborationUnitOfWork, cohort_id: str, caller: Caller, page: PageRequest
) -> Page[Update]:
    """Return one page of every team's updates; only participants and staff read them."""
    uow.cohorts.get(cohort_id)
    if not caller.is_staff and caller.member_id not in uow.cohorts.participants(cohort_id):
        raise errors.NotYours("only the cohort's participants read its progress")
    return uow.cohorts.updates(cohort_id, page, outputs_only=False)


def outputs(*, uow: CollaborationUnitOfWork, cohort_id: str, page: PageRequest) -> Page[Update]:
    """Return one page of the teams' outputs, which every member may read."""
    uow.cohorts.get(cohort_id)
    return uow.cohorts.updates(cohort_id, page, outputs_only=True)


def teams(*, uow: CollaborationUnitOfWork, cohort_id: str, page: PageRequest) -> Page[ShownTeam]:
    """Return one page of a cohort's teams with their members' names."""
    uow.cohorts.get(cohort_id)
    found = uow.cohorts.teams(cohort_id, page)
    shown = [_shown(uow, t, uow.cohorts.team_members(t.id)) for t in found.items]
    return Page(items=shown, total=found.total)


def remind_of_milestones(*, uow: CollaborationUnitOfWork, now: datetime) -> int:
    """Announce, once each, the milestones of open cohorts due within a week of `now`."""
    today = now.astimezone(COMMUNITY_TIMEZONE).date()
    due = uow.cohorts.unannounced_milestones(today, today + timedelta(days=REMINDER_DAYS))
    for milestone in due:
        cohort = uow.cohorts.get(milestone.cohort_id)
        milestone.reminded_at = now
        uow.publish(
            "lab-milestone-approaching",
            subject=cohort.id,
            data={
                "cohort_id": cohort.id,
                "milestone_id": milestone.id,
                "problem": cohort.problem,
                "title": milestone.title,
                "due_on": milestone.due_on,
                "member_ids": sorted(uow.cohorts.participants(cohort.id)),
            },
        )
    uow.commit()
    return len(due)


def _shown(uow: CollaborationUnitOfWork, team: Team, member_ids: list[str]) -> ShownTeam:
    names = uow.members.names(member_ids)
    members = [{"member_id": m, "display_name": names.get(m, "")} for m in member_ids]
    return ShownTeam(team.id, team.name, team.lead_member_id, members)


def _region(uow: CollaborationUnitOfWork, member_id: str) -> str | None:
    member = uow.members.get(member_id)
    return member.region if member is not None else None
