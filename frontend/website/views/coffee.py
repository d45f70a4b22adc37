"""Coffee trials: taking part and how, my matches, and "did you meet?"."""

from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from website.forms import Form
from website.gateway import ApiError
from website.people import names
from website.signed_in import api, member_api, member_id, members_only

blp = Blueprint("coffee", __name__, url_prefix="/coffee")
PAGE = {"section": "connect"}
FORMATS = [("either", "Either"), ("virtual", "Online"), ("in-person", "In person")]
FREQUENCIES = [
    ("monthly", "Every month"),
    ("every-two-months", "Every two months"),
    ("quarterly", "Every three months"),
]
OUTCOMES = [
    ("met", "Yes, we met"),
    ("rescheduled", "Not yet, we have a new date"),
    ("did-not-meet", "No, we did not meet"),
]
RATINGS = [("", "No rating"), *[(str(n), f"{n} out of 5") for n in range(5, 0, -1)]]
CANDIDATES_SHOWN = 8
TICKED = ("opted_in", "prefers_other_organisation", "prefers_other_region", "skip_next_round")


@blp.route("", methods=["GET", "POST"])
@members_only
def participation() -> ResponseReturnValue:
    """Opt in or out of coffee trials, and say how, how often, and with whom not."""
    path = f"/matching/participation/{member_id()}"
    current = member_api("GET", path)
    form = Form(_as_form(current))
    chosen = current.get("never_pair_with") or []
    found: list[dict[str, Any]] = []
    if request.method == "POST":
        form = Form({**request.form, **{n: bool(request.form.get(n)) for n in TICKED}})
        chosen = _unique(request.form.getlist("never_pair_with"))
        if request.form.get("action") == "find" and form.value("never_find").strip():
            # Without JavaScript, finding someone is a step of its own: nothing is saved yet.
            found = _candidates(form.value("never_find"), chosen)
        else:
            try:
                member_api("PATCH", path, json=_change_of(request.form))
            except ApiError as error:
                if error.status >= 500:
                    raise
                form.refused(error)
            else:
                flash("Your coffee trial choices are saved.")
                return redirect(url_for("coffee.participation"))
    return render_template(
        "coffee/participation.html",
        form=form,
        formats=FORMATS,
        frequencies=FREQUENCIES,
        never=list(names(chosen).items()),
        found=found,
        title="Randomised Coffee Trials",
        **PAGE,
    )


@blp.get("/never-pair")
@members_only
def never_pair_candidates() -> ResponseReturnValue:
    """Show the members whose names match, to tick as never to be paired with."""
    query = request.args.get("never_find", "")
    if not request.headers.get("HX-Request"):
        return redirect(url_for("coffee.participation"))
    found = _candidates(query, request.args.getlist("never_pair_with"))
    return render_template("coffee/_never_found.html", found=found, query=query)


@blp.get("/matches")
@members_only
def matches() -> ResponseReturnValue:
    """List my matches, newest first, with who I am meeting."""
    me = member_id()
    found = member_api("GET", f"/matching/participation/{me}/matches")
    people = names(
        list({other: 0 for match in found for other in match["member_ids"] if other != me})
    )
    return render_template(
        "coffee/matches.html", matches=found, people=people, title="My coffee matches", **PAGE
    )


@blp.route("/feedback/<match_id>", methods=["GET", "POST"])
@members_only
def feedback(match_id: str) -> ResponseReturnValue:
    """Say whether I met my match, with a rating if I like."""
    form = Form(dict(request.form))
    if request.method == "POST":
        if not form.value("outcome"):
            form.errors["outcome"] = "Say whether you met"
        else:
            body: dict[str, Any] = {"outcome": form.value("outcome")}
            if form.value("rating"):
                body["rating"] = int(form.value("rating"))
            try:
                member_api("POST", f"/matching/matches/{match_id}/feedback", json=body)
            except ApiError as error:
                if error.status >= 500 or error.status in (403, 404):
                    raise
                form.refused(error)
            else:
                return render_template("coffee/thanks.html", title="Thank you", **PAGE)
    return render_template(
        "coffee/feedback.html",
        form=form,
        outcomes=OUTCOMES,
        ratings=RATINGS,
        title="Did you meet?",
        **PAGE,
    )


def _as_form(current: dict[str, Any]) -> dict[str, Any]:
    values = dict(current)
    values["paused_until"] = current.get("paused_until") or ""
    return values


def _change_of(form: Any) -> dict[str, Any]:
    change: dict[str, Any] = {name: bool(form.get(name)) for name in TICKED}
    change["meeting_format"] = form.get("meeting_format") or "either"
    change["frequency"] = form.get("frequency") or "monthly"
    change["paused_until"] = form.get("paused_until") or None
    change["never_pair_with"] = _unique(form.getlist("never_pair_with"))
    return change


def _candidates(query: str, chosen: list[str]) -> list[dict[str, Any]]:
    """Return up to a few members named like `query`, leaving out me and those chosen."""
    if not query.strip():
        return []
    params = {"q": query.strip()[:200], "page_size": CANDIDATES_SHOWN}
    found = api("GET", "/membership/directory", params=params)
    left_out = {member_id(), *chosen}
    return [m for m in found if m["id"] not in left_out]


def _unique(ids: list[str]) -> list[str]:
    return list(dict.fromkeys(i.strip() for i in ids if i.strip()))
