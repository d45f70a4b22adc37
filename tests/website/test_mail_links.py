"""Every link in every mail the platform sends opens a working page of the website."""

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import requests
from jinja2 import ChainableUndefined, Environment, FileSystemLoader, select_autoescape

import notifications
from notifications.adapters.links import UnsubscribeLinks
from notifications.config import MailConfig
from tests.support.waiting import wait_until
from tests.website.browser import links_in, visitor
from tests.website.people import STAFF, Member, as_staff, log_in, member
from tests.website.site import Site

TEMPLATES = Path(notifications.__file__).parent / "templates"
MAILS = sorted(p.name for p in TEMPLATES.iterdir() if (p / "body.txt").is_file())


def rendered_links(template: str, context: dict[str, Any]) -> set[str]:
    """Render a mail's text and HTML for `context`; return the web addresses in both."""
    # Whatever the context leaves out renders empty, so every template renders here.
    environment = Environment(
        loader=FileSystemLoader(TEMPLATES),
        undefined=ChainableUndefined,
        autoescape=select_autoescape(enabled_extensions=("html",)),
    )
    text = "".join(
        environment.get_template(f"{template}/{part}").render(context)
        for part in ("body.txt", "body.html")
    )
    return set(links_in(text.replace("&amp;", "&")))


@pytest.fixture(scope="module")
def matched(site: Site) -> tuple[Member, str]:
    """Return a member with a coffee match, and the match's id."""
    asha, ben = member(site, "Asha Patel"), member(site, "Ben Okafor")
    for someone in (asha, ben):
        url = f"{site.url}/matching/participation/{someone.member_id}"
        requests.patch(url, json={"opted_in": True}, headers=someone.headers, timeout=10)
    as_staff(site, "POST", "/matching/rounds", json={})

    def match_id() -> str | None:
        url = f"{site.url}/matching/participation/{asha.member_id}/matches"
        found = requests.get(url, headers=asha.headers, timeout=10).json()
        return found[0]["id"] if found else None

    return asha, str(wait_until(match_id, timeout=60, message="a coffee match"))


def _talk_request(site: Site, organiser: Member) -> str:
    """Have another member offer a talk and `organiser` request it; return the request's id."""
    speaker = member(site, "Sam Okafor")
    talk = {"subject": "Flow", "format": "online", "availability": "Mornings"}
    offered = requests.post(
        f"{site.url}/events/talks", json=talk, headers=speaker.headers, timeout=10
    )
    asked = requests.post(
        f"{site.url}/events/talks/{offered.json()['id']}/requests",
        json={"message": "Would you?"},
        headers=organiser.headers,
        timeout=10,
    )
    assert asked.status_code == 201, asked.text
    return str(asked.json()["id"])


def _lab_and_survey(site: Site, region: str) -> dict[str, str]:
    """Open a Lab cohort and a survey to `region` once collaboration knows its members."""
    size = (
        f"{site.url}/collaboration/surveys/audiences/size?audience=region&audience_value={region}"
    )
    wait_until(
        lambda: requests.get(size, headers=STAFF, timeout=10).json()["size"],
        timeout=60,
        message="collaboration to know the member",
    )
    start = (datetime.now(UTC).date() + timedelta(days=30)).isoformat()
    cohort = as_staff(
        site,
        "POST",
        "/collaboration/cohorts",
        json={
            "problem": "Discharge before noon",
            "statement": "Why do patients wait to leave?",
            "how_to_apply": "Tell us what you would bring.",
            "starts_on": start,
            "months": 9,
            "capacity": 6,
        },
    )
    question = {"kind": "single-choice", "prompt": "Useful?", "options": ["Yes", "No"]}
    form = {"title": "Your month", "audience": "region", "audience_value": region}
    survey = as_staff(
        site, "POST", "/collaboration/surveys", json={**form, "questions": [question]}
    )
    as_staff(site, "POST", f"/collaboration/surveys/{survey['id']}/open")
    return {"cohort_id": cohort["id"], "survey_id": survey["id"]}


def test_each_link_in_every_mail_opens_a_working_page(
    site: Site, browser: Any, matched: tuple[Member, str]
) -> None:
    asha, match_id = matched
    unsubscribe = UnsubscribeLinks(
        MailConfig().unsubscribe_secret, f"{site.url}/notifications"
    ).url(asha.member_id, "coffee-trials")
    context = {
        "site_url": site.url,
        "token": "a-one-time-secret",
        "match_id": match_id,
        "request_id": _talk_request(site, asha),
        **_lab_and_survey(site, "scotland"),
        "unsubscribe_url": unsubscribe,
        # Place mails describe their event; its details carry no link of their own.
        "event": {"title": "A site visit", "venue": "Ninewells Hospital", "region": "scotland"},
    }
    links = {link: template for template in MAILS for link in rendered_links(template, context)}
    every = " ".join(links)
    for kind in (
        "/set-password?token=",
        f"/coffee/feedback/{match_id}",
        "/unsubscribe/",
        "/talks/",
        "/lab/",
        "/surveys/",
    ):
        assert kind in every, f"no mail links to {kind}"
    with visitor(browser, site.url) as person:
        log_in(person, asha.email)
        for link, template in sorted(links.items()):
            assert link.startswith(site.url), f"{template} links away from the site: {link}"
            response = person.page.goto(link)
            assert response is not None and response.status == 200, (template, link)
            person.audit()
            assert person.page.locator("h1").count() == 1, (template, link)
            assert "Page not found" not in person.heading(), (template, link)
