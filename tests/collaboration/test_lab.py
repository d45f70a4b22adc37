"""The Q Lab: a cohort from opening to closing, and every rule it keeps."""

import json
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select

from collaboration.service_layer.lab import remind_of_milestones
from collaboration.service_layer.unit_of_work import CollaborationUnitOfWork
from qplatform.clock import SYSTEM_CLOCK
from qplatform.runtime import Runtime
from tests.collaboration.lab_world import a_cohort, apply_and_select, open_cohort
from tests.support.auth import STAFF, bearer

Join = Callable[..., dict[str, str]]


def outbox_types(runtime: Runtime) -> list[str]:
    with runtime.unit_of_work() as uow:
        outbox = uow.tables.outbox
        return list(uow.session.scalars(select(outbox.c.event_type).order_by(outbox.c.id)))


def test_a_cohort_runs_from_opening_to_closing_with_two_teams(
    client: FlaskClient, join: Join, runtime: Runtime
) -> None:
    members = {f"m{i}": join(f"m{i}") for i in range(7)}
    cohort = open_cohort(client)
    apply_and_select(client, cohort, members)
    milestone = client.post(
        f"/cohorts/{cohort}/milestones",
        json={"title": "Problem understood", "due_on": "2027-03-01", "what_is_due": "A map."},
        headers=STAFF,
    ).json
    first = client.post(
        f"/cohorts/{cohort}/teams",
        json={"name": "Flow", "lead_member_id": "m0", "member_ids": ["m0", "m1", "m2"]},
        headers=members["m0"],
    )
    second = client.post(
        f"/cohorts/{cohort}/teams",
        json={"name": "Letters", "lead_member_id": "m4", "member_ids": ["m3", "m4", "m5", "m6"]},
        headers=STAFF,
    )
    assert (first.status_code, second.status_code) == (201, 201)
    assert first.json["members"][0] == {"member_id": "m0", "display_name": "Member m0"}
    update = client.post(
        f"/cohorts/{cohort}/teams/{first.json['id']}/updates",
        json={"title": "Mapped", "body": "We **mapped** it.", "milestone_id": milestone["id"]},
        headers=members["m1"],
    )
    output = client.post(
        f"/cohorts/{cohort}/teams/{second.json['id']}/updates",
        json={"title": "Toolkit", "body": "Send letters by text.", "is_output": True},
        headers=members["m3"],
    )
    assert (update.status_code, output.status_code) == (201, 201)
    assert update.json["body_html"] == "<p>We <strong>mapped</strong> it.</p>\n"
    closed = client.post(f"/cohorts/{cohort}/close", headers=STAFF)
    assert closed.json["status"] == "closed"
    outsider = join("reader", region="wales")
    outputs = client.get(f"/cohorts/{cohort}/outputs", headers=outsider)
    assert [o["title"] for o in outputs.json] == ["Toolkit"]
    assert client.get(f"/cohorts/{cohort}/updates", headers=outsider).status_code == 403
    assert len(client.get(f"/cohorts/{cohort}/updates", headers=members["m6"]).json) == 2
    assert outbox_types(runtime) == [
        "lab-cohort-opened",
        *["lab-application-made", "lab-participant-selected"] * 7,
        "lab-team-formed",
        "lab-team-formed",
        "lab-update-posted",
        "lab-update-posted",
        "lab-cohort-closed",
    ]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"months": 8}, "months"),
        ({"months": 13}, "months"),
        ({"problem": ""}, "problem"),
        ({"problem": "two\nlines"}, "problem"),
        ({"starts_on": "1999-01-01"}, "starts_on"),
        ({"capacity": 0}, "capacity"),
        ({"topics": "flow"}, "topics"),
    ],
)
def test_a_cohort_that_breaks_a_rule_is_refused_naming_the_field(
    client: FlaskClient, change: dict[str, Any], field: str, runtime: Runtime
) -> None:
    response = client.post("/cohorts", json=a_cohort(**change), headers=STAFF)
    assert response.status_code == 422
    assert field in response.json["errors"]["json"]
    assert outbox_types(runtime) == []


TEAMS = [
    ({"member_ids": ["m0", "m1"], "lead_member_id": "m0"}, "member_ids", 422),
    ({"member_ids": ["m0", "m1", "m2"], "lead_member_id": "m5"}, "lead_member_id", 422),
    ({"member_ids": ["m0", "m1", "stranger"], "lead_member_id": "m0"}, "member_ids", 422),
    ({"member_ids": ["m0", "m0", "m1"], "lead_member_id": "m0"}, "member_ids", 422),
    ({"member_ids": [f"m{i}" for i in range(9)], "lead_member_id": "m0"}, "member_ids", 422),
    ({"member_ids": ["m3", "m4", "m5"], "lead_member_id": "m3"}, "member_ids", 403),
]


@pytest.mark.parametrize(("form", "field", "status"), TEAMS)
def test_a_team_must_have_three_to_eight_selected_participants_and_a_lead_among_them(
    client: FlaskClient, join: Join, form: dict[str, Any], field: str, status: int
) -> None:
    members = {f"m{i}": join(f"m{i}") for i in range(9)}
    cohort = open_cohort(client)
    apply_and_select(client, cohort, members)
    response = client.post(
        f"/cohorts/{cohort}/teams", json={"name": "T", **form}, headers=members["m0"]
    )
    assert response.status_code == status, response.json
    if status == 422:
        assert field in response.json["errors"]["json"]


def test_a_participant_joins_one_team_per_cohort(client: FlaskClient, join: Join) -> None:
    members = {f"m{i}": join(f"m{i}") for i in range(5)}
    cohort = open_cohort(client)
    apply_and_select(client, cohort, members)
    form = {"name": "A", "lead_member_id": "m0", "member_ids": ["m0", "m1", "m2"]}
    assert client.post(f"/cohorts/{cohort}/teams", json=form, headers=STAFF).status_code == 201
    form = {"name": "B", "lead_member_id": "m3", "member_ids": ["m2", "m3", "m4"]}
    again = client.post(f"/cohorts/{cohort}/teams", json=form, headers=STAFF)
    assert again.status_code == 409
    assert "m2" in again.json["message"]


def test_a_member_applies_once_and_staff_select_within_capacity(
    client: FlaskClient, join: Join
) -> None:
    members = {f"m{i}": join(f"m{i}") for i in range(4)}
    cohort = open_cohort(client, capacity=3)
    apply_and_select(client, cohort, {k: members[k] for k in ("m0", "m1", "m2")})
    twice = client.post(
        f"/cohorts/{cohort}/applications", json={"statement": "Again"}, headers=members["m0"]
    )
    assert twice.status_code == 409
    client.post(f"/cohorts/{cohort}/applications", json={"statement": "Me"}, headers=members["m3"])
    full = client.post(f"/cohorts/{cohort}/participants", json={"member_id": "m3"}, headers=STAFF)
    assert full.status_code == 409
    assert "member_id" in full.json["errors"]["json"]


def test_a_closed_cohort_takes_no_more_applications(client: FlaskClient, join: Join) -> None:
    cohort = open_cohort(client)
    client.post(f"/cohorts/{cohort}/close", headers=STAFF)
    late = client.post(
        f"/cohorts/{cohort}/applications", json={"statement": "Late"}, headers=join("m0")
    )
    assert late.status_code == 409


def test_only_a_teams_members_post_its_updates(client: FlaskClient, join: Join) -> None:
    members = {f"m{i}": join(f"m{i}") for i in range(4)}
    cohort = open_cohort(client)
    apply_and_select(client, cohort, members)
    form = {"name": "A", "lead_member_id": "m0", "member_ids": ["m0", "m1", "m2"]}
    team = client.post(f"/cohorts/{cohort}/teams", json=form, headers=STAFF).json["id"]
    response = client.post(
        f"/cohorts/{cohort}/teams/{team}/updates",
        json={"title": "Not mine", "body": "Hello"},
        headers=members["m3"],
    )
    assert response.status_code == 403


def test_an_update_body_is_sanitised_as_posts_are(client: FlaskClient, join: Join) -> None:
    members = {f"m{i}": join(f"m{i}") for i in range(3)}
    cohort = open_cohort(client)
    apply_and_select(client, cohort, members)
    form = {"name": "A", "lead_member_id": "m0", "member_ids": ["m0", "m1", "m2"]}
    team = client.post(f"/cohorts/{cohort}/teams", json=form, headers=STAFF).json["id"]
    body = "<script>alert(1)</script>[x](javascript:alert(1))"
    update = client.post(
        f"/cohorts/{cohort}/teams/{team}/updates",
        json={"title": "Hi", "body": body},
        headers=bearer("m0"),
    ).json
    assert "<script" not in update["body_html"]
    assert 'href="javascript' not in update["body_html"]


def test_participants_are_reminded_once_of_a_milestone_due_within_a_week(
    client: FlaskClient, join: Join, runtime: Runtime[CollaborationUnitOfWork]
) -> None:
    members = {f"m{i}": join(f"m{i}") for i in range(2)}
    cohort = open_cohort(client)
    apply_and_select(client, cohort, members)
    for title, days in (("Soon", 5), ("Later", 20)):
        due = (date.today() + timedelta(days=days)).isoformat()
        client.post(
            f"/cohorts/{cohort}/milestones", json={"title": title, "due_on": due}, headers=STAFF
        )
    reminded = []
    for _ in range(2):
        with runtime.unit_of_work() as uow:
            reminded.append(remind_of_milestones(uow=uow, now=SYSTEM_CLOCK.now()))
    assert reminded == [1, 0]
    with runtime.unit_of_work() as uow:
        outbox = uow.tables.outbox
        query = select(outbox.c.payload).where(outbox.c.event_type == "lab-milestone-approaching")
        (payload,) = uow.session.scalars(query)
    data = json.loads(payload)["data"]
    assert (data["title"], data["member_ids"]) == ("Soon", ["m0", "m1"])
