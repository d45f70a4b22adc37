"""Who may open the console's moderation, coffee trials and mail pages: exactly staff.

Every page is requested by each kind of caller in a real browser session; staff's pages are
checked by axe. A member who is not staff is refused even with a valid form token, and the
APIs behind the pages refuse them too, so the console adds no way round them.
"""

import re
from collections.abc import Iterator
from typing import Any

import pytest

from tests.website.appointments import appointed_together
from tests.website.browser import Visitor, visitor
from tests.website.people import as_staff, log_in
from tests.website.site import Site

PAGES = [
    "/console/moderation",
    "/console/coffee",
    "/console/coffee/rounds/{round_id}",
    "/console/mail",
    "/console/mail/messages",
    "/console/mail/bounces",
]
ACTIONS = [
    "/console/moderation/event/{round_id}/publish",
    "/console/moderation/comment/{round_id}/hide",
    "/console/moderation/event/{round_id}/hide",
    "/console/moderation/post/{round_id}/restore",
    "/console/coffee/rounds",
    "/console/coffee/schedule",
    "/console/mail/edition",
    "/console/mail/queue",
]
# Each caller, and what the console answers them: a visitor is sent to log in.
CALLERS = [
    ("visitor", None, 302),
    ("member", "member", 403),
    ("connector", "connector", 403),
    ("partner reviewer of another region", "partner-reviewer", 403),
    ("staff", "staff", 200),
]


@pytest.fixture(scope="module")
def round_id(site: Site) -> str:
    return str(as_staff(site, "POST", "/matching/rounds", json={})["id"])


@pytest.fixture(scope="module")
def people(site: Site, browser: Any) -> Iterator[dict[str, Visitor]]:
    """Log each kind of caller in once, in their own browser profile."""
    roles = [role for _, role, _ in CALLERS if role is not None]
    callers = [
        (f"{role.title()} Caller", role if role != "member" else None, "north-west-coast")
        for role in roles
    ]
    made = dict(zip(roles, appointed_together(site, *callers), strict=True))
    opened = {}
    with (
        visitor(browser, site.url) as nobody,
        visitor(browser, site.url) as member,
        visitor(browser, site.url) as connector,
        visitor(browser, site.url) as reviewer,
        visitor(browser, site.url) as staff,
    ):
        opened = {
            "member": member,
            "connector": connector,
            "partner-reviewer": reviewer,
            "staff": staff,
        }
        for role, person in opened.items():
            log_in(person, made[role].email)
        yield {"visitor": nobody, **opened}


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize(("caller", "role", "status"), CALLERS)
def test_each_caller_gets_exactly_the_expected_answer_from_each_page(
    people: dict[str, Visitor], round_id: str, caller: str, role: str | None, status: int, page: str
) -> None:
    person = people[role or "visitor"]
    path = page.format(round_id=round_id)
    answer = person.page.context.request.get(f"{person.base_url}{path}", max_redirects=0)
    assert answer.status == status, f"{caller} at {path}"
    if status == 302:
        assert answer.headers["location"].startswith("/login?next=")
    if status == 200:
        person.go(path)  # axe checks the page as shown
        assert person.page.locator("nav[aria-label=Console]").is_visible()


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("role", ["member", "connector", "partner-reviewer"])
def test_a_member_without_the_staff_role_cannot_act_even_with_a_form_token(
    people: dict[str, Visitor], round_id: str, role: str, action: str
) -> None:
    person = people[role]
    home = person.page.context.request.get(f"{person.base_url}/").text()
    [token] = set(re.findall(r'name="csrf_token" value="([^"]+)"', home))
    answer = person.page.context.request.post(
        f"{person.base_url}{action.format(round_id=round_id)}",
        form={"csrf_token": token, "reason": "no", "month": "2030-01"},
        max_redirects=0,
    )
    assert answer.status == 403
