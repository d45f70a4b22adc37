"""A member sees what is new, reads notifications, chooses mail, takes their data, leaves."""

import json
from pathlib import Path
from typing import Any

import requests

from tests.support.waiting import wait_until
from tests.website.browser import Visitor, visitor
from tests.website.people import as_staff, log_in, mailed_link, member
from tests.website.site import Site

DIGEST = "Q-municate, the monthly digest of news and opportunities"
COFFEE = "Randomised Coffee Trials: a monthly match with another member"


def test_a_member_sees_their_home_manages_notifications_and_mail_and_leaves(
    site: Site, browser: Any
) -> None:
    asha, ben = member(site, "Asha Patel"), member(site, "Ben Okafor")
    for someone in (asha, ben):
        url = f"{site.url}/matching/participation/{someone.member_id}"
        change = requests.patch(url, json={"opted_in": True}, headers=someone.headers, timeout=10)
        assert change.status_code == 200, change.text
    as_staff(site, "POST", "/matching/rounds", json={})
    with visitor(browser, site.url) as person:
        log_in(person, asha.email)
        wait_until(lambda: _unread(person) > 0, timeout=60, message="a notification")
        person.go("/")
        # The home page reads the count alongside its own parts, for the navigation's badge.
        assert person.page.inner_text(".badge").endswith("unread")
        person.go("/me/notifications")
        person.press("Mark all as read")
        assert person.page.inner_text("#unread") == "0 unread"

        subject = _unsubscribable_subject(site, asha.email)
        person.follow("Q community home")
        assert person.heading() == "What is new for you"
        assert "Round 1" in person.page.inner_text("section[aria-labelledby=coffee-title]")
        assert "Nothing new." not in person.text()

        chosen = _chosen(person)
        assert {DIGEST, COFFEE} <= chosen
        person.go(mailed_link(site, asha.email, subject, "unsubscribe"))
        person.press("Unsubscribe")
        # The one-click link stops the one kind of mail it came with, and nothing else.
        assert len(chosen - _chosen(person)) == 1
        person.page.get_by_label(DIGEST, exact=True).uncheck()
        person.press("Save choices")
        assert "Your mail choices are saved." in person.text()
        assert not person.page.get_by_label(DIGEST, exact=True).is_checked()

        person.follow("Your data")
        with person.page.expect_download() as download:
            person.page.get_by_role("link", name="Download my data").click()
        exported = json.loads(Path(download.value.path()).read_text())
        assert exported["profile"]["email"] == asha.email

        person.follow("Leave Q")
        person.press("Leave Q")
        assert "confirm" in person.errors_named()
        person.tick("I want to leave Q and have my data erased").press("Leave Q")
        assert person.heading() == "You have left Q"
        log_in(person, asha.email)
        assert person.heading() == "Log in to Q"
        assert "email" in person.errors_named()


def _unread(person: Visitor) -> int:
    person.go("/me/notifications")
    return int(person.page.inner_text("#unread").split()[0])


def _chosen(person: Visitor) -> set[str]:
    person.go("/me/mail")
    script = (
        "Array.from(document.querySelectorAll('input[type=checkbox]:checked'))"
        ".map(box => box.labels[0].innerText.trim())"
    )
    return set(person.page.evaluate(script))


def _unsubscribable_subject(site: Site, email: str) -> str:
    def subject() -> str | None:
        mails = [m for m in site.smtp.to(email) if "/unsubscribe/" in m.text]
        return str(mails[0].message["Subject"]) if mails else None

    return str(wait_until(subject, timeout=60, message="a mail with an unsubscribe link"))
