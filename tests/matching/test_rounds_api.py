"""Staff request rounds, set the schedule and read figures; members answer "did you meet?"."""

import json
from collections.abc import Callable
from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select

from matching.domain.model import Participant
from qplatform.db.unit_of_work import UnitOfWork
from qplatform.events import Envelope
from tests.matching.rounds_support import join_members, published, run_waiting_rounds
from tests.support.auth import bearer

Handle = Callable[[Envelope], None]
UoW = Callable[[], UnitOfWork]


def _body(response: Any) -> Any:
    return json.loads(response.data)


def test_staff_request_a_round_and_read_its_state_seed_figures_and_matches_by_name(
    client: FlaskClient, staff: dict[str, str], coffee_round: dict[str, Any], uow: UoW
) -> None:
    shown = _body(client.get(f"/rounds/{coffee_round['id']}", headers=staff))
    matches = _body(client.get(f"/rounds/{coffee_round['id']}/matches", headers=staff))

    assert (shown["state"], shown["seed"], shown["number"], shown["participants"]) == (
        "completed",
        42,
        1,
        6,
    )
    assert (shown["pairs"], shown["trios"], shown["unmatched"], shown["repeats"]) == (3, 0, 0, 0)
    assert sorted(len(m["member_ids"]) for m in matches) == [2, 2, 2]
    named = {m["member_id"]: m["display_name"] for match in matches for m in match["members"]}
    with uow() as unit:
        expected = {p.member_id: p.display_name for p in unit.session.scalars(select(Participant))}
    assert named == expected and len(named) == 6 and all(named.values())
    assert _body(client.get("/rounds", headers=staff))[0]["id"] == coffee_round["id"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"held_on": "someday"}, "held_on"),
        ({"seed": -1}, "seed"),
        ({"seed": "lucky"}, "seed"),
        ({"size": 3}, "size"),
    ],
)
def test_bad_round_requests_are_refused_naming_the_field_and_no_round_is_made(
    client: FlaskClient, staff: dict[str, str], uow: UoW, body: dict[str, Any], field: str
) -> None:
    response = client.post("/rounds", json=body, headers=staff)

    assert response.status_code == 422
    assert field in _body(response)["errors"]["json"]
    assert _body(client.get("/rounds", headers=staff)) == []
    assert published(uow, "coffee-round-completed") == []


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (
            {"every_months": 0, "day_of_month": 1, "cooldown": 6, "next_round_on": None},
            "every_months",
        ),
        (
            {"every_months": 1, "day_of_month": 31, "cooldown": 6, "next_round_on": None},
            "day_of_month",
        ),
        ({"every_months": 1, "day_of_month": 1, "cooldown": -1, "next_round_on": None}, "cooldown"),
        ({"every_months": 1, "day_of_month": 1, "cooldown": 6}, "next_round_on"),
    ],
)
def test_bad_schedules_are_refused_naming_the_field(
    client: FlaskClient, staff: dict[str, str], body: dict[str, Any], field: str
) -> None:
    before = _body(client.get("/rounds/schedule", headers=staff))

    response = client.put("/rounds/schedule", json=body, headers=staff)

    assert response.status_code == 422
    assert field in _body(response)["errors"]["json"]
    assert _body(client.get("/rounds/schedule", headers=staff)) == before


def test_staff_set_the_schedule_and_a_round_moves_the_next_round_on(
    client: FlaskClient, staff: dict[str, str], handle: Handle, uow: UoW
) -> None:
    join_members(handle, 2)
    schedule = {"every_months": 3, "day_of_month": 15, "cooldown": 4, "next_round_on": None}
    assert client.put("/rounds/schedule", json=schedule, headers=staff).status_code == 200

    client.post("/rounds", json={"held_on": "2027-01-15"}, headers=staff)
    run_waiting_rounds(uow)

    shown = _body(client.get("/rounds/schedule", headers=staff))
    assert shown == schedule | {"next_round_on": "2027-04-15"}


STAFF_ROUTES = [
    ("post", "/rounds"),
    ("get", "/rounds"),
    ("get", "/rounds/schedule"),
    ("put", "/rounds/schedule"),
    ("get", "/rounds/some-round"),
    ("get", "/rounds/some-round/matches"),
    ("get", "/rounds/some-round/snapshot"),
    ("get", "/rounds/some-round/audit"),
    ("get", "/rounds/some-round/meeting-rates"),
    ("get", "/participants"),
    ("get", "/participants/some-member"),
]


@pytest.mark.parametrize(("method", "url"), STAFF_ROUTES)
@pytest.mark.parametrize(("headers", "status"), [({}, 401), (bearer("member-1"), 403)])
def test_staff_routes_refuse_anonymous_callers_and_members(
    client: FlaskClient, method: str, url: str, headers: dict[str, str], status: int
) -> None:
    response = getattr(client, method)(url, json={}, headers=headers)

    assert response.status_code == status


def test_an_unknown_round_is_not_found(client: FlaskClient, staff: dict[str, str]) -> None:
    for part in ("", "/matches", "/meeting-rates", "/snapshot", "/audit"):
        url = f"/rounds/nope{part}"
        assert client.get(url, headers=staff).status_code == 404
