"""Members find events, take a place, subscribe, submit their own, offer and request talks."""

from typing import Any

import pytest
import requests

from tests.support.waiting import wait_until
from tests.website.browser import Visitor, visitor
from tests.website.people import Member, as_staff, log_in, mailed_link, member
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


@pytest.fixture(scope="module")
def people(site: Site) -> tuple[Member, Member]:
    """Asha and Ben, members with passwords, for every journey of the module."""
    return member(site, "Asha Patel"), member(site, "Ben Okafor")


def test_members_register_wait_for_a_place_and_submit_an_event(
    site: Site, browser: Any, people: tuple[Member, Member]
) -> None:
    asha, ben = people
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


def test_a_member_offers_a_talk_an_organiser_finds_and_requests_it_and_it_is_accepted(
    site: Site, browser: Any, people: tuple[Member, Member]
) -> None:
    asha, ben = people
    subject = "Co-designing crisis care with patients"
    with visitor(browser, site.url) as speaker, visitor(browser, site.url) as organiser:
        log_in(speaker, ben.email)
        speaker.go("/talks/offer").press("Save talk")
        assert set(speaker.errors_named()) == {"subject", "availability"}
        speaker.fill("Subject", subject).fill("Topics", "co-design, mental-health")
        speaker.choose("In person or online", "online").tick("Scotland")
        speaker.fill("When you can give it", "Thursday mornings").press("Save talk")
        assert speaker.heading() == "My talks" and subject in speaker.text()

        day = {**WEBINAR, "title": "Glasgow crisis care network day"}
        url = f"{site.url}/events/events"
        own = requests.post(url, json=day, headers=asha.headers, timeout=10).json()
        log_in(organiser, asha.email)
        organiser.go("/learn/events").follow("Find a speaker")
        organiser.fill("Subject", "crisis CO-DESIGNING").press("Find speakers")
        assert organiser.page.inner_text("#talks-found") == "1 talk found"
        assert "Ben Okafor" in organiser.text()
        organiser.follow(f"Request this talk on {subject}").press("Send request")
        assert organiser.errors_named()["message"] == "Enter your request"
        organiser.fill("Your request", "A 20-minute talk for our Glasgow network in June?")
        organiser.choose("Your event", own["id"]).press("Send request")
        assert organiser.page.inner_text("#request-status") == "Not answered yet"
        [asked] = requests.get(
            f"{site.url}/events/talks/requests", headers=asha.headers, timeout=10
        ).json()
        assert asked["event_id"] == own["id"]

        link = mailed_link(
            site, ben.email, "Asha Patel asks you to give your talk", r"/talks/requests/"
        )
        speaker.go(link)
        assert "Glasgow network in June" in speaker.text()
        speaker.fill("A note to the organiser", "Happy to.").press("Accept")
        assert speaker.page.inner_text("#request-status") == "Accepted"
        organiser.go("/talks/mine")
        assert f"{subject}, by Ben Okafor (accepted)" in organiser.text()
        speaker.go("/me/mail")
        assert speaker.page.get_by_label("Requests to give the talks you offer").is_checked()

        speaker.go("/talks/mine").follow(f"Change {subject}")
        speaker.fill("When you can give it", "").press("Save talk")
        assert speaker.errors_named() == {"availability": "Enter your availability"}
        speaker.fill("When you can give it", "Friday mornings").press("Save talk")
        assert "Friday mornings" in speaker.text()
        speaker.press("Withdraw this talk")
        assert "You offer no talk." in speaker.text()


def test_a_series_page_shows_its_events_and_a_calendar_to_subscribe_to(
    site: Site, browser: Any
) -> None:
    series = as_staff(
        site, "POST", "/events/series", json={"title": "Webinars on flow", "pillar": "learn"}
    )
    as_staff(site, "POST", "/events/events", json={**WEBINAR, "series_id": series["id"]})
    with visitor(browser, site.url) as person:
        person.go("/learn/events").follow("Series of events").follow("Webinars on flow")
        assert person.heading() == "Webinars on flow"
        assert WEBINAR["title"] in person.text()
        feed = requests.get(person.page.inner_text("#series-feed"), timeout=10)
        assert feed.status_code == 200 and WEBINAR["title"] in feed.text
