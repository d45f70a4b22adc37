"""Members find an event, take a place or wait for one, subscribe, and submit their own."""

from typing import Any

import requests

from tests.support.waiting import wait_until
from tests.website.browser import Visitor, visitor
from tests.website.people import as_staff, log_in, member
from tests.website.site import Site

WEBINAR: dict[str, Any] = {
    "title": "Measuring flow in emergency departments",
    "kind": "webinar",
    "pillar": "learn",
    "capacity": 1,
    "starts_at": "2030-03-04T13:00:00+00:00",
    "ends_at": "2030-03-04T14:00:00+00:00",
    "timezone": "Europe/London",
    "online_link": "https://meet.example.org/flow",
}


def test_members_register_wait_for_a_place_and_submit_an_event(site: Site, browser: Any) -> None:
    asha, ben = member(site, "Asha Patel"), member(site, "Ben Okafor")
    event = as_staff(site, "POST", "/events/events", json=WEBINAR)
    with visitor(browser, site.url) as first, visitor(browser, site.url) as second:
        log_in(first, asha.email)
        first.follow("Learn")
        first.choose("Kind", "webinar").choose("Online or in person", "online")
        first.press("Show events")
        assert WEBINAR["title"] in first.text()
        first.follow(WEBINAR["title"])
        assert "https://meet.example.org/flow" not in first.text()
        first.press("Register")
        assert first.page.inner_text("#place-status") == "You have a place."
        assert "https://meet.example.org/flow" in first.text()

        log_in(second, ben.email)
        second.go(f"/learn/events/{event['id']}")
        second.press("Register")
        assert second.page.inner_text("#place-status") == "You are number 1 on the waitlist."

        first.press("Give up my place")
        assert first.page.inner_text("#place-status") == "You are not registered."
        wait_until(lambda: _has_a_place(second, event["id"]), timeout=30, message="promotion")

        calendar = requests.get(f"{site.url}/events/calendars/events/{event['id']}.ics", timeout=10)
        assert calendar.status_code == 200 and "BEGIN:VCALENDAR" in calendar.text
        second.go("/learn/calendar")
        feed = second.page.inner_text("#private-feed")
        assert "BEGIN:VCALENDAR" in requests.get(feed, timeout=10).text

        first.go("/learn/events/new")
        first.press("Submit event")
        assert first.errors_named()["title"] == "Enter your title"
        first.fill("Title", "Improvement huddle in Dundee").choose("Kind", "face-to-face")
        first.choose("Pillar", "connect").choose("Region", "scotland")
        first.fill("Venue", "Dundee Science Centre")
        first.fill("Starts", "2030-05-01T10:00").fill("Ends", "2030-05-01T09:00")
        first.press("Submit event")
        assert "ends_at" in first.errors_named() or "starts_at" in first.errors_named()
        first.fill("Ends", "2030-05-01T12:00").press("Submit event")
        assert first.heading() == "My events"
        assert "Improvement huddle in Dundee" in first.text()
        assert "pending" in first.text()


def _has_a_place(person: Visitor, event_id: str) -> bool:
    person.go(f"/learn/events/{event_id}")
    return person.page.inner_text("#place-status") == "You have a place."
