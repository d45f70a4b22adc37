"""A season of Q events through the real processes, from moderation to members' calendars."""

import icalendar
import pytest
import requests

from tests.e2e.event_flows import (
    Member,
    calendar_event,
    call,
    create_event,
    join,
    mails,
    my_registration,
    register,
    standing,
    wait_for_mail,
)
from tests.e2e.flows import STAFF
from tests.e2e.platform import Platform
from tests.e2e.talk_flows import TALK, find_talks, offer_talk, request_talk
from tests.notifications.smtp_server import SmtpServer
from tests.support.topics import read_topic


@pytest.fixture(scope="module")
def members(shared_platform: Platform, shared_smtp: SmtpServer) -> list[Member]:
    """Four members who joined through membership, so notifications has their addresses."""
    return join(
        shared_platform, shared_smtp, ["Morag Innes", "Callum Reid", "Isla Fraser", "Euan Baird"]
    )


def test_a_members_event_is_published_after_moderation(
    shared_platform: Platform, members: list[Member], shared_prefix: str, kafka_bootstrap: str
) -> None:
    organiser = members[0]
    event = create_event(
        shared_platform, "Flow in outpatients", organiser.headers, kind="face-to-face"
    )
    refused = create_event(shared_platform, "Selling software", organiser.headers)
    assert (event["status"], event["organiser_id"]) == ("pending", organiser.member_id)
    assert call(shared_platform, "GET", f"/events/{event['id']}").status_code == 404
    queue = call(shared_platform, "GET", "/moderation/events", STAFF).json()
    assert {event["id"], refused["id"]} <= {e["id"] for e in queue}

    published = call(shared_platform, "POST", f"/moderation/events/{event['id']}/publish", STAFF)
    assert published.status_code == 200 and published.json()["status"] == "published"
    reason = {"reason": "Q does not advertise products"}
    call(shared_platform, "POST", f"/moderation/events/{refused['id']}/reject", STAFF, reason)

    shown = call(shared_platform, "GET", f"/events/{event['id']}").json()
    assert (shown["status"], shown["organiser_name"]) == ("published", organiser.name)
    assert event["id"] in [e["id"] for e in call(shared_platform, "GET", "/events").json()]
    mine = call(shared_platform, "GET", "/events/mine", organiser.headers).json()
    assert {e["title"]: (e["status"], e["rejection_reason"]) for e in mine} == {
        "Flow in outpatients": ("published", None),
        "Selling software": ("rejected", reason["reason"]),
    }
    stream = read_topic(
        kafka_bootstrap,
        f"{shared_prefix}events.event",
        until=lambda seen: len([r for r in seen if r.key == event["id"]]) >= 2,
    )
    told = [r.headers["event-type"] for r in stream if r.key == event["id"]]
    assert told == ["event-created", "event-published"]


def test_a_freed_place_at_a_site_visit_goes_to_the_first_on_the_waitlist_once(
    shared_platform: Platform, shared_smtp: SmtpServer, members: list[Member]
) -> None:
    first, second, third = members[1:]
    title = "Inside the Dundee frailty unit"
    event = create_event(shared_platform, title, capacity=1)
    statuses = [register(shared_platform, m, event["id"])["status"] for m in (first, second, third)]
    assert statuses == ["confirmed", "waitlisted", "waitlisted"]
    assert standing(shared_platform, third, event["id"]) == ("waitlisted", 2)
    wait_for_mail(shared_smtp, first, f"Your place at {title} is confirmed")

    assert call(
        shared_platform, "DELETE", f"/events/{event['id']}/registrations/mine", first.headers
    ).ok
    assert standing(shared_platform, second, event["id"]) == ("confirmed", None)
    assert standing(shared_platform, third, event["id"]) == ("waitlisted", 1)
    promoted = wait_for_mail(shared_smtp, second, f"A place at {title} is yours")
    entry = calendar_event(promoted)
    assert (str(entry["SUMMARY"]), str(entry["UID"])) == (title, f"{event['id']}@q.health.org.uk")

    # A second place promotes the next in line; its mail proves the first was handled.
    call(shared_platform, "PATCH", f"/events/{event['id']}", STAFF, {"capacity": 2})
    wait_for_mail(shared_smtp, third, f"A place at {title} is yours")
    assert len(mails(shared_smtp, second.email, f"A place at {title} is yours")) == 1
    assert mails(shared_smtp, first.email, f"A place at {title} is yours") == []


def test_registrants_are_mailed_what_changed_when_an_event_moves(
    shared_platform: Platform, shared_smtp: SmtpServer, members: list[Member]
) -> None:
    registrant, bystander = members[1], members[2]
    title = "Measurement for improvement"
    event = create_event(shared_platform, title, kind="webinar", region=None, venue=None)
    register(shared_platform, registrant, event["id"])
    later = {"starts_at": "2031-03-04T14:00:00+00:00", "ends_at": "2031-03-04T15:00:00+00:00"}
    moved = call(shared_platform, "PATCH", f"/events/{event['id']}", STAFF, later)
    assert moved.status_code == 200, moved.text

    mail = wait_for_mail(shared_smtp, registrant, f"{title} has changed")
    assert "starts_at, ends_at" in mail.text
    assert calendar_event(mail).decoded("DTSTART").isoformat() == "2031-03-04T14:00:00+00:00"
    assert mails(shared_smtp, bystander.email, f"{title} has changed") == []


def test_cancelling_an_event_cancels_every_registration_and_mails_each_registrant(
    shared_platform: Platform, shared_smtp: SmtpServer, members: list[Member]
) -> None:
    placed, waiting = members[2], members[3]
    title = "Walking the Lothian pathway"
    event = create_event(shared_platform, title, capacity=1)
    register(shared_platform, placed, event["id"])
    register(shared_platform, waiting, event["id"])
    reason = {"reason": "The host ward is closed for refurbishment"}
    cancelled = call(shared_platform, "POST", f"/events/{event['id']}/cancel", STAFF, reason)
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"

    for member in (placed, waiting):
        assert my_registration(shared_platform, member, event["id"]).status_code == 404
        mail = wait_for_mail(shared_smtp, member, f"{title} is cancelled")
        assert reason["reason"] in mail.text
        assert str(calendar_event(mail)["STATUS"]) == "CANCELLED"
    assert call(shared_platform, "GET", f"/events/{event['id']}/registrations", STAFF).json() == []


def test_a_members_private_feed_lists_their_places_with_reminders(
    shared_platform: Platform, members: list[Member]
) -> None:
    member, other = members[0], members[1]
    titles = ["Spread and scale", "Co-design with patients"]
    events = [create_event(shared_platform, title) for title in titles]
    not_theirs = create_event(shared_platform, "Lab showcase")
    for event in events:
        register(shared_platform, member, event["id"])
    register(shared_platform, other, not_theirs["id"])

    # The address is the public one behind the gateway; these processes answer without it.
    public, direct = "http://127.0.0.1:8080/events", shared_platform.services["events"].url
    feed = call(shared_platform, "GET", "/calendars/mine", member.headers).json()["url"]
    assert feed.startswith(f"{public}/calendars/private/")
    feed = feed.replace(public, direct)
    answer = requests.get(feed, timeout=10)
    assert answer.headers["Content-Type"].startswith("text/calendar")
    entries = icalendar.Calendar.from_ical(answer.content).walk("VEVENT")
    assert sorted(str(entry["SUMMARY"]) for entry in entries) == sorted(titles)
    assert all(entry.walk("VALARM") for entry in entries)

    renewed = call(shared_platform, "DELETE", "/calendars/mine", member.headers).json()["url"]
    renewed = renewed.replace(public, direct)
    assert renewed != feed
    assert requests.get(feed, timeout=10).status_code == 404
    assert requests.get(renewed, timeout=10).status_code == 200


def test_a_talk_is_offered_found_by_subject_requested_and_accepted_by_mail(
    shared_platform: Platform,
    shared_smtp: SmtpServer,
    members: list[Member],
    shared_prefix: str,
    kafka_bootstrap: str,
) -> None:
    organiser, speaker = members[0], members[2]
    talk = offer_talk(shared_platform, speaker)
    [found] = find_talks(shared_platform, organiser, "frailty+MEASURING")
    assert (found["id"], found["speaker_name"]) == (talk["id"], speaker.name)
    message = "Our ward managers meet in Perth on 12 March; would you speak for 30 minutes?"
    request_id = request_talk(shared_platform, organiser, talk["id"], message)

    asked = wait_for_mail(shared_smtp, speaker, f"{organiser.name} asks you to give your talk")
    assert f'asks you to give your talk "{TALK["subject"]}"' in asked.text
    assert f"/talks/requests/{request_id}" in asked.text
    assert message not in asked.text
    shown = call(shared_platform, "GET", f"/talks/requests/{request_id}", speaker.headers).json()
    assert (shown["message"], shown["requester_name"]) == (message, organiser.name)
    feed = requests.get(
        f"{shared_platform.url('notifications')}/me/notifications",
        headers=speaker.headers,
        timeout=10,
    ).json()
    assert any(item["template"] == "talk-requested" for item in feed)

    path = f"/talks/requests/{request_id}/accept"
    accepted = call(shared_platform, "POST", path, speaker.headers, {"reply": "Gladly."})
    assert accepted.status_code == 200 and accepted.json()["status"] == "accepted"
    answer = wait_for_mail(
        shared_smtp, organiser, f"{speaker.name} accepted your request for a talk"
    )
    assert f'accepted your request for the talk "{TALK["subject"]}"' in answer.text

    stream = read_topic(
        kafka_bootstrap,
        f"{shared_prefix}events.talk",
        until=lambda seen: len([r for r in seen if r.key == talk["id"]]) >= 3,
    )
    told = [r.headers["event-type"] for r in stream if r.key == talk["id"]]
    assert told == ["talk-offered", "talk-requested", "talk-request-answered"]
    public = " ".join(str(r.value) for r in stream)
    for private in (speaker.name, organiser.name, speaker.email, "Perth", "Tuesday afternoons"):
        assert private not in public


def test_a_series_page_lists_its_events_and_its_calendar_feed_holds_them(
    shared_platform: Platform, members: list[Member]
) -> None:
    organiser = members[3]
    body = {"title": "Frailty site visits 2027", "pillar": "learn"}
    series = call(shared_platform, "POST", "/series", organiser.headers, body).json()
    visit = create_event(
        shared_platform, "Inside the Perth frailty unit", organiser.headers, series_id=series["id"]
    )
    call(shared_platform, "POST", f"/moderation/events/{visit['id']}/publish", STAFF)
    create_event(shared_platform, "Not in any series")
    page = call(shared_platform, "GET", f"/series/{series['id']}").json()
    assert [e["title"] for e in page["upcoming"]] == ["Inside the Perth frailty unit"]
    feed = requests.get(
        f"{shared_platform.url('events')}/series/{series['id']}/calendar.ics", timeout=10
    )
    assert feed.status_code == 200 and feed.headers["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(feed.content)
    assert [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")] == ["Inside the Perth frailty unit"]
    assert str(calendar["X-WR-CALNAME"]) == "Q series: Frailty site visits 2027"
