"""iCalendar feeds, read back with a calendar library as a member's calendar app would."""

from datetime import timedelta

import icalendar
import pytest
from flask.testing import FlaskClient

from tests.events.conftest import STAFF
from tests.events.examples import form
from tests.support.auth import bearer

LINK = "https://meet.example.org/q-visit"
# Where the gateway serves the events service on a laptop (QP_PUBLIC_URL plus /events).
PUBLIC = "http://127.0.0.1:8080/events"


def _create(client: FlaskClient, **changes: object) -> str:
    answer = client.post("/events", json=form(**changes), headers=STAFF)
    assert answer.status_code == 201, answer.get_json()
    return str(answer.get_json()["id"])


def _read(client: FlaskClient, url: str) -> icalendar.Calendar:
    answer = client.get(url)
    assert answer.status_code == 200, answer.get_data(as_text=True)
    assert answer.mimetype == "text/calendar"
    return icalendar.Calendar.from_ical(answer.get_data())


def _summaries(calendar: icalendar.Calendar) -> list[str]:
    return sorted(str(event["SUMMARY"]) for event in calendar.walk("VEVENT"))


@pytest.fixture
def programme(client: FlaskClient) -> FlaskClient:
    _create(client, title="Scottish visit", region="scotland", kind="site-visit", venue="NHS24")
    _create(client, title="Webinar", online_link=LINK, pillar="learn")
    _create(client, title="Exchange chat", kind="twitter-chat", pillar="exchange")
    client.post("/events", json=form(title="Pending"), headers=bearer("org"))
    return client


def test_the_public_feed_holds_every_published_event_without_links(programme: FlaskClient) -> None:
    calendar = _read(programme, "/calendars/events.ics")
    assert _summaries(calendar) == ["Exchange chat", "Scottish visit", "Webinar"]
    assert LINK not in calendar.to_ical().decode()
    assert not list(calendar.walk("VALARM"))


def test_feeds_by_region_and_by_pillar_hold_only_their_events(programme: FlaskClient) -> None:
    assert _summaries(_read(programme, "/calendars/regions/scotland.ics")) == ["Scottish visit"]
    assert _summaries(_read(programme, "/calendars/pillars/exchange.ics")) == ["Exchange chat"]


@pytest.mark.parametrize(
    ("url", "field"),
    [("/calendars/regions/atlantis.ics", "region"), ("/calendars/pillars/share.ics", "pillar")],
)
def test_an_unknown_region_or_pillar_feed_names_the_field(
    unwritten_client: FlaskClient, url: str, field: str
) -> None:
    answer = unwritten_client.get(url)
    assert answer.status_code == 422
    assert field in answer.get_json()["errors"]["json"]


def test_one_event_has_its_own_file_in_its_own_time_zone(client: FlaskClient) -> None:
    event_id = _create(
        client,
        title="Summer visit",
        starts_at="2031-07-01T13:00:00+00:00",
        ends_at="2031-07-01T15:00:00+00:00",
        venue="Q Lab, Manchester",
    )
    (entry,) = _read(client, f"/calendars/events/{event_id}.ics").walk("VEVENT")
    assert entry["UID"] == f"{event_id}@q.health.org.uk"
    assert entry.decoded("DTSTART").hour == 14
    assert str(entry.decoded("DTSTART").tzinfo) == "Europe/London"
    assert entry.decoded("DTEND") - entry.decoded("DTSTART") == timedelta(hours=2)
    assert str(entry["LOCATION"]) == "Q Lab, Manchester"
    assert client.get("/calendars/events/nope.ics").status_code == 404


def test_a_members_private_feed_holds_their_places_with_links_and_reminders(
    programme: FlaskClient,
) -> None:
    webinar = next(e for e in programme.get("/events").get_json() if e["title"] == "Webinar")
    programme.post(f"/events/{webinar['id']}/registrations", headers=bearer("ann"))
    url = programme.get("/calendars/mine", headers=bearer("ann")).get_json()["url"]
    calendar = _read(programme, url.removeprefix(PUBLIC))
    (entry,) = calendar.walk("VEVENT")
    assert str(entry["SUMMARY"]) == "Webinar"
    assert str(entry["URL"]) == LINK
    (alarm,) = entry.walk("VALARM")
    assert alarm.decoded("TRIGGER") == -timedelta(hours=1)


def test_resetting_the_private_feed_retires_the_old_address(client: FlaskClient) -> None:
    old = client.get("/calendars/mine", headers=bearer("ann")).get_json()["url"]
    assert client.get("/calendars/mine", headers=bearer("ann")).get_json()["url"] == old
    new = client.delete("/calendars/mine", headers=bearer("ann")).get_json()["url"]
    assert new != old
    assert client.get(old.removeprefix(PUBLIC)).status_code == 404
    assert client.get(new.removeprefix(PUBLIC)).status_code == 200
    assert client.get("/calendars/mine").status_code == 401


@pytest.mark.parametrize("host", ["evil.example", "127.0.0.1:8002", "localhost"])
def test_the_private_feed_address_is_the_public_one_whatever_host_is_asked_for(
    client: FlaskClient, host: str
) -> None:
    url = client.get("/calendars/mine", headers={**bearer("ann"), "Host": host}).get_json()["url"]
    assert url.startswith(f"{PUBLIC}/calendars/private/") and url.endswith(".ics")
    assert client.get(url.removeprefix(PUBLIC)).status_code == 200
