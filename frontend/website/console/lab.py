"""The Q Lab: staff open cohorts, select participants, form teams, set milestones, close.

Every read and action is collaboration's own staff route, through the gateway.
"""

from typing import Any

from flask import flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from website.console import STAFF, blp
from website.console.access import console_page
from website.console.reading import read, read_all
from website.forms import Form
from website.gateway import ApiError
from website.people import people
from website.signed_in import member_api

PAGE = {"section": "console"}
COHORT_FIELDS = ("problem", "statement", "how_to_apply", "starts_on", "months", "capacity")
MILESTONE_FIELDS = ("title", "due_on", "what_is_due")
FORMS = ("team", "milestone")


@blp.get("/lab")
@console_page(STAFF)
def lab() -> ResponseReturnValue:
    """List the Lab's cohorts, and offer the form that opens a new one."""
    return _cohorts(Form())


@blp.post("/lab")
@console_page(STAFF)
def open_cohort() -> ResponseReturnValue:
    """Open a cohort on a problem; show the API's refusal beside each field."""
    form = Form(dict(request.form))
    body: dict[str, Any] = {name: form.value(name).strip() for name in COHORT_FIELDS}
    topics = [t.strip() for t in form.value("topics").split(",") if t.strip()]
    try:
        opened = member_api("POST", "/collaboration/cohorts", json={**body, "topics": topics})
    except ApiError as error:
        if error.status >= 500:
            raise
        return _cohorts(form.refused(error)), 422
    flash(f"The cohort on '{opened['problem']}' is open to applications.")
    return redirect(url_for("console.lab_cohort", cohort_id=opened["id"]))


@blp.get("/lab/<cohort_id>")
@console_page(STAFF)
def lab_cohort(cohort_id: str) -> ResponseReturnValue:
    """Show a cohort: its applications to select from, teams, milestones, and closing."""
    return _cohort(cohort_id, {})


@blp.post("/lab/<cohort_id>/participants")
@console_page(STAFF)
def select_participant(cohort_id: str) -> ResponseReturnValue:
    """Select an applicant as a participant."""
    body = {"member_id": request.form.get("member_id", "")}
    try:
        member_api("POST", f"/collaboration/cohorts/{cohort_id}/participants", json=body)
    except ApiError as error:
        if error.status >= 500:
            raise
        flash(f"Not selected: {error.fields.get('member_id') or error.message}")
    else:
        flash("The applicant is selected as a participant.")
    return redirect(url_for("console.lab_cohort", cohort_id=cohort_id))


@blp.post("/lab/<cohort_id>/teams")
@console_page(STAFF)
def form_team(cohort_id: str) -> ResponseReturnValue:
    """Form a team of the participants ticked, with a lead among them."""
    form = Form(request.form.to_dict(flat=False))
    body = {
        "name": _one(form, "name").strip(),
        "lead_member_id": _one(form, "lead_member_id"),
        "member_ids": form.value("member_ids", []),
    }
    form.values = {**body, "member_ids": body["member_ids"]}
    try:
        member_api("POST", f"/collaboration/cohorts/{cohort_id}/teams", json=body)
    except ApiError as error:
        if error.status >= 500:
            raise
        return _cohort(cohort_id, {"team": form.refused(error)}), 422
    flash(f"Team '{body['name']}' is formed.")
    return redirect(url_for("console.lab_cohort", cohort_id=cohort_id))


@blp.post("/lab/<cohort_id>/milestones")
@console_page(STAFF)
def add_milestone(cohort_id: str) -> ResponseReturnValue:
    """Add a milestone: a date and what is due by then."""
    form = Form(dict(request.form))
    body = {name: form.value(name).strip() for name in MILESTONE_FIELDS}
    try:
        member_api("POST", f"/collaboration/cohorts/{cohort_id}/milestones", json=body)
    except ApiError as error:
        if error.status >= 500:
            raise
        return _cohort(cohort_id, {"milestone": form.refused(error)}), 422
    flash(f"Milestone '{body['title']}' is added.")
    return redirect(url_for("console.lab_cohort", cohort_id=cohort_id))


@blp.post("/lab/<cohort_id>/close")
@console_page(STAFF)
def close_cohort(cohort_id: str) -> ResponseReturnValue:
    """Close a cohort; its outputs stay readable."""
    member_api("POST", f"/collaboration/cohorts/{cohort_id}/close")
    flash("The cohort is closed; its outputs stay readable.")
    return redirect(url_for("console.lab_cohort", cohort_id=cohort_id))


def _cohorts(form: Form) -> str:
    listed = member_api("GET", "/collaboration/cohorts")
    return render_template(
        "console/lab/cohorts.html", cohorts=listed, form=form, title="The Q Lab", **PAGE
    )


def _cohort(cohort_id: str, forms: dict[str, Form]) -> str:
    base = f"/collaboration/cohorts/{cohort_id}"
    shown, applications, teams, milestones = read_all(
        read(base), read(f"{base}/applications"), read(f"{base}/teams"), read(f"{base}/milestones")
    )
    applicants = people(a["member_id"] for a in applications)
    selected = [a for a in applications if a["status"] == "selected"]
    return render_template(
        "console/lab/cohort.html",
        cohort=shown,
        applications=applications,
        applicants=applicants,
        participants=[(a["member_id"], applicants[a["member_id"]].name) for a in selected],
        teams=teams,
        milestones=milestones,
        forms={name: forms.get(name) or Form() for name in FORMS},
        title=shown["problem"],
        **PAGE,
    )


def _one(form: Form, name: str) -> str:
    given = form.value(name, [""])
    return str(given[0]) if given else ""
