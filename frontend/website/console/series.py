"""Series of events: staff start a series, then add events to it or take them out.

Every read and action is the events service's own route, through the gateway: an event
joins a series when its `series_id` is set, and leaves it when that is cleared.
"""

from typing import Any

from flask import flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from website.console import STAFF, blp
from website.console.access import console_page
from website.console.reading import read, read_all
from website.forms import Form
from website.gateway import ApiError
from website.signed_in import member_api
from website.views.collaborate import PILLARS

PAGE = {"section": "console"}
SERIES_FIELDS = ("title", "description", "pillar")
EVENTS_OFFERED = 100


@blp.get("/series")
@console_page(STAFF)
def all_series() -> ResponseReturnValue:
    """List every series, and offer the form that starts one."""
    return _series_list(Form())


@blp.post("/series")
@console_page(STAFF)
def start_series() -> ResponseReturnValue:
    """Start a series; show the API's refusal beside each field."""
    form = Form(dict(request.form))
    body = {name: form.value(name).strip() for name in SERIES_FIELDS}
    body["description"] = body["description"] or None
    try:
        started = member_api("POST", "/events/series", json=body)
    except ApiError as error:
        if error.status >= 500:
            raise
        form.refused(error)
        # The summary lists the errors in the order of the fields on the page.
        form.errors = {name: form.errors[name] for name in sorted(form.errors, key=_field_order)}
        return _series_list(form), 422
    flash(f"The series '{started['title']}' is started: add its events.")
    return redirect(url_for("console.series", series_id=started["id"]))


@blp.get("/series/<series_id>")
@console_page(STAFF)
def series(series_id: str) -> ResponseReturnValue:
    """Show a series with its events, and offer the upcoming events to add to it."""
    return _series(series_id, Form())


@blp.post("/series/<series_id>/events")
@console_page(STAFF)
def add_to_series(series_id: str) -> ResponseReturnValue:
    """Add the event chosen to the series."""
    form = Form(dict(request.form))
    event_id = form.value("event_id")
    if not event_id:
        form.errors["event_id"] = "Choose the event to add"
        return _series(series_id, form), 422
    try:
        added = member_api("PATCH", f"/events/events/{event_id}", json={"series_id": series_id})
    except ApiError as error:
        if error.status >= 500 or error.status == 401:
            raise
        form.errors["event_id"] = f"Event: {next(iter(error.fields.values()), error.message)}"
        return _series(series_id, form), 422
    flash(f"'{added['title']}' is added to the series.")
    return redirect(url_for("console.series", series_id=series_id))


@blp.post("/series/<series_id>/events/<event_id>/remove")
@console_page(STAFF)
def remove_from_series(series_id: str, event_id: str) -> ResponseReturnValue:
    """Take an event out of the series; the event itself stays as it is."""
    shown = member_api("GET", f"/events/events/{event_id}")
    if shown.get("series_id") != series_id:
        flash(f"'{shown['title']}' is not in this series.")
        return redirect(url_for("console.series", series_id=series_id))
    try:
        member_api("PATCH", f"/events/events/{event_id}", json={"series_id": None})
    except ApiError as error:
        if error.status >= 500 or error.status == 401:
            raise
        flash(f"Not taken out: {error.message}")
    else:
        flash(f"'{shown['title']}' is taken out of the series.")
    return redirect(url_for("console.series", series_id=series_id))


def _field_order(name: str) -> int:
    return SERIES_FIELDS.index(name) if name in SERIES_FIELDS else len(SERIES_FIELDS)


def _series_list(form: Form) -> str:
    return render_template(
        "console/series/list.html",
        series=member_api("GET", "/events/series"),
        form=form,
        pillars=PILLARS,
        title="Series of events",
        **PAGE,
    )


def _series(series_id: str, form: Form) -> str:
    shown, upcoming = read_all(
        read(f"/events/series/{series_id}"),
        read("/events/events", when="upcoming", page_size=EVENTS_OFFERED),
    )
    return render_template(
        "console/series/series.html",
        series=shown,
        offered=[(e["id"], _offered(e)) for e in upcoming if e.get("series_id") != series_id],
        form=form,
        pillars=dict(PILLARS),
        title=shown["title"],
        **PAGE,
    )


def _offered(event: dict[str, Any]) -> str:
    when = event["starts_at"][:16].replace("T", " ")
    elsewhere = " (now in another series)" if event.get("series_id") else ""
    return f"{event['title']}, {when}{elsewhere}"
