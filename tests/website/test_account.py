"""A new member sets their password from the mail, logs in and out, and recovers a lost one."""

from typing import Any

from tests.website.browser import visitor
from tests.website.people import PASSWORD, approved_applicant, log_in, mailed_link
from tests.website.site import Site

SET_PASSWORD = "Set your Q password"
LINK = r"/set-password\?token="


def test_a_new_member_sets_a_password_logs_in_out_and_recovers_a_forgotten_one(
    site: Site, browser: Any
) -> None:
    email = approved_applicant(site)
    with visitor(browser, site.url) as person:
        first_link = mailed_link(site, email, SET_PASSWORD, LINK)
        person.go(first_link)
        assert person.heading() == "Set your password"
        person.fill("New password", PASSWORD).fill("New password again", "something else")
        person.press("Set password")
        assert person.errors_named() == {"confirm_password": "The passwords do not match"}
        assert person.page.get_by_role("link", name="The passwords do not match").is_visible()

        person.fill("New password", PASSWORD).fill("New password again", PASSWORD)
        person.press("Set password")
        assert "Your password is set" in person.text()

        log_in(person, email, "not the password")
        assert "Enter the email address and password" in person.errors_named()["email"]
        log_in(person, email)
        assert person.heading() == "What is new for you"

        person.press("Log out")
        assert "You have logged out" in person.text()
        person.go("/me/notifications")
        assert person.heading() == "Log in to Q"

        # The used link cannot set the password again.
        person.go(first_link)
        person.fill("New password", "an attempt by someone else").fill(
            "New password again", "an attempt by someone else"
        )
        person.press("Set password")
        assert "This link has expired or has been used" in person.page.inner_text(".error-summary")

        person.follow("get a new password link")
        person.fill("Email address", "nobody-at-all@example.org").press("Send the link")
        unknown_answer = person.text().replace("nobody-at-all@example.org", "ADDRESS")
        person.go("/forgotten-password")
        person.fill("Email address", email).press("Send the link")
        assert person.text().replace(email, "ADDRESS") == unknown_answer

        new_password = "a brand new passphrase for Q"
        person.go(mailed_link(site, email, SET_PASSWORD, LINK, count=2))
        person.fill("New password", new_password).fill("New password again", new_password)
        person.press("Set password")
        log_in(person, email, new_password)
        assert person.heading() == "What is new for you"
