"""Collaborate: the Q Lab's cohorts, the resources library, and surveys members answer."""

from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from website.forms import GENERAL, Form
from website.gateway import ApiError
from website.signed_in import member_api, member_id, member_page, members_only

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
    number = max(request.args.get("page", 1, type=int) or 1, 1)
    params = {**wanted, "page": number, "page_size": 50}
    found, pages = member_page("/collaboration/resources", params=params)
    facets = member_api("GET", "/collaboration/resources/facets", params=wanted)["facets"]
    return render_template(
        "collaborate/resources.html",
        found=found,
        total=pages.get("total", len(found)),
        facets=facets,
        next_page=pages.get("next_page"),
        wanted=wanted,
        form=Form(wanted),
        pillars=PILLARS,
        kinds=KINDS,
        title="Resources",
        **PAGE,
    )


@blp.route("/resources/suggest", methods=["GET", "POST"])
@members_only
def suggest_resource() -> ResponseReturnValue:
    """Suggest a resource for the library; staff read it before members see it."""
    form = Form(dict(request.form))
    if request.method == "POST":
        try:
            member_api("POST", "/collaboration/resources", json=resource_body(form))
        except ApiError as error:
            if error.status >= 500:
                raise
            form.refused(error)
        else:
            flash("Thank you: staff will read your suggestion before it is published.")
            return redirect(url_for("collaborate.resources"))
    return render_template(
        "collaborate/suggest.html",
        form=form,
        pillars=PILLARS,
        kinds=KINDS,
        title="Suggest a resource",
        **PAGE,
    )


@blp.get("/resources/saved")
@members_only
def saved_resources() -> ResponseReturnValue:
    """List the resources you saved."""
    saved = member_api("GET", f"/collaboration/resources/favourites/{member_id()}")
    return render_template(
        "collaborate/saved.html", saved=saved, title="My saved resources", **PAGE
    )


@blp.get("/resources/<resource_id>")
@members_only
def resource(resource_id: str) -> ResponseReturnValue:
    """Show one resource: its body or link, its rating, and whether you saved it."""
    shown = member_api("GET", f"/collaboration/resources/{resource_id}")
    saved = member_api("GET", f"/collaboration/resources/favourites/{member_id()}")
    return render_template(
        "collaborate/resource.html",
        resource=shown,
        saved=any(r["id"] == resource_id for r in saved),
        title=shown["title"],
        **PAGE,
    )


@blp.post("/resources/<resource_id>/favourite")
@members_only
def save_resource(resource_id: str) -> ResponseReturnValue:
    """Save a resource to your favourites."""
    _act("PUT", f"/collaboration/resources/{resource_id}/favourite", "Saved to your resources.")
    return redirect(url_for("collaborate.resource", resource_id=resource_id))


@blp.post("/resources/<resource_id>/unfavourite")
@members_only
def unsave_resource(resource_id: str) -> ResponseReturnValue:
    """Remove a resource from your favourites."""
    path = f"/collaboration/resources/{resource_id}/favourite"
    _act("DELETE", path, "Removed from your saved resources.")
    return redirect(url_for("collaborate.resource", resource_id=resource_id))


@blp.post("/resources/<resource_id>/rating")
@members_only
def rate_resource(resource_id: str) -> ResponseReturnValue:
    """Rate a resource from 1 to 5 stars; a new rating replaces your last."""
    stars = request.form.get("stars", "")
    body = {"stars": int(stars) if stars.isdigit() else stars}
    path = f"/collaboration/resources/{resource_id}/rating"
    _act("PUT", path, f"You rated it {stars} out of 5.", json=body)
    return redirect(url_for("collaborate.resource", resource_id=resource_id))


def _act(method: str, path: str, done: str, **options: Any) -> None:
    try:
        member_api(method, path, **options)
    except ApiError as error:
        if error.status >= 500:
            raise
        flash(f"Not done: {error.fields.get('stars') or error.message}")
    else:
        flash(done)


def resource_body(form: Form) -> dict[str, Any]:
    """Turn the resource form's fields into the API's resource, a link or a Markdown body."""
    topics = [topic.strip() for topic in form.value("topics").split(",")]
    return {
        "title": form.value("title").strip(),
        "summary": form.value("summary").strip(),
        "pillar": form.value("pillar"),
        "kind": form.value("kind"),
        "topics": [topic for topic in topics if topic],
        "link": form.value("link").strip() or None,
        "body": form.value("body").strip() or None,
    }


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
