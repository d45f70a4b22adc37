"""Series of events: a programme of site visits, a webinar series, with a page and a feed."""

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from flask import Response, url_for
from flask.views import MethodView
from flask_smorest import Blueprint
from flask_smorest.pagination import PaginationParameters

from events.adapters.calendars import calendar_of
from events.domain.series import Series
from events.entrypoints.api.calendars import ICS, ics
from events.entrypoints.api.talk_schemas import SeriesDetailSchema, SeriesFormSchema, SeriesSchema
from events.service_layer import series
from events.service_layer.series import ShownSeries
from qplatform.identity import MEMBER
from qplatform.web.access import ANYONE, requires
from qplatform.web.app import public_url_for, runtime
from qplatform.web.auth import current_caller
from qplatform.web.pagination import answer, page_request, paged

blp = Blueprint("series", __name__, url_prefix="/series", description="Series of Q events.")


@blp.route("")
class SeriesCollection(MethodView):
    @requires(ANYONE)
    @blp.response(200, SeriesSchema(many=True))
    @paged(blp)
    def get(self, pagination_parameters: PaginationParameters) -> Sequence[Series]:
        """List every series, newest first."""
        with runtime().unit_of_work() as uow:
            page = series.all_series(uow=uow, page=page_request(pagination_parameters))
        return answer(pagination_parameters, page)

    @requires(MEMBER)
    @blp.arguments(SeriesFormSchema)
    @blp.response(201, SeriesSchema)
    def post(self, form: dict[str, Any]) -> tuple[Series, dict[str, str]]:
        """Start a series the caller organises; events join it by its id."""
        caller = current_caller()
        with runtime().unit_of_work() as uow:
            started = series.start_series(uow=uow, caller=caller, **form)
        return started, {"Location": url_for("series.SeriesItem", series_id=started.id)}


@blp.route("/<series_id>")
class SeriesItem(MethodView):
    @requires(ANYONE)
    @blp.response(200, SeriesDetailSchema)
    def get(self, series_id: str) -> ShownSeries:
        """Show a series with its published events and its calendar feed's address."""
        with runtime().unit_of_work() as uow:
            shown = series.show_series(uow=uow, series_id=series_id)
        feed = public_url_for("series.SeriesCalendar", series_id=series_id)
        return replace(shown, calendar_url=feed)


@blp.route("/<series_id>/calendar.ics")
class SeriesCalendar(MethodView):
    @requires(ANYONE)
    @blp.doc(**ICS)
    def get(self, series_id: str) -> Response:
        """Return a series' published events as a calendar to subscribe to."""
        with runtime().unit_of_work() as uow:
            found, events = series.calendar_events(uow=uow, series_id=series_id)
            body = calendar_of(events, name=f"Q series: {found.title}")
        return ics(body, f"q-series-{series_id}.ics")
