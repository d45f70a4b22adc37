"""Join Q: the waves open by region, the application, its confirmation, its withdrawal."""

from datetime import date
from typing import Any

from flask import Blueprint, current_app, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue

from website.forms import Form
from website.gateway import ApiError
from website.signed_in import gateway

blp = Blueprint("join", __name__, url_prefix="/join")
PAGE = {"section": "join"}
MAIL_CATEGORIES = [
    ("digest", "Q-municate, the monthly digest of news and opportunities"),
    ("coffee-trials", "Randomised Coffee Trials: a monthly match with another member"),
    ("events", "Events: invitations, reminders and changes"),
    ("community-news", "Community news: new groups and posts in your areas"),
]
LABELS = {
    "name": "Full name",
    "email": "Email address",
    "organisation": "Organisation",
    "job_title": "Job title",
    "region": "Region",
    "statement": "Your improvement experience",
    "consent": "Privacy notice",
}


@blp.get("")
def waves() -> ResponseReturnValue:
    """Show the regions recruiting now, and when the next waves open."""
    regions, open_waves, later = _regions_and_waves()
    return render_template(
        "join/waves.html",
        open_waves=open_waves,
        later=later,
        regions=regions,
        title="Join Q",
        **PAGE,
    )


@blp.route("/apply", methods=["GET", "POST"])
def apply() -> ResponseReturnValue:
    """Take an application, with the mail the applicant agrees to get."""
    regions, open_waves, _ = _regions_and_waves()
    recruiting = sorted({r for wave in open_waves for r in wave["regions"]})
    choices = [(slug, regions.get(slug, slug)) for slug in recruiting]
    form = Form({**request.form, "region": request.values.get("region", "")})
    chosen = request.form.getlist("mail_categories")
    if request.method == "POST":
        form.require(*[n for n in LABELS if n != "consent"], labels=LABELS)
        if not request.form.get("consent"):
            form.errors["consent"] = "Confirm that you have read the privacy notice"
        if not form.errors:
            try:
                receipt = gateway().call(
                    "POST", "/membership/applications", json=_body(form, chosen)
                )
            except ApiError as error:
                if error.status >= 500:
                    raise
                form.refused(error, labels=LABELS)
            else:
                session["receipt"] = {**receipt, "email": form.value("email")}
                return redirect(url_for("join.applied"))
    return render_template(
        "join/apply.html",
        form=form,
        choices=choices,
        categories=MAIL_CATEGORIES,
        chosen=chosen,
        title="Apply to join Q",
        **PAGE,
    )


@blp.get("/applied")
def applied() -> ResponseReturnValue:
    """Confirm the application, with the code that withdraws it."""
    receipt = session.get("receipt")
    if receipt is None:
        return redirect(url_for("join.waves"))
    return render_template("join/applied.html", receipt=receipt, title="Application received")


@blp.route("/withdraw", methods=["GET", "POST"])
def withdraw() -> ResponseReturnValue:
    """Withdraw an application with its reference and withdrawal code."""
    form = Form({"application_id": request.values.get("application", ""), **request.form})
    labels = {"application_id": "Application reference", "code": "Withdrawal code"}
    if request.method == "POST":
        form.require("application_id", "code", labels=labels)
        if not form.errors:
            try:
                gateway().call(
                    "POST",
                    f"/membership/applications/{form.value('application_id').strip()}/withdraw",
                    json={"code": form.value("code").strip()},
                )
            except ApiError as error:
                if error.status == 404:
                    form.errors["application_id"] = "No application has this reference"
                elif error.status >= 500:
                    raise
                else:
                    form.refused(error, labels=labels)
            else:
                session.pop("receipt", None)
                return render_template("join/withdrawn.html", title="Application withdrawn")
    return render_template(
        "join/withdraw.html", form=form, title="Withdraw your application", **PAGE
    )


def _body(form: Form, chosen: list[str]) -> dict[str, Any]:
    fields = ("name", "email", "organisation", "job_title", "region", "statement")
    body: dict[str, Any] = {name: form.value(name).strip() for name in fields}
    body["consent_version"] = current_app.config["WEBSITE"].consent_version
    body["mail_categories"] = chosen
    return body


def _regions_and_waves() -> tuple[dict[str, str], list[dict[str, Any]], list[dict[str, Any]]]:
    regions = {r["slug"]: r["name"] for r in gateway().reference("/membership/regions")}
    today = date.today().isoformat()
    waves = gateway().call("GET", "/membership/waves")
    open_waves = [w for w in waves if w["opens_on"] <= today <= w.get("last_day", w["closes_on"])]
    later = [w for w in waves if w["opens_on"] > today]
    return regions, open_waves, later
