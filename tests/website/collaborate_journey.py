"""A member answers the survey they were mailed, applies to the Lab and finds a CAPS card.

A host module imports this journey, so it runs on that module's site and starts no other.
"""

from datetime import UTC, datetime, timedelta
from typing import Any

import requests

from tests.support.waiting import wait_until
from tests.website.browser import visitor
from tests.website.people import STAFF, as_staff, log_in, mailed_link, member
from tests.website.site import Site

REGION = "yorkshire-and-humber"


def _known_in(site: Site, region: str) -> bool:
    query = f"audience=region&audience_value={region}"
    url = f"{site.url}/collaboration/surveys/audiences/size?{query}"
    return bool(requests.get(url, headers=STAFF, timeout=10).json()["size"])


def test_a_member_answers_a_mailed_survey_applies_to_the_lab_and_finds_a_card(
    site: Site, browser: Any
) -> None:
    yara = member(site, "Yara Haddad", region=REGION)
    wait_until(lambda: _known_in(site, REGION), timeout=60, message="collaboration to know Yara")
    questions = [
        {
            "kind": "single-choice",
            "prompt": "Was your first month useful?",
            "options": ["Yes", "No"],
        },
        {"kind": "free-text", "prompt": "What would you change?", "required": False},
    ]
    form = {"title": "Your first month", "audience": "region", "audience_value": REGION}
    survey = as_staff(site, "POST", "/collaboration/surveys", json={**form, "questions": questions})
    as_staff(site, "POST", f"/collaboration/surveys/{survey['id']}/open")
    start = (datetime.now(UTC).date() + timedelta(days=30)).isoformat()
    cohort = {"problem": "Discharge before noon", "statement": "Why do patients wait to leave?"}
    cohort |= {"how_to_apply": "Tell us what you would bring.", "starts_on": start}
    as_staff(site, "POST", "/collaboration/cohorts", json={**cohort, "months": 9, "capacity": 6})
    link = mailed_link(site, yara.email, "A survey from Q: Your first month", r"/surveys/")

    with visitor(browser, site.url) as person:
        log_in(person, yara.email)
        person.go(link)
        assert person.heading() == "Your first month"
        person.press("Send my answers")
        assert "answer question 1" in person.text()
        person.tick("Yes").fill("2. What would you change? (optional)", "More site visits")
        person.press("Send my answers")
        assert "Thank you: your answers are in." in person.text()
        assert "No survey is waiting for your answers." in person.text()
        results = as_staff(site, "GET", f"/collaboration/surveys/{survey['id']}/results")
        assert results["questions"][0]["counts"] == {"Yes": 1, "No": 0}

        person.follow("Collaborate")
        person.follow("Discharge before noon")
        person.press("Apply")
        assert "statement" in person.errors_named()
        person.fill("Your statement", "I lead the discharge team at my trust.")
        person.press("Apply")
        assert "Your application is in." in person.text()

        person.follow("Resources")
        wait_until(
            lambda: "Reverse the problem" in person.go("/resources?q=reverse").text(),
            timeout=30,
            message="the library's seeded cards",
        )
        person.follow("Reverse the problem")
        assert "How might we make sure nobody turns up?" in person.text()
