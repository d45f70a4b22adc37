"""Members see whom they might want to meet, events and groups on their topics, and why."""

from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from matching.domain.groups import GroupSuggestion
from matching.domain.offers import LAB_COHORT, RESOURCE, OfferSuggestion
from matching.domain.suggestions import Suggestion
from matching.domain.upcoming import EventSuggestion
from matching.service_layer import suggestions
from qplatform.identity import MEMBER
from qplatform.web.access import requires
from qplatform.web.app import runtime
from qplatform.web.auth import current_caller

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


@blp.route("/<member_id>")
class MemberSuggestions(MethodView):
    @requires(MEMBER)
    @blp.arguments(SuggestionQueryArgsSchema, location="query")
    @blp.response(200, SuggestionSchema(many=True))
    def get(self, args: dict[str, int], member_id: str) -> list[Suggestion]:
        """List members sharing this member's expertise or interests, other places first."""
        with runtime().unit_of_work() as uow:
            return suggestions.people_to_meet(
                uow=uow, member_id=member_id, caller=current_caller(), limit=args["limit"]
            )


@blp.route("/<member_id>/events")
class EventSuggestions(MethodView):
    @requires(MEMBER)
    @blp.arguments(SuggestionQueryArgsSchema, location="query")
    @blp.response(200, EventSuggestionSchema(many=True))
    def get(self, args: dict[str, int], member_id: str) -> list[EventSuggestion]:
        """List upcoming events on this member's expertise or interests, nearby or online."""
        with runtime().unit_of_work() as uow:
            return suggestions.events_to_attend(
                uow=uow, member_id=member_id, caller=current_caller(), limit=args["limit"]
            )


class OfferSuggestionSchema(Schema):
    id = fields.String(metadata={"description": "The resource's or cohort's id."})
    title = fields.String(metadata={"description": "Its title, or the cohort's problem."})
    reason = fields.String(metadata={"description": "Why, in a few words."})


@blp.route("/<member_id>/resources")
class ResourceSuggestions(MethodView):
    @requires(MEMBER)
    @blp.arguments(SuggestionQueryArgsSchema, location="query")
    @blp.response(200, OfferSuggestionSchema(many=True))
    def get(self, args: dict[str, int], member_id: str) -> list[OfferSuggestion]:
        """List library resources on this member's expertise or interests."""
        with runtime().unit_of_work() as uow:
            return suggestions.offers_to_take_up(
                uow=uow,
                member_id=member_id,
                caller=current_caller(),
                kind=RESOURCE,
                limit=args["limit"],
            )


@blp.route("/<member_id>/lab-cohorts")
class CohortSuggestions(MethodView):
    @requires(MEMBER)
    @blp.arguments(SuggestionQueryArgsSchema, location="query")
    @blp.response(200, OfferSuggestionSchema(many=True))
    def get(self, args: dict[str, int], member_id: str) -> list[OfferSuggestion]:
        """List open Lab cohorts on this member's expertise or interests."""
        with runtime().unit_of_work() as uow:
            return suggestions.offers_to_take_up(
                uow=uow,
                member_id=member_id,
                caller=current_caller(),
                kind=LAB_COHORT,
                limit=args["limit"],
            )


@blp.route("/<member_id>/groups")
class GroupSuggestions(MethodView):
    @requires(MEMBER)
    @blp.arguments(SuggestionQueryArgsSchema, location="query")
    @blp.response(200, GroupSuggestionSchema(many=True))
    def get(self, args: dict[str, int], member_id: str) -> list[GroupSuggestion]:
        """List special interest groups on this member's topics that they are not in."""
        with runtime().unit_of_work() as uow:
            return suggestions.groups_to_join(
                uow=uow, member_id=member_id, caller=current_caller(), limit=args["limit"]
            )
