"""What members, partner reviewers and staff do with accounts and profiles, as plain HTTP calls."""

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

import requests

from tests.e2e.flows import STAFF, apply, approve
from tests.e2e.platform import Platform
from tests.notifications.smtp_server import SmtpServer
from tests.support.topics import Seen, read_topic
from tests.support.waiting import wait_until

PASSWORD = "a long and memorable passphrase"
PASSWORD_MAIL = "Set your Q password"
LINK = re.compile(r"/set-password\?token=([\w-]+)")


@dataclass(frozen=True)
class Account:
    """A member who set their password from the mailed link and logged in."""

    member_id: str
    email: str
    access_token: str
    refresh_token: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.access_token}"}


def call(
    platform: Platform,
    method: str,
    path: str,
    *,
    service: str = "membership",
    headers: dict[str, str] | None = None,
    json: Any = None,
) -> requests.Response:
    """Send one request to a service, as the gateway passes it on."""
    url = f"{platform.url(service)}{path}"
    return requests.request(method, url, headers=headers or {}, json=json, timeout=10)


def as_staff(platform: Platform, method: str, path: str, **options: Any) -> requests.Response:
    """Send one request as staff."""
    return call(platform, method, path, headers=STAFF, **options)


def password_link_token(smtp: SmtpServer, email: str) -> str:
    """Wait for the set-password mail to `email`; return the secret its link carries."""

    def token() -> str:
        for mail in smtp.to(email):
            found = LINK.search(mail.text) if mail.message["Subject"] == PASSWORD_MAIL else None
            if found:
                return found.group(1)
        return ""

    return wait_until(token, timeout=60, message=f"the password mail to {email}")


def log_in(platform: Platform, email: str, password: str = PASSWORD) -> requests.Response:
    """Log in with an email and password."""
    body = {"email": email, "password": password}
    return call(platform, "POST", "/accounts/login", json=body)


def set_password(platform: Platform, smtp: SmtpServer, email: str) -> requests.Response:
    """Set a password with the link mailed to `email`."""
    body = {"token": password_link_token(smtp, email), "password": PASSWORD}
    return call(platform, "POST", "/accounts/password", json=body)


def join(platform: Platform, smtp: SmtpServer, *, region: str, **form: Any) -> Account:
    """Apply, be approved by staff, set a password from the mail and log in."""
    applicant = apply(platform, region=region, **form)
    member_id = approve(platform, applicant["id"])["member_id"]
    assert set_password(platform, smtp, applicant["email"]).status_code == 204
    tokens = log_in(platform, applicant["email"])
    assert tokens.status_code == 200, tokens.text
    body = tokens.json()
    return Account(member_id, applicant["email"], body["access_token"], body["refresh_token"])


def register_for(platform: Platform, account: Account, event_id: str) -> None:
    """Take a place at an event as the member."""
    path = f"/events/{event_id}/registrations"
    placed = call(platform, "POST", path, service="events", headers=account.headers)
    assert placed.status_code == 201, placed.text


def registrant(platform: Platform, event_id: str, member_id: str) -> dict[str, Any] | None:
    """Return a member's registration as the event's organiser sees it."""
    path = f"/events/{event_id}/registrations"
    listed = call(platform, "GET", path, service="events", headers=STAFF).json()
    return next((r for r in listed if r["member_id"] == member_id), None)


def leave(platform: Platform, account: Account) -> None:
    """Leave Q as the member."""
    path = f"/members/{account.member_id}/membership"
    assert call(platform, "DELETE", path, headers=account.headers).status_code == 204


def group_members(platform: Platform, path: str) -> set[str]:
    """Return the ids of the members a group lists."""
    return {member["id"] for member in call(platform, "GET", path).json()}


def preferences(platform: Platform, account: Account) -> dict[str, bool]:
    """Return the member's mail choices, as notifications holds them."""
    path, headers = "/me/preferences", account.headers
    found = call(platform, "GET", path, service="notifications", headers=headers)
    assert found.status_code == 200, found.text
    choices: dict[str, bool] = found.json()
    return choices


def comment_on(platform: Platform, account: Account, event_id: str, text: str) -> str:
    """Comment under an event as the member; return the comment's id."""
    path = f"/events/{event_id}/comments"
    posted = call(
        platform, "POST", path, service="events", headers=account.headers, json={"text": text}
    )
    assert posted.status_code == 201, posted.text
    return str(posted.json()["id"])


def comment(platform: Platform, event_id: str, comment_id: str) -> dict[str, Any] | None:
    """Return a comment under an event as staff see it."""
    path = f"/events/{event_id}/comments"
    thread = call(platform, "GET", path, service="events", headers=STAFF).json()["comments"]
    return next((c for c in thread if c["id"] == comment_id), None)


def participant(platform: Platform, member_id: str) -> dict[str, Any] | None:
    """Return matching's copy of a member, once it has one."""
    found = as_staff(platform, "GET", f"/participants/{member_id}", service="matching")
    return found.json() if found.status_code == 200 else None


def wait_for_copy(
    read: Callable[[], dict[str, Any] | None], check: Callable[[dict[str, Any]], bool], what: str
) -> dict[str, Any]:
    """Wait until another service's copy of something, as `read()` gives it, passes `check`."""

    def passing() -> dict[str, Any]:
        copy = read()
        return copy if copy is not None and check(copy) else {}

    return wait_until(passing, timeout=60, message=what)


def wait_for_name(platform: Platform, event_id: str, member_id: str, name: str) -> None:
    """Wait until both events and matching call a member `name` in their copies."""
    wait_for_copy(
        lambda: registrant(platform, event_id, member_id),
        lambda copy: copy["display_name"] == name,
        f"events to call the member {name}",
    )
    wait_for_copy(
        lambda: participant(platform, member_id),
        lambda copy: copy["display_name"] == name,
        f"matching to call the member {name}",
    )


def records_about(bootstrap: str, topic: str, key: str, last: Callable[[Seen], bool]) -> list[Seen]:
    """Read a topic from its start until a record about `key` satisfies `last`."""
    seen = read_topic(bootstrap, topic, until=partial(_any_about, key=key, last=last))
    return [record for record in seen if record.key == key]


def of_type(event_type: str) -> Callable[[Seen], bool]:
    """Return a test of whether a record is an event of `event_type`."""
    return lambda record: record.headers.get("event-type") == event_type


def is_tombstone(record: Seen) -> bool:
    """Tell whether a record erases its key from a compacted topic."""
    return record.raw is None


def _any_about(records: list[Seen], *, key: str, last: Callable[[Seen], bool]) -> bool:
    return any(record.key == key and last(record) for record in records)
