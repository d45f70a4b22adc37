"""Special interest groups that members form: browse, start, join and leave; suggestions."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from website.forms import Form
from website.gateway import ApiError
from website.signed_in import api, member_api, member_id, members_only

blp = Blueprint("groups", __name__, url_prefix="/connect")
PAGE = {"section": "connect"}


@blp.get("/groups")
def groups() -> ResponseReturnValue:
    """List the groups, by name."""
    listed = api("GET", "/membership/groups")
    return render_template("groups/list.html", groups=listed, title="Interest groups", **PAGE)


@blp.route("/groups/<group_id>", methods=["GET", "POST"])
def group(group_id: str) -> ResponseReturnValue:
    """Show a group and its members; join or leave it."""
    if request.method == "POST":
        if member_id() is None:
            return redirect(url_for("account.login", next=request.path))
        if request.form.get("action") == "leave":
            member_api("DELETE", f"/membership/groups/{group_id}/members/{member_id()}")
            flash("You have left the group.")
        else:
            member_api("POST", f"/membership/groups/{group_id}/members")
            flash("You have joined the group.")
        return redirect(url_for("groups.group", group_id=group_id))
    shown = next((g for g in api("GET", "/membership/groups") if g["id"] == group_id), None)
    if shown is None:
        raise ApiError(404, "no group with that id")
    members = api("GET", f"/membership/groups/{group_id}/members")
    joined = any(m["id"] == member_id() for m in members)
    return render_template(
        "groups/group.html",
        group=shown,
        members=members,
        joined=joined,
        title=shown["name"],
        **PAGE,
    )


@blp.route("/groups/new", methods=["GET", "POST"])
@members_only
def start() -> ResponseReturnValue:
    """Start a group, joining it yourself."""
    form = Form(dict(request.form))
    if request.method == "POST":
        form.require("name", "purpose", labels={"name": "group's name", "purpose": "purpose"})
        if not form.errors:
            body = {
                "name": form.value("name").strip(),
                "purpose": form.value("purpose").strip(),
                "topics": [t.strip() for t in form.value("topics").split(",") if t.strip()],
            }
            try:
                made = member_api("POST", "/membership/groups", json=body)
            except ApiError as error:
                if error.status >= 500:
                    raise
                form.refused(error)
            else:
                return redirect(url_for("groups.group", group_id=made["id"]))
    return render_template("groups/start.html", form=form, title="Start a group", **PAGE)


@blp.get("/suggestions")
@members_only
def suggestions() -> ResponseReturnValue:
    """Suggest people, events and groups, each with its reason."""
    me = member_id()
    return render_template(
        "groups/suggestions.html",
        people=member_api("GET", f"/matching/suggestions/{me}", params={"limit": 10}),
        events=member_api("GET", f"/matching/suggestions/{me}/events", params={"limit": 10}),
        groups=member_api("GET", f"/matching/suggestions/{me}/groups", params={"limit": 10}),
        title="Suggestions for you",
        **PAGE,
    )
