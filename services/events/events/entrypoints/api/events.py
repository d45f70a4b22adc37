"""Members and staff create Q events; anyone finds them; organisers change and cancel them."""

from collections.abc import Sequence
from typing import Any

from flask import url_for
from flask.views import MethodView
from flask_smorest import Blueprint
from flask_smorest.pagination import PaginationParameters

from events.adapters.repositories.events import EventFilter
from events.domain.model import Event, EventDetails, EventStatus
from events.entrypoints.api.callers import member_id
from events.entrypoints.api.schemas import (
    CancellationSchema,
    EventChangeSchema,
    EventDetailSchema,
    EventFormSchema,
    EventQueryArgsSchema,
    EventSchema,
    OwnEventQueryArgsSchema,
)
from events.service_layer import changes, programme
from events.service_layer.programme import ShownEvent
from qplatform.identity import MEMBER
from qplatform.web.access import ANYONE, requires
from qplatform.web.app import runtime
from qplatform.web.auth import current_caller
from qplatform.web.pagination import answer, page_request, paged

blp = Blueprint("events", __name__, url_prefix="/events", description="Q's programme of events.")


@blp.route("")
class EventList(MethodView):
    @requires(ANYONE)
    @blp.arguments(EventQueryArgsSchema, location="query")
    @blp.response(200, EventSchema(many=True))
    @paged(blp)
    def get(
        self, args: dict[str, Any], pagination_parameters: PaginationParameters
    ) -> Sequence[Event]:
        """List published events, upcoming soonest first or past latest first, narrowed by args."""
        when = args.pop("when")
        where = EventFilter(now=runtime().clock.now(), past=when == "past", **args)
        with runtime().unit_of_work() as uow:
            page = programme.find_events(
                uow=uow, where=where, page=page_request(pagination_parameters)
            )
        return answer(pagination_parameters, page)

    @requires(MEMBER)
    @blp.arguments(EventFormSchema)
    @blp.response(201, EventSchema)
    def post(self, form: dict[str, Any]) -> tuple[Event, dict[str, str]]:
        """Create an event: staff's and trusted organisers' publish, others await moderation."""
        details = EventDetails(**{**form, "topics": tuple(form["topics"])})
        with runtime().unit_of_work() as uow:
            event = programme.create_event(uow=uow, details=details, caller=current_caller())
        return event, {"Location": url_for("events.EventItem", event_id=event.id)}


@blp.route("/mine")
class MyEvents(MethodView):
    @requires(MEMBER)
    @blp.arguments(OwnEventQueryArgsSchema, location="query")
    @blp.response(200, EventSchema(many=True))
    @paged(blp)
    def get(
        self, args: dict[str, Any], pagination_parameters: PaginationParameters
    ) -> Sequence[Event]:
        """List the calling member's own events in any state, latest start first."""
        return organised_page(member_id(), args, pagination_parameters)


def organised_page(
    organiser_id: str, args: dict[str, Any], pagination_parameters: PaginationParameters
) -> Sequence[Event]:
    """Return one page of an organiser's events in the states `args` asks for."""
    statuses = tuple(EventStatus(s) for s in args.get("status") or EventStatus)
    with runtime().unit_of_work() as uow:
        page = programme.organised_events(
            uow=uow,
            organiser_id=organiser_id,
            statuses=statuses,
            page=page_request(pagination_parameters),
        )
    return answer(pagination_parameters, page)


@blp.route("/<event_id>")
class EventItem(MethodView):
    @requires(ANYONE)
    @blp.response(200, EventDetailSchema)
    def get(self, event_id: str) -> ShownEvent:
        """Show one event; its online link only to its organiser, staff and those with a place."""
        with runtime().unit_of_work() as uow:
            return programme.show_event(uow=uow, event_id=event_id, caller=current_caller())

    @requires(MEMBER)
    @blp.arguments(EventChangeSchema(partial=True))
    @blp.response(200, EventDetailSchema)
    def patch(self, form: dict[str, Any], event_id: str) -> ShownEvent:
        """Change an event (its organiser or staff); registrants are told what changed."""
        if "topics" in form:
            form["topics"] = tuple(form["topics"])
        caller = current_caller()
        with runtime().unit_of_work() as uow:
            changes.update_event(uow=uow, event_id=event_id, changes=form, caller=caller)
            return programme.show_event(uow=uow, event_id=event_id, caller=caller)


@blp.route("/<event_id>/cancel")
class EventCancellation(MethodView):
    @requires(MEMBER)
    @blp.arguments(CancellationSchema)
    @blp.response(200, EventSchema)
    def post(self, form: dict[str, Any], event_id: str) -> Event:
        """Cancel an event and every registration for it (its organiser or staff)."""
        with runtime().unit_of_work() as uow:
            return changes.cancel_event(
                uow=uow, event_id=event_id, reason=form["reason"], caller=current_caller()
            )
