"""Collaborate: the Q Lab's cohorts, the resources library, and surveys members answer."""

from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from website.forms import GENERAL, Form
from website.gateway import ApiError
from website.signed_in import member_api, members_only

blp = Blueprint("collaborate", __name__)
PAGE = {"section": "collaborate"}
PILLARS = [("connect", "Connect"), ("exchange", "Exchange"), ("learn", "Learn")]
PILLARS += [("collaborate", "Collaborate")]
KINDS = [("caps-card", "CAPS card"), ("guide", "Guide"), ("tool", "Tool")]
KINDS += [("recording", "Recording")]


@blp.get("/lab")
@members_only
def cohorts() -> ResponseReturnValue:
    """List the Lab's cohorts, the newest first."""
    listed = member_api("GET", "/collaboration/cohorts")
    return render_template("collaborate/cohorts.html", cohorts=listed, title="The Q Lab", **PAGE)


@blp.route("/lab/<cohort_id>", methods=["GET", "POST"])
@members_only
def cohort(cohort_id: str) -> ResponseReturnValue:
    """Show a cohort, its milestones, teams and outputs; apply to it with a statement."""
    form = Form(dict(request.form))
    if request.method == "POST":
        form.require("statement", labels={"statement": "statement"})
        if not form.errors:
            try:
                path = f"/collaboration/cohorts/{cohort_id}/applications"
                member_api("POST", path, json={"statement": form.value("statement").strip()})
            except ApiError as error:
                if error.status >= 500:
                    raise
                form.refused(error)
            else:
                flash("Your application is in. Staff will tell you if you are selected.")
                return redirect(url_for("collaborate.cohort", cohort_id=cohort_id))
    base = f"/collaboration/cohorts/{cohort_id}"
    shown = member_api("GET", base)
    return render_template(
        "collaborate/cohort.html",
        cohort=shown,
        milestones=member_api("GET", f"{base}/milestones"),
        teams=member_api("GET", f"{base}/teams"),
        outputs=member_api("GET", f"{base}/outputs"),
        form=form,
        title=shown["problem"],
        **PAGE,
    )


@blp.get("/resources")
@members_only
def resources() -> ResponseReturnValue:
    """Search the resources library, narrowing by pillar, kind and topic."""
    wanted = {k: v for k in ("q", "pillar", "kind", "topic") if (v := request.args.get(k))}
    found = member_api("GET", "/collaboration/resources", params={**wanted, "page_size": 50})
    return render_template(
        "collaborate/resources.html",
        found=found,
        form=Form(wanted),
        pillars=PILLARS,
        kinds=KINDS,
        title="Resources",
        **PAGE,
    )


@blp.get("/resources/<resource_id>")
@members_only
def resource(resource_id: str) -> ResponseReturnValue:
    """Show one resource: its body or link, and its rating."""
    shown = member_api("GET", f"/collaboration/resources/{resource_id}")
    return render_template(
        "collaborate/resource.html", resource=shown, title=shown["title"], **PAGE
    )


@blp.get("/surveys")
@members_only
def surveys() -> ResponseReturnValue:
    """List the open surveys that ask you and that you have not answered."""
    asking = member_api("GET", "/collaboration/surveys/invitations/mine")
    return render_template("collaborate/surveys.html", surveys=asking, title="Surveys", **PAGE)


@blp.route("/surveys/<survey_id>", methods=["GET", "POST"])
@members_only
def survey(survey_id: str) -> ResponseReturnValue:
    """Show a survey's questions and take your answers, once."""
    shown = member_api("GET", f"/collaboration/surveys/{survey_id}")
    form = Form(request.form.to_dict(flat=False))
    if request.method == "POST":
        body = {"answers": answers_from(shown["questions"], form)}
        try:
            member_api("POST", f"/collaboration/surveys/{survey_id}/responses", json=body)
        except ApiError as error:
            if error.status >= 500:
                raise
            form.errors[GENERAL] = error.fields.get("answers") or error.message
        else:
            flash("Thank you: your answers are in.")
            return redirect(url_for("collaborate.surveys"))
    return render_template(
        "collaborate/survey.html", survey=shown, form=form, title=shown["title"], **PAGE
    )


def answers_from(questions: list[dict[str, Any]], form: Form) -> dict[str, Any]:
    """Turn the survey form's fields into the API's answers, leaving out what was skipped."""
    found: dict[str, Any] = {}
    for question in questions:
        given = [v for v in form.value(f"q-{question['id']}", []) if v.strip()]
        if not given:
            continue
        if question["kind"] == "scale":
            found[question["id"]] = {"value": int(given[0])}
        elif question["kind"] == "free-text":
            found[question["id"]] = {"text": given[0]}
        else:
            found[question["id"]] = {"choices": given}
    return found
