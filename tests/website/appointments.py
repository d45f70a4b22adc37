"""Members given console roles by staff through membership's API, as the console's tests need."""

from concurrent.futures import ThreadPoolExecutor
from typing import Any

import requests

from tests.support.waiting import wait_until
from tests.website.people import PASSWORD, STAFF, Member, approved_applicant, mailed_link
from tests.website.site import Site


def appointed_together(site: Site, *people: tuple[str, str | None, str]) -> list[Member]:
    """Make members, each given as (name, role or None, region), who set their passwords.

    Staff approve one application at a time (approvals of one wave are serialised); the
    waits for each member's mail and for matching to know them run side by side.
    """
    emails = [approved_applicant(site, name, region) for name, _, region in people]
    with ThreadPoolExecutor(max_workers=len(people)) as pool:
        made = list(
            pool.map(lambda pair: _with_password(site, *pair), zip(emails, people, strict=True))
        )
    for member, (_, role, region) in zip(made, people, strict=True):
        if role is not None:
            _appoint(site, member, role, region)
    return made


def _with_password(site: Site, email: str, person: tuple[str, str | None, str]) -> Member:
    link = mailed_link(site, email, "Set your Q password", r"/set-password\?token=")
    body = {"token": link.split("token=", 1)[1], "password": PASSWORD}
    response = requests.post(f"{site.url}/membership/accounts/password", json=body, timeout=10)
    assert response.status_code == 204, response.text
    login = {"email": email, "password": PASSWORD}
    tokens = requests.post(f"{site.url}/membership/accounts/login", json=login, timeout=10).json()
    headers = {"Authorization": f"Bearer {tokens['access_token']}"}
    made = Member(tokens["member_id"], email, person[0], headers)
    participant = f"{site.url}/matching/participants/{made.member_id}"
    wait_until(
        lambda: requests.get(participant, headers=STAFF, timeout=10).status_code == 200,
        timeout=60,
        message=f"matching to know {person[0]}",
    )
    return made


def _appoint(site: Site, member: Member, role: str, region: str) -> None:
    body: dict[str, Any] = {"region": region} if role == "partner-reviewer" else {}
    path = f"{site.url}/membership/members/{member.member_id}/roles/{role}"
    response = requests.put(path, json=body, headers=STAFF, timeout=10)
    assert response.status_code == 200, response.text
