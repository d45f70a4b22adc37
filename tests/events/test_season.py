"""A season of Q events run over HTTP, as staff, organisers and members would run it."""

from collections.abc import Callable

import icalendar
import pytest
from flask.testing import FlaskClient

from tests.events.conftest import STAFF
from tests.events.examples import form
from tests.support.auth import bearer

ORGANISER = bearer("org")


@pytest.fixture
def client(client_for: Callable[[str], FlaskClient], events_database: str) -> FlaskClient:
    """Run each flow on SQLite and on PostgreSQL."""
    return client_for(events_database)


def _ids(answer_json: list[dict[str, str]]) -> list[str]:
    return [item["id"] for item in answer_json]


def test_a_webinar_series_is_found_by_kind_a_page_at_a_time(client: FlaskClient) -> None:
    created = []
    for n, day in enumerate(("03", "10", "17"), start=1):
        body = form(
            title=f"QI basics {n}",
            starts_at=f"2031-03-{day}T12:00:00+00:00",
            ends_at=f"2031-03-{day}T13:00:00+00:00",
            topics=["qi-basics"],
        )
        created.append(client.post("/events", json=body, headers=STAFF).get_json()["id"])
    client.post("/events", json=form(kind="site-visit", region="scotland"), headers=STAFF)
    first = client.get("/events?kind=webinar&topic=qi-basics&page_size=2").get_json()
    second = client.get("/events?kind=webinar&topic=qi-basics&page_size=2&page=2").get_json()
    assert _ids(first) + _ids(second) == created


def test_a_site_visit_fills_queues_and_promotes_as_members_cancel(client: FlaskClient) -> None:
    body = form(kind="site-visit", region="north-west-coast", capacity=2, venue="Salford Royal")
    event_id = client.post("/events", json=body, headers=ORGANISER).get_json()["id"]
    client.post(f"/moderation/events/{event_id}/publish", headers=STAFF)
    for member in ("ann", "bob", "cat", "dan"):
        client.post(f"/events/{event_id}/registrations", headers=bearer(member))
    client.delete(f"/events/{event_id}/registrations/mine", headers=bearer("bob"))
    client.delete(f"/events/{event_id}/registrations/mine", headers=bearer("dan"))
    line = client.get(f"/events/{event_id}/registrations", headers=ORGANISER).get_json()
    assert [(r["member_id"], r["status"]) for r in line] == [
        ("ann", "confirmed"),
        ("cat", "confirmed"),
    ]
    recorded = client.put(
        f"/events/{event_id}/registrations/{line[1]['id']}/attendance",
        json={"attendance": "no-show"},
        headers=ORGANISER,
    )
    assert recorded.get_json()["attendance"] == "no-show"


def test_a_members_event_goes_through_moderation_then_they_are_trusted(
    client: FlaskClient,
) -> None:
    first = client.post("/events", json=form(title="Meetup"), headers=ORGANISER).get_json()
    rejected = client.post(
        f"/moderation/events/{first['id']}/reject", json={"reason": "Add an agenda"}, headers=STAFF
    )
    assert rejected.get_json()["rejection_reason"] == "Add an agenda"
    assert (
        client.get(f"/events/{first['id']}", headers=ORGANISER).get_json()["status"] == "rejected"
    )
    client.put("/moderation/organisers/org", json={"trusted": True}, headers=STAFF)
    second = client.post("/events", json=form(title="Meetup 2"), headers=ORGANISER).get_json()
    assert second["status"] == "published"
    assert _ids(client.get("/events").get_json()) == [second["id"]]


def test_a_cancelled_event_leaves_listings_feeds_and_members_calendars(
    client: FlaskClient,
) -> None:
    event_id = client.post("/events", json=form(), headers=STAFF).get_json()["id"]
    client.post(f"/events/{event_id}/registrations", headers=bearer("ann"))
    feed = client.get("/calendars/mine", headers=bearer("ann")).get_json()["url"]
    feed = feed.removeprefix("http://127.0.0.1:8080/events")
    assert len(icalendar.Calendar.from_ical(client.get(feed).get_data()).walk("VEVENT")) == 1
    cancelled = client.post(f"/events/{event_id}/cancel", json={"reason": "Unwell"}, headers=STAFF)
    assert cancelled.get_json()["status"] == "cancelled"
    assert client.get("/events").get_json() == []
    mine = client.get(f"/events/{event_id}/registrations/mine", headers=bearer("ann"))
    assert mine.status_code == 404
    assert icalendar.Calendar.from_ical(client.get(feed).get_data()).walk("VEVENT") == []
    public = client.get("/calendars/events.ics").get_data()
    assert icalendar.Calendar.from_ical(public).walk("VEVENT") == []
