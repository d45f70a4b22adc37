"""Members find each other in the directory, keep their profile, and meet over coffee."""

from typing import Any

import pytest
import requests
from playwright.sync_api import expect

from tests.support.waiting import wait_until
from tests.website.browser import Visitor, visitor
from tests.website.collaborate_journey import (  # noqa: F401  (runs on this module's site)
    test_a_member_answers_a_mailed_survey_applies_to_the_lab_and_finds_a_card,
)
from tests.website.people import Member, as_staff, log_in, member
from tests.website.site import Site


def test_a_member_edits_their_profile_finds_another_and_answers_after_coffee(
    site: Site, browser: Any
) -> None:
    asha = member(site, "Asha Patel")
    ben = member(site, "Benedict Okafor")
    with visitor(browser, site.url) as person:
        log_in(person, asha.email)
        person.go("/connect/me")
        person.fill("About me", "I lead sepsis screening work in Tayside.")
        person.tick("My bio, expertise, interests and tags")
        person.press("Save profile")
        assert person.heading() == "Asha Patel"
        assert "I lead sepsis screening work in Tayside." in person.text()

        person.go("/connect/me")
        person.fill("Links", "not a web address").press("Save profile")
        assert "links" in person.errors_named()

        person.follow("Connect")
        person.fill("Search by name, organisation or expertise", "Benedict")
        person.press("Search")
        assert "1 member found" in person.text()
        person.follow("Benedict Okafor")
        assert person.heading() == "Benedict Okafor"

        person.go("/coffee")
        person.tick("Yes, pair me with another member").tick("Online")
        person.press("Save choices")
        assert "Your coffee trial choices are saved." in person.text()
        assert person.page.get_by_label("Online", exact=True).is_checked()

        change = {"opted_in": True}
        response = requests.patch(
            f"{site.url}/matching/participation/{ben.member_id}",
            json=change,
            headers=ben.headers,
            timeout=10,
        )
        assert response.status_code == 200, response.text
        as_staff(site, "POST", "/matching/rounds", json={})
        wait_until(lambda: _has_a_match(person), timeout=60, message="the coffee match")
        assert "Benedict Okafor" in person.text()

        person.follow("Tell us whether you met in round 1")
        person.press("Send answer")
        assert person.errors_named() == {"outcome": "Say whether you met"}
        person.tick("Yes, we met").choose("How was it?", "5").press("Send answer")
        assert person.heading() == "Thank you"


def test_the_directory_searches_as_the_member_types(site: Site, browser: Any) -> None:
    asha = member(site, "Asha Searcher")
    member(site, "Chidi Typist")
    with visitor(browser, site.url) as person:
        log_in(person, asha.email)
        person.go("/connect")
        person.page.get_by_label("Search by name, organisation or expertise").type("Chidi")
        expect(person.page.locator("#results h2")).to_have_text("1 member found")
        assert "Chidi Typist" in person.page.inner_text("#results")
        person.audit()


def test_a_member_finds_the_connectors_of_their_region_and_of_others(
    site: Site, browser: Any
) -> None:
    asha = member(site, "Asha Seeker")
    near, far = member(site, "Morag Nearby"), member(site, "Gwen Faraway", region="wales")
    member(site, "Iain Notaconnector")
    for connector in (near, far):
        as_staff(site, "PUT", f"/membership/members/{connector.member_id}/roles/connector", json={})
    with visitor(browser, site.url) as person:
        log_in(person, asha.email)
        person.go("/connect")
        person.follow("Connectors")
        assert person.heading() == "Connectors"
        assert "Iain Notaconnector" not in person.text()
        assert _section(person, "In your region, Scotland") == ["Morag Nearby"]
        assert _section(person, "In Wales") == ["Gwen Faraway"]
        person.follow("Gwen Faraway")
        assert person.heading() == "Gwen Faraway"


def _section(person: Visitor, heading: str) -> list[str]:
    """Return the names listed under a heading, up to the next one."""
    names: list[str] = person.page.evaluate(
        """heading => {
          const h2 = [...document.querySelectorAll("main h2")].find(h => h.innerText === heading);
          const names = [];
          for (let e = h2 && h2.nextElementSibling; e && e.tagName !== "H2";
               e = e.nextElementSibling) {
            e.querySelectorAll("h3 a").forEach(a => names.push(a.innerText));
          }
          return names;
        }""",
        heading,
    )
    return names


# Pressing "Find" is the step that works without JavaScript: it sends the form, which
# shows the people found to tick, and saves nothing until "Save choices".
@pytest.mark.parametrize("as_you_type", [True, False], ids=["as-you-type", "press-find"])
def test_a_member_picks_by_name_whom_never_to_meet_over_coffee(
    site: Site, browser: Any, as_you_type: bool
) -> None:
    first = "Fergus" if as_you_type else "Rhona"
    asha, avoided = member(site, f"Asha {first}"), member(site, f"{first} Avoidable")
    with visitor(browser, site.url) as person:
        log_in(person, asha.email)
        person.go("/coffee")
        if as_you_type:
            person.page.get_by_label("Find a member by name").type(first)
            expect(person.page.locator("#never-found label")).to_have_text(avoided.name)
            person.audit()
        else:
            person.fill("Find a member by name", first).press("Find")
            assert _never_paired_with(site, asha) == []
        person.tick(avoided.name)
        if as_you_type:
            # A new search keeps whoever was ticked from the last one.
            person.page.get_by_label("Find a member by name").fill("Nobody")
            expect(person.page.locator("#never-found")).to_contain_text("No member found")
        person.press("Save choices")
        assert "Your coffee trial choices are saved." in person.text()
        assert person.page.get_by_label(avoided.name, exact=True).is_checked()
        assert _never_paired_with(site, asha) == [avoided.member_id]

        person.page.get_by_label(avoided.name, exact=True).uncheck()
        person.press("Save choices")
        assert _never_paired_with(site, asha) == []
        assert avoided.name not in person.page.inner_text("main")


def _never_paired_with(site: Site, who: Member) -> list[str]:
    path = f"{site.url}/matching/participation/{who.member_id}"
    response = requests.get(path, headers=who.headers, timeout=10)
    assert response.status_code == 200, response.text
    found: list[str] = response.json()["never_pair_with"]
    return found


def _has_a_match(person: Visitor) -> bool:
    person.go("/coffee/matches")
    return "Round 1" in person.text()


def test_a_member_starts_a_group_another_joins_and_leaves_it(site: Site, browser: Any) -> None:
    asha, ben = member(site, "Asha Founder"), member(site, "Ben Joiner")
    with visitor(browser, site.url) as founder, visitor(browser, site.url) as joiner:
        log_in(founder, asha.email)
        founder.go("/connect")
        founder.follow("Interest groups")
        founder.follow("Start a group")
        founder.press("Start group")
        assert founder.errors_named()["name"] == "Enter your group's name"
        founder.fill("Name of the group", "Frailty in the community")
        founder.fill("What the group is for", "Sharing what works for frail people at home.")
        founder.fill("Topics", "frailty").press("Start group")
        assert founder.heading() == "Frailty in the community"
        assert "1 member" in founder.text()

        log_in(joiner, ben.email)
        joiner.go("/connect/groups")
        joiner.follow("Frailty in the community")
        joiner.press("Join this group")
        assert "2 members" in joiner.text() and "Ben Joiner" in joiner.text()
        joiner.press("Leave this group")
        assert "1 member" in joiner.text() and "Ben Joiner" not in joiner.text()
        joiner.go("/connect/suggestions")
        assert joiner.heading() == "Suggestions for you"
