"""The people a console test needs: members holding each role, signed in to the website."""

import re
from dataclasses import dataclass

import requests

from tests.website.people import PASSWORD, Member, as_staff, member
from tests.website.site import Site

CSRF = re.compile(r'"X-CSRF-Token": "([^"]+)"')


@dataclass(frozen=True)
class SignedIn:
    """A browser-less session of the website: its cookie and the form token that goes with it."""

    http: requests.Session
    csrf: str


def member_with_role(
    site: Site, name: str, role: str | None, region: str = "scotland", decides: str = ""
) -> Member:
    """Make a member and give them `role` with the bootstrap token; a reviewer decides `decides`."""
    made = member(site, name, region)
    if role is not None:
        body = {"region": decides} if role == "partner-reviewer" else {}
        as_staff(site, "PUT", f"/membership/members/{made.member_id}/roles/{role}", json=body)
    return made


def website_session(site: Site, email: str | None) -> SignedIn:
    """Return a session of the website: a visitor's, or logged in as `email`."""
    http = requests.Session()
    csrf = CSRF.search(http.get(f"{site.url}/login", timeout=10).text)
    assert csrf, "the login page carries no form token"
    if email is not None:
        form = {"email": email, "password": PASSWORD, "csrf_token": csrf[1]}
        answer = http.post(f"{site.url}/login", data=form, allow_redirects=False, timeout=10)
        assert answer.status_code == 302, answer.text
    return SignedIn(http, csrf[1])
