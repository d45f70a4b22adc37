"""Members' profiles: anyone sees what a member shows; the member and staff see and edit all."""

from collections.abc import Sequence
from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint
from flask_smorest.pagination import PaginationParameters

from membership.domain.model import Member
from membership.entrypoints.api.profile_schemas import (
    ExportSchema,
    FiguresSchema,
    NewcomerArgsSchema,
    NewcomerSchema,
    ProfileChangeSchema,
    ProfileSchema,
    PublicProfileSchema,
)
from membership.service_layer import erasure, members, profiles
from qplatform.identity import CONNECTOR, MEMBER, STAFF
from qplatform.web.access import ANYONE, requires
from qplatform.web.app import runtime
from qplatform.web.auth import current_caller
from qplatform.web.pagination import answer, page_request, paged

blp = Blueprint("members", __name__, url_prefix="/members", description="Q's members.")


@blp.route("/<member_id>")
class MemberItem(MethodView):
    @requires(ANYONE)
    @blp.response(200, PublicProfileSchema)
    def get(self, member_id: str) -> dict[str, object]:
        """Show what a member lets the directory show."""
        with runtime().unit_of_work() as uow:
            member = members.get_member(uow=uow, member_id=member_id)
            return {"member_id": member.id, **member.public_view()}


@blp.route("/<member_id>/profile")
class MemberProfile(MethodView):
    @requires(MEMBER)
    @blp.response(200, ProfileSchema)
    def get(self, member_id: str) -> Member:
        """Show a whole profile, email included (the member and staff only)."""
        with runtime().unit_of_work() as uow:
            return profiles.own_profile(uow=uow, member_id=member_id, caller=current_caller())

    @requires(MEMBER)
    @blp.arguments(ProfileChangeSchema)
    @blp.response(200, ProfileSchema)
    def patch(self, changes: dict[str, Any], member_id: str) -> Member:
        """Change a profile (the member and staff only)."""
        with runtime().unit_of_work() as uow:
            return profiles.update_profile(
                uow=uow, member_id=member_id, caller=current_caller(), changes=changes
            )


@blp.route("/<member_id>/export")
class MemberExport(MethodView):
    @requires(MEMBER)
    @blp.response(200, ExportSchema)
    def get(self, member_id: str) -> dict[str, Any]:
        """Download everything membership holds about a member (the member and staff only)."""
        with runtime().unit_of_work() as uow:
            return erasure.export_member(uow=uow, member_id=member_id, caller=current_caller())


@blp.route("/<member_id>/membership")
class MemberLeaving(MethodView):
    @requires(MEMBER)
    @blp.response(204)
    def delete(self, member_id: str) -> None:
        """Leave Q: erase the member's data (the member and staff only)."""
        with runtime().unit_of_work() as uow:
            erasure.erase_member(uow=uow, member_id=member_id, caller=current_caller())


@blp.route("/figures")
class CommunityFigures(MethodView):
    @requires(STAFF)
    @blp.response(200, FiguresSchema)
    def get(self) -> dict[str, dict[str, int]]:
        """Count members per region and joins per month (staff only)."""
        with runtime().unit_of_work() as uow:
            return members.community_figures(uow=uow)


@blp.route("/newcomers")
class Newcomers(MethodView):
    @requires(CONNECTOR)
    @blp.arguments(NewcomerArgsSchema, location="query")
    @blp.response(200, NewcomerSchema(many=True))
    @paged(blp, long=True)
    def get(
        self, args: dict[str, Any], pagination_parameters: PaginationParameters
    ) -> Sequence[dict[str, object]]:
        """List who joined a region in recent weeks, newest first, to welcome them.

        A Connector sees their own region's newcomers, as the directory shows them; staff any.
        """
        with runtime().unit_of_work() as uow:
            page = members.newcomers(
                uow=uow,
                caller=current_caller(),
                region=args.get("region"),
                weeks=args["weeks"],
                page=page_request(pagination_parameters),
            )
        return answer(pagination_parameters, page)
