"""Me: notifications, mail preferences, my data, and leaving Q."""

import json

from flask import Blueprint, Response, flash, g, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from website.forms import Form
from website.gateway import ApiError
from website.signed_in import forget, member_api, member_id, member_page, members_only
from website.views.join import MAIL_CATEGORIES

# Not asked at joining: offering a talk starts these, and here a member stops them.
CHOICES = [*MAIL_CATEGORIES, ("talk-requests", "Requests to give the talks you offer")]

blp = Blueprint("me", __name__, url_prefix="/me")
PAGE = {"section": "me"}


@blp.app_context_processor
def unread() -> dict[str, int]:
    """Give every page the member's unread count, for the navigation."""
    if member_id() is None:
        return {"unread_count": 0}
    if "unread_count" in g:  # the page read it already, alongside its own reads
        return {"unread_count": g.unread_count}
    try:
        return {
            "unread_count": member_api("GET", "/notifications/me/notifications/unread-count")[
                "unread"
            ]
        }
    except Exception:  # the count is a nicety; the page must render without it
        return {"unread_count": 0}


@blp.get("/notifications")
@members_only
def notifications() -> ResponseReturnValue:
    """List my notifications, newest first."""
    page = request.args.get("page", 1, type=int)
    listed, pages = member_page("/notifications/me/notifications", params={"page": page})
    return render_template(
        "me/notifications.html", notifications=listed, pages=pages, title="Notifications", **PAGE
    )


@blp.post("/notifications/read")
@members_only
def read_all() -> ResponseReturnValue:
    """Mark all my notifications read."""
    member_api("POST", "/notifications/me/notifications/read")
    return redirect(url_for("me.notifications"))


@blp.route("/mail", methods=["GET", "POST"])
@members_only
def mail() -> ResponseReturnValue:
    """Choose which mail I get."""
    form = Form()
    if request.method == "POST":
        chosen = set(request.form.getlist("categories"))
        change = {name: name in chosen for name, _ in CHOICES}
        try:
            member_api("PATCH", "/notifications/me/preferences", json=change)
        except ApiError as error:
            if error.status >= 500:
                raise
            form.refused(error)
        else:
            flash("Your mail choices are saved.")
            return redirect(url_for("me.mail"))
    current = member_api("GET", "/notifications/me/preferences")
    chosen_now = [name for name, wanted in current.items() if wanted]
    return render_template(
        "me/mail.html",
        form=form,
        categories=CHOICES,
        chosen=chosen_now,
        title="Mail preferences",
        **PAGE,
    )


@blp.get("/data")
@members_only
def data() -> ResponseReturnValue:
    """Offer my data as a download."""
    return render_template("me/data.html", title="Your data", **PAGE)


@blp.get("/data/download")
@members_only
def download() -> ResponseReturnValue:
    """Download everything membership holds about me, as JSON."""
    exported = member_api("GET", f"/membership/members/{member_id()}/export")
    return Response(
        json.dumps(exported, indent=2),
        mimetype="application/json",
        headers={"Content-Disposition": "attachment; filename=my-q-data.json"},
    )


@blp.route("/leave", methods=["GET", "POST"])
@members_only
def leave() -> ResponseReturnValue:
    """Leave Q, after a confirmation: the member's data is erased everywhere."""
    form = Form(dict(request.form))
    if request.method == "POST":
        if form.value("confirm") != "leave":
            form.errors["confirm"] = "Tick the box to confirm that you want to leave Q"
        else:
            member_api("DELETE", f"/membership/members/{member_id()}/membership")
            forget()
            return render_template("me/left.html", title="You have left Q")
    return render_template("me/leave.html", form=form, title="Leave Q", **PAGE)
