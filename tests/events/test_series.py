"""Series of events: a page of their own with their events, and a calendar feed."""

from datetime import UTC, datetime, timedelta

import icalendar
import pytest
from flask.testing import FlaskClient

from tests.events.conftest import STAFF
from tests.events.examples import form, staged
from tests.events.talk_examples import ORGANISER, OTHER, series_form

PUBLIC = "http://127.0.0.1:8080/events"
LAST_MONTH = datetime.now(UTC).replace(microsecond=0) - timedelta(days=30)


def _start(client: FlaskClient, headers: dict[str, str] = ORGANISER) -> str:
    answer = client.post("/series", json=series_form(), headers=headers)
    assert answer.status_code == 201, answer.get_json()
    return str(answer.get_json()["id"])


def _event(client: FlaskClient, series_id: str | None, **changes: object) -> str:
    answer = client.post("/events", json=form(series_id=series_id, **changes), headers=STAFF)
    assert answer.status_code == 201, answer.get_json()
    return str(answer.get_json()["id"])


def test_a_series_page_lists_its_published_events_and_its_feed(client: FlaskClient) -> None:
    series_id = _start(client)
    _event(client, series_id, title="Visit to Salford Royal", kind="site-visit")
    _event(
        client,
        series_id,
        title="Visit to Alder Hey",
        starts_at=LAST_MONTH.isoformat(),
        ends_at=(LAST_MONTH + timedelta(hours=2)).isoformat(),
    )
    _event(client, None, title="Not in the series")
    client.post("/events", json=form(series_id=series_id, title="Pending"), headers=ORGANISER)
    shown = client.get(f"/series/{series_id}").get_json()
    assert shown["title"] == "Site visits: North West 2027"
    assert [e["title"] for e in shown["upcoming"]] == ["Visit to Salford Royal"]
    assert [e["title"] for e in shown["past"]] == ["Visit to Alder Hey"]
    assert shown["calendar_url"] == f"{PUBLIC}/series/{series_id}/calendar.ics"
    assert [s["id"] for s in client.get("/series").get_json()] == [series_id]


def test_a_series_feed_holds_its_events_for_calendar_apps(client: FlaskClient) -> None:
    series_id = _start(client)
    _event(client, series_id, title="Visit to Salford Royal", venue="Salford Royal")
    _event(client, None, title="Not in the series")
    answer = client.get(f"/series/{series_id}/calendar.ics")
    assert (answer.status_code, answer.mimetype) == (200, "text/calendar")
    calendar = icalendar.Calendar.from_ical(answer.get_data())
    assert str(calendar["X-WR-CALNAME"]) == "Q series: Site visits: North West 2027"
    assert [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")] == ["Visit to Salford Royal"]


def test_an_event_joins_a_series_only_by_its_organiser_or_staff(client: FlaskClient) -> None:
    series_id = _start(client)
    refused = client.post("/events", json=form(series_id=series_id), headers=OTHER)
    assert refused.status_code == 403
    event_id = client.post("/events", json=form(), headers=OTHER).get_json()["id"]
    moved = client.patch(f"/events/{event_id}", json={"series_id": series_id}, headers=OTHER)
    assert moved.status_code == 403
    own = client.post("/events", json=form(series_id=series_id), headers=ORGANISER)
    assert own.get_json()["series_id"] == series_id
    created = [data for kind, _, data in staged(client.application.extensions["qplatform"].engine)]
    assert created[-1]["series_id"] == series_id


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("/series", series_form(title=""), "title"),
        ("/series", series_form(title="Two\nlines"), "title"),
        ("/series", series_form(pillar="share"), "pillar"),
        ("/series", {"pillar": "learn"}, "title"),
        ("/events", form(series_id="no-such-series"), "series_id"),
    ],
)
def test_a_bad_series_gets_a_422_naming_the_field(
    unwritten_client: FlaskClient, path: str, body: dict[str, object], field: str
) -> None:
    answer = unwritten_client.post(path, json=body, headers=STAFF)
    assert answer.status_code == 422
    assert field in answer.get_json()["errors"]["json"]


def test_an_unknown_series_and_its_feed_are_404(unwritten_client: FlaskClient) -> None:
    assert unwritten_client.get("/series/nope").status_code == 404
    assert unwritten_client.get("/series/nope/calendar.ics").status_code == 404
