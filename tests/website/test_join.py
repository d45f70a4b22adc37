"""Someone finds the region recruiting, applies with their mail choices, and withdraws."""

from typing import Any

from tests.website.browser import visitor
from tests.website.people import new_email, open_wave
from tests.website.site import Site


def test_an_applicant_applies_in_an_open_wave_and_withdraws_with_the_code(
    site: Site, browser: Any
) -> None:
    open_wave(site, "north-west-coast")
    email = new_email()
    with visitor(browser, site.url, width=360) as person:
        person.go("/")
        person.follow("Join Q")
        assert "North West Coast wave" in person.text()
        person.follow("Apply in North West Coast")

        person.press("Send application")
        errors = person.errors_named()
        assert errors["name"] == "Enter your full name"
        assert errors["consent"] == "Confirm that you have read the privacy notice"
        person.page.get_by_role("link", name="Enter your full name").click()
        assert person.page.evaluate("document.activeElement.id") == "name"

        person.fill("Full name", "Ben Okafor").fill("Email address", "not an address")
        person.fill("Organisation", "Alder Hey").fill("Job title", "Matron")
        person.fill("Your improvement experience", "Led a falls prevention project.")
        person.tick("Q-municate, the monthly digest of news and opportunities")
        person.tick(
            "I have read the privacy notice (2026-01) and agree that Q keeps my application"
        )
        person.press("Send application")
        assert person.errors_named() == {"email": "Email address: not a valid email address"}

        person.fill("Email address", email).press("Send application")
        assert person.heading() == "Application received"
        reference = person.page.inner_text("#application-reference")
        code = person.page.inner_text("#withdrawal-code")

        person.follow("Withdraw your application")
        assert person.page.get_by_label("Application reference").input_value() == reference
        person.fill("Withdrawal code", "wrong-code").press("Withdraw application")
        assert "code" in person.errors_named()
        person.fill("Withdrawal code", code).press("Withdraw application")
        assert person.heading() == "Application withdrawn"
