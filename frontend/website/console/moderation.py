"""Moderation: staff publish, reject, hide or restore members' events and posts, and comments.

Every decision is the events API's own staff route; the author hears of it from notifications.
"""

from flask import flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from website.console import STAFF, blp
from website.console.access import console_page
from website.console.reading import read, read_all
from website.forms import Form
from website.gateway import ApiError
from website.signed_in import member_api

PAGE = {"section": "console", "title": "Moderation"}
# What staff moderate, and the events API's path of each kind.
KINDS = {"event": "/events/moderation/events", "post": "/events/posts"}


@blp.get("/moderation")
@console_page(STAFF)
def moderation() -> ResponseReturnValue:
    """List members' events and posts awaiting a decision, and the flagged comments."""
    return _queues(Form())


@blp.post("/moderation/<any(event, post):kind>/<item_id>/<any(publish, reject):decision>")
@console_page(STAFF)
def decide(kind: str, item_id: str, decision: str) -> ResponseReturnValue:
    """Publish a member's event or post, or reject it with a reason."""
    field = f"reason-{item_id}"
    form = Form({field: request.form.get("reason", "")})
    body = {"reason": form.value(field).strip()} if decision == "reject" else None
    try:
        member_api("POST", f"{KINDS[kind]}/{item_id}/{decision}", json=body)
    except ApiError as error:
        return _refused(error, form, field)
    title = request.form.get("title", f"The {kind}")
    flash(
        f"“{title}” is {'published' if decision == 'publish' else 'rejected'}; its author is told."
    )
    return redirect(url_for("console.moderation"))


@blp.post("/moderation/<any(event, post, comment):kind>/<item_id>/<any(hide, restore):action>")
@console_page(STAFF)
def hide(kind: str, item_id: str, action: str) -> ResponseReturnValue:
    """Take a published event, post or comment down, saying why, or show it again."""
    field = f"reason-{item_id}"
    form = Form({field: request.form.get("reason", "")})
    reason = form.value(field).strip()
    path = f"{KINDS.get(kind, f'/events/{kind}s')}/{item_id}/hidden"
    try:
        if action == "hide":
            # An event's reason is required: the API names the field when it is blank.
            member_api("PUT", path, json={"reason": reason} if reason or kind == "event" else {})
        else:
            member_api("DELETE", path)
    except ApiError as error:
        return _refused(error, form, field)
    done = "hidden" if action == "hide" else "shown again"
    title = request.form.get("title")
    flash(f"{f'“{title}”' if title else 'The comment'} is {done}; its author is told.")
    return redirect(url_for("console.moderation"))


def _refused(error: ApiError, form: Form, field: str) -> ResponseReturnValue:
    # The API names `reason`; on a page of many items the field is this item's own.
    if error.status >= 500:
        raise error
    form.refused(error, labels={"reason": "Reason"})
    form.errors = {field if name == "reason" else name: m for name, m in form.errors.items()}
    return _queues(form), 422


def _queues(form: Form) -> str:
    events, shown, unshown, posts, published, hidden, comments = read_all(
        read("/events/moderation/events", page_size=50),
        read("/events/events", page_size=50),
        read("/events/moderation/events", status="hidden", page_size=50),
        read("/events/moderation/posts", page_size=50),
        read("/events/posts", page_size=50),
        read("/events/moderation/posts", status="hidden", page_size=50),
        read("/events/comments/flagged", page_size=50),
    )
    return render_template(
        "console/moderation/queues.html",
        events=events,
        shown=shown,
        unshown=unshown,
        posts=posts,
        published=published,
        hidden=hidden,
        comments=comments,
        form=form,
        **PAGE,
    )
