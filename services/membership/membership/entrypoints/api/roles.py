"""Staff give members roles and take them away."""

from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from membership.domain.model import Member
from membership.entrypoints.api.profile_schemas import ProfileSchema
from membership.service_layer import roles
from qplatform.identity import STAFF
from qplatform.web.access import requires
from qplatform.web.app import runtime

blp = Blueprint("roles", __name__, url_prefix="/members", description="Members' roles.")


class RoleGrantSchema(Schema):
    region = fields.String(
        validate=validate.Length(min=1, max=60),
        metadata={"description": "Region a partner reviewer decides for."},
    )


@blp.route("/<member_id>/roles/<any(connector, 'partner-reviewer', staff):role>")
class MemberRole(MethodView):
    @requires(STAFF)
    @blp.arguments(RoleGrantSchema)
    @blp.response(200, ProfileSchema)
    def put(self, body: dict[str, Any], member_id: str, role: str) -> Member:
        """Give a member a role (staff only)."""
        with runtime().unit_of_work() as uow:
            return roles.grant_role(
                uow=uow, member_id=member_id, role=role, region=body.get("region")
            )

    @requires(STAFF)
    @blp.response(200, ProfileSchema)
    def delete(self, member_id: str, role: str) -> Member:
        """Take a role away from a member (staff only)."""
        with runtime().unit_of_work() as uow:
            return roles.revoke_role(uow=uow, member_id=member_id, role=role)
