"""Applications: the queue by wave, region and status; decide one, or approve several at once."""

from typing import Any

from flask import flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from website.console import PARTNER_REVIEWER, STAFF, blp
from website.console.access import caller_region, caller_roles, console_page
from website.forms import Form
from website.gateway import ApiError
from website.signed_in import gateway, member_api

FILTERS = ("wave_id", "region", "status")
STATUSES = [
    ("submitted", "Awaiting a decision"),
    ("approved", "Approved"),
    ("rejected", "Rejected"),
    ("withdrawn", "Withdrawn"),
]
QUEUE_SIZE = 100


@blp.get("/applications")
@console_page(STAFF, PARTNER_REVIEWER)
def applications() -> ResponseReturnValue:
    """List applications, oldest first, filtered by wave, region and status."""
    args = {name: request.args[name] for name in FILTERS if request.args.get(name)}
    args.setdefault("status", "submitted")
    staff = STAFF in caller_roles()
    if not staff:
        args["region"] = caller_region() or "-"
    found = member_api("GET", "/membership/applications", params={**args, "page_size": QUEUE_SIZE})
    regions = gateway().reference("/membership/regions")
    return render_template(
        "console/applications.html",
        title="Applications",
        applications=found,
        args=args,
        staff=staff,
        waves=gateway().call("GET", "/membership/waves"),
        regions=regions,
        names={region["slug"]: region["name"] for region in regions},
        statuses=STATUSES,
    )


@blp.post("/applications/approve")
@console_page(STAFF, PARTNER_REVIEWER)
def approve_several() -> ResponseReturnValue:
    """Approve every application ticked, each as the API allows the caller."""
    chosen = request.form.getlist("application")[:QUEUE_SIZE]
    if not chosen:
        flash("Tick the applications to approve first.")
        return redirect(request.referrer or url_for("console.applications"))
    # One after another: approvals in one wave contend in membership, and each is quick.
    refused: list[str] = []
    for application_id in chosen:
        try:
            member_api("POST", f"/membership/applications/{application_id}/approve")
        except ApiError as error:
            if error.status >= 500 or error.status == 401:
                raise
            refused.append(error.message)
    flash(f"{len(chosen) - len(refused)} approved.")
    for message in refused:
        flash(f"Not approved: {message}")
    return redirect(request.referrer or url_for("console.applications"))


@blp.get("/applications/<application_id>")
@console_page(STAFF, PARTNER_REVIEWER)
def application(application_id: str, form: Form | None = None) -> Any:
    """Show one application, its statement, and how to decide it."""
    found = member_api("GET", f"/membership/applications/{application_id}")
    return render_template(
        "console/application.html",
        title=f"Application from {found['name']}",
        application=found,
        form=form or Form(),
    )


@blp.post("/applications/<application_id>/approve")
@console_page(STAFF, PARTNER_REVIEWER)
def approve(application_id: str) -> ResponseReturnValue:
    """Approve one application: the applicant becomes a member."""
    try:
        decided = member_api("POST", f"/membership/applications/{application_id}/approve")
    except ApiError as error:
        if error.status >= 500 or error.status in (403, 404):
            raise
        flash(f"Not approved: {error.message}")
    else:
        flash(f"{decided['name']} is approved and becomes a member.")
    return redirect(url_for("console.applications"))


@blp.post("/applications/<application_id>/reject")
@console_page(STAFF, PARTNER_REVIEWER)
def reject(application_id: str) -> ResponseReturnValue:
    """Turn an application down, with the reason the applicant is told."""
    form = Form(request.form.to_dict())
    form.errors.update({"reason": "Enter the reason"} if not form.value("reason").strip() else {})
    if not form.errors:
        try:
            decided = member_api(
                "POST",
                f"/membership/applications/{application_id}/reject",
                json={"reason": form.value("reason")},
            )
        except ApiError as error:
            if error.status >= 500 or error.status in (403, 404):
                raise
            form.refused(error, labels={"reason": "Reason"})
        else:
            flash(f"{decided['name']}'s application is rejected; they are told why.")
            return redirect(url_for("console.applications"))
    return application(application_id, form=form), 422
