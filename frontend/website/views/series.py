"""Series of events: a programme of site visits, a webinar series, and its calendar feed."""

from flask import Blueprint, current_app, render_template
from flask.typing import ResponseReturnValue

from website.signed_in import api

blp = Blueprint("series", __name__, url_prefix="/learn/series")
PAGE = {"section": "learn"}


@blp.get("")
def all_series() -> ResponseReturnValue:
    """List the series of events, newest first."""
    series = api("GET", "/events/series", params={"page_size": 100})
    return render_template("series/list.html", series=series, title="Series of events", **PAGE)


@blp.get("/<series_id>")
def series(series_id: str) -> ResponseReturnValue:
    """Show a series with its events, and the address to subscribe to its calendar."""
    shown = api("GET", f"/events/series/{series_id}")
    site_url = current_app.config["WEBSITE"].site_url
    return render_template(
        "series/series.html",
        series=shown,
        feed=f"{site_url}/events/series/{series_id}/calendar.ics",
        title=shown["title"],
        **PAGE,
    )
