"""Learn: events with filters, an event and my place at it, calendars, submitting an event."""

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from website.forms import Form
from website.gateway import ApiError
from website.signed_in import api, gateway, member_api, member_id, member_page, members_only

blp = Blueprint("learn", __name__, url_prefix="/learn")
PAGE = {"section": "learn"}
KINDS = [
    ("face-to-face", "Face to face"),
    ("webinar", "Webinar"),
    ("site-visit", "Site visit"),
    ("twitter-chat", "Twitter chat"),
    ("community", "Community event"),
]
PILLARS = [
    ("connect", "Connect"),
    ("exchange", "Exchange"),
    ("learn", "Learn"),
    ("collaborate", "Collaborate"),
]
FILTERS = ("kind", "pillar", "region", "starts_from", "starts_before", "when")
LABELS = {"starts_at": "Starts", "ends_at": "Ends", "online_link": "Online link"}


@blp.get("/events")
def events() -> ResponseReturnValue:
    """List events, narrowed by kind, pillar, region, online or in person, and dates."""
    args = {name: request.args[name] for name in FILTERS if request.args.get(name)}
    params: dict[str, Any] = {**args, "page": request.args.get("page", 1, type=int)}
    for name in ("starts_from", "starts_before"):
        if name in params:
            params[name] = f"{params[name]}T00:00:00+00:00"
    listed, pages = _page("/events/events", params)
    where = request.args.get("where")
    if where == "online":
        listed = [e for e in listed if not e.get("region")]
    elif where == "in-person":
        listed = [e for e in listed if e.get("region")]
    return render_template(
        "learn/events.html",
        events=listed,
        pages=pages,
        args={**args, **({"where": where} if where else {})},
        kinds=KINDS,
        pillars=PILLARS,
        regions=_regions(),
        title="Events",
        **PAGE,
    )


@blp.get("/events/<event_id>")
def event(event_id: str) -> ResponseReturnValue:
    """Show an event, and the member's place or waitlist position."""
    shown = api("GET", f"/events/events/{event_id}")
    place = None
    if member_id() is not None:
        try:
            place = member_api("GET", f"/events/events/{event_id}/registrations/mine")
        except ApiError as error:
            if error.status != 404:
                raise
    return render_template(
        "learn/event.html", event=shown, place=place, title=shown["title"], **PAGE
    )


@blp.post("/events/<event_id>/register")
@members_only
def register(event_id: str) -> ResponseReturnValue:
    """Take a place, or join the waitlist when the event is full."""
    try:
        placed = member_api("POST", f"/events/events/{event_id}/registrations")
    except ApiError as error:
        if error.status >= 500 or error.status == 404:
            raise
        flash(error.message)
    else:
        flash(
            "You have a place."
            if placed["status"] == "confirmed"
            else f"The event is full: you are number {placed.get('position')} on the waitlist."
        )
    return redirect(url_for("learn.event", event_id=event_id))


@blp.post("/events/<event_id>/cancel")
@members_only
def cancel(event_id: str) -> ResponseReturnValue:
    """Give up my place or leave the waitlist."""
    member_api("DELETE", f"/events/events/{event_id}/registrations/mine")
    flash("You have given up your place.")
    return redirect(url_for("learn.event", event_id=event_id))


@blp.get("/calendar")
@members_only
def calendar() -> ResponseReturnValue:
    """Show the calendar addresses: all events, by pillar, and my private feed."""
    feed = member_api("GET", "/events/calendars/mine")["url"]
    # The service names the feed by its own address; members reach it through the site.
    secret = feed.rsplit("/calendars/private/", 1)[-1]
    site_url = current_app.config["WEBSITE"].site_url
    return render_template(
        "learn/calendar.html",
        feed=f"{site_url}/events/calendars/private/{secret}",
        site_url=site_url,
        pillars=PILLARS,
        title="Calendars",
        **PAGE,
    )


@blp.route("/events/new", methods=["GET", "POST"])
@members_only
def submit() -> ResponseReturnValue:
    """Submit an event; members' events wait for moderation before they show."""
    form = Form({"timezone": "Europe/London", "capacity": "30", **request.form})
    if request.method == "POST":
        form.require("title", "kind", "pillar", "starts_at", "ends_at", "capacity")
        if not form.errors:
            try:
                created = member_api("POST", "/events/events", json=_event_body(form))
            except (ApiError, ValueError) as error:
                if isinstance(error, ApiError) and error.status >= 500:
                    raise
                if isinstance(error, ApiError):
                    form.refused(error, labels=LABELS)
                else:
                    form.errors["starts_at"] = "Enter the dates and times as shown"
            else:
                flash(f"“{created['title']}” is sent to the team, who publish it after a check.")
                return redirect(url_for("learn.mine"))
    return render_template(
        "learn/submit.html",
        form=form,
        kinds=KINDS,
        pillars=PILLARS,
        regions=sorted(_regions().items(), key=lambda r: r[1]),
        title="Submit an event",
        **PAGE,
    )


@blp.get("/mine")
@members_only
def mine() -> ResponseReturnValue:
    """List the events I submitted, with their status and any reason for a rejection."""
    listed, _ = member_page("/events/events/mine", params={"page_size": 50})
    return render_template("learn/mine.html", events=listed, title="My events", **PAGE)


def _event_body(form: Form) -> dict[str, Any]:
    zone = _zone(form.value("timezone"))
    body: dict[str, Any] = {
        "title": form.value("title").strip(),
        "description": form.value("description").strip() or None,
        "kind": form.value("kind"),
        "pillar": form.value("pillar"),
        "region": form.value("region") or None,
        "venue": form.value("venue").strip() or None,
        "online_link": form.value("online_link").strip() or None,
        "starts_at": _instant(form.value("starts_at"), zone),
        "ends_at": _instant(form.value("ends_at"), zone),
        "timezone": form.value("timezone"),
        "capacity": int(form.value("capacity")),
        "topics": [t.strip() for t in form.value("topics").split(",") if t.strip()],
    }
    return body


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("Europe/London")


def _instant(local: str, zone: ZoneInfo) -> str:
    return datetime.fromisoformat(local).replace(tzinfo=zone).isoformat()


def _page(path: str, params: dict[str, Any]) -> tuple[list[Any], dict[str, Any]]:
    if member_id() is not None:
        return member_page(path, params=params)
    return gateway().page(path, params=params)


def _regions() -> dict[str, str]:
    return {r["slug"]: r["name"] for r in gateway().reference("/membership/regions")}
