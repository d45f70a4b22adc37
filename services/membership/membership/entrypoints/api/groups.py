"""Special interest groups: members start them, join and leave; anyone sees who is in one."""

from collections.abc import Sequence
from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint
from flask_smorest.pagination import PaginationParameters
from marshmallow import Schema, fields, validate

from membership.domain.errors import NotYourProfile
from membership.domain.groups import InterestGroup
from membership.entrypoints.api.profile_schemas import WORDS, PublicProfileSchema
from membership.service_layer import groups
from qplatform.identity import MEMBER
from qplatform.web.access import ANYONE, requires
from qplatform.web.app import runtime
from qplatform.web.auth import current_caller
from qplatform.web.pagination import answer, page_request, paged
from qplatform.web.validators import OneLine, Paragraphs

blp = Blueprint("groups", __name__, url_prefix="/groups", description="Special interest groups.")


class GroupSchema(Schema):
    id = fields.String(dump_only=True)
    name = fields.String(required=True, validate=[validate.Length(min=1, max=200), OneLine()])
    purpose = fields.String(
        required=True, validate=[validate.Length(min=1, max=2000), Paragraphs()]
    )
    topics = fields.List(WORDS, load_default=list, validate=validate.Length(max=10))
    created_by = fields.String(dump_only=True)
    created_at = fields.AwareDateTime(dump_only=True)


@blp.route("")
class GroupList(MethodView):
    @requires(ANYONE)
    @blp.response(200, GroupSchema(many=True))
    @paged(blp, long=True)
    def get(self, pagination_parameters: PaginationParameters) -> Sequence[InterestGroup]:
        """List the groups, by name."""
        with runtime().unit_of_work() as uow:
            page = groups.list_groups(uow=uow, page=page_request(pagination_parameters))
        return answer(pagination_parameters, page)

    @requires(MEMBER)
    @blp.arguments(GroupSchema)
    @blp.response(201, GroupSchema)
    def post(self, body: dict[str, Any]) -> InterestGroup:
        """Start a group, joining it yourself (members only)."""
        founder = _member_id()
        with runtime().unit_of_work() as uow:
            return groups.start_group(uow=uow, founder=founder, **body)


@blp.route("/<group_id>/members")
class GroupMembers(MethodView):
    @requires(ANYONE)
    @blp.response(200, PublicProfileSchema(many=True))
    @paged(blp, long=True)
    def get(
        self, group_id: str, pagination_parameters: PaginationParameters
    ) -> Sequence[dict[str, object]]:
        """List a group's members, by name."""
        with runtime().unit_of_work() as uow:
            page = groups.group_members(
                uow=uow, group_id=group_id, page=page_request(pagination_parameters)
            )
        return answer(pagination_parameters, page)

    @requires(MEMBER)
    @blp.response(200, GroupSchema)
    def post(self, group_id: str) -> InterestGroup:
        """Join a group (members only)."""
        member_id = _member_id()
        with runtime().unit_of_work() as uow:
            return groups.join_group(uow=uow, group_id=group_id, member_id=member_id)


@blp.route("/<group_id>/members/<member_id>")
class GroupMember(MethodView):
    @requires(MEMBER)
    @blp.response(204)
    def delete(self, group_id: str, member_id: str) -> None:
        """Leave a group (the member themselves, or staff)."""
        with runtime().unit_of_work() as uow:
            groups.leave_group(
                uow=uow, group_id=group_id, member_id=member_id, caller=current_caller()
            )


def _member_id() -> str:
    caller = current_caller()
    if caller.member_id is None:
        raise NotYourProfile("only members take part in groups")
    return caller.member_id
