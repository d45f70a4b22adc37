"""Members' profiles: anyone sees what a member shows; the member and staff see and edit all."""

from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint

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
from qplatform.web.app import runtime
from qplatform.web.auth import CONNECTOR, require_member, require_role, require_staff

blp = Blueprint("members", __name__, url_prefix="/members", description="Q's members.")


@blp.route("/<member_id>")
class MemberItem(MethodView):
    @blp.response(200, PublicProfileSchema)
    def get(self, member_id: str) -> dict[str, object]:
        """Show what a member lets the directory show."""
        with runtime().unit_of_work() as uow:
            member = members.get_member(uow=uow, member_id=member_id)
            return {"member_id": member.id, **member.public_view()}


@blp.route("/<member_id>/profile")
class MemberProfile(MethodView):
    @blp.response(200, ProfileSchema)
    @blp.doc(security=[{"bearer": []}])
    def get(self, member_id: str) -> Member:
        """Show a whole profile, email included (the member and staff only)."""
        caller = require_member()
        with runtime().unit_of_work() as uow:
            return profiles.own_profile(uow=uow, member_id=member_id, caller=caller)

    @blp.arguments(ProfileChangeSchema)
    @blp.response(200, ProfileSchema)
    @blp.doc(security=[{"bearer": []}])
    def patch(self, changes: dict[str, Any], member_id: str) -> Member:
        """Change a profile (the member and staff only)."""
        caller = require_member()
        with runtime().unit_of_work() as uow:
            return profiles.update_profile(
                uow=uow, member_id=member_id, caller=caller, changes=changes
            )


@blp.route("/<member_id>/export")
class MemberExport(MethodView):
    @blp.response(200, ExportSchema)
    @blp.doc(security=[{"bearer": []}])
    def get(self, member_id: str) -> dict[str, Any]:
        """Download everything membership holds about a member (the member and staff only)."""
        caller = require_member()
        with runtime().unit_of_work() as uow:
            return erasure.export_member(uow=uow, member_id=member_id, caller=caller)


@blp.route("/<member_id>/membership")
class MemberLeaving(MethodView):
    @blp.response(204)
    @blp.doc(security=[{"bearer": []}])
    def delete(self, member_id: str) -> None:
        """Leave Q: erase the member's data (the member and staff only)."""
        caller = require_member()
        with runtime().unit_of_work() as uow:
            erasure.erase_member(uow=uow, member_id=member_id, caller=caller)


@blp.route("/figures")
class CommunityFigures(MethodView):
    @blp.response(200, FiguresSchema)
    @blp.doc(security=[{"bearer": []}])
    def get(self) -> dict[str, dict[str, int]]:
        """Count members per region and joins per month (staff only)."""
        require_staff()
        with runtime().unit_of_work() as uow:
            return members.community_figures(uow=uow)


@blp.route("/newcomers")
class Newcomers(MethodView):
    @blp.arguments(NewcomerArgsSchema, location="query")
    @blp.response(200, NewcomerSchema(many=True))
    @blp.doc(security=[{"bearer": []}])
    def get(self, args: dict[str, Any]) -> list[dict[str, object]]:
        """List who joined a region in recent weeks, newest first, to welcome them.

        A Connector sees their own region's newcomers, as the directory shows them; staff any.
        """
        caller = require_role(CONNECTOR)
        with runtime().unit_of_work() as uow:
            return members.newcomers(
                uow=uow, caller=caller, region=args.get("region"), weeks=args["weeks"]
            )
