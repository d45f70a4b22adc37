"""What organisers, members and staff do with Q events, as plain HTTP calls."""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Any

import icalendar
import requests

from tests.e2e.flows import STAFF, apply, approve
from tests.e2e.platform import Platform
from tests.notifications.smtp_server import ReceivedMail, SmtpServer
from tests.support.auth import bearer
from tests.support.waiting import wait_until

# Soon enough to be in this or next month's digest, late enough to stay open all run.
SOON = datetime.now(UTC).replace(minute=0, second=0, microsecond=0) + timedelta(days=7)


@dataclass(frozen=True)
class Member:
    """A member who joined through membership, with a token and a mailbox."""

    member_id: str
    email: str
    name: str

    @property
    def headers(self) -> dict[str, str]:
        return bearer(self.member_id)


def join(platform: Platform, smtp: SmtpServer, names: list[str]) -> list[Member]:
    """Apply and be approved; return once welcome mails show notifications has the addresses."""
    members = []
    for name in names:
        applicant = apply(platform, name=name)
        member_id = approve(platform, applicant["id"])["member_id"]
        members.append(Member(member_id, applicant["email"], name))
    for member in members:
        wait_for_mail(smtp, member, "Welcome to Q")
    return members


def call(
    platform: Platform,
    method: str,
    path: str,
    headers: dict[str, str] | None = None,
    json: Any = None,
) -> requests.Response:
    """Send one request to the events service."""
    url = f"{platform.url('events')}{path}"
    return requests.request(method, url, headers=headers or {}, json=json, timeout=10)


def event_form(title: str, **changes: Any) -> dict[str, Any]:
    """Return the body creating a Scottish site visit a week from now, with `changes`."""
    body = {
        "title": title,
        "kind": "site-visit",
        "pillar": "learn",
        "region": "scotland",
        "venue": "Ninewells Hospital, Dundee",
        "capacity": 10,
        "starts_at": SOON.isoformat(),
        "ends_at": (SOON + timedelta(hours=3)).isoformat(),
        "timezone": "Europe/London",
    }
    return {**body, **changes}


def create_event(
    platform: Platform, title: str, headers: dict[str, str] = STAFF, **changes: Any
) -> dict[str, Any]:
    """Create an event; staff's publish at once."""
    created = call(platform, "POST", "/events", headers, event_form(title, **changes))
    assert created.status_code == 201, created.text
    event: dict[str, Any] = created.json()
    return event


def register(platform: Platform, member: Member, event_id: str) -> dict[str, Any]:
    """Take a place, or a place on the waitlist, as the member."""
    placed = call(platform, "POST", f"/events/{event_id}/registrations", member.headers)
    assert placed.status_code == 201, placed.text
    registration: dict[str, Any] = placed.json()
    return registration


def my_registration(platform: Platform, member: Member, event_id: str) -> requests.Response:
    """Ask for the member's active registration at the event."""
    return call(platform, "GET", f"/events/{event_id}/registrations/mine", member.headers)


def standing(platform: Platform, member: Member, event_id: str) -> tuple[str, int | None]:
    """Return the member's registration status and waitlist position at the event."""
    found = my_registration(platform, member, event_id)
    assert found.status_code == 200, found.text
    return found.json()["status"], found.json()["position"]


def mails(smtp: SmtpServer, email: str, subject: str) -> list[ReceivedMail]:
    """Return the mail to `email` with `subject`."""
    return [mail for mail in smtp.to(email) if mail.message["Subject"] == subject]


def wait_for_mail(smtp: SmtpServer, member: Member, subject: str) -> ReceivedMail:
    """Wait for the first mail to the member with `subject`; return it."""
    found = wait_until(
        partial(mails, smtp, member.email, subject),
        timeout=60,
        message=f"'{subject}' to {member.name}",
    )
    return found[0]


def calendar_event(mail: ReceivedMail) -> icalendar.Component:
    """Return the one event of the calendar entry attached to `mail`."""
    calendar = icalendar.Calendar.from_ical(mail.part("text/calendar"))
    (event,) = calendar.walk("VEVENT")
    return event
