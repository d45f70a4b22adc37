"""Coffee trials: staff set the schedule, start a round, watch it run, and read its figures.

Every read and action is matching's own staff route, through the gateway.
"""

from typing import Any

from flask import flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from markupsafe import Markup

from website.console import STAFF, blp
from website.console.access import console_page
from website.console.charts import bar_chart, line_chart
from website.console.reading import read, read_all
from website.forms import Form
from website.gateway import ApiError
from website.signed_in import member_api, member_reads

PAGE = {"section": "console"}
ROUNDS_CHARTED = 12
SCHEDULE_FIELDS = ("every_months", "day_of_month", "cooldown", "next_round_on")
QUALITY = (
    ("cross_organisation_share", "Met someone from another organisation"),
    ("cross_region_share", "Met someone from another region"),
    ("preference_hits", "Wishes met"),
)


@blp.get("/coffee")
@console_page(STAFF)
def coffee() -> ResponseReturnValue:
    """Show the schedule, the rounds, and meeting rates and quality over rounds."""
    return _overview(Form(), Form())


@blp.post("/coffee/rounds")
@console_page(STAFF)
def start_round() -> ResponseReturnValue:
    """Ask matching to run a round now (or on the day given)."""
    form = Form(dict(request.form))
    body = {"held_on": form.value("held_on")} if form.value("held_on").strip() else {}
    try:
        started = member_api("POST", "/matching/rounds", json=body)
    except ApiError as error:
        if error.status >= 500:
            raise
        return _overview(form.refused(error, labels={"held_on": "Day of the round"}), Form()), 422
    flash("The round is requested; a worker pairs the members in a moment.")
    return redirect(url_for("console.coffee_round", round_id=started["id"]))


@blp.post("/coffee/schedule")
@console_page(STAFF)
def set_schedule() -> ResponseReturnValue:
    """Change how often rounds run by themselves, and when the next one is."""
    form = Form(dict(request.form))
    body: dict[str, Any] = {name: form.value(name).strip() or None for name in SCHEDULE_FIELDS}
    try:
        member_api("PUT", "/matching/rounds/schedule", json=body)
    except ApiError as error:
        if error.status >= 500:
            raise
        return _overview(Form(), form.refused(error)), 422
    flash("The schedule is saved.")
    return redirect(url_for("console.coffee"))


@blp.get("/coffee/rounds/<round_id>")
@console_page(STAFF)
def coffee_round(round_id: str) -> ResponseReturnValue:
    """Show a round as it runs, then its pairs, quality figures and meeting rates."""
    shown, matches, rates = member_reads(
        read(f"/matching/rounds/{round_id}"),
        read(f"/matching/rounds/{round_id}/matches", page_size=200),
        read(f"/matching/rounds/{round_id}/meeting-rates"),
    )
    if isinstance(shown, ApiError):
        raise shown
    completed = shown["state"] == "completed"
    quality = [(label, round(100.0 * (shown.get(key) or 0), 1)) for key, label in QUALITY]
    return render_template(
        "console/coffee/round.html",
        round=shown,
        matches=matches if completed and not isinstance(matches, ApiError) else [],
        rates=rates if completed and not isinstance(rates, ApiError) else None,
        quality=quality,
        quality_chart=bar_chart("Quality of the pairing", quality, unit="%") if completed else None,
        title=f"Coffee round {shown.get('number') or ''}".strip(),
        **PAGE,
    )


@blp.get("/coffee/rounds/<round_id>/audit")
@console_page(STAFF)
def round_audit(round_id: str) -> ResponseReturnValue:
    """Pair a completed round's snapshot again with its seed, and say whether it matches."""
    audit = member_api("GET", f"/matching/rounds/{round_id}/audit")
    return render_template(
        "console/coffee/audit.html", audit=audit, round_id=round_id, title="Round audit", **PAGE
    )


def _overview(start: Form, schedule_form: Form) -> str:
    schedule, rounds, rates = read_all(
        read("/matching/rounds/schedule"),
        read("/matching/rounds", page_size=24),
        read("/matching/rounds/meeting-rates", last=ROUNDS_CHARTED),
    )
    if not schedule_form.values:
        schedule_form.values = {k: "" if v is None else str(v) for k, v in schedule.items()}
    completed = [r for r in reversed(rounds) if r["state"] == "completed"][-ROUNDS_CHARTED:]
    return render_template(
        "console/coffee/overview.html",
        schedule=schedule,
        rounds=rounds,
        start=start,
        schedule_form=schedule_form,
        rates_chart=_rates_chart(rates),
        rates_rows=[
            (f"Round {r['number']}", _percent(r["meeting_rate"]), _percent(r["answer_rate"]))
            for r in rates
        ],
        quality_chart=_quality_chart(completed),
        quality_rows=[
            (f"Round {r['number']}", *(_percent(r.get(key) or 0) for key, _ in QUALITY))
            for r in completed
        ],
        quality_headers=["Round", *(label for _, label in QUALITY)],
        title="Coffee trials",
        **PAGE,
    )


def _rates_chart(rates: list[dict[str, Any]]) -> Markup:
    series = {
        "Meeting rate": [(f"Round {r['number']}", 100 * r["meeting_rate"]) for r in rates],
        "Answer rate": [(f"Round {r['number']}", 100 * r["answer_rate"]) for r in rates],
    }
    return line_chart("Meeting and answer rates over rounds", series, unit="%")


def _quality_chart(completed: list[dict[str, Any]]) -> Markup:
    series = {
        label: [(f"Round {r['number']}", 100.0 * (r.get(key) or 0)) for r in completed]
        for key, label in QUALITY
    }
    return line_chart("Quality of the pairing over rounds", series, unit="%")


def _percent(share: float) -> str:
    return f"{100 * share:.1f}%"
