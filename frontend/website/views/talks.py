"""Talks: members offer them, organisers find speakers by subject and ask; speakers answer."""

from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from website.forms import Form
from website.gateway import ApiError
from website.signed_in import gateway, member_api, member_id, member_page, members_only

blp = Blueprint("talks", __name__, url_prefix="/talks")
PAGE = {"section": "learn"}
FORMATS = [("either", "In person or online"), ("in-person", "In person"), ("online", "Online")]
LABELS = {
    "subject": "Subject",
    "availability": "When you can give it",
    "message": "Your request",
    "event_id": "Your event",
}


@blp.get("")
@members_only
def find() -> ResponseReturnValue:
    """Find speakers by subject, region and format."""
    args = {
        name: request.args[name]
        for name in ("subject", "region", "format")
        if request.args.get(name)
    }
    found, pages = member_page(
        "/events/talks", params={**args, "page": request.args.get("page", 1, type=int)}
    )
    return render_template(
        "talks/find.html",
        talks=found,
        pages=pages,
        args=args,
        searched=bool(args),
        formats=FORMATS[1:],
        regions=_regions(),
        title="Find a speaker",
        **PAGE,
    )


@blp.route("/offer", methods=["GET", "POST"])
@members_only
def offer() -> ResponseReturnValue:
    """Offer a talk on a subject you know."""
    form = _form({"format": "either"})
    if request.method == "POST" and _sent(form, "POST", "/events/talks"):
        flash(
            f"Your talk “{form.value('subject').strip()}” is offered. Organisers can find it now."
        )
        return redirect(url_for("talks.mine"))
    return _form_page(form, title="Offer a talk", action=url_for("talks.offer"))


@blp.route("/<talk_id>/edit", methods=["GET", "POST"])
@members_only
def edit(talk_id: str) -> ResponseReturnValue:
    """Change the talk you offer."""
    talk = member_api("GET", f"/events/talks/{talk_id}")
    form = _form({**talk, "topics": ", ".join(talk["topics"]), "summary": talk["summary"] or ""})
    if request.method == "POST" and _sent(form, "PATCH", f"/events/talks/{talk_id}"):
        flash("Your offer is changed.")
        return redirect(url_for("talks.mine"))
    return _form_page(form, title="Change your talk", action=url_for("talks.edit", talk_id=talk_id))


@blp.post("/<talk_id>/withdraw")
@members_only
def withdraw(talk_id: str) -> ResponseReturnValue:
    """Stop offering a talk; requests already answered stand."""
    member_api("DELETE", f"/events/talks/{talk_id}")
    flash("Your talk is withdrawn: organisers no longer find it.")
    return redirect(url_for("talks.mine"))


@blp.get("/mine")
@members_only
def mine() -> ResponseReturnValue:
    """List the talks I offer and the requests I made or was asked."""
    offered, _ = member_page("/events/talks", params={"speaker_id": member_id(), "page_size": 100})
    requests, _ = member_page("/events/talks/requests", params={"page_size": 100})
    return render_template(
        "talks/mine.html",
        talks=offered,
        asked=[r for r in requests if r["speaker_id"] == member_id()],
        made=[r for r in requests if r["requester_id"] == member_id()],
        title="My talks",
        **PAGE,
    )


@blp.route("/<talk_id>/request", methods=["GET", "POST"])
@members_only
def ask(talk_id: str) -> ResponseReturnValue:
    """Ask a speaker to give their talk."""
    talk = member_api("GET", f"/events/talks/{talk_id}")
    form = Form(dict(request.form))
    if request.method == "POST":
        form.require("message", labels={"message": "request"})
        if not form.errors:
            try:
                body = {
                    "message": form.value("message").strip(),
                    "event_id": form.value("event_id") or None,
                }
                made = member_api("POST", f"/events/talks/{talk_id}/requests", json=body)
            except ApiError as error:
                if error.status >= 500 or error.status == 404:
                    raise
                form.refused(error, labels=LABELS)
            else:
                flash(f"Your request is sent to {talk['speaker_name']}.")
                return redirect(url_for("talks.request_page", request_id=made["id"]))
    own, _ = member_page(
        "/events/events/mine", params={"status": ["published", "pending"], "page_size": 50}
    )
    return render_template(
        "talks/ask.html",
        talk=talk,
        form=form,
        events=[(e["id"], f"{e['title']} ({e['starts_at'][:10]})") for e in own],
        title=f"Request “{talk['subject']}”",
        **PAGE,
    )


@blp.route("/requests/<request_id>", methods=["GET", "POST"])
@members_only
def request_page(request_id: str) -> ResponseReturnValue:
    """Show a request; its speaker accepts or declines it here."""
    form = Form(dict(request.form))
    if request.method == "POST":
        decision = "accept" if form.value("decision") == "accept" else "decline"
        reply = form.value("reply").strip() or None
        try:
            member_api(
                "POST", f"/events/talks/requests/{request_id}/{decision}", json={"reply": reply}
            )
        except ApiError as error:
            if error.status >= 500 or error.status == 404:
                raise
            form.refused(error, labels={"reply": "Your reply"})
        else:
            flash(
                "You accepted the request." if decision == "accept" else "You declined the request."
            )
            return redirect(url_for("talks.request_page", request_id=request_id))
    shown = member_api("GET", f"/events/talks/requests/{request_id}")
    return render_template(
        "talks/request.html",
        talk_request=shown,
        speaker=shown["speaker_id"] == member_id(),
        form=form,
        title=f"Request for “{shown['subject']}”",
        **PAGE,
    )


def _form(defaults: dict[str, Any]) -> Form:
    if request.method != "POST":
        return Form({**defaults, "regions": defaults.get("regions", [])})
    return Form({**request.form.to_dict(), "regions": request.form.getlist("regions")})


def _sent(form: Form, method: str, path: str) -> bool:
    form.require("subject", "availability")
    if form.errors:
        return False
    body = {
        "subject": form.value("subject").strip(),
        "summary": form.value("summary").strip() or None,
        "format": form.value("format"),
        "regions": form.value("regions", []),
        "topics": [t.strip() for t in form.value("topics").split(",") if t.strip()],
        "availability": form.value("availability").strip(),
    }
    try:
        member_api(method, path, json=body)
    except ApiError as error:
        if error.status >= 500 or error.status == 404:
            raise
        form.refused(error, labels=LABELS)
        return False
    return True


def _form_page(form: Form, *, title: str, action: str) -> ResponseReturnValue:
    return render_template(
        "talks/offer.html",
        form=form,
        formats=FORMATS,
        regions=sorted(_regions().items(), key=lambda r: r[1]),
        action=action,
        title=title,
        **PAGE,
    )


def _regions() -> dict[str, str]:
    return {r["slug"]: r["name"] for r in gateway().reference("/membership/regions")}
