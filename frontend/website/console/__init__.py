"""The console: where staff, partner reviewers and Connectors run Q from the website.

Each section is a module of this package that adds its pages to `blp`, imported at the end
of this file; its pages are guarded by `console_page(...)` and extend "console/layout.html".
"""

from dataclasses import dataclass

from flask import Blueprint, render_template
from flask.typing import ResponseReturnValue

from website.console.access import caller_roles, console_page, may_open

blp = Blueprint("console", __name__, url_prefix="/console")
STAFF, PARTNER_REVIEWER, CONNECTOR = "staff", "partner-reviewer", "connector"


@dataclass(frozen=True)
class Section:
    """One part of the console, and the roles that may open it (staff open every part)."""

    title: str
    path: str
    summary: str
    roles: tuple[str, ...]


SECTIONS = (
    Section(
        "Recruitment",
        "/console/recruitment",
        "Waves per region, their targets and progress; regions.",
        (STAFF, PARTNER_REVIEWER),
    ),
    Section(
        "Applications",
        "/console/applications",
        "Read and decide applications to join Q.",
        (STAFF, PARTNER_REVIEWER),
    ),
    Section(
        "Connectors' welcome",
        "/console/welcome",
        "Members who joined in your region in recent weeks.",
        (STAFF, CONNECTOR),
    ),
    Section(
        "Roles", "/console/roles", "Appoint and remove Connectors, reviewers, staff.", (STAFF,)
    ),
    Section(
        "Community figures",
        "/console/figures",
        "Members, joins, coffee meetings and event attendance, as charts.",
        (STAFF,),
    ),
    Section("Moderation", "/console/moderation", "Member events, posts and comments.", (STAFF,)),
    Section("Coffee trials", "/console/coffee", "Rounds, their pairs and meeting rates.", (STAFF,)),
    Section("Mail", "/console/mail", "The monthly digest, messages and delivery.", (STAFF,)),
    Section(
        "The Q Lab", "/console/lab", "Cohorts, their participants, teams, milestones.", (STAFF,)
    ),
    Section("Surveys", "/console/surveys", "Write surveys, open them, read results.", (STAFF,)),
    Section(
        "Series of events",
        "/console/series",
        "Programmes of site visits and webinar series; their events.",
        (STAFF,),
    ),
    Section(
        "Resources", "/console/resources", "Members' suggestions; publish resources.", (STAFF,)
    ),
)


@blp.context_processor
def _console_navigation() -> dict[str, object]:
    return {"console_sections": sections_for(caller_roles()), "section": "console"}


@blp.app_context_processor
def _console_link() -> dict[str, object]:
    # Every page's header links to the console for those whose roles open some of it.
    return {"console_link": bool(sections_for(caller_roles()))}


def sections_for(held: frozenset[str]) -> list[Section]:
    """Return the sections a caller holding the roles `held` may open, in the console's order."""
    return [section for section in SECTIONS if may_open(held, *section.roles)]


@blp.get("")
@console_page(STAFF, PARTNER_REVIEWER, CONNECTOR)
def home() -> ResponseReturnValue:
    """List the parts of the console the caller's roles open."""
    return render_template(
        "console/home.html",
        title="Console",
        sections=sections_for(caller_roles()),
        console_here="home",
    )


# Each section adds its pages to the blueprint above.
from website.console import (  # noqa: E402, F401
    applications,
    coffee,
    figures,
    lab,
    mail,
    moderation,
    recruitment,
    resources,
    roles,
    series,
    surveys,
    welcome,
)
