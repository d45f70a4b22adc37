"""The people a console test needs: members holding each role, signed in to the website,
and the world of a console module (its people, and the wave, application, cohort, survey
and suggestion they ask for)."""

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import requests

from tests.website.people import PASSWORD, Member, as_staff, member, open_wave
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


IN_A_MONTH = str(datetime.now(UTC).date() + timedelta(30))


@dataclass(frozen=True)
class World:
    """The people of the table, signed in, and the Scotland wave and application they ask for."""

    sessions: dict[str, SignedIn]
    people: dict[str, Member]
    names: dict[str, str]


def console_world(site: Site, suggestion: dict[str, str] | None = None) -> World:
    """Make the table's people, sign them in, and open what they ask for, in Scotland.

    With `suggestion`, the member also suggests it for the library, and it waits for staff.
    """
    people = {
        "member": member_with_role(site, "Meg Member", None),
        "connector": member_with_role(site, "Cal Connector", "connector"),
        "partner reviewer elsewhere": member_with_role(
            site, "Pat Partner", "partner-reviewer", decides="wales"
        ),
        "staff": member_with_role(site, "Sam Staff", "staff"),
    }
    open_wave(site, "scotland")
    [wave] = [w for w in as_staff(site, "GET", "/membership/waves") if "scotland" in w["regions"]]
    application = requests.post(
        f"{site.url}/membership/applications",
        json={
            "name": "Rhona Reid",
            "email": "rhona.reid@example.org",
            "organisation": "NHS Highland",
            "job_title": "Nurse consultant",
            "region": "scotland",
            "consent_version": "2026-01",
            "statement": "Led a falls prevention collaborative across six care homes.",
        },
        timeout=10,
    ).json()
    cohort = {"problem": "Handovers between wards", "statement": "Why is news lost at handover?"}
    cohort |= {"how_to_apply": "Say what you would bring.", "starts_on": IN_A_MONTH}
    cohort = as_staff(
        site, "POST", "/collaboration/cohorts", json={**cohort, "months": 9, "capacity": 6}
    )
    question = {"kind": "scale", "prompt": "How useful was Q this year?", "scale_max": 5}
    survey = {"title": "Your year in Q", "audience": "everyone", "questions": [question]}
    survey = as_staff(site, "POST", "/collaboration/surveys", json=survey)
    sessions = {"visitor": website_session(site, None)}
    sessions.update({who: website_session(site, made.email) for who, made in people.items()})
    names = {
        "wave": wave["id"],
        "opens_on": wave["opens_on"],
        "closes_on": wave["closes_on"],
        "application": application["id"],
        "staff": people["staff"].member_id,
        "cohort": cohort["id"],
        "survey": survey["id"],
    }
    if suggestion is not None:
        names["suggestion"] = _suggest(site, sessions["member"], suggestion)
    return World(sessions, people, names)


def _suggest(site: Site, member: SignedIn, suggestion: dict[str, str]) -> str:
    """Suggest `suggestion` for the library as `member`; return the waiting suggestion's id."""
    suggested = member.http.post(
        f"{site.url}/resources/suggest",
        data={**suggestion, "csrf_token": member.csrf},
        allow_redirects=False,
        timeout=10,
    )
    assert suggested.status_code == 302, suggested.text
    waiting = as_staff(site, "GET", "/collaboration/resources/suggestions/waiting")
    [waits] = [r for r in waiting if r["title"] == suggestion["title"]]
    return str(waits["id"])
