"""Members and staff create Q events; anyone finds them; organisers change and cancel them."""

from datetime import UTC, datetime
from typing import Any

from flask import url_for
from flask.views import MethodView
from flask_smorest import Blueprint
from flask_smorest.pagination import PaginationParameters

from events.adapters.storage import EventFilter
from events.domain.model import Event, EventDetails, EventStatus
from events.entrypoints.api.callers import managed, member_id, require_member_to_write
from events.entrypoints.api.schemas import (
    SECURED,
    CancellationSchema,
    EventChangeSchema,
    EventDetailSchema,
    EventFormSchema,
    EventQueryArgsSchema,
    EventSchema,
    OwnEventQueryArgsSchema,
)
from events.service_layer import changes, programme, series
from events.service_layer.programme import ShownEvent
from qplatform.web.app import runtime
from qplatform.web.auth import current_caller, require_member

blp = Blueprint("events", __name__, url_prefix="/events", description="Q's programme of events.")
blp.before_request(require_member_to_write)


@blp.route("")
class EventList(MethodView):
    @blp.arguments(EventQueryArgsSchema, location="query")
    @blp.response(200, EventSchema(many=True))
    @blp.paginate(page_size=20, max_page_size=100)
    def get(self, args: dict[str, Any], pagination_parameters: PaginationParameters) -> list[Event]:
        """List published events, upcoming soonest first or past latest first, narrowed by args."""
        when = args.pop("when")
        where = EventFilter(now=datetime.now(UTC), past=when == "past", **args)
        with runtime().unit_of_work() as uow:
            page = programme.find_events(
                uow=uow,
                where=where,
                offset=pagination_parameters.first_item,
                limit=pagination_parameters.page_size,
            )
        pagination_parameters.item_count = page.total
        return page.events

    @blp.arguments(EventFormSchema)
    @blp.response(201, EventSchema)
    @blp.doc(**SECURED)
    def post(self, form: dict[str, Any]) -> tuple[Event, dict[str, str]]:
        """Create an event: staff's and trusted organisers' publish, others await moderation."""
        caller = require_member()
        details = EventDetails(**{**form, "topics": tuple(form["topics"])})
        with runtime().unit_of_work() as uow:
            event = programme.create_event(uow=uow, details=details, caller=caller)
        return event, {"Location": url_for("events.EventItem", event_id=event.id)}


@blp.route("/mine")
class MyEvents(MethodView):
    @blp.arguments(OwnEventQueryArgsSchema, location="query")
    @blp.response(200, EventSchema(many=True))
    @blp.paginate(page_size=20, max_page_size=100)
    @blp.doc(**SECURED)
    def get(self, args: dict[str, Any], pagination_parameters: PaginationParameters) -> list[Event]:
        """List the calling member's own events in any state, latest start first."""
        return organised_page(member_id(), args, pagination_parameters)


def organised_page(
    organiser_id: str, args: dict[str, Any], pagination_parameters: PaginationParameters
) -> list[Event]:
    """Return one page of an organiser's events in the states `args` asks for."""
    statuses = tuple(EventStatus(s) for s in args.get("status") or EventStatus)
    with runtime().unit_of_work() as uow:
        page = programme.organised_events(
            uow=uow,
            organiser_id=organiser_id,
            statuses=statuses,
            offset=pagination_parameters.first_item,
            limit=pagination_parameters.page_size,
        )
    pagination_parameters.item_count = page.total
    return page.events


@blp.route("/<event_id>")
class EventItem(MethodView):
    @blp.response(200, EventDetailSchema)
    def get(self, event_id: str) -> ShownEvent:
        """Show one event; its online link only to its organiser, staff and those with a place."""
        with runtime().unit_of_work() as uow:
            return programme.show_event(uow=uow, event_id=event_id, caller=current_caller())

    @blp.arguments(EventChangeSchema(partial=True))
    @blp.response(200, EventDetailSchema)
    @blp.doc(**SECURED)
    def patch(self, form: dict[str, Any], event_id: str) -> ShownEvent:
        """Change an event (its organiser or staff); registrants are told what changed."""
        if "topics" in form:
            form["topics"] = tuple(form["topics"])
        with runtime().unit_of_work() as uow:
            managed(uow, event_id)
            if "series_id" in form:
                series.check_joinable(uow, form["series_id"], require_member())
            changes.update_event(uow=uow, event_id=event_id, changes=form)
            return programme.show_event(uow=uow, event_id=event_id, caller=current_caller())


@blp.route("/<event_id>/cancel")
class EventCancellation(MethodView):
    @blp.arguments(CancellationSchema)
    @blp.response(200, EventSchema)
    @blp.doc(**SECURED)
    def post(self, form: dict[str, Any], event_id: str) -> Event:
        """Cancel an event and every registration for it (its organiser or staff)."""
        with runtime().unit_of_work() as uow:
            managed(uow, event_id)
            return changes.cancel_event(uow=uow, event_id=event_id, reason=form["reason"])
