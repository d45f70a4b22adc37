"""Surveys: staff write one, open and close it, read results, and keep its improvement cycle.

Every read and action is collaboration's own staff route, through the gateway.
"""

from typing import Any

from flask import flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from markupsafe import Markup

from website.console import STAFF, blp
from website.console.access import console_page
from website.console.charts import bar_chart
from website.console.reading import read, read_all
from website.forms import Form
from website.gateway import ApiError
from website.signed_in import member_api

PAGE = {"section": "console"}
# A fixed number of question slots keeps the form plain HTML; empty slots are left out.
QUESTION_SLOTS = 5
KINDS = [
    ("single-choice", "Single choice"),
    ("multiple-choice", "Multiple choice"),
    ("scale", "Scale"),
    ("free-text", "Free text"),
]
AUDIENCES = [
    ("everyone", "Every member"),
    ("region", "A region"),
    ("wave", "A wave"),
    ("coffee-participants", "Coffee participants"),
    ("event-attendees", "An event's attendees"),
    ("lab-cohort", "A Lab cohort"),
]
FREE_TEXT = "free-text"
# The improvement cycle a survey belongs to: the Q activity, then its plan-do-study-act notes.
CYCLE = {
    "activity": "The Q activity the cycle improves",
    "plan": "Plan: the change to try, and what we expect",
    "do": "Do: what happened when we tried it",
    "study": "Study: what the results tell us",
    "act": "Act: what we adopt, adapt or abandon",
}
ACTIVITY_MAX, NOTE_MAX = 200, 5000


@blp.get("/surveys")
@console_page(STAFF)
def surveys() -> ResponseReturnValue:
    """List every survey, and offer the form that writes a new one."""
    return _surveys(Form())


@blp.post("/surveys")
@console_page(STAFF)
def write_survey() -> ResponseReturnValue:
    """Write a draft survey; show the API's refusal beside each field."""
    form = Form(dict(request.form))
    try:
        written = member_api("POST", "/collaboration/surveys", json=survey_body(form))
    except ApiError as error:
        if error.status >= 500:
            raise
        return _surveys(form.refused(error)), 422
    flash(f"The survey '{written['title']}' is written as a draft.")
    return redirect(url_for("console.survey", survey_id=written["id"]))


@blp.get("/surveys/<survey_id>")
@console_page(STAFF)
def survey(survey_id: str) -> ResponseReturnValue:
    """Show a survey, its questions, opening and closing, and its results as charts."""
    shown, results = read_all(
        read(f"/collaboration/surveys/{survey_id}"),
        read(f"/collaboration/surveys/{survey_id}/results"),
    )
    return render_template(
        "console/surveys/survey.html",
        survey=shown,
        results=results,
        counted=[_counted(question, shown["questions"]) for question in results["questions"]],
        kinds=dict(KINDS),
        audiences=dict(AUDIENCES),
        cycle=[(part, label, _short(part)) for part, label in CYCLE.items()],
        title=shown["title"],
        **PAGE,
    )


@blp.post("/surveys/<survey_id>/<any(open, close):step>")
@console_page(STAFF)
def survey_step(survey_id: str, step: str) -> ResponseReturnValue:
    """Open a draft survey to its audience, or close an open one."""
    try:
        member_api("POST", f"/collaboration/surveys/{survey_id}/{step}")
    except ApiError as error:
        if error.status >= 500:
            raise
        flash(f"Not done: {error.message}")
    else:
        flash("The survey is open to its audience." if step == "open" else "The survey is closed.")
    return redirect(url_for("console.survey", survey_id=survey_id))


@blp.get("/surveys/<survey_id>/cycle/<any(activity, plan, do, study, act):part>")
@console_page(STAFF)
def cycle_part(survey_id: str, part: str) -> ResponseReturnValue:
    """Show one part of the survey's improvement cycle to change."""
    shown = member_api("GET", f"/collaboration/surveys/{survey_id}")
    written = shown["cycle_activity"] if part == "activity" else shown["cycle_notes"].get(part)
    return _cycle_page(shown, part, Form({part: written or ""}))


@blp.post("/surveys/<survey_id>/cycle/<any(activity, plan, do, study, act):part>")
@console_page(STAFF)
def note_cycle(survey_id: str, part: str) -> ResponseReturnValue:
    """Save one part of the survey's improvement cycle; show what is wrong beside the field."""
    form = Form({part: request.form.get(part, "").replace("\r\n", "\n").strip()})
    form.errors.update(_cycle_errors(part, form.value(part)))
    if not form.errors:
        body = {part: form.value(part)} if part == "activity" else {"notes": form.values}
        try:
            member_api("PUT", f"/collaboration/surveys/{survey_id}/cycle", json=body)
        except ApiError as error:
            if error.status >= 500 or error.status in (401, 403, 404):
                raise
            message = next(iter(error.fields.values()), error.message)
            form.errors[part] = f"{_short(part)}: {message}"
        else:
            flash(f"{_short(part)} is saved.")
            return redirect(url_for("console.survey", survey_id=survey_id, _anchor="cycle"))
    shown = member_api("GET", f"/collaboration/surveys/{survey_id}")
    return _cycle_page(shown, part, form), 422


def _cycle_errors(part: str, given: str) -> dict[str, str]:
    if part == "activity" and not given:
        return {part: "Enter the Q activity the cycle improves"}
    if part == "activity" and ("\n" in given or len(given) > ACTIVITY_MAX):
        return {part: f"The Q activity must be one line of {ACTIVITY_MAX} characters or fewer"}
    if len(given) > NOTE_MAX:
        return {part: f"{_short(part)} must be {NOTE_MAX:,} characters or fewer"}
    return {}


def _short(part: str) -> str:
    return "The Q activity" if part == "activity" else part.capitalize()


def _cycle_page(shown: dict[str, Any], part: str, form: Form) -> str:
    return render_template(
        "console/surveys/cycle.html",
        survey=shown,
        part=part,
        label=CYCLE[part],
        form=form,
        title=f"{_short(part)}: {shown['title']}",
        **PAGE,
    )


def survey_body(form: Form) -> dict[str, Any]:
    """Turn the survey form's fields into the API's survey, leaving out empty question slots."""
    questions = []
    for slot in range(1, QUESTION_SLOTS + 1):
        prompt = form.value(f"q{slot}_prompt").strip()
        if not prompt:
            continue
        kind = form.value(f"q{slot}_kind")
        question: dict[str, Any] = {"kind": kind, "prompt": prompt}
        options = [line.strip() for line in form.value(f"q{slot}_options").splitlines()]
        if kind in ("single-choice", "multiple-choice"):
            question["options"] = [option for option in options if option]
        if kind == "scale":
            scale_max = form.value(f"q{slot}_scale_max").strip()
            question["scale_max"] = int(scale_max) if scale_max.isdigit() else None
        questions.append(question)
    return {
        "title": form.value("title").strip(),
        "introduction": form.value("introduction").strip(),
        "anonymous": form.value("anonymous") == "yes",
        "audience": form.value("audience"),
        "audience_value": form.value("audience_value").strip() or None,
        "questions": questions,
    }


def _surveys(form: Form) -> str:
    listed = member_api("GET", "/collaboration/surveys")
    return render_template(
        "console/surveys/surveys.html",
        surveys=listed,
        form=form,
        slots=range(1, QUESTION_SLOTS + 1),
        kinds=KINDS,
        audiences=AUDIENCES,
        title="Surveys",
        **PAGE,
    )


def _counted(
    question: dict[str, Any], asked: list[dict[str, Any]]
) -> tuple[Markup, list[tuple[str, int]]] | None:
    # Counts come keyed by choice; show them in the order the question offered them.
    if question["kind"] == FREE_TEXT:
        return None
    counts = question["counts"]
    [offered] = [q.get("options") or [] for q in asked if q["id"] == question["question_id"]]
    if question["kind"] == "scale":
        offered = sorted(counts, key=int)
    rows = [(choice, counts[choice]) for choice in offered if choice in counts]
    rows += [(choice, count) for choice, count in counts.items() if choice not in offered]
    return bar_chart(question["prompt"], [(c, float(n)) for c, n in rows]), rows
