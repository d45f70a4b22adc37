"""Staff moderate members' events and say which organisers they trust."""

from collections.abc import Sequence
from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint
from flask_smorest.pagination import PaginationParameters
from marshmallow import Schema, fields, validate

from events.adapters.repositories.events import EventFilter
from events.domain.model import Event, EventStatus
from events.domain.posts import Post, PostStatus
from events.entrypoints.api.events import organised_page
from events.entrypoints.api.posts import PostSchema
from events.entrypoints.api.schemas import (
    EventSchema,
    OwnEventQueryArgsSchema,
    RejectionSchema,
    TrustSchema,
)
from events.service_layer import programme, writing
from qplatform.identity import STAFF
from qplatform.web.access import requires
from qplatform.web.app import runtime
from qplatform.web.pagination import answer, page_request, paged
from qplatform.web.validators import OneLine

blp = Blueprint(
    "moderation",
    __name__,
    url_prefix="/moderation",
    description="Staff moderation of events and posts.",
)


class ModeratedEventArgsSchema(Schema):
    status = fields.String(
        load_default=EventStatus.PENDING.value,
        validate=validate.OneOf([EventStatus.PENDING.value, EventStatus.HIDDEN.value]),
        metadata={"description": "pending (awaiting a decision, the default) or hidden."},
    )


@blp.route("/events")
class PendingEvents(MethodView):
    @requires(STAFF)
    @blp.arguments(ModeratedEventArgsSchema, location="query")
    @blp.response(200, EventSchema(many=True))
    @paged(blp)
    def get(
        self, args: dict[str, Any], pagination_parameters: PaginationParameters
    ) -> Sequence[Event]:
        """List upcoming events awaiting moderation, or those staff hid, soonest first (staff)."""
        status = EventStatus(args["status"])
        where = EventFilter(now=runtime().clock.now(), statuses=(status,))
        with runtime().unit_of_work() as uow:
            page = programme.find_events(
                uow=uow, where=where, page=page_request(pagination_parameters)
            )
        return answer(pagination_parameters, page)


@blp.route("/events/<event_id>/publish")
class EventPublication(MethodView):
    @requires(STAFF)
    @blp.response(200, EventSchema)
    def post(self, event_id: str) -> Event:
        """Publish a member's event (staff only)."""
        with runtime().unit_of_work() as uow:
            return programme.publish_event(uow=uow, event_id=event_id)


@blp.route("/events/<event_id>/reject")
class EventRejection(MethodView):
    @requires(STAFF)
    @blp.arguments(RejectionSchema)
    @blp.response(200, EventSchema)
    def post(self, form: dict[str, Any], event_id: str) -> Event:
        """Reject a member's event, saying why (staff only)."""
        with runtime().unit_of_work() as uow:
            return programme.reject_event(uow=uow, event_id=event_id, reason=form["reason"])


class EventHidingSchema(Schema):
    """Why staff take an event down; its organiser is told."""

    reason = fields.String(required=True, validate=[validate.Length(min=1, max=500), OneLine()])


@blp.route("/events/<event_id>/hidden")
class EventVisibility(MethodView):
    @requires(STAFF)
    @blp.arguments(EventHidingSchema)
    @blp.response(200, EventSchema)
    def put(self, form: dict[str, Any], event_id: str) -> Event:
        """Take a published event down, saying why; its organiser is told (staff only)."""
        with runtime().unit_of_work() as uow:
            return programme.hide_event(uow=uow, event_id=event_id, reason=form["reason"])

    @requires(STAFF)
    @blp.response(200, EventSchema)
    def delete(self, event_id: str) -> Event:
        """Show a hidden event to members again; its organiser is told (staff only)."""
        with runtime().unit_of_work() as uow:
            return programme.restore_event(uow=uow, event_id=event_id)


@blp.route("/organisers/<member_id>")
class Organiser(MethodView):
    @requires(STAFF)
    @blp.arguments(TrustSchema)
    @blp.response(204)
    def put(self, form: dict[str, Any], member_id: str) -> None:
        """Say whether a member's events publish without moderation (staff only)."""
        with runtime().unit_of_work() as uow:
            programme.trust_organiser(uow=uow, member_id=member_id, trusted=form["trusted"])


@blp.route("/organisers/<member_id>/events")
class OrganiserEvents(MethodView):
    @requires(STAFF)
    @blp.arguments(OwnEventQueryArgsSchema, location="query")
    @blp.response(200, EventSchema(many=True))
    @paged(blp)
    def get(
        self, args: dict[str, Any], member_id: str, pagination_parameters: PaginationParameters
    ) -> Sequence[Event]:
        """List a member's own events in any state, latest start first (staff only)."""
        return organised_page(member_id, args, pagination_parameters)


class ModeratedPostArgsSchema(Schema):
    status = fields.String(
        load_default=PostStatus.SUBMITTED.value,
        validate=validate.OneOf([PostStatus.SUBMITTED.value, PostStatus.HIDDEN.value]),
        metadata={"description": "submitted (awaiting a decision, the default) or hidden."},
    )


@blp.route("/posts")
class SubmittedPosts(MethodView):
    @requires(STAFF)
    @blp.arguments(ModeratedPostArgsSchema, location="query")
    @blp.response(200, PostSchema(many=True))
    @paged(blp)
    def get(
        self, args: dict[str, Any], pagination_parameters: PaginationParameters
    ) -> Sequence[Post]:
        """List members' posts awaiting moderation, or those staff hid (staff only)."""
        with runtime().unit_of_work() as uow:
            page = writing.posts_with_status(
                uow=uow, status=PostStatus(args["status"]), page=page_request(pagination_parameters)
            )
        return answer(pagination_parameters, page)
