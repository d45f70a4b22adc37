"""Hostile or careless event input gets a 422 naming the field, and calendars never break."""

from datetime import UTC, datetime, timedelta
from typing import Any

import icalendar
import pytest
from flask.testing import FlaskClient
from sqlalchemy import update

from events.domain.model import Event
from tests.events.conftest import STAFF
from tests.events.examples import form


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": "Line one\nLine two"}, "title"),
        ({"title": "Bare\rreturn"}, "title"),
        ({"title": "Reversed \u202etxt.exe"}, "title"),
        ({"venue": "Room 1\r\nFloor 2"}, "venue"),
        ({"description": "Bell \x07 here"}, "description"),
        ({"capacity": 10**30}, "capacity"),
        ({"capacity": 2**63}, "capacity"),
        ({"capacity": 100_001}, "capacity"),
        ({"starts_at": "9999-12-31T23:00:00-14:00"}, "starts_at"),
        ({"starts_at": "0001-01-01T00:00:00+14:00"}, "starts_at"),
        ({"ends_at": "2100-01-01T00:00:00+00:00"}, "ends_at"),
        ({"registration_closes_at": "9999-12-31T23:59:59+00:00"}, "registration_closes_at"),
    ],
)
def test_an_event_out_of_bounds_is_refused_naming_the_field(
    client: FlaskClient, changes: dict[str, Any], field: str
) -> None:
    answer = client.post("/events", json=form(**changes), headers=STAFF)
    assert answer.status_code == 422, answer.get_json()
    assert field in answer.get_json()["errors"]["json"]


@pytest.mark.parametrize(
    "query", [{"starts_from": "9999-12-31T23:00:00-14:00"}, {"starts_before": "0001-01-01T00:00Z"}]
)
def test_a_listing_from_beyond_the_century_is_refused(
    client: FlaskClient, query: dict[str, str]
) -> None:
    answer = client.get("/events", query_string=query)
    assert answer.status_code == 422, answer.get_json()
    assert set(answer.get_json()["errors"]["query"]) == set(query)


def test_a_description_keeps_its_paragraphs(client: FlaskClient) -> None:
    answer = client.post(
        "/events", json=form(description="One.\r\n\r\nTwo,\tthree."), headers=STAFF
    )
    assert answer.status_code == 201, answer.get_json()


@pytest.mark.parametrize(
    "title", ["Line one\nLine two", "Bare\rreturn", "Ends with a break\n", "x" * 150 + "\r\n" + "y"]
)
def test_a_title_stored_with_line_breaks_still_makes_calendars_apps_can_read(
    client: FlaskClient, title: str
) -> None:
    event_id = client.post("/events", json=form(title="Placeholder"), headers=STAFF).get_json()[
        "id"
    ]
    runtime = client.application.extensions["qplatform"]
    with runtime.engine.begin() as connection:
        connection.execute(update(Event).where(Event.id == event_id).values(title=title))
    for path in ("/calendars/events.ics", f"/calendars/events/{event_id}.ics"):
        answer = client.get(path)
        assert answer.status_code == 200, answer.get_data(as_text=True)
        raw = answer.get_data()
        lines = raw.split(b"\r\n")
        assert b"\r" not in raw.replace(b"\r\n", b"") and b"\n" not in raw.replace(b"\r\n", b"")
        assert max(len(line) for line in lines) <= 75
        (entry,) = icalendar.Calendar.from_ical(raw).walk("VEVENT")
        assert str(entry["SUMMARY"]) == title.replace("\r\n", "\n").replace("\r", "\n")


def test_an_event_in_this_century_is_accepted(client: FlaskClient) -> None:
    start = datetime(2099, 12, 31, 10, tzinfo=UTC)
    body = form(starts_at=start.isoformat(), ends_at=(start + timedelta(hours=1)).isoformat())
    assert client.post("/events", json=body, headers=STAFF).status_code == 201
