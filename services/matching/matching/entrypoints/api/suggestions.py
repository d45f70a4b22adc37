"""Members see whom they might want to meet, events and groups on their topics, and why."""

from datetime import UTC, datetime

from flask import request
from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from matching.domain import errors
from matching.domain.groups import GroupSuggestion
from matching.domain.offers import LAB_COHORT, RESOURCE, OfferSuggestion
from matching.domain.suggestions import Suggestion
from matching.domain.upcoming import EventSuggestion
from matching.service_layer import suggestions
from qplatform.web.app import runtime
from qplatform.web.auth import require_member

blp = Blueprint(
    "suggestions",
    __name__,
    url_prefix="/suggestions",
    description=(
        "People, events, groups, resources and Lab cohorts a member might care about, with reasons."
    ),
)


class SuggestionQueryArgsSchema(Schema):
    limit = fields.Integer(
        load_default=10,
        validate=validate.Range(min=1, max=50),
        metadata={"description": "How many suggestions, 1 to 50."},
    )


class SuggestionSchema(Schema):
    member_id = fields.String()
    display_name = fields.String()
    region = fields.String()
    organisation = fields.String()
    reason = fields.String(metadata={"description": "Why, in a few words."})


class EventSuggestionSchema(Schema):
    event_id = fields.String()
    title = fields.String()
    kind = fields.String()
    region = fields.String(allow_none=True)
    starts_at = fields.AwareDateTime()
    reason = fields.String(metadata={"description": "Why, in a few words."})


class GroupSuggestionSchema(Schema):
    group_id = fields.String()
    name = fields.String()
    purpose = fields.String()
    topics = fields.List(fields.String())
    members = fields.Integer(metadata={"description": "How many members it has."})
    reason = fields.String(metadata={"description": "Why, in a few words."})


@blp.before_request
def only_the_member_or_staff() -> None:
    """Refuse other members before reading any argument."""
    caller = require_member()
    if not caller.is_staff and caller.member_id != (request.view_args or {}).get("member_id"):
        raise errors.NotYourParticipation("members see only their own suggestions")


@blp.route("/<member_id>")
class MemberSuggestions(MethodView):
    @blp.arguments(SuggestionQueryArgsSchema, location="query")
    @blp.response(200, SuggestionSchema(many=True))
    @blp.doc(security=[{"bearer": []}])
    def get(self, args: dict[str, int], member_id: str) -> list[Suggestion]:
        """List members sharing this member's expertise or interests, other places first."""
        with runtime().unit_of_work() as uow:
            return suggestions.people_to_meet(uow=uow, member_id=member_id, limit=args["limit"])


@blp.route("/<member_id>/events")
class EventSuggestions(MethodView):
    @blp.arguments(SuggestionQueryArgsSchema, location="query")
    @blp.response(200, EventSuggestionSchema(many=True))
    @blp.doc(security=[{"bearer": []}])
    def get(self, args: dict[str, int], member_id: str) -> list[EventSuggestion]:
        """List upcoming events on this member's expertise or interests, nearby or online."""
        with runtime().unit_of_work() as uow:
            return suggestions.events_to_attend(
                uow=uow, member_id=member_id, now=datetime.now(UTC), limit=args["limit"]
            )


class OfferSuggestionSchema(Schema):
    id = fields.String(metadata={"description": "The resource's or cohort's id."})
    title = fields.String(metadata={"description": "Its title, or the cohort's problem."})
    reason = fields.String(metadata={"description": "Why, in a few words."})


@blp.route("/<member_id>/resources")
class ResourceSuggestions(MethodView):
    @blp.arguments(SuggestionQueryArgsSchema, location="query")
    @blp.response(200, OfferSuggestionSchema(many=True))
    @blp.doc(security=[{"bearer": []}])
    def get(self, args: dict[str, int], member_id: str) -> list[OfferSuggestion]:
        """List library resources on this member's expertise or interests."""
        with runtime().unit_of_work() as uow:
            return suggestions.offers_to_take_up(
                uow=uow, member_id=member_id, kind=RESOURCE, limit=args["limit"]
            )


@blp.route("/<member_id>/lab-cohorts")
class CohortSuggestions(MethodView):
    @blp.arguments(SuggestionQueryArgsSchema, location="query")
    @blp.response(200, OfferSuggestionSchema(many=True))
    @blp.doc(security=[{"bearer": []}])
    def get(self, args: dict[str, int], member_id: str) -> list[OfferSuggestion]:
        """List open Lab cohorts on this member's expertise or interests."""
        with runtime().unit_of_work() as uow:
            return suggestions.offers_to_take_up(
                uow=uow, member_id=member_id, kind=LAB_COHORT, limit=args["limit"]
            )


@blp.route("/<member_id>/groups")
class GroupSuggestions(MethodView):
    @blp.arguments(SuggestionQueryArgsSchema, location="query")
    @blp.response(200, GroupSuggestionSchema(many=True))
    @blp.doc(security=[{"bearer": []}])
    def get(self, args: dict[str, int], member_id: str) -> list[GroupSuggestion]:
        """List special interest groups on this member's topics that they are not in."""
        with runtime().unit_of_work() as uow:
            return suggestions.groups_to_join(uow=uow, member_id=member_id, limit=args["limit"])
