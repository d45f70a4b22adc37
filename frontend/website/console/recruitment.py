"""Recruitment: waves per region, their progress against target by week; regions."""

from datetime import UTC, date, datetime
from typing import Any

from flask import flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from website.console import PARTNER_REVIEWER, STAFF, blp
from website.console.access import caller_region, caller_roles, console_page
from website.console.charts import line_chart
from website.forms import Form
from website.gateway import ApiError
from website.signed_in import gateway, member_api

WAVE_FIELDS = ("name", "partner", "opens_on", "closes_on", "target")
LABELS = {"opens_on": "Opens on", "closes_on": "Closes on", "partner": "Partner organisation"}
REGION_LABELS = {"region_name": "Region name", "region_slug": "Short name", "new_name": "New name"}


@blp.get("/recruitment")
@console_page(STAFF, PARTNER_REVIEWER)
def recruitment(
    wave_form: Form | None = None,
    region_form: Form | None = None,
    rename_form: Form | None = None,
) -> Any:
    """List the waves the caller follows, with forms to schedule a wave and add a region."""
    regions = gateway().call("GET", "/membership/regions")
    mine = None if STAFF in caller_roles() else caller_region()
    waves = [
        {**wave, "state": wave_state(wave)}
        for wave in gateway().call("GET", "/membership/waves")
        if mine is None or mine in wave["regions"]
    ]
    return render_template(
        "console/recruitment.html",
        title="Recruitment",
        waves=list(reversed(waves)),
        regions=regions,
        names={region["slug"]: region["name"] for region in regions},
        region_options=[(region["slug"], region["name"]) for region in regions if region["active"]],
        staff=STAFF in caller_roles(),
        wave_form=wave_form or Form(),
        region_form=region_form or Form(),
        rename_form=rename_form or Form(),
    )


@blp.post("/recruitment/waves")
@console_page(STAFF)
def schedule_wave() -> ResponseReturnValue:
    """Schedule a wave for the regions chosen."""
    form = Form({**request.form.to_dict(), "regions": request.form.getlist("regions")})
    form.require("name", "partner", "opens_on", "closes_on", "target", labels=LABELS)
    if not form.values["regions"]:
        form.errors["regions"] = "Choose at least one region"
    if not form.errors:
        try:
            body = {**_wave_body(form), "regions": form.values["regions"]}
            wave = member_api("POST", "/membership/waves", json=body)
        except ApiError as error:
            _refused(form, error)
        else:
            flash(f"Wave '{wave['name']}' is scheduled.")
            return redirect(url_for("console.wave", wave_id=wave["id"]))
    return recruitment(wave_form=form), 422


@blp.post("/recruitment/regions")
@console_page(STAFF)
def add_region() -> ResponseReturnValue:
    """Add a region to Q's list."""
    form = Form(request.form.to_dict())
    form.require("region_name", "region_slug", labels=REGION_LABELS)
    if not form.errors:
        try:
            body = {"slug": form.value("region_slug"), "name": form.value("region_name")}
            member_api("POST", "/membership/regions", json=body)
        except ApiError as error:
            _refused(form, error, fields={"slug": "region_slug", "name": "region_name"})
        else:
            flash(f"Region '{form.value('region_name')}' is added.")
            return redirect(url_for("console.recruitment"))
    return recruitment(region_form=form), 422


@blp.post("/recruitment/regions/rename")
@console_page(STAFF)
def rename_region() -> ResponseReturnValue:
    """Rename a region: mail and pages name it so from now on."""
    form = Form(request.form.to_dict())
    form.require("new_name", labels=REGION_LABELS)
    if not form.errors:
        slug, name = form.value("slug_to_rename"), form.value("new_name")
        try:
            member_api("PATCH", f"/membership/regions/{slug}", json={"name": name})
        except ApiError as error:
            _refused(form, error, fields={"name": "new_name"})
        else:
            flash(f"The region is now called '{name}'.")
            return redirect(url_for("console.recruitment") + "#region-list")
    return recruitment(rename_form=form), 422


@blp.post("/recruitment/regions/<slug>/active")
@console_page(STAFF)
def retire_or_restore_region(slug: str) -> ResponseReturnValue:
    """Retire a region (it takes no applications) or restore it."""
    active = request.form.get("active") == "true"
    region = member_api("PATCH", f"/membership/regions/{slug}", json={"active": active})
    state = "restored" if region["active"] else "retired: it takes no applications"
    flash(f"{region['name']} is {state}.")
    return redirect(url_for("console.recruitment") + "#region-list")


@blp.get("/recruitment/waves/<wave_id>")
@console_page(STAFF, PARTNER_REVIEWER)
def wave(wave_id: str, form: Form | None = None) -> Any:
    """Show a wave's progress: approved against target, week by week, and its figures."""
    progress = member_api("GET", f"/membership/waves/{wave_id}/progress")
    details = {**progress["wave"], "state": wave_state(progress["wave"])}
    weeks = progress["approved_by_week"]
    rows = [(week["week_starting"], week["approved"], week["approved_so_far"]) for week in weeks]
    chart = line_chart(
        f"Approved so far against the target of {progress['target']}, by week",
        {
            "Approved so far": [(week["week_starting"], week["approved_so_far"]) for week in weeks],
            "Target": [(week["week_starting"], progress["target"]) for week in weeks],
        },
    )
    return render_template(
        "console/wave.html",
        title=details["name"],
        wave=details,
        progress=progress,
        chart=chart,
        rows=rows,
        staff=STAFF in caller_roles(),
        form=form or Form({name: details[name] for name in WAVE_FIELDS}),
    )


@blp.post("/recruitment/waves/<wave_id>")
@console_page(STAFF)
def change_wave(wave_id: str) -> ResponseReturnValue:
    """Change a wave's dates, target, name or partner."""
    form = Form(request.form.to_dict())
    form.require(*WAVE_FIELDS, labels=LABELS)
    if not form.errors:
        try:
            member_api("PATCH", f"/membership/waves/{wave_id}", json=_wave_body(form))
        except ApiError as error:
            _refused(form, error)
        else:
            flash("The wave is changed.")
            return redirect(url_for("console.wave", wave_id=wave_id))
    return wave(wave_id, form=form), 422


@blp.post("/recruitment/waves/<wave_id>/close")
@console_page(STAFF)
def close_wave(wave_id: str) -> ResponseReturnValue:
    """Close a wave early: from today it takes no applications."""
    try:
        member_api("POST", f"/membership/waves/{wave_id}/close")
    except ApiError as error:
        if error.status >= 500 or error.status == 404:
            raise
        flash(f"The wave was not closed: {error.message}")
    else:
        flash("The wave is closed: it takes no more applications.")
    return redirect(url_for("console.wave", wave_id=wave_id))


def wave_state(wave: dict[str, Any]) -> str:
    """Say where a wave stands today: upcoming, open, closed early or closed."""
    today = datetime.now(UTC).date()
    if wave.get("closed_on"):
        return "closed early"
    if date.fromisoformat(wave["opens_on"]) > today:
        return "upcoming"
    return "open" if date.fromisoformat(wave["last_day"]) >= today else "closed"


def _wave_body(form: Form) -> dict[str, Any]:
    body: dict[str, Any] = {name: form.value(name).strip() for name in WAVE_FIELDS}
    target = body["target"]
    body["target"] = int(target) if target.isdigit() else target
    return body


def _refused(form: Form, error: ApiError, fields: dict[str, str] | None = None) -> None:
    """Show the API's refusal on the form; `fields` maps the API's field names to the form's."""
    if error.status >= 500:
        raise error
    renamed = {(fields or {}).get(name, name): message for name, message in error.fields.items()}
    form.refused(ApiError(error.status, error.message, renamed), labels={**LABELS, **REGION_LABELS})
