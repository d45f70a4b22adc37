"""Home: what is new for the member, or what Q is for a visitor."""

from typing import Any

from flask import Blueprint, g, render_template
from flask.typing import ResponseReturnValue

from website.gateway import ApiError
from website.signed_in import gateway, member_id, member_reads

blp = Blueprint("home", __name__)
UNREAD = "/notifications/me/notifications/unread-count"


@blp.get("/")
def home() -> ResponseReturnValue:
    """Show the member their next events, coffee match, notifications and suggestions."""
    me = member_id()
    if me is None:
        return render_template("home/visitor.html", title="Q: improving health and care together")
    api = gateway()
    # Independent reads, so the page waits on the slowest of them rather than on their sum.
    events, matches, notifications, people, suggested_events, unread = member_reads(
        lambda token: api.page("/events/mine", token=token, params={"page_size": 3})[0],
        lambda token: api.call("GET", f"/matching/participation/{me}/matches", token=token)[:1],
        lambda token: api.page(
            "/notifications/me/notifications", token=token, params={"page_size": 3}
        )[0],
        lambda token: api.call(
            "GET", f"/matching/suggestions/{me}", token=token, params={"limit": 3}
        ),
        lambda token: api.call(
            "GET", f"/matching/suggestions/{me}/events", token=token, params={"limit": 3}
        ),
        lambda token: api.call("GET", UNREAD, token=token)["unread"],
    )
    if not isinstance(unread, ApiError):
        g.unread_count = unread
    return render_template(
        "home/member.html",
        title="Home",
        events=_or_none(events),
        matches=_or_none(matches),
        notifications=_or_none(notifications),
        people=_or_none(people),
        suggested_events=_or_none(suggested_events),
    )


@blp.get("/healthz")
def healthz() -> ResponseReturnValue:
    """Say the website's process is alive (the gateway's own /healthz answers outside)."""
    return {"status": "ok"}


def _or_none(found: Any) -> list[Any]:
    # One part of the home page failing leaves the rest of it useful.
    return [] if isinstance(found, ApiError) else list(found)
