"""Members' public profiles."""

from flask.views import MethodView
from flask_smorest import Blueprint

from membership.domain.model import Member
from membership.entrypoints.api.schemas import MemberSchema
from membership.service_layer import applications
from qplatform.web.app import runtime

blp = Blueprint("members", __name__, url_prefix="/members", description="Q's members.")


@blp.route("/<member_id>")
class MemberItem(MethodView):
    @blp.response(200, MemberSchema)
    def get(self, member_id: str) -> Member:
        """Show a member's public profile."""
        with runtime().unit_of_work() as uow:
            return applications.get_member(uow=uow, member_id=member_id)
