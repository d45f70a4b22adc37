"""Home: what is new for the member, or what Q is for a visitor."""

from typing import Any

from flask import Blueprint, render_template
from flask.typing import ResponseReturnValue

from website.gateway import ApiError
from website.signed_in import member_api, member_id, member_page

blp = Blueprint("home", __name__)


@blp.get("/")
def home() -> ResponseReturnValue:
    """Show the member their next events, coffee match, notifications and suggestions."""
    me = member_id()
    if me is None:
        return render_template("home/visitor.html", title="Q: improving health and care together")
    return render_template(
        "home/member.html",
        title="Home",
        events=_quietly(lambda: member_page("/events/mine", params={"page_size": 3})[0]),
        matches=_quietly(lambda: member_api("GET", f"/matching/participation/{me}/matches")[:1]),
        notifications=_quietly(
            lambda: member_page("/notifications/me/notifications", params={"page_size": 3})[0]
        ),
        people=_quietly(
            lambda: member_api("GET", f"/matching/suggestions/{me}", params={"limit": 3})
        ),
        suggested_events=_quietly(
            lambda: member_api("GET", f"/matching/suggestions/{me}/events", params={"limit": 3})
        ),
    )


@blp.get("/healthz")
def healthz() -> ResponseReturnValue:
    """Say the website's process is alive (the gateway's own /healthz answers outside)."""
    return {"status": "ok"}


def _quietly(read: Any) -> list[Any]:
    # One part of the home page failing leaves the rest of it useful.
    try:
        found: list[Any] = read()
        return found
    except ApiError:
        return []
