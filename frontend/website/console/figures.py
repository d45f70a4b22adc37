"""Community figures: members by region against wave targets, joins, coffee and attendance."""

from collections import Counter
from functools import partial
from typing import Any

from flask import render_template
from flask.typing import ResponseReturnValue

from website.console import STAFF, blp
from website.console.access import console_page
from website.console.charts import bar_chart, line_chart
from website.gateway import ApiError, Gateway
from website.signed_in import gateway, member_reads

ROUNDS_SHOWN = 12


@blp.get("/figures")
@console_page(STAFF)
def figures() -> ResponseReturnValue:
    """Draw the community's figures, each chart beside a table of its numbers."""
    api = gateway()
    members, waves, rounds, attendance = member_reads(
        lambda token: api.call("GET", "/membership/members/figures", token=token),
        lambda token: api.call("GET", "/membership/waves", token=token),
        lambda token: _meeting_rates(api, token),
        lambda token: api.call("GET", "/events/figures/attendance", token=token),
    )
    regions = {r["slug"]: r["name"] for r in api.reference("/membership/regions")}
    return render_template(
        "console/figures.html",
        title="Community figures",
        parts=[
            _or_missing(members, lambda found: _members_by_region(found, waves, regions)),
            _or_missing(members, _joins_per_month),
            _or_missing(rounds, _coffee),
            _or_missing(attendance, lambda found: _attendance(found, "by_kind", "kind")),
            _or_missing(attendance, lambda found: _attendance(found, "by_pillar", "pillar")),
        ],
    )


def _members_by_region(
    found: dict[str, Any], waves: Any, regions: dict[str, str]
) -> dict[str, Any]:
    targets: Counter[str] = Counter()
    for wave in [] if isinstance(waves, ApiError) else waves:
        for slug in wave["regions"]:
            targets[slug] += wave["target"]
    counted = found["members_per_region"]
    slugs = sorted(set(counted) | set(targets), key=lambda slug: regions.get(slug, slug))
    rows = [(regions.get(slug, slug), counted.get(slug, 0), targets[slug]) for slug in slugs]
    return {
        "heading": "Members by region, against wave targets",
        "hint": "A wave recruiting in several regions counts its whole target in each of them.",
        "chart": bar_chart("Members by region", [(name, members) for name, members, _ in rows]),
        "headers": ["Region", "Members", "Targets of its waves"],
        "rows": rows,
    }


def _joins_per_month(found: dict[str, Any]) -> dict[str, Any]:
    rows = list(found["joins_per_month"].items())
    return {
        "heading": "Joins per month",
        "chart": line_chart("Members joining per month", {"Joins": rows}),
        "headers": ["Month", "Joins"],
        "rows": rows,
    }


def _meeting_rates(api: Gateway, token: str) -> list[dict[str, Any]]:
    rounds, _ = api.page("/matching/rounds", token=token, params={"page_size": ROUNDS_SHOWN})
    done = [r for r in reversed(rounds) if r["state"] == "completed"]
    paths = [f"/matching/rounds/{r['id']}/meeting-rates" for r in done]
    rates = api.together([partial(api.call, "GET", path, token=token) for path in paths])
    return [
        {**rate, "held_on": r["held_on"]}
        for r, rate in zip(done, rates, strict=True)
        if not isinstance(rate, ApiError)
    ]


def _coffee(rounds: list[dict[str, Any]]) -> dict[str, Any]:
    series = {
        "Met, of those who answered": [(r["held_on"], 100 * r["meeting_rate"]) for r in rounds],
        "Answered, of those matched": [(r["held_on"], 100 * r["answer_rate"]) for r in rounds],
    }
    rows = [
        (
            r["held_on"],
            r["matches"],
            f"{100 * r['answer_rate']:.0f}%",
            f"{100 * r['meeting_rate']:.0f}%",
        )
        for r in rounds
    ]
    return {
        "heading": "Coffee trials: meeting rates by round",
        "chart": line_chart("Coffee meeting rates by round", series, unit="%"),
        "headers": ["Round held on", "Matches", "Answered", "Met"],
        "rows": rows,
    }


def _attendance(found: dict[str, Any], key: str, named: str) -> dict[str, Any]:
    tallies = sorted(found[key].items())
    rows = [
        (name, tally["confirmed"], tally["attended"], tally["no_show"]) for name, tally in tallies
    ]
    return {
        "heading": f"Event attendance by {named}",
        "chart": bar_chart(
            f"Members who attended, by {named}", [(name, attended) for name, _, attended, _ in rows]
        ),
        "headers": [named.capitalize(), "Places confirmed", "Attended", "Did not attend"],
        "rows": rows,
    }


def _or_missing(found: Any, draw: Any) -> dict[str, Any]:
    # One service not answering leaves the other figures on the page.
    if isinstance(found, ApiError):
        if found.status == 401:
            raise found
        return {"heading": "Figures unavailable", "missing": found.message}
    part: dict[str, Any] = draw(found)
    return part
