"""The console asked for by every role: every page and every action, as the table says.

One platform serves the whole module; its people, wave and application are Scotland's.
"""

import re
from typing import Any

import pytest
import requests

from tests.website.browser import visitor
from tests.website.console_people import World, console_world
from tests.website.people import (
    log_in,
)
from tests.website.site import Site

SUGGESTION = {"title": "My favourite podcast", "summary": "Forty minutes on anything."}
SUGGESTION |= {"pillar": "connect", "kind": "recording", "link": "https://example.org/pod"}
CALLERS = ("visitor", "member", "connector", "partner reviewer elsewhere", "staff")
LOGIN = "to login"
NOBODY = (LOGIN, 403, 403, 403)
STAFF_ONLY = (*NOBODY, 200)
DECIDERS = (LOGIN, 403, 403, 200, 200)
CONNECTORS = (LOGIN, 403, 200, 403, 200)
ANY_ROLE = (LOGIN, 403, 200, 200, 200)
# The partner reviewer decides for Wales; the wave and the application are Scotland's.
ELSEWHERE = (*NOBODY, 200)

PAGES: list[tuple[str, tuple[Any, ...], str]] = [
    ("/console", ANY_ROLE, "Console"),
    ("/console/recruitment", DECIDERS, "Recruitment"),
    ("/console/recruitment/waves/{wave}", ELSEWHERE, "Scotland wave"),
    ("/console/applications", DECIDERS, "Applications"),
    ("/console/applications/{application}", ELSEWHERE, "Rhona Reid"),
    ("/console/welcome", CONNECTORS, "Connectors' welcome"),
    ("/console/roles", STAFF_ONLY, "Roles"),
    ("/console/figures", STAFF_ONLY, "Community figures"),
    ("/console/lab", STAFF_ONLY, "The Q Lab"),
    ("/console/lab/{cohort}", STAFF_ONLY, "Handovers between wards"),
    ("/console/surveys", STAFF_ONLY, "Surveys"),
    ("/console/surveys/{survey}", STAFF_ONLY, "Your year in Q"),
    ("/console/surveys/{survey}/cycle/plan", STAFF_ONLY, "Plan: Your year in Q"),
    ("/console/series", STAFF_ONLY, "Series of events"),
    ("/console/resources", STAFF_ONLY, "Resources"),
]
WAVE = {
    "name": "Scotland wave",
    "partner": "Q",
    "opens_on": "{opens_on}",
    "closes_on": "{closes_on}",
}
# Staff act last, so what they change is changed only after everyone else was refused.
ACTIONS: list[tuple[str, dict[str, str], tuple[Any, ...]]] = [
    ("/console/applications/{application}/approve", {}, (*NOBODY, 302)),
    (
        "/console/applications/approve",
        {"application": "{application}"},
        (LOGIN, 403, 403, 302, 302),
    ),
    ("/console/recruitment/waves/{wave}", {**WAVE, "target": "600"}, (*NOBODY, 302)),
    ("/console/recruitment/waves/{wave}/close", {}, (*NOBODY, 302)),
    ("/console/roles/{staff}", {"role": "connector"}, (*NOBODY, 302)),
    ("/console/roles/{staff}/connector/remove", {}, (*NOBODY, 302)),
    ("/console/lab/{cohort}/close", {}, (*NOBODY, 302)),
    ("/console/surveys/{survey}/open", {}, (*NOBODY, 302)),
    ("/console/surveys/{survey}/cycle/act", {"act": "Keep the survey yearly."}, (*NOBODY, 302)),
    (
        "/console/resources/{suggestion}/decline",
        {"reason": "The library lists no podcasts."},
        (*NOBODY, 302),
    ),
]


@pytest.fixture(scope="module")
def world(site: Site) -> World:
    """The table's people and what they ask for, a waiting library suggestion among it."""
    return console_world(site, suggestion=SUGGESTION)


def _answer(response: requests.Response) -> Any:
    if response.status_code == 302 and response.headers["Location"].startswith("/login?next="):
        return LOGIN
    return response.status_code


@pytest.mark.parametrize(("path", "expected", "heading"), PAGES, ids=[p for p, *_ in PAGES])
def test_each_console_page_answers_each_role_as_the_table_says(
    site: Site, world: World, path: str, expected: tuple[Any, ...], heading: str
) -> None:
    url = site.url + path.format(**world.names)
    got = {}
    for caller in CALLERS:
        response = world.sessions[caller].http.get(url, allow_redirects=False, timeout=10)
        got[caller] = _answer(response)
        if response.status_code == 200:
            assert f"<h1>{heading}" in response.text, (caller, path)
        if response.status_code == 403:
            assert "You cannot see this page" in response.text
    assert got == dict(zip(CALLERS, expected, strict=True))


@pytest.mark.parametrize(("path", "form", "expected"), ACTIONS, ids=[p for p, *_ in ACTIONS])
def test_each_console_action_answers_each_role_as_the_table_says(
    site: Site, world: World, path: str, form: dict[str, str], expected: tuple[Any, ...]
) -> None:
    url = site.url + path.format(**world.names)
    got = {}
    for caller in CALLERS:
        session = world.sessions[caller]
        data = {name: value.format(**world.names) for name, value in form.items()}
        response = session.http.post(
            url, data={**data, "csrf_token": session.csrf}, allow_redirects=False, timeout=10
        )
        got[caller] = _answer(response)
    assert got == dict(zip(CALLERS, expected, strict=True))


def test_every_console_page_passes_axe(browser: Any, site: Site, world: World) -> None:
    with visitor(browser, site.url) as person:
        log_in(person, world.people["staff"].email)
        for path, *_ in PAGES:
            person.go(path.format(**world.names))
        assert len(person.audited) == len(PAGES) + 2
        person.go("/console/figures")
        figures = person.text()
        assert "Figures unavailable" not in figures
        for heading in ("Members by region, against wave targets", "Event attendance by pillar"):
            assert heading in figures
        assert person.page.locator("svg[role=img]").count() == 5
        assert re.search(r"Scotland\s+\d+\s+\d+", figures)
