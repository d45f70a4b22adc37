"""The events HTTP API: staff create events, anyone lists and reads them."""

import json
from collections.abc import Callable

import pytest
from flask.testing import FlaskClient

from tests.events.conftest import STAFF
from tests.events.examples import form, rows
from tests.support.auth import bearer


def _rows(client: FlaskClient) -> tuple[int, int]:
    return rows(client.application.extensions["qplatform"].engine)


def test_staff_create_an_event_and_anyone_reads_it(
    client_for: Callable[[str], FlaskClient],
    fresh_database: Callable[[str, str], str],
    database_backend: str,
) -> None:
    client = client_for(fresh_database("events", database_backend))
    created = client.post("/events", json=form(region="west-midlands"), headers=STAFF)
    assert created.status_code == 201
    event = created.get_json()
    assert (event["status"], event["region"], event["capacity"]) == (
        "published",
        "west-midlands",
        100,
    )
    assert created.headers["Location"] == f"/events/{event['id']}"
    assert client.get(created.headers["Location"]).get_json() == event
    assert _rows(client) == (1, 1)


def test_upcoming_events_are_listed_soonest_first_a_page_at_a_time(
    client_for: Callable[[str], FlaskClient],
    fresh_database: Callable[[str, str], str],
    database_backend: str,
) -> None:
    client = client_for(fresh_database("events", database_backend))
    for day in (3, 1, 2):
        body = form(
            title=f"day {day}",
            starts_at=f"2031-05-0{day}T10:00:00+01:00",
            ends_at=f"2031-05-0{day}T12:00:00+01:00",
        )
        assert client.post("/events", json=body, headers=STAFF).status_code == 201
    first = client.get("/events?page=1&page_size=2")
    second = client.get("/events?page=2&page_size=2")
    assert [e["title"] for e in first.get_json()] == ["day 1", "day 2"]
    assert [e["title"] for e in second.get_json()] == ["day 3"]
    assert json.loads(first.headers["X-Pagination"])["total"] == 3
    assert first.get_json()[0]["starts_at"] == "2031-05-01T09:00:00+00:00"


def test_an_unknown_event_is_a_json_404(client: FlaskClient) -> None:
    answer = client.get("/events/no-such-event")
    assert answer.status_code == 404
    assert answer.get_json()["message"] == "no event with that id"


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({}, 401),
        ({"Authorization": "Bearer not-the-staff-token"}, 401),
        (bearer("member-1"), 403),
        ({"Authorization": "Basic dev-staff-token"}, 401),
    ],
    ids=["no token", "wrong token", "a member", "wrong scheme"],
)
def test_only_staff_create_events(
    client: FlaskClient, headers: dict[str, str], status: int
) -> None:
    answer = client.post("/events", json=form(), headers=headers)
    assert answer.status_code == status
    assert answer.get_json()["code"] == status
    assert _rows(client) == (0, 0)


BAD_BODIES = [
    ("missing title", {"title": None}, "title"),
    ("empty title", {"title": ""}, "title"),
    ("blank title", {"title": "   "}, "title"),
    ("overlong title", {"title": "Q" * 201}, "title"),
    ("overlong description", {"description": "x" * 10_001}, "description"),
    ("unknown kind", {"kind": "lecture"}, "kind"),
    ("unknown pillar", {"pillar": "share"}, "pillar"),
    ("unknown region", {"region": "atlantis"}, "region"),
    ("start without offset", {"starts_at": "2031-05-01T10:00:00"}, "starts_at"),
    ("start not a time", {"starts_at": "next tuesday"}, "starts_at"),
    ("missing end", {"ends_at": None}, "ends_at"),
    (
        "ends before it starts",
        {"starts_at": "2031-05-01T10:00:00+00:00", "ends_at": "2031-05-01T09:00:00+00:00"},
        "ends_at",
    ),
    ("unknown time zone", {"timezone": "Mars/Olympus"}, "timezone"),
    ("capacity 0", {"capacity": 0}, "capacity"),
    ("capacity as text", {"capacity": "ten"}, "capacity"),
    ("capacity a fraction", {"capacity": 1.5}, "capacity"),
    ("unknown field", {"venue_email": "x@example.org"}, "venue_email"),
]


@pytest.mark.parametrize(
    ("changes", "field"), [case[1:] for case in BAD_BODIES], ids=[case[0] for case in BAD_BODIES]
)
def test_a_bad_event_gets_a_422_naming_the_field_and_nothing_is_written(
    client: FlaskClient, changes: dict[str, object], field: str
) -> None:
    body = {k: v for k, v in form(**changes).items() if v is not None or k not in changes}
    answer = client.post("/events", json=body, headers=STAFF)
    assert answer.status_code == 422
    assert field in answer.get_json()["errors"]["json"]
    assert _rows(client) == (0, 0)


@pytest.mark.parametrize(
    ("data", "content_type", "status"),
    [
        ("{not json", "application/json", 400),
        ("title=Coffee", "application/x-www-form-urlencoded", 422),
        ("[1, 2]", "application/json", 422),
    ],
    ids=["broken json", "a form", "a list"],
)
def test_a_body_that_is_not_a_json_object_gets_a_json_4xx(
    client: FlaskClient, data: str, content_type: str, status: int
) -> None:
    answer = client.post("/events", data=data, content_type=content_type, headers=STAFF)
    assert answer.status_code == status
    assert answer.get_json()["errors"]["json"]
    assert _rows(client) == (0, 0)


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("page=0", "page"),
        ("page=first", "page"),
        ("page_size=0", "page_size"),
        ("page_size=1000", "page_size"),
    ],
)
def test_bad_paging_gets_a_422_naming_the_argument(
    client: FlaskClient, query: str, field: str
) -> None:
    answer = client.get(f"/events?{query}")
    assert answer.status_code == 422
    assert field in answer.get_json()["errors"]["query"]


def test_the_api_is_described_in_openapi(client: FlaskClient) -> None:
    spec = client.get("/openapi.json").get_json()
    assert {"get", "post"} <= set(spec["paths"]["/events"])
    assert "EventForm" in spec["components"]["schemas"]
