"""A coffee round from members joining, through staff's request and the worker's run, to the
introductions in their mailboxes."""

from functools import partial

import requests

from tests.e2e.flows import STAFF, apply, approve, get
from tests.e2e.platform import Platform
from tests.notifications.smtp_server import SmtpServer
from tests.support.waiting import wait_until


def mail_with_subject(smtp: SmtpServer, email: str, subject: str) -> int:
    return len([m for m in smtp.to(email) if m.message["Subject"] == subject])


def known_to_matching(platform: Platform, member_id: str) -> bool:
    return get(platform, "matching", f"/participants/{member_id}").status_code == 200


def round_state(platform: Platform, location: str) -> str:
    state: str = get(platform, "matching", location).json()["state"]
    return state


def test_a_coffee_round_introduces_both_members_of_a_pair_once(
    platform: Platform, smtp: SmtpServer
) -> None:
    members = []
    for organisation in ("NHS Tayside", "NHS Lothian"):
        applicant = apply(platform, organisation=organisation, mail_categories=["coffee-trials"])
        members.append((applicant["email"], approve(platform, applicant["id"])["member_id"]))
    for email, member_id in members:
        wait_until(
            partial(known_to_matching, platform, member_id),
            timeout=60,
            message="matching's copy of the member",
        )
        wait_until(
            partial(mail_with_subject, smtp, email, "Welcome to Q"),
            timeout=60,
            message="the welcome, so notifications knows the address",
        )

    requested = requests.post(
        f"{platform.url('matching')}/rounds", json={}, headers=STAFF, timeout=30
    )
    assert requested.status_code == 202, requested.text
    assert requested.json()["state"] == "requested"
    location = requested.headers["Location"]
    wait_until(
        lambda: round_state(platform, location) == "completed",
        timeout=60,
        message="the worker to run the requested round",
    )

    introduction = "Your coffee match this month"
    for email, _ in members:
        wait_until(
            partial(mail_with_subject, smtp, email, introduction),
            timeout=60,
            message=f"the introduction for {email}",
        )
    assert [mail_with_subject(smtp, email, introduction) for email, _ in members] == [1, 1]
    (first, _), (second, _) = members
    for to, partner in ((first, second), (second, first)):
        [intro] = [m for m in smtp.to(to) if m.message["Subject"] == introduction]
        assert partner in intro.text, "each is given a way to reach the other"
