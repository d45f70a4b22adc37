"""Staff run moderation, a coffee round, the month's digest and series from the console."""

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import requests

from tests.support.waiting import wait_until
from tests.website.appointments import appointed_together
from tests.website.browser import Visitor, visitor
from tests.website.people import Member, as_staff, log_in
from tests.website.site import Site

EVENT_TITLE = "Crisis care meet-up in Dundee"
POST_TITLE = "What we learnt redesigning crisis care"
SHOWN_TITLE = "Carers' breakfast in Perth"
NAMES = ("Sam Steward", "Asha Patel", "Ben Okafor")


def mail_to(site: Site, email: str, subject: str) -> str:
    """Wait for the mail with `subject` to `email`; return its plain text."""

    def found() -> str | None:
        mails = [m for m in site.smtp.to(email) if m.message["Subject"] == subject]
        return mails[0].text.replace("\r\n", "\n") if mails else None

    return str(wait_until(found, timeout=60, message=f"mail '{subject}' to {email}"))


def submitted_event(site: Site, author: Member, title: str = EVENT_TITLE) -> str:
    starts = datetime.now(UTC).replace(microsecond=0) + timedelta(days=40)
    body: dict[str, Any] = {
        "title": title,
        "kind": "community",
        "pillar": "connect",
        "capacity": 30,
        "starts_at": starts.isoformat(),
        "ends_at": (starts + timedelta(hours=2)).isoformat(),
        "timezone": "Europe/London",
        "region": "scotland",
        "venue": "Dundee Rep",
    }
    created = requests.post(
        f"{site.url}/events/events", json=body, headers=author.headers, timeout=10
    )
    assert created.status_code == 201 and created.json()["status"] == "pending", created.text
    return str(created.json()["id"])


def listed(site: Site, member: Member) -> list[str]:
    answer = requests.get(f"{site.url}/events/events", headers=member.headers, timeout=10)
    return [event["title"] for event in answer.json()]


def staff_event(site: Site, staff: Member, title: str, kind: str, days_ahead: int) -> str:
    """Publish an event `staff` organise; return its id."""
    starts = datetime.now(UTC).replace(microsecond=0) + timedelta(days=days_ahead)
    body: dict[str, Any] = {
        "title": title,
        "kind": kind,
        "pillar": "learn",
        "capacity": 20,
        "starts_at": starts.isoformat(),
        "ends_at": (starts + timedelta(hours=3)).isoformat(),
        "timezone": "Europe/London",
        "region": "scotland",
        "venue": "Edinburgh",
    }
    made = requests.post(f"{site.url}/events/events", json=body, headers=staff.headers, timeout=10)
    assert made.status_code == 201, made.text
    # Their token predates their staff role, so the event waits for moderation like a member's.
    as_staff(site, "POST", f"/events/moderation/events/{made.json()['id']}/publish")
    return str(made.json()["id"])


def submitted_post(site: Site, author: Member) -> str:
    draft = {"title": POST_TITLE, "kind": "blog", "pillar": "exchange", "body": "We *listened*."}
    post = requests.post(f"{site.url}/events/posts", json=draft, headers=author.headers, timeout=10)
    assert post.status_code == 201, post.text
    submit = f"{site.url}/events/posts/{post.json()['id']}/submit"
    assert requests.post(submit, headers=author.headers, timeout=10).status_code == 200
    return str(post.json()["id"])


@pytest.fixture(scope="module")
def cast(site: Site) -> dict[str, Member]:
    """A staff member and two members who write, comment, take coffee and read the digest."""
    staff, asha, ben = appointed_together(
        site,
        ("Sam Steward", "staff", "scotland"),
        ("Asha Patel", None, "scotland"),
        ("Ben Okafor", None, "scotland"),
    )
    return {"staff": staff, "asha": asha, "ben": ben}


def staff_console(person: Visitor, staff: Member, section: str) -> None:
    log_in(person, staff.email)
    person.go("/console")
    person.follow(section)


def test_staff_moderate_an_event_a_post_and_a_comment_and_the_authors_are_told(
    site: Site, browser: Any, cast: dict[str, Member]
) -> None:
    staff, asha, ben = cast["staff"], cast["asha"], cast["ben"]
    event_id, post_id = submitted_event(site, asha), submitted_post(site, asha)
    with visitor(browser, site.url) as person:
        staff_console(person, staff, "Moderation")
        assert EVENT_TITLE in person.text() and POST_TITLE in person.text()
        person.press(f"Reject {EVENT_TITLE}")
        assert person.errors_named() == {
            f"reason-{event_id}": "Reason: Length must be between 1 and 500."
        }
        person.fill(f"Reason for rejecting {EVENT_TITLE}", "Please add how members take part.")
        person.press(f"Reject {EVENT_TITLE}")
        assert f"“{EVENT_TITLE}” is rejected; its author is told." in person.text()
        person.press(f"Publish {POST_TITLE}")
        assert f"“{POST_TITLE}” is published; its author is told." in person.text()
        assert (
            "No events are waiting." in person.text() and "No posts are waiting." in person.text()
        )

        comment = requests.post(
            f"{site.url}/events/posts/{post_id}/comments",
            json={"text": "This is an advert for my consultancy."},
            headers=ben.headers,
            timeout=10,
        ).json()
        flag = f"{site.url}/events/comments/{comment['id']}/flag"
        assert requests.post(flag, headers=asha.headers, timeout=10).status_code == 204
        person.go("/console/moderation")
        person.fill(
            "Reason for hiding the comment by Ben Okafor (optional)", "Adverts break the policy."
        )
        person.press("Hide the comment by Ben Okafor")
        assert "The comment is hidden; its author is told." in person.text()
        person.fill(f"Reason for hiding {POST_TITLE} (optional)", "It names a patient.")
        person.press(f"Hide {POST_TITLE}")
        assert f"“{POST_TITLE}” is hidden; its author is told." in person.text()
        assert "No post is published." in person.text()
        person.press(f"Restore {POST_TITLE}")
        assert "No post is hidden." in person.text()

        shown_id = submitted_event(site, asha, SHOWN_TITLE)
        person.go("/console/moderation")
        person.press(f"Publish {SHOWN_TITLE}")
        person.press(f"Hide {SHOWN_TITLE}")
        assert person.errors_named() == {
            f"reason-{shown_id}": "Reason: Length must be between 1 and 500."
        }
        person.fill(f"Reason for hiding {SHOWN_TITLE}", "It sells a paid course.")
        person.press(f"Hide {SHOWN_TITLE}")
        assert f"“{SHOWN_TITLE}” is hidden; its author is told." in person.text()
        assert SHOWN_TITLE not in listed(site, ben)
        person.press(f"Restore {SHOWN_TITLE}")
        assert f"“{SHOWN_TITLE}” is shown again; its author is told." in person.text()
        assert "No event is hidden." in person.text()
        assert SHOWN_TITLE in listed(site, ben)

    rejected = mail_to(site, asha.email, f"Your event was not published: {EVENT_TITLE}")
    assert f'Staff have not published your event "{EVENT_TITLE}".' in rejected
    assert "Please add how members take part." in rejected
    published = mail_to(site, asha.email, f"Your blog is published: {POST_TITLE}")
    assert "Members can see it on Q now." in published
    taken_down = mail_to(site, asha.email, "Your blog is hidden")
    assert "It names a patient." in taken_down
    assert "Staff have shown your blog" in mail_to(site, asha.email, "Your blog is shown again")
    event_hidden = mail_to(site, asha.email, "Your event is hidden")
    assert f'Staff have hidden your event "{SHOWN_TITLE}"' in event_hidden
    assert "It sells a paid course." in event_hidden
    assert "Staff have shown your event" in mail_to(site, asha.email, "Your event is shown again")
    hidden = mail_to(site, ben.email, "Your comment is hidden")
    assert f'hidden your comment under "{POST_TITLE}"' in hidden and "Adverts break" in hidden
    feed = requests.get(
        f"{site.url}/notifications/me/notifications", headers=asha.headers, timeout=10
    )
    subjects = [item["subject"] for item in feed.json()]
    assert f"Your event was not published: {EVENT_TITLE}" in subjects
    assert f"Your blog is published: {POST_TITLE}" in subjects
    assert "Your event is hidden" in subjects


def test_staff_run_a_coffee_round_from_the_console_and_see_its_charts(
    site: Site, browser: Any, cast: dict[str, Member]
) -> None:
    staff = cast["staff"]  # the three of them take part in coffee trials
    with visitor(browser, site.url) as person:
        staff_console(person, staff, "Coffee trials")
        person.press("Start a round")
        round_path = person.page.url.removeprefix(site.url)

        def completed() -> bool:
            person.go(round_path)
            return "is completed" in person.text()

        wait_until(completed, timeout=60, message="the round to complete")
        assert person.page.locator("svg[role=img]").count() == 1
        chart_title = person.page.locator("svg title").first.text_content() or ""
        assert chart_title == "Quality of the pairing"
        pairs = person.page.locator("table").last.inner_text()
        assert person.page.locator("table").last.locator("tbody tr").count() >= 1
        named = [name for name in NAMES if name in pairs]
        assert len(named) >= 2, pairs  # the pairs say who, not which id
        assert not any(m.member_id in pairs for m in cast.values())
        person.follow("Audit this round")
        assert "the same groups" in person.text()
        person.go("/console/coffee")
        titles = person.page.locator("svg[role=img] title").all_text_contents()
        assert titles == [
            "Meeting and answer rates over rounds",
            "Quality of the pairing over rounds",
        ]
        assert "completed" in person.page.locator("table").last.inner_text()


def test_staff_write_preview_and_queue_the_digest_and_members_read_the_editorial(
    site: Site, browser: Any, cast: dict[str, Member]
) -> None:
    staff, reader = cast["staff"], cast["asha"]
    month = f"{datetime.now(UTC).year + 1}-06"
    with visitor(browser, site.url) as person:
        log_in(person, staff.email)
        person.go(f"/console/mail?month={month}")
        person.fill("Editorial", "Winter is busy.\n\nThank you for <b>all</b> you do.")
        person.fill("Opportunity 1: title", "Join the Q Lab on flow")
        person.fill("Opportunity 1: web address", "javascript:alert(1)")
        person.press("Save and preview")
        assert person.errors_named() == {"opportunities": "Opportunities: Not a valid URL."}
        person.fill("Opportunity 1: web address", "https://q.health.org.uk/lab")
        person.press("Save and preview")
        preview = person.page.inner_text(".mail-text")
        assert "From the Q team:" in preview and "Thank you for all you do." in preview
        assert "- Join the Q Lab on flow (https://q.health.org.uk/lab)" in preview
        person.press("Queue the digest")
        assert "is queued for" in person.text() and person.heading() == "Mail and its delivery"
        label = datetime.strptime(month, "%Y-%m").strftime("%B %Y")
        digest = mail_to(site, reader.email, f"Q-municate: {label}")
        assert "Winter is busy.\n\nThank you for all you do." in digest
        person.go("/console/mail/messages?state=sent")
        assert f"Q-municate: {label}" in person.text()
        person.go("/console/mail/bounces")
        assert "No address is suppressed." in person.text()


def test_staff_start_a_series_add_and_take_out_events_and_members_see_it(
    site: Site, browser: Any, cast: dict[str, Member]
) -> None:
    staff, asha = cast["staff"], cast["asha"]
    visit, webinar = "Site visit: Edinburgh's frailty unit", "Webinar: frailty at the front door"
    visit_id = staff_event(site, staff, visit, "site-visit", 20)
    webinar_id = staff_event(site, staff, webinar, "webinar", 27)
    with visitor(browser, site.url) as person:
        staff_console(person, staff, "Series of events")
        person.press("Start the series")
        assert set(person.errors_named()) == {"title", "pillar"}
        assert person.page.locator(".error-summary a").first.get_attribute("href") == "#title"
        person.fill("Title of the series", "Frailty site visits").choose("Pillar", "learn")
        person.fill("Description", "Three visits to units that changed frailty care.")
        person.press("Start the series")
        assert person.heading() == "Frailty site visits" and "is started" in person.text()
        series_path = person.page.url.removeprefix(site.url)
        person.press("Add the event")
        assert person.errors_named() == {"event_id": "Choose the event to add"}
        person.choose("Event to add", visit_id).press("Add the event")
        assert f"'{visit}' is added to the series." in person.text()
        person.choose("Event to add", webinar_id).press("Add the event")
        coming = person.page.locator("table").first.inner_text()
        assert visit in coming and webinar in coming
        person.press(f"Take out {webinar}")
        assert f"'{webinar}' is taken out of the series." in person.text()
        assert webinar not in person.page.locator("table").first.inner_text()
        person.follow("All series")
        assert "Frailty site visits" in person.page.locator("table").inner_text()

    with visitor(browser, site.url) as member_page:
        log_in(member_page, asha.email)
        member_page.go("/learn/series").follow("Frailty site visits")
        assert member_page.page.url.endswith(series_path.removeprefix("/console"))
        shown = member_page.text()
        assert "Three visits to units that changed frailty care." in shown
        assert visit in shown and webinar not in shown
