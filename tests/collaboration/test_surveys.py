"""Surveys: staff write and open them; the members asked answer once; results are counts."""

import json
from collections.abc import Callable
from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select

from qplatform.messaging.handlers import ReceivedEvent
from qplatform.runtime import Runtime
from tests.collaboration.lab_world import apply_and_select, open_cohort
from tests.collaboration.survey_world import a_survey, answers, opened
from tests.collaboration.their_events import applied_in_wave, approved, matched, registered
from tests.support.auth import STAFF, bearer

Join = Callable[..., dict[str, str]]
Handle = Callable[[ReceivedEvent], None]


def test_a_survey_to_one_region_is_answered_by_its_members_only(
    client: FlaskClient, join: Join
) -> None:
    scots = [join(f"scot-{i}", region="scotland") for i in range(3)]
    welsh = join("welsh", region="wales")
    survey = opened(client, audience="region", audience_value="scotland")
    assert survey["audience_size"] == 3
    for i, member in enumerate(scots):
        given = answers(survey, yes=i < 2, text="More visits" if i == 0 else None)
        assert (
            client.post(
                f"/surveys/{survey['id']}/responses", json=given, headers=member
            ).status_code
            == 201
        )
    refused = client.post(f"/surveys/{survey['id']}/responses", json=answers(survey), headers=welsh)
    assert refused.status_code == 403
    assert client.get("/surveys/invitations/mine", headers=welsh).json == []
    results = client.get(f"/surveys/{survey['id']}/results", headers=STAFF).json
    single, multiple, scale, free = results["questions"]
    assert results["responses"] == 3
    assert single["counts"] == {"Yes": 2, "No": 1}
    assert multiple["counts"] == {"Talks": 3, "Visits": 0, "Chat": 3}
    assert scale["counts"] == {"1": 0, "2": 1, "3": 0, "4": 0, "5": 2}
    assert free["texts"] == ["More visits"]


def test_a_member_answers_a_survey_once(client: FlaskClient, join: Join) -> None:
    member = join("m0")
    survey = opened(client)
    assert [s["id"] for s in client.get("/surveys/invitations/mine", headers=member).json] == [
        survey["id"]
    ]
    url = f"/surveys/{survey['id']}/responses"
    assert client.post(url, json=answers(survey), headers=member).status_code == 201
    assert client.post(url, json=answers(survey), headers=member).status_code == 409
    assert client.get("/surveys/invitations/mine", headers=member).json == []


@pytest.mark.parametrize("database_backend", ["postgres"])
def test_an_anonymous_survey_stores_no_member_id_anywhere_in_the_database(
    client: FlaskClient, join: Join, runtime: Runtime
) -> None:
    member_ids = ["anon-7f1c2e9a", "anon-0b6e5d4c"]
    for member_id in member_ids:
        join(member_id)
    survey = opened(client, anonymous=True)
    for member_id in member_ids:
        url = f"/surveys/{survey['id']}/responses"
        given = answers(survey, text="Fine")
        assert client.post(url, json=given, headers=bearer(member_id)).status_code == 201
        assert client.post(url, json=given, headers=bearer(member_id)).status_code == 409
    with runtime.unit_of_work() as uow:
        # Every row of every table, as text, but the copy of members and the invitations:
        # who was asked is not who answered (reminders of an anonymous survey go to all).
        stored = [
            str(tuple(row))
            for table in uow.tables.outbox.metadata.sorted_tables
            if table.name != "members"
            for row in uow.session.execute(select(table))
            if "survey-invitation-sent" not in str(tuple(row))
        ]
    assert any(survey["id"] in row for row in stored)
    assert not [row for row in stored for m in member_ids if m in row]
    results = client.get(f"/surveys/{survey['id']}/results", headers=STAFF).json
    assert results["responses"] == 2


AUDIENCES = ["wave", "coffee-participants", "event-attendees", "lab-cohort"]


@pytest.mark.parametrize("audience", AUDIENCES)
def test_each_audience_asks_its_members_and_no_one_else(
    client: FlaskClient, join: Join, handle: Handle, audience: str
) -> None:
    inside, outside = join("inside"), join("outside")
    value: str | None = None
    if audience == "wave":
        handle(applied_in_wave("application-1", "wave-1"))
        handle(approved("application-1", "inside"))
        value = "wave-1"
    elif audience == "coffee-participants":
        handle(matched("inside", "someone-else"))
    elif audience == "event-attendees":
        handle(registered("event-1", "inside"))
        value = "event-1"
    else:
        value = open_cohort(client)
        apply_and_select(client, value, {"inside": inside})
    survey = opened(client, audience=audience, audience_value=value)
    url = f"/surveys/{survey['id']}/responses"
    assert survey["audience_size"] == 1
    assert client.post(url, json=answers(survey), headers=inside).status_code == 201
    assert client.post(url, json=answers(survey), headers=outside).status_code == 403


BAD_SURVEYS: list[tuple[dict[str, Any], str]] = [
    ({"title": ""}, "title"),
    ({"audience": "friends"}, "audience"),
    ({"audience": "region"}, "audience_value"),
    ({"questions": []}, "questions"),
    ({"questions": [{"kind": "single-choice", "prompt": "Pick", "options": ["One"]}]}, "options"),
    ({"questions": [{"kind": "scale", "prompt": "How much?"}]}, "scale_max"),
    ({"questions": [{"kind": "essay", "prompt": "Tell us"}]}, "questions"),
]


@pytest.mark.parametrize(("change", "field"), BAD_SURVEYS)
def test_a_survey_that_breaks_a_rule_is_refused_naming_the_field(
    client: FlaskClient, change: dict[str, Any], field: str
) -> None:
    response = client.post("/surveys", json=a_survey(**change), headers=STAFF)
    assert response.status_code == 422, response.json
    assert field in response.json["errors"]["json"]
    assert client.get("/surveys", headers=STAFF).json == []


def test_answers_that_do_not_fit_their_questions_are_refused(
    client: FlaskClient, join: Join, runtime: Runtime
) -> None:
    member = join("m0")
    survey = opened(client)
    single, multiple, scale, _ = (q["id"] for q in survey["questions"])
    url = f"/surveys/{survey['id']}/responses"
    good = answers(survey)["answers"]
    for wrong in (
        {**good, single: {"choices": ["Maybe"]}},
        {**good, single: {"choices": ["Yes", "No"]}},
        {**good, scale: {"value": 6}},
        {key: value for key, value in good.items() if key != multiple},
        {**good, "not-a-question": {"text": "Hi"}},
    ):
        response = client.post(url, json={"answers": wrong}, headers=member)
        assert response.status_code == 422, response.json
        assert "answers" in response.json["errors"]["json"]
    results = client.get(f"/surveys/{survey['id']}/results", headers=STAFF).json
    assert results["responses"] == 0


def test_a_closed_survey_takes_no_answers_and_keeps_its_results(
    client: FlaskClient, join: Join
) -> None:
    member = join("m0")
    survey = opened(client)
    client.post(f"/surveys/{survey['id']}/responses", json=answers(survey), headers=member)
    closed = client.post(f"/surveys/{survey['id']}/close", headers=STAFF)
    assert closed.json["status"] == "closed"
    late = client.post(
        f"/surveys/{survey['id']}/responses", json=answers(survey), headers=join("m1")
    )
    assert late.status_code == 409
    assert client.get(f"/surveys/{survey['id']}/results", headers=STAFF).json["responses"] == 1


def test_a_survey_keeps_the_notes_of_its_improvement_cycle(client: FlaskClient) -> None:
    survey = opened(client)
    url = f"/surveys/{survey['id']}/cycle"
    client.put(url, json={"activity": "Coffee trials", "notes": {"plan": "Ask why"}}, headers=STAFF)
    noted = client.put(url, json={"notes": {"study": "Half met"}}, headers=STAFF).json
    assert noted["cycle_activity"] == "Coffee trials"
    assert noted["cycle_notes"] == {"plan": "Ask why", "study": "Half met"}
    wrong = client.put(url, json={"notes": {"check": "x"}}, headers=STAFF)
    assert wrong.status_code == 422
    assert "notes" in wrong.json["errors"]["json"]


def published(runtime: Runtime, event_type: str) -> list[dict[str, Any]]:
    with runtime.unit_of_work() as uow:
        outbox = uow.tables.outbox
        query = select(outbox.c.payload).where(outbox.c.event_type == event_type)
        return [json.loads(p)["data"] for p in uow.session.scalars(query.order_by(outbox.c.id))]


@pytest.mark.parametrize(
    ("anonymous", "reminded"), [(False, ["m1", "m2"]), (True, ["m0", "m1", "m2"])]
)
def test_reminders_go_to_the_silent_and_of_an_anonymous_survey_to_everyone_asked(
    client: FlaskClient, join: Join, runtime: Runtime, anonymous: bool, reminded: list[str]
) -> None:
    members = {m: join(m) for m in ("m0", "m1", "m2")}
    survey = opened(client, anonymous=anonymous)
    invited = published(runtime, "survey-invitation-sent")
    assert sorted(i["member_id"] for i in invited) == ["m0", "m1", "m2"]
    client.post(f"/surveys/{survey['id']}/responses", json=answers(survey), headers=members["m0"])
    sent = client.post(f"/surveys/{survey['id']}/reminders", headers=STAFF)
    assert sent.status_code == 202 and sent.json == {"reminded": len(reminded)}
    reminders = published(runtime, "survey-reminder-requested")
    assert sorted(r["member_id"] for r in reminders) == reminded
