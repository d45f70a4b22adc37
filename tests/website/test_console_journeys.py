"""Journeys through the console: a recruitment month, a Lab cohort and a survey with its
improvement cycle, and the resources library from a member's suggestion to a rating.

One platform serves the whole module: the month runs in North West Coast and West Midlands,
the surveys ask Scotland, so no journey sees another's changes.
"""

import os
import re
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import requests

from tests.support.waiting import wait_until
from tests.website.browser import Visitor, visitor
from tests.website.console_people import IN_A_MONTH, World, console_world
from tests.website.people import (
    PASSWORD,
    as_staff,
    log_in,
    mailed_link,
    member,
    new_email,
)
from tests.website.site import Site

FIRST_STAFF = Path(__file__).parents[2] / "deploy" / "local" / "first-staff.sh"
TODAY = datetime.now(UTC).date()


@pytest.fixture(scope="module")
def world(site: Site) -> World:
    """Members holding each role, signed in, and the Scotland cohort and survey."""
    return console_world(site)


def first_staff_member(site: Site, person: Visitor) -> None:
    """Make the first staff account as docs/operations.md says, and log them in."""
    email = new_email()
    env = {**os.environ, "QP_GATEWAY_URL": site.url}
    made = subprocess.run(
        [str(FIRST_STAFF), "Fiona Staff", email, "scotland"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert made.returncode == 0, made.stderr
    assert "is a member with the staff role" in made.stdout
    person.go(mailed_link(site, email, "Set your Q password", r"/set-password\?token="))
    person.fill("New password", PASSWORD).fill("New password again", PASSWORD)
    person.press("Set password")
    log_in(person, email)


def _form(name: str, region: str) -> dict[str, Any]:
    return {
        "name": name,
        "email": f"{name.lower().replace(' ', '.')}@example.org",
        "organisation": "NHS trust",
        "job_title": "Improvement Lead",
        "region": region,
        "consent_version": "2026-01",
        "statement": f"{name} led a sepsis screening improvement programme.",
    }


def apply(site: Site, name: str, region: str) -> dict[str, Any]:
    """Apply to join Q through the API, as the join page does; return the receipt."""
    answer = requests.post(
        f"{site.url}/membership/applications", json=_form(name, region), timeout=10
    )
    assert answer.status_code == 201, answer.text
    return dict(answer.json())


def test_staff_and_a_partner_reviewer_run_a_recruitment_month_from_the_console(
    browser: Any, site: Site
) -> None:
    reviewer = member(site, "Priya Reviewer")
    with visitor(browser, site.url) as staff:
        first_staff_member(site, staff)
        staff.follow("Console").follow("Recruitment")
        staff.fill("Name of the wave", "North spring").fill("Partner organisation", "NHS North")
        staff.tick("North West Coast").tick("West Midlands")
        staff.fill("Opens on", str(TODAY)).fill(
            "Closes on (its last day)", str(TODAY + timedelta(30))
        )
        staff.fill("Target: members it aims to recruit", "0").press("Schedule the wave")
        assert "target" in staff.errors_named()
        staff.fill("Target: members it aims to recruit", "4").press("Schedule the wave")
        assert staff.heading() == "North spring"
        assert "open" in staff.text() and "Approved so far against the target of 4" in staff.text()
        wave_path = staff.page.url.removeprefix(site.url)
        staff.follow("Recruitment").fill("Region name", "Isle of Man")
        staff.fill("Short name", "isle-of-man").press("Add the region")
        assert "Region 'Isle of Man' is added." in staff.text()
        staff.press("Retire Isle of Man")
        assert "Isle of Man is retired: it takes no applications." in staff.text()

        ids = {
            name: apply(site, name, "north-west-coast")["id"] for name in ("Nia", "Noah", "Nora")
        }
        ids |= {name: apply(site, name, "west-midlands")["id"] for name in ("Wendy", "Will")}
        staff.follow("Applications").choose("Region", "north-west-coast").press("Show")
        assert "Nia led a sepsis screening improvement programme." in staff.text()
        staff.tick("Approve Nia").tick("Approve Noah").press("Approve the ticked applications")
        assert "2 approved." in staff.text()

        staff.follow("Roles").fill("Find a member by name", "Priya").press("Find")
        staff.choose("Role", "partner-reviewer")
        staff.choose("Region they decide for (partner reviewers only)", "west-midlands")
        staff.press("Appoint Priya Reviewer")
        assert "Priya Reviewer is now a partner reviewer." in staff.text()
        assert "Decides for West Midlands" in staff.text()

        with visitor(browser, site.url) as partner:
            log_in(partner, reviewer.email)
            partner.follow("Console")
            assert "Roles" not in partner.page.locator("main").inner_text()
            partner.follow("Applications")
            queue = partner.text()
            assert "Wendy" in queue and "Will" in queue and "Nora" not in queue
            partner.follow("Wendy").fill("Reason for rejecting", "Apply again with an example.")
            partner.press("Reject")
            assert "Wendy's application is rejected" in partner.text()
            partner.tick("Approve Will").press("Approve the ticked applications")
            assert "1 approved." in partner.text()
            partner.go(f"/console/applications/{ids['Nora']}")
            assert partner.heading() == "You cannot see this page"
            partner.go(wave_path)
            assert "west-midlands" in partner.text() and "north-west-coast" not in partner.text()

        staff.go(wave_path)
        assert re.search(r"Approved\s+3\s", staff.page.locator("dl").inner_text())
        staff.fill("Target", "10").press("Save the changes")
        assert "The wave is changed." in staff.text()
        assert "Approved so far against the target of 10" in staff.text()
        staff.press("Close the wave now")
        assert "closed early" in staff.text()
    late = requests.post(
        f"{site.url}/membership/applications",
        json=_form("Nell", "north-west-coast"),
        timeout=10,
    )
    assert late.status_code == 409 and "not recruiting" in late.text
    wait_until(
        lambda: any(
            "Apply again with an example." in mail.text
            for mail in site.smtp.to("wendy@example.org")
        ),
        timeout=60,
        message="Wendy to be told why",
    )


def _asked_in_scotland(site: Site) -> int:
    size = as_staff(
        site, "GET", "/collaboration/surveys/audiences/size?audience=region&audience_value=scotland"
    )
    return int(size["size"])


def test_staff_open_a_lab_cohort_and_chart_a_survey_a_member_answered(
    browser: Any, site: Site, world: World
) -> None:
    meg, applicant = world.people["member"], world.sessions["member"]
    with visitor(browser, site.url) as staff:
        log_in(staff, world.people["staff"].email)
        staff.follow("Console").follow("The Q Lab")
        staff.fill("Problem the cohort works on", "Waiting lists in dermatology")
        staff.fill("Problem statement", "Why do referrals wait six months?")
        staff.fill("Starts on", IN_A_MONTH).fill("Span in months", "6")
        staff.fill("Places: how many participants it takes", "4")
        staff.fill("How to apply", "Tell us what you would change first.")
        staff.press("Open the cohort")
        assert "9 to 12 months" in staff.errors_named()["months"]
        staff.fill("Span in months", "9").press("Open the cohort")
        assert staff.heading() == "Waiting lists in dermatology"
        assert "Tell us what you would change first." in staff.text()
        cohort_path = staff.page.url.removeprefix(site.url)
        applied = applicant.http.post(
            f"{site.url}{cohort_path.removeprefix('/console')}",
            data={"statement": "I run the dermatology clinic.", "csrf_token": applicant.csrf},
            allow_redirects=False,
            timeout=10,
        )
        assert applied.status_code == 302, applied.text
        staff.go(cohort_path)
        applications = staff.page.locator("table").first.inner_text()
        assert re.search(r"Meg Member\s+Scotland\s+I run the dermatology clinic", applications)
        assert meg.member_id not in applications
        staff.press("Select Meg Member")
        assert "The applicant is selected as a participant." in staff.text()
        assert meg.member_id not in staff.page.locator("main").inner_text()
        staff.fill("Team name", "Skin deep").tick("Meg Member")
        staff.choose("Team lead", meg.member_id).press("Form the team")
        assert "3 to 8 members" in staff.errors_named()["member_ids"]
        staff.fill("Milestone", "First tests of change").fill("Due on", IN_A_MONTH)
        staff.press("Add the milestone")
        assert "First tests of change" in staff.text()
        staff.press("Close the cohort")
        assert "This cohort is closed." in staff.text()

        staff.follow("Surveys").fill("Survey title", "Scotland's coffee").press("Write the survey")
        assert "Questions:" in staff.text()
        staff.choose("Audience", "region").fill("Which region, wave, event or cohort", "scotland")
        staff.fill("Question 1", "Did you meet for coffee?").choose(
            "Kind of question 1", "single-choice"
        )
        staff.fill("Choices for question 1", "Yes\nNo")
        staff.fill("Question 2", "What should change?").choose("Kind of question 2", "free-text")
        staff.press("Write the survey")
        assert staff.heading() == "Scotland's coffee" and "draft" in staff.text()
        survey_path = staff.page.url.removeprefix(site.url)
        wait_until(lambda: _asked_in_scotland(site) >= 4, timeout=60, message="Scotland known")
        staff.press("Open the survey")
        assert "The survey is open to its audience." in staff.text()

        with visitor(browser, site.url) as member_page:
            log_in(member_page, meg.email)
            member_page.go(survey_path.removeprefix("/console"))
            member_page.tick("Yes").fill("2. What should change?", "Longer walks")
            member_page.press("Send my answers")
            assert "Thank you: your answers are in." in member_page.text()

        staff.go(survey_path).press("Close the survey")
        results = staff.text()
        assert "The survey is closed." in results and "1 response" in results
        assert re.search(r"Yes\s+1\s+No\s+0", results) and "Longer walks" in results
        chart = staff.page.locator("svg[role=img]")
        assert chart.count() == 1 and "Did you meet for coffee?" in (chart.text_content() or "")


def test_staff_write_a_surveys_improvement_cycle_and_read_its_notes_back(
    browser: Any, site: Site, world: World
) -> None:
    plan = "Ask every member once a year.\n\nWe expect more answers from the regions."
    with visitor(browser, site.url) as staff:
        log_in(staff, world.people["staff"].email)
        staff.go(f"/console/surveys/{world.names['survey']}")
        assert "Not written yet." in staff.page.locator("#cycle + p + dl").inner_text()
        staff.follow("Change the Q activity").fill("The Q activity the cycle improves", "")
        staff.press("Save")
        assert staff.errors_named() == {"activity": "Enter the Q activity the cycle improves"}
        staff.fill("The Q activity the cycle improves", "The yearly members' survey")
        staff.press("Save")
        staff.follow("Change Plan notes")
        staff.fill("Plan: the change to try, and what we expect", "x" * 5001).press("Save")
        assert staff.errors_named() == {"plan": "Plan must be 5,000 characters or fewer"}
        summary = staff.page.locator(".error-summary a")
        assert summary.get_attribute("href") == "#plan"
        staff.fill("Plan: the change to try, and what we expect", plan).press("Save")
        assert "Plan is saved." in staff.text() and staff.heading() == "Your year in Q"
        cycle = staff.page.locator("#cycle + p + dl").inner_text()
        assert "The yearly members' survey" in cycle
        assert "Ask every member once a year." in cycle
        assert "We expect more answers from the regions." in cycle
        staff.follow("Change Plan notes")
        shown = staff.page.get_by_label("Plan: the change to try, and what we expect")
        assert shown.input_value() == plan
    saved = as_staff(site, "GET", f"/collaboration/surveys/{world.names['survey']}")
    assert saved["cycle_activity"] == "The yearly members' survey"
    assert saved["cycle_notes"]["plan"] == plan


def test_a_member_suggests_a_resource_staff_publish_it_and_the_member_saves_and_rates_it(
    browser: Any, site: Site, world: World
) -> None:
    title = "A guide to ward handovers"
    with visitor(browser, site.url) as meg:
        log_in(meg, world.people["member"].email)
        meg.go("/resources").follow("Suggest a resource")
        meg.fill("Title", title).fill("Summary", "Ten questions to ask at every handover.")
        meg.choose("Pillar", "learn").choose("Kind", "guide").fill("Topics", "handover, safety")
        meg.fill("Link", "not a web address").press("Suggest the resource")
        assert "Not a valid URL" in meg.errors_named()["link"]
        meg.fill("Link", "https://example.org/handover-guide").press("Suggest the resource")
        assert "staff will read your suggestion" in meg.text()

        with visitor(browser, site.url) as staff:
            log_in(staff, world.people["staff"].email)
            staff.follow("Console").follow("Resources").press("Publish the resource")
            assert "Length must be between 1 and 200" in staff.errors_named()["title"]
            assert "Ten questions to ask at every handover." in staff.text()
            staff.press(f"Publish {title}")
            assert f"'{title}' is published in the library." in staff.text()
            assert "No suggestion is waiting." in staff.text()

        meg.follow("Resources").fill("Search the library", "handover").press("Search")
        meg.follow(title).press("Save to my resources")
        assert "Saved to your resources." in meg.text() and "Not rated yet." in meg.text()
        meg.choose("Your rating, out of 5", "4").press("Rate it")
        assert "You rated it 4 out of 5." in meg.text() and "Rated 4.0 out of 5 by 1." in meg.text()
        meg.follow("My saved resources")
        assert meg.heading() == "My saved resources" and title in meg.text()
        meg.follow(title).press("Remove from my resources")
        assert "Removed from your saved resources." in meg.text()
        meg.follow("My saved resources")
        assert "You have not saved a resource yet." in meg.text()


def test_staff_decline_a_suggestion_saying_why_and_the_member_is_mailed_the_reason(
    browser: Any, site: Site, world: World
) -> None:
    title, reason = "Our ward's huddle board", "The library already holds a guide to huddles."
    member = world.people["member"]
    with visitor(browser, site.url) as meg:
        log_in(meg, member.email)
        meg.go("/resources").follow("Suggest a resource")
        meg.fill("Title", title).fill("Summary", "How we run a ten-minute huddle.")
        meg.choose("Pillar", "learn").choose("Kind", "guide")
        meg.fill("Link", "https://example.org/huddle").press("Suggest the resource")
        assert "staff will read your suggestion" in meg.text()

    with visitor(browser, site.url) as staff:
        log_in(staff, world.people["staff"].email)
        staff.follow("Console").follow("Resources").press(f"Decline {title}")
        [(field, message)] = staff.errors_named().items()
        assert (
            field.startswith("reason-") and message == "Reason: Length must be between 1 and 500."
        )
        staff.fill(f"Reason for declining {title} (the member reads it)", reason)
        staff.press(f"Decline {title}")
        assert f"'{title}' is declined; the member who suggested it is told why." in staff.text()
        assert "No suggestion is waiting." in staff.text()

    subject = f"Your suggestion was not added to the library: {title}"

    def mailed() -> str | None:
        mails = [m for m in site.smtp.to(member.email) if m.message["Subject"] == subject]
        return mails[0].text if mails else None

    text = str(wait_until(mailed, timeout=60, message="the declined suggestion's mail"))
    assert title in text and reason in text
