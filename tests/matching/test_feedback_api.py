"""Matched members answer "did you meet?" once, for their own match; staff see the rates."""

import json
from collections.abc import Callable
from typing import Any

import pytest
from flask.testing import FlaskClient

from qplatform.db.unit_of_work import UnitOfWork
from tests.matching.rounds_support import groups_of, published
from tests.support.auth import bearer

UoW = Callable[[], UnitOfWork]


def _body(response: Any) -> Any:
    return json.loads(response.data)


def test_members_answer_did_you_meet_and_staff_see_the_meeting_rate(
    client: FlaskClient, staff: dict[str, str], coffee_round: dict[str, Any], uow: UoW
) -> None:
    round_id = coffee_round["id"]
    matches = _body(client.get(f"/rounds/{round_id}/matches", headers=staff))
    answers = [("met", 5), ("did-not-meet", None), ("rescheduled", None)]
    for match, (outcome, rating) in zip(matches, answers, strict=True):
        who = match["member_ids"][0]
        response = client.post(
            f"/matches/{match['id']}/feedback",
            json={"outcome": outcome, "rating": rating},
            headers=bearer(who),
        )
        assert response.status_code == 201

    rates = _body(client.get(f"/rounds/{round_id}/meeting-rates", headers=staff))

    assert rates == {
        "round_id": round_id,
        "matches": 3,
        "answered": 3,
        "met": 1,
        "rescheduled": 1,
        "did_not_meet": 1,
        "meeting_rate": 0.3333,
        "answer_rate": 1.0,
        "average_rating": 5.0,
    }
    [over_rounds] = _body(client.get("/rounds/meeting-rates?last=6", headers=staff))
    assert over_rounds == {
        **rates,
        "number": coffee_round["number"],
        "held_on": coffee_round["held_on"],
    }
    recorded = published(uow, "match-feedback-recorded")
    assert {e["key"] for e in recorded} == {round_id}
    assert sorted(e["data"]["outcome"] for e in recorded) == ["did-not-meet", "met", "rescheduled"]


def test_only_the_members_of_a_match_answer_for_it_and_only_once(
    client: FlaskClient, staff: dict[str, str], coffee_round: dict[str, Any]
) -> None:
    [match, *_] = _body(client.get(f"/rounds/{coffee_round['id']}/matches", headers=staff))
    url = f"/matches/{match['id']}/feedback"
    member = match["member_ids"][0]

    stranger = client.post(url, json={"outcome": "met"}, headers=bearer("stranger"))
    first = client.post(url, json={"outcome": "met"}, headers=bearer(member))
    again = client.post(url, json={"outcome": "met"}, headers=bearer(member))

    assert (stranger.status_code, first.status_code, again.status_code) == (403, 201, 409)
    assert (
        client.post(
            "/matches/nope/feedback", json={"outcome": "met"}, headers=bearer(member)
        ).status_code
        == 404
    )


@pytest.mark.parametrize(
    ("answer", "field"),
    [
        ({}, "outcome"),
        ({"outcome": "maybe"}, "outcome"),
        ({"outcome": "met", "rating": 6}, "rating"),
        ({"outcome": "met", "rating": "great"}, "rating"),
        ({"outcome": "met", "mood": "happy"}, "mood"),
    ],
)
def test_bad_answers_are_refused_naming_the_field_and_nothing_is_recorded(
    client: FlaskClient,
    staff: dict[str, str],
    coffee_round: dict[str, Any],
    uow: UoW,
    answer: dict[str, Any],
    field: str,
) -> None:
    [match, *_] = _body(client.get(f"/rounds/{coffee_round['id']}/matches", headers=staff))

    response = client.post(
        f"/matches/{match['id']}/feedback", json=answer, headers=bearer(match["member_ids"][0])
    )

    assert response.status_code == 422
    assert field in _body(response)["errors"]["json"]
    assert published(uow, "match-feedback-recorded") == []


def test_a_member_sees_their_own_matches(
    client: FlaskClient, coffee_round: dict[str, Any], uow: UoW
) -> None:
    member = groups_of(uow, coffee_round["id"])[0][0]

    [match] = _body(client.get(f"/participation/{member}/matches", headers=bearer(member)))

    assert member in match["member_ids"] and match["round_id"] == coffee_round["id"]


@pytest.mark.parametrize(("query", "status"), [("last=0", 422), ("last=61", 422), ("last=x", 422)])
def test_a_bad_count_of_rounds_is_refused_naming_it(
    client: FlaskClient, staff: dict[str, str], query: str, status: int
) -> None:
    response = client.get(f"/rounds/meeting-rates?{query}", headers=staff)
    assert response.status_code == status
    assert "last" in _body(response)["errors"]["query"]


@pytest.mark.parametrize("headers", [{}, bearer("member-1")])
def test_only_staff_see_meeting_rates_over_rounds(
    client: FlaskClient, headers: dict[str, str]
) -> None:
    assert client.get("/rounds/meeting-rates", headers=headers).status_code in (401, 403)
