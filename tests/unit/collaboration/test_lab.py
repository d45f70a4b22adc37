"""The Q Lab's use cases: open, apply, select, form teams, post, remind, close."""

from datetime import date, timedelta
from typing import Any

import pytest

from collaboration.domain import errors
from collaboration.domain.model import Member
from collaboration.service_layer import lab
from qplatform.errors import Forbidden
from qplatform.paging import PageRequest
from tests.unit.collaboration.conftest import NOW, STAFF_CALLER, member


def a_cohort(**changes: Any) -> dict[str, Any]:
    return {
        "problem": "Waiting times in outpatients",
        "statement": "Outpatient waits have doubled.",
        "how_to_apply": "Tell us what you would bring.",
        "starts_on": date(2027, 4, 1),
        "months": 10,
        "capacity": 3,
        "topics": ["flow"],
        **changes,
    }


def with_participants(uow: Any, *member_ids: str, capacity: int = 3) -> str:
    cohort = lab.open_cohort(uow=uow, form=a_cohort(capacity=capacity))
    for member_id in member_ids:
        uow.members.keep(Member(member_id=member_id, display_name=member_id.upper()))
        lab.apply(uow=uow, cohort_id=cohort.id, member_id=member_id, statement="Me")
        lab.select_participant(uow=uow, cohort_id=cohort.id, member_id=member_id)
    return cohort.id


def test_opening_a_cohort_announces_it_at_the_time_it_opened(uow: Any) -> None:
    cohort = lab.open_cohort(uow=uow, form=a_cohort())
    assert cohort.opened_at == NOW
    (opened,) = uow.events_of("lab-cohort-opened")
    assert (opened["cohort_id"], opened["capacity"]) == (cohort.id, 3)
    assert opened["opened_at"] == NOW.isoformat()


@pytest.mark.parametrize("months", [8, 13])
def test_a_cohort_shorter_than_nine_or_longer_than_twelve_months_is_refused(
    uow: Any, months: int
) -> None:
    with pytest.raises(errors.RuleBroken) as refused:
        lab.open_cohort(uow=uow, form=a_cohort(months=months))
    assert refused.value.field == "months"
    assert not uow.committed and uow.published == []


def test_a_member_applies_once_and_the_application_carries_their_region(uow: Any) -> None:
    uow.members.keep(Member(member_id="m0", region="scotland"))
    cohort = lab.open_cohort(uow=uow, form=a_cohort())
    lab.apply(uow=uow, cohort_id=cohort.id, member_id="m0", statement="Data skills")
    with pytest.raises(errors.AlreadyDone):
        lab.apply(uow=uow, cohort_id=cohort.id, member_id="m0", statement="Again")
    (made,) = uow.events_of("lab-application-made")
    assert (made["member_id"], made["region"]) == ("m0", "scotland")


def test_staff_select_no_more_participants_than_the_cohort_holds(uow: Any) -> None:
    cohort_id = with_participants(uow, "m0", capacity=1)
    lab.apply(uow=uow, cohort_id=cohort_id, member_id="m1", statement="Me too")
    with pytest.raises(errors.CohortNotOpen) as refused:
        lab.select_participant(uow=uow, cohort_id=cohort_id, member_id="m1")
    assert refused.value.field == "member_id"
    assert len(uow.events_of("lab-participant-selected")) == 1


def test_a_participant_forms_only_a_team_they_are_in(uow: Any) -> None:
    cohort_id = with_participants(uow, "m0", "m1", "m2", capacity=4)
    lab.apply(uow=uow, cohort_id=cohort_id, member_id="m3", statement="Me")
    lab.select_participant(uow=uow, cohort_id=cohort_id, member_id="m3")
    form = {"name": "A", "lead_member_id": "m0", "member_ids": ["m0", "m1", "m2"]}
    with pytest.raises(errors.NotYours) as refused:
        lab.form_team(uow=uow, cohort_id=cohort_id, caller=member("m3"), form=form)
    assert refused.value.field == "member_ids"
    team = lab.form_team(uow=uow, cohort_id=cohort_id, caller=member("m0"), form=form)
    assert [m["display_name"] for m in team.members] == ["M0", "M1", "M2"]
    (formed,) = uow.events_of("lab-team-formed")
    assert (formed["lead_member_id"], formed["member_ids"]) == ("m0", ["m0", "m1", "m2"])


def test_only_a_teams_members_and_staff_post_its_updates(uow: Any) -> None:
    cohort_id = with_participants(uow, "m0", "m1", "m2")
    form = {"name": "A", "lead_member_id": "m0", "member_ids": ["m0", "m1", "m2"]}
    team = lab.form_team(uow=uow, cohort_id=cohort_id, caller=STAFF_CALLER, form=form)
    post = {"title": "Week one", "body": "Met.", "is_output": False}
    with pytest.raises(errors.NotYours):
        lab.post_update(
            uow=uow, cohort_id=cohort_id, team_id=team.id, caller=member("x"), form=post
        )
    update = lab.post_update(
        uow=uow, cohort_id=cohort_id, team_id=team.id, caller=member("m1"), form=post
    )
    assert (update.author_member_id, update.posted_at) == ("m1", NOW)
    assert [e["update_id"] for e in uow.events_of("lab-update-posted")] == [update.id]


def test_only_participants_and_staff_read_a_cohorts_progress(uow: Any) -> None:
    cohort_id = with_participants(uow, "m0")
    page = PageRequest()
    with pytest.raises(Forbidden):
        lab.progress(uow=uow, cohort_id=cohort_id, caller=member("outsider"), page=page)
    for caller in (member("m0"), STAFF_CALLER):
        assert lab.progress(uow=uow, cohort_id=cohort_id, caller=caller, page=page).total == 0


def test_participants_hear_once_of_a_milestone_due_within_a_week(uow: Any) -> None:
    cohort_id = with_participants(uow, "m0", "m1")
    today = NOW.date()
    for title, days in (("Soon", 5), ("Later", 20)):
        form = {"title": title, "due_on": today + timedelta(days=days), "what_is_due": ""}
        lab.add_milestone(uow=uow, cohort_id=cohort_id, form=form)
    assert lab.remind_of_milestones(uow=uow, now=NOW) == 1
    assert lab.remind_of_milestones(uow=uow, now=NOW) == 0
    (approaching,) = uow.events_of("lab-milestone-approaching")
    assert (approaching["title"], approaching["member_ids"]) == ("Soon", ["m0", "m1"])


def test_closing_a_cohort_counts_its_participants_teams_and_outputs(uow: Any) -> None:
    cohort_id = with_participants(uow, "m0", "m1", "m2")
    form = {"name": "A", "lead_member_id": "m0", "member_ids": ["m0", "m1", "m2"]}
    team = lab.form_team(uow=uow, cohort_id=cohort_id, caller=STAFF_CALLER, form=form)
    output = {"title": "Report", "body": "Done.", "is_output": True}
    lab.post_update(uow=uow, cohort_id=cohort_id, team_id=team.id, caller=member("m0"), form=output)
    closed = lab.close_cohort(uow=uow, cohort_id=cohort_id)
    assert (closed.status, closed.closed_at) == ("closed", NOW)
    (event,) = uow.events_of("lab-cohort-closed")
    assert (event["participants"], event["teams"], event["outputs"]) == (3, 1, 1)
    with pytest.raises(errors.CohortNotOpen):
        lab.apply(uow=uow, cohort_id=cohort_id, member_id="late", statement="Me")
