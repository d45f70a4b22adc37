"""A month of Q mail as people and staff cause it, and the mailbox it leaves, over HTTP."""

from collections import Counter
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import requests

from tests.e2e.flows import STAFF, apply, approve
from tests.e2e.member_flows import Account, as_staff, call, log_in, register_for, set_password
from tests.e2e.platform import Platform
from tests.notifications.smtp_server import ReceivedMail, SmtpServer
from tests.support.waiting import wait_until

ONE_CLICK = "List-Unsubscribe=One-Click"
PAGE = {"page_size": "100"}


def month_after(month: str) -> str:
    """Return the month after `month`, both as YYYY-MM."""
    year, number = (int(part) for part in month.split("-"))
    return f"{year + number // 12}-{number % 12 + 1:02d}"


def digest_subject(month: str) -> str:
    """Return the subject of the digest of `month` (YYYY-MM)."""
    first = datetime.strptime(month, "%Y-%m").replace(tzinfo=UTC)
    return f"Q-municate: {first.strftime('%B %Y')}"


def become_member(platform: Platform, smtp: SmtpServer, **form: Any) -> Account:
    """Apply in Scotland, be approved, set a password from the mail and log in."""
    applicant = apply(platform, region="scotland", **form)
    member_id = approve(platform, applicant["id"])["member_id"]
    chosen = set_password(platform, smtp, applicant["email"])
    assert chosen.status_code == 204, chosen.text
    tokens = log_in(platform, applicant["email"])
    assert tokens.status_code == 200, tokens.text
    body = tokens.json()
    return Account(member_id, applicant["email"], body["access_token"], body["refresh_token"])


def reject(platform: Platform, application_id: str, reason: str) -> None:
    """Turn an application down as staff."""
    path = f"/applications/{application_id}/reject"
    rejected = as_staff(platform, "POST", path, json={"reason": reason})
    assert rejected.status_code == 200, rejected.text


def queue_digest(platform: Platform, month: str) -> int:
    """Queue the digest of `month` as staff; return how many were queued."""
    body = {"month": month}
    queued = as_staff(platform, "POST", "/digests", service="notifications", json=body)
    assert queued.status_code == 201, queued.text
    return int(queued.json()["messages"])


def cancel_place(platform: Platform, account: Account, event_id: str) -> None:
    """Give up the member's place at an event."""
    path = f"/events/{event_id}/registrations/mine"
    cancelled = call(platform, "DELETE", path, service="events", headers=account.headers)
    assert cancelled.ok, cancelled.text


def take_and_free_the_last_place(
    platform: Platform, first: Account, second: Account, event_id: str
) -> None:
    """Fill the one place with `first`, waitlist `second`, then free it for `second`."""
    register_for(platform, first, event_id)
    register_for(platform, second, event_id)
    assert [place(platform, a, event_id) for a in (first, second)] == ["confirmed", "waitlisted"]
    cancel_place(platform, first, event_id)
    assert place(platform, second, event_id) == "confirmed"


def wait_until_mailed_about(platform: Platform, account: Account, text: str) -> None:
    """Wait until notifications holds a mail for the member whose subject mentions `text`."""

    def mailed() -> bool:
        return any(text in m["subject"] for m in messages_of(platform, account.member_id))

    wait_until(mailed, message=f"a mail about {text} for {account.email}")


def place(platform: Platform, account: Account, event_id: str) -> str:
    """Return the status of the member's registration at an event."""
    path = f"/events/{event_id}/registrations/mine"
    found = call(platform, "GET", path, service="events", headers=account.headers)
    assert found.status_code == 200, found.text
    return str(found.json()["status"])


def messages_of(platform: Platform, member_id: str) -> list[dict[str, Any]]:
    """Return the mail notifications holds for a member (or applicant), as staff see it."""
    url = f"{platform.url('notifications')}/messages"
    params = {"member_id": member_id, **PAGE}
    listed = requests.get(url, params=params, headers=STAFF, timeout=10)
    assert listed.status_code == 200, listed.text
    found: list[dict[str, Any]] = listed.json()
    return found


def wait_until_sent(platform: Platform, smtp: SmtpServer, ids: list[str], count: int) -> None:
    """Wait until at least `count` mails to `ids` are recorded, none waits, and all arrived."""

    def drained() -> bool:
        states = [m["state"] for i in ids for m in messages_of(platform, i)]
        settled = len(states) >= count and set(states) <= {"sent"}
        return settled and len(smtp.messages) >= len(states)

    wait_until(drained, timeout=60, message=f"{count} mails to be sent")


def mailbox(mail: list[ReceivedMail]) -> Counter[tuple[str, str]]:
    """Count the mail by (recipient, subject)."""
    return Counter((to, str(m.message["Subject"])) for m in mail for to in m.rcpt_tos)


def unsubscribe_path(mail: ReceivedMail) -> str:
    """Return the path of the one-click link in a mail's List-Unsubscribe header."""
    link = str(mail.message["List-Unsubscribe"]).strip("<>")
    return urlsplit(link).path.removeprefix("/notifications")


def follow(platform: Platform, method: str, path: str) -> requests.Response:
    """Open an unsubscribe link as a mail client would: a GET, or the RFC 8058 POST."""
    url = f"{platform.url('notifications')}{path}"
    if method == "GET":
        return requests.get(url, timeout=10)
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    return requests.post(url, data=ONE_CLICK, headers=form, timeout=10)


def feed(platform: Platform, account: Account) -> list[dict[str, Any]]:
    """Return the member's in-app notifications, as the member sees them."""
    url = f"{platform.url('notifications')}/me/notifications"
    listed = requests.get(url, params=PAGE, headers=account.headers, timeout=10)
    assert listed.status_code == 200, listed.text
    found: list[dict[str, Any]] = listed.json()
    return found


def mark_read(platform: Platform, account: Account, notification_id: str) -> dict[str, Any]:
    """Mark one of the member's notifications read; return it."""
    path = f"/me/notifications/{notification_id}/read"
    marked = call(platform, "POST", path, service="notifications", headers=account.headers)
    assert marked.status_code == 200, marked.text
    found: dict[str, Any] = marked.json()
    return found


def unread(platform: Platform, account: Account) -> int:
    """Return how many of the member's notifications are unread."""
    path = "/me/notifications/unread-count"
    found = call(platform, "GET", path, service="notifications", headers=account.headers)
    assert found.status_code == 200, found.text
    return int(found.json()["unread"])
