"""The events HTTP API: staff create events, anyone lists and reads them."""

import json
from collections.abc import Callable

import pytest
from flask.testing import FlaskClient

from tests.events.conftest import STAFF
from tests.events.examples import form, rows


def _rows(client: FlaskClient) -> tuple[int, int]:
    return rows(client.application.extensions["qplatform"].engine)


def test_staff_create_an_event_and_anyone_reads_it(
    client_for: Callable[[str], FlaskClient],
    events_database: str,
) -> None:
    client = client_for(events_database)
    created = client.post("/events", json=form(region="west-midlands"), headers=STAFF)
    assert created.status_code == 201
    event = created.get_json()
    assert (event["status"], event["region"], event["capacity"]) == (
        "published",
        "west-midlands",
        100,
    )
    assert created.headers["Location"] == f"/events/{event['id']}"
    shown = client.get(created.headers["Location"]).get_json()
    assert shown == {**event, "online_link": None, "organiser_name": None}
    assert _rows(client) == (1, 2)


def test_upcoming_events_are_listed_soonest_first_a_page_at_a_time(
    client_for: Callable[[str], FlaskClient],
    events_database: str,
) -> None:
    client = client_for(events_database)
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


def test_an_unknown_event_is_a_json_404(unwritten_client: FlaskClient) -> None:
    answer = unwritten_client.get("/events/no-such-event")
    assert answer.status_code == 404
    assert answer.get_json()["message"] == "no event with that id"


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({}, 401),
        ({"Authorization": "Bearer not-the-staff-token"}, 401),
        ({"Authorization": "Basic dev-staff-token"}, 401),
    ],
    ids=["no token", "wrong token", "wrong scheme"],
)
def test_only_a_signed_in_caller_creates_events(
    unwritten_client: FlaskClient, headers: dict[str, str], status: int
) -> None:
    answer = unwritten_client.post("/events", json=form(), headers=headers)
    assert answer.status_code == status
    assert answer.get_json()["code"] == status
    assert _rows(unwritten_client) == (0, 0)


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
    unwritten_client: FlaskClient, changes: dict[str, object], field: str
) -> None:
    body = {k: v for k, v in form(**changes).items() if v is not None or k not in changes}
    answer = unwritten_client.post("/events", json=body, headers=STAFF)
    assert answer.status_code == 422
    assert field in answer.get_json()["errors"]["json"]
    assert _rows(unwritten_client) == (0, 0)


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
    unwritten_client: FlaskClient, data: str, content_type: str, status: int
) -> None:
    answer = unwritten_client.post("/events", data=data, content_type=content_type, headers=STAFF)
    assert answer.status_code == status
    assert answer.get_json()["errors"]["json"]
    assert _rows(unwritten_client) == (0, 0)


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
    unwritten_client: FlaskClient, query: str, field: str
) -> None:
    answer = unwritten_client.get(f"/events?{query}")
    assert answer.status_code == 422
    assert field in answer.get_json()["errors"]["query"]


def test_the_api_is_described_in_openapi(unwritten_client: FlaskClient) -> None:
    spec = unwritten_client.get("/openapi.json").get_json()
    assert {"get", "post"} <= set(spec["paths"]["/events"])
    assert "EventForm" in spec["components"]["schemas"]


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("POST", "/events"),
        ("PATCH", "/events/x"),
        ("POST", "/posts"),
        ("POST", "/posts/x/comments"),
    ],
)
def test_an_anonymous_change_is_refused_before_its_body_is_read(
    unwritten_client: FlaskClient, method: str, path: str
) -> None:
    answer = unwritten_client.open(path, method=method, json={"title": ""})
    assert answer.status_code == 401
