"""Members opt in or out, pause, skip and state wishes for themselves; bad input is refused."""

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from flask.testing import FlaskClient

from qplatform.events import Envelope
from tests.matching.member_events import member_joined
from tests.support.auth import bearer

Handle = Callable[[Envelope], None]
TOMORROW = (datetime.now(UTC).date() + timedelta(days=1)).isoformat()
YESTERDAY = (datetime.now(UTC).date() - timedelta(days=1)).isoformat()


@pytest.fixture
def member(handle: Handle) -> str:
    """Return the id of a member matching knows."""
    event = member_joined()
    handle(event)
    return event.subject


def _body(response: Any) -> Any:
    return json.loads(response.data)


def test_a_new_member_takes_part_monthly_in_any_format_by_default(
    client: FlaskClient, member: str
) -> None:
    response = client.get(f"/participation/{member}", headers=bearer(member))

    assert response.status_code == 200
    assert _body(response) | {"updated_at": None} == {
        "member_id": member,
        "region": "north-west-coast",
        "organisation": "Lancashire NHS Trust",
        "opted_in": True,
        "paused_until": None,
        "skip_next_round": False,
        "meeting_format": "either",
        "frequency": "monthly",
        "prefers_other_organisation": True,
        "prefers_other_region": False,
        "never_pair_with": [],
        "updated_at": None,
    }


def test_a_member_pauses_skips_and_states_their_wishes(client: FlaskClient, member: str) -> None:
    change = {
        "paused_until": TOMORROW,
        "skip_next_round": True,
        "meeting_format": "in-person",
        "frequency": "quarterly",
        "prefers_other_region": True,
        "never_pair_with": ["someone-else", "someone-else"],
    }

    response = client.patch(f"/participation/{member}", json=change, headers=bearer(member))

    assert response.status_code == 200
    shown = _body(client.get(f"/participation/{member}", headers=bearer(member)))
    assert shown == shown | change | {"never_pair_with": ["someone-else"]}


def test_a_member_opts_out_and_back_in(client: FlaskClient, member: str) -> None:
    client.patch(f"/participation/{member}", json={"opted_in": False}, headers=bearer(member))
    out = _body(client.get(f"/participation/{member}", headers=bearer(member)))["opted_in"]

    client.patch(f"/participation/{member}", json={"opted_in": True}, headers=bearer(member))

    assert out is False
    assert _body(client.get(f"/participation/{member}", headers=bearer(member)))["opted_in"]


@pytest.mark.parametrize(
    ("headers", "status"),
    [({}, 401), (bearer("another-member"), 403), ({"Authorization": "Bearer junk"}, 401)],
)
def test_no_one_but_the_member_and_staff_touch_their_participation(
    client: FlaskClient, member: str, headers: dict[str, str], status: int
) -> None:
    assert client.get(f"/participation/{member}", headers=headers).status_code == status
    patched = client.patch(f"/participation/{member}", json={"opted_in": False}, headers=headers)
    assert patched.status_code == status


def test_staff_change_a_members_participation(
    client: FlaskClient, member: str, staff: dict[str, str]
) -> None:
    response = client.patch(f"/participation/{member}", json={"opted_in": False}, headers=staff)

    assert response.status_code == 200
    assert _body(response)["opted_in"] is False


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"meeting_format": "by-carrier-pigeon"}, "meeting_format"),
        ({"frequency": "weekly"}, "frequency"),
        ({"opted_in": "perhaps"}, "opted_in"),
        ({"paused_until": "next tuesday"}, "paused_until"),
        ({"paused_until": YESTERDAY}, "paused_until"),
        ({"never_pair_with": "not-a-list"}, "never_pair_with"),
        ({"never_pair_with": [""]}, "never_pair_with"),
        ({"never_pair_with": ["SELF"]}, "never_pair_with"),
        ({"favourite_colour": "blue"}, "favourite_colour"),
    ],
)
def test_bad_changes_are_refused_naming_the_field_and_nothing_changes(
    client: FlaskClient, member: str, change: dict[str, Any], field: str
) -> None:
    change = {k: [member] if v == ["SELF"] else v for k, v in change.items()}
    before = _body(client.get(f"/participation/{member}", headers=bearer(member)))

    response = client.patch(f"/participation/{member}", json=change, headers=bearer(member))

    assert response.status_code == 422
    assert field in _body(response)["errors"]["json"]
    assert _body(client.get(f"/participation/{member}", headers=bearer(member))) == before


def test_a_member_matching_does_not_know_is_not_found(client: FlaskClient) -> None:
    response = client.get("/participation/nobody", headers=bearer("nobody"))

    assert response.status_code == 404
