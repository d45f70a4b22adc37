"""What staff and the platform do around a journey, through the gateway's APIs."""

import re
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import requests

from tests.support.waiting import wait_until
from tests.website.browser import Visitor, links_in
from tests.website.site import Site

STAFF = {"Authorization": "Bearer dev-staff-token"}
PASSWORD = "a long and memorable passphrase"


def as_staff(site: Site, method: str, path: str, **options: Any) -> Any:
    """Call an API through the gateway as staff; return the JSON body."""
    response = requests.request(method, f"{site.url}{path}", headers=STAFF, timeout=10, **options)
    assert response.status_code < 300, response.text
    return response.json() if response.content else None


def open_wave(site: Site, region: str) -> None:
    """Open a recruitment wave for `region`, unless one already covers today."""
    today = datetime.now(UTC).date()
    body: dict[str, Any] = {
        "name": f"{region.replace('-', ' ').title()} wave",
        "partner": "Q",
        "regions": [region],
        "target": 500,
        "opens_on": str(today - timedelta(days=1)),
        "closes_on": str(today + timedelta(days=30)),
    }
    response = requests.post(f"{site.url}/membership/waves", json=body, headers=STAFF, timeout=10)
    assert response.status_code in (201, 409), response.text


def new_email() -> str:
    return f"member-{uuid.uuid4().hex[:8]}@example.org"


def approved_applicant(site: Site, name: str = "Asha Patel", region: str = "scotland") -> str:
    """Apply through the API and have staff approve; return the new member's email."""
    open_wave(site, region)
    email = new_email()
    form = {
        "name": name,
        "email": email,
        "organisation": "NHS Tayside",
        "job_title": "Improvement Lead",
        "region": region,
        "consent_version": "2026-01",
        "statement": "Ran a quality improvement collaborative across three wards.",
        "mail_categories": ["digest", "coffee-trials", "events", "community-news"],
    }
    response = requests.post(f"{site.url}/membership/applications", json=form, timeout=10)
    assert response.status_code == 201, response.text
    as_staff(site, "POST", f"/membership/applications/{response.json()['id']}/approve")
    return email


def mailed_link(site: Site, email: str, subject: str, pattern: str, count: int = 1) -> str:
    """Wait for the `count`th mail with `subject` to `email`; return its link matching `pattern`."""

    def link() -> str | None:
        mails = [m for m in site.smtp.to(email) if m.message["Subject"] == subject]
        if len(mails) < count:
            return None
        found = [url for url in links_in(mails[count - 1].text) if re.search(pattern, url)]
        return found[0] if found else None

    return str(wait_until(link, timeout=60, message=f"mail '{subject}' to {email}"))


def member_who_logged_in(site: Site, person: Visitor, name: str = "Asha Patel") -> str:
    """Make a member, set their password from the mailed link and log them in; return email."""
    email = approved_applicant(site, name)
    person.go(mailed_link(site, email, "Set your Q password", r"/set-password\?token="))
    person.fill("New password", PASSWORD).fill("New password again", PASSWORD)
    person.press("Set password")
    log_in(person, email)
    return email


def log_in(person: Visitor, email: str, password: str = PASSWORD) -> None:
    person.go("/login")
    person.fill("Email address", email).fill("Password", password).press("Log in")


@dataclass(frozen=True)
class Member:
    """A member made through the APIs, with a password set, for the people around a journey."""

    member_id: str
    email: str
    name: str
    headers: dict[str, str]


def member(site: Site, name: str, region: str = "scotland") -> Member:
    """Make a member who set their password from the mail; wait until every service knows them."""
    email = approved_applicant(site, name, region)
    link = mailed_link(site, email, "Set your Q password", r"/set-password\?token=")
    token = link.split("token=", 1)[1]
    body = {"token": token, "password": PASSWORD}
    response = requests.post(f"{site.url}/membership/accounts/password", json=body, timeout=10)
    assert response.status_code == 204, response.text
    login = {"email": email, "password": PASSWORD}
    tokens = requests.post(f"{site.url}/membership/accounts/login", json=login, timeout=10).json()
    made = Member(
        tokens["member_id"], email, name, {"Authorization": f"Bearer {tokens['access_token']}"}
    )
    wait_until(
        lambda: _known(site, f"/matching/participants/{made.member_id}"),
        timeout=60,
        message=f"matching to know {name}",
    )
    return made


def _known(site: Site, path: str) -> bool:
    return requests.get(f"{site.url}{path}", headers=STAFF, timeout=10).status_code == 200
