"""Staff read matching's participants over HTTP; bad requests get a JSON error naming the field."""

import json
from collections.abc import Callable
from typing import Any

import pytest
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from qplatform.events import Envelope
from tests.matching.member_events import member_joined
from tests.support.auth import bearer

Handle = Callable[[Envelope], None]


def _body(response: TestResponse) -> Any:
    return json.loads(response.data)


def test_staff_see_matchings_copy_of_a_member(
    client: FlaskClient, staff: dict[str, str], handle: Handle
) -> None:
    event = member_joined()
    handle(event)

    response = client.get(f"/participants/{event.subject}", headers=staff)

    assert response.status_code == 200
    assert _body(response) == {
        "member_id": event.subject,
        "display_name": "Asha Patel",
        "organisation": "Lancashire NHS Trust",
        "job_title": "Improvement Lead",
        "region": "north-west-coast",
        "joined_at": "2026-11-03T14:00:00+00:00",
        "opted_in": True,
        "updated_at": _body(response)["updated_at"],
    }


def test_a_member_matching_has_not_heard_of_is_not_found(
    client: FlaskClient, staff: dict[str, str]
) -> None:
    response = client.get("/participants/no-such-member", headers=staff)

    assert response.status_code == 404
    assert _body(response)["message"] == "no participant with that member id"


def test_participants_are_listed_a_page_at_a_time(
    client: FlaskClient, staff: dict[str, str], handle: Handle
) -> None:
    events = [member_joined(display_name=f"Member {n}") for n in range(5)]
    for event in events:
        handle(event)

    response = client.get("/participants?page=3&page_size=2", headers=staff)

    assert response.status_code == 200
    assert len(_body(response)) == 1
    pagination = json.loads(response.headers["X-Pagination"])
    assert (pagination["total"], pagination["page"], pagination["total_pages"]) == (5, 3, 3)


def test_participants_can_be_listed_for_one_region(
    client: FlaskClient, staff: dict[str, str], handle: Handle
) -> None:
    scots = [member_joined(region="scotland") for _ in range(2)]
    for event in [*scots, member_joined(region="wales")]:
        handle(event)

    response = client.get("/participants?region=scotland", headers=staff)

    assert sorted(p["member_id"] for p in _body(response)) == sorted(e.subject for e in scots)


@pytest.mark.parametrize("url", ["/participants", "/participants/some-member"])
@pytest.mark.parametrize(
    ("headers", "status"),
    [({}, 401), ({"Authorization": "Bearer not-the-staff-token"}, 401), (bearer("member-1"), 403)],
)
def test_only_staff_may_read_participants(
    client: FlaskClient, url: str, headers: dict[str, str], status: int
) -> None:
    response = client.get(url, headers=headers)

    assert response.status_code == status
    assert _body(response)["code"] == status


def test_strangers_learn_nothing_from_bad_arguments(client: FlaskClient) -> None:
    assert client.get("/participants?page=0").status_code == 401


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("page=0", "page"),
        ("page=two", "page"),
        ("page_size=0", "page_size"),
        ("page_size=101", "page_size"),
        ("page_size=", "page_size"),
        ("region=atlantis", "region"),
        ("region=", "region"),
        ("region=Scotland", "region"),
    ],
)
def test_bad_query_arguments_are_refused_naming_the_field(
    client: FlaskClient, staff: dict[str, str], query: str, field: str
) -> None:
    response = client.get(f"/participants?{query}", headers=staff)

    assert response.status_code == 422
    assert field in _body(response)["errors"]["query"]
