"""A month of Q mail through the real processes: who got what, once, and one-click unsubscribe."""

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest

from tests.e2e.event_flows import create_event
from tests.e2e.flows import apply
from tests.e2e.mail_flows import (
    become_member,
    digest_subject,
    feed,
    follow,
    mailbox,
    mark_read,
    messages_of,
    month_after,
    queue_digest,
    reject,
    take_and_free_the_last_place,
    unread,
    unsubscribe_path,
    wait_until_mailed_about,
    wait_until_sent,
)
from tests.e2e.member_flows import Account, preferences
from tests.e2e.platform import Platform
from tests.notifications.smtp_server import ReceivedMail, SmtpServer

# Next month's digest: the worker's own schedule only ever queues the current month's.
MONTH = month_after(datetime.now(UTC).strftime("%Y-%m"))
TITLE = "Inside the Dundee frailty unit"
CONFIRMED, PROMOTED = f"Your place at {TITLE} is confirmed", f"A place at {TITLE} is yours"
WELCOME, PASSWORD, DECISION = "Welcome to Q", "Set your Q password", "Your application to join Q"
# Four welcomes, four password links, one decision, two places and two digests.
MAILS_OF_THE_MONTH = 13
# Who joins, and which mail beyond the transactional they consented to.
JOINERS = {
    "Ailsa Munro": ["digest", "events"],
    "Brodie Kerr": ["digest"],
    "Catriona Bell": [],
    "Duncan Shaw": ["events"],
}


@dataclass(frozen=True)
class Month:
    """What a month in Q left: its members, the turned-down applicant, and the mailbox."""

    members: dict[str, Account]
    rejected: dict[str, str]
    mail: list[ReceivedMail]


@pytest.fixture(scope="module")
def month(shared_platform: Platform, shared_smtp: SmtpServer) -> Month:
    """Live a month: five apply, four join, two register for a full event, the digest goes."""
    turned_down = apply(shared_platform, name="Eilidh Grant", mail_categories=["digest", "events"])
    reject(shared_platform, turned_down["id"], "This wave is for people leading improvement work.")
    members = {
        name: become_member(shared_platform, shared_smtp, name=name, mail_categories=consents)
        for name, consents in JOINERS.items()
    }
    event = create_event(shared_platform, TITLE, capacity=1)
    first, second = members["Ailsa Munro"], members["Brodie Kerr"]
    take_and_free_the_last_place(shared_platform, first, second, event["id"])
    for account in (first, second):
        wait_until_mailed_about(shared_platform, account, TITLE)
    assert queue_digest(shared_platform, MONTH) == 2
    ids = [turned_down["id"], *(m.member_id for m in members.values())]
    wait_until_sent(shared_platform, shared_smtp, ids, count=MAILS_OF_THE_MONTH)
    return Month(members, turned_down, list(shared_smtp.messages))


def expected_mailbox(month: Month) -> Counter[tuple[str, str]]:
    """Return who should have got what in the month, each once."""
    members = month.members
    expected = Counter({(month.rejected["email"], DECISION): 1})
    for account in members.values():
        expected.update([(account.email, WELCOME), (account.email, PASSWORD)])
    expected.update([(members["Ailsa Munro"].email, CONFIRMED)])
    expected.update([(members["Brodie Kerr"].email, PROMOTED)])
    for name, consents in JOINERS.items():
        if "digest" in consents:
            expected.update([(members[name].email, digest_subject(MONTH))])
    return expected


def the(mail: list[ReceivedMail], to: str, subject: str) -> ReceivedMail:
    """Return the one mail to `to` with `subject`."""
    [found] = [m for m in mail if to in m.rcpt_tos and m.message["Subject"] == subject]
    return found


def test_everyone_gets_each_mail_of_the_month_once_and_only_what_they_consented_to(
    month: Month,
) -> None:
    assert mailbox(month.mail) == expected_mailbox(month)


def test_only_the_digest_carries_one_click_unsubscribe_and_places_carry_a_calendar_entry(
    month: Month,
) -> None:
    for mail in month.mail:
        digest = mail.message["Subject"] == digest_subject(MONTH)
        assert ("List-Unsubscribe" in mail.message) is digest
        assert (mail.message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click") is digest
    ailsa, brodie = month.members["Ailsa Munro"], month.members["Brodie Kerr"]
    for to, subject in ((ailsa.email, CONFIRMED), (brodie.email, PROMOTED)):
        assert "BEGIN:VEVENT" in the(month.mail, to, subject).part("text/calendar")


def test_a_get_of_the_link_only_asks_and_one_click_post_stops_the_next_digest(
    shared_platform: Platform, shared_smtp: SmtpServer, month: Month
) -> None:
    ailsa, brodie = month.members["Ailsa Munro"], month.members["Brodie Kerr"]
    path = unsubscribe_path(the(month.mail, ailsa.email, digest_subject(MONTH)))
    forged = follow(shared_platform, "POST", "/unsubscribe/forged")
    assert forged.status_code == 422
    assert any("token" in fields for fields in forged.json()["errors"].values())
    asked = follow(shared_platform, "GET", path)
    assert asked.status_code == 200 and asked.headers["Content-Type"].startswith("text/html")
    assert preferences(shared_platform, ailsa)["digest"] is True

    done = follow(shared_platform, "POST", path)
    assert done.status_code == 200 and done.headers["Content-Type"].startswith("text/html")
    assert preferences(shared_platform, ailsa) == {
        "digest": False,
        "coffee-trials": False,
        "events": True,
        "community-news": False,
        "talk-requests": False,
    }
    following, ids = month_after(MONTH), [m.member_id for m in month.members.values()]
    before = sum(len(messages_of(shared_platform, member_id)) for member_id in ids)
    assert queue_digest(shared_platform, following) == 1
    wait_until_sent(shared_platform, shared_smtp, ids, count=before + 1)
    got = mailbox(shared_smtp.messages) - mailbox(month.mail)
    assert got == Counter({(brodie.email, digest_subject(following)): 1})


def test_a_members_feed_lists_their_mail_newest_first_with_an_unread_count(
    shared_platform: Platform, month: Month
) -> None:
    ailsa = month.members["Ailsa Munro"]
    listed = feed(shared_platform, ailsa)
    mailed = Counter(subject for to, subject in mailbox(month.mail).elements() if to == ailsa.email)
    assert Counter(n["subject"] for n in listed) == mailed
    times = [n["created_at"] for n in listed]
    assert times == sorted(times, reverse=True) and listed[0]["subject"] == digest_subject(MONTH)
    assert unread(shared_platform, ailsa) == len(listed)

    assert mark_read(shared_platform, ailsa, listed[0]["id"])["read_at"] is not None
    assert unread(shared_platform, ailsa) == len(listed) - 1
