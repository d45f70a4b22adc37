"""Staff read who takes part in coffee trials."""

from collections.abc import Sequence
from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint

from matching.domain.model import Participant
from matching.entrypoints.api.schemas import ParticipantQueryArgsSchema, ParticipantSchema
from matching.service_layer import participants
from qplatform.web.app import runtime
from qplatform.web.auth import require_staff

blp = Blueprint(
    "participants",
    __name__,
    url_prefix="/participants",
    description="Members as Randomised Coffee Trials see them.",
)
# Staff only for now, checked before any argument so strangers learn nothing from errors.
blp.before_request(require_staff)

STAFF: list[dict[str, list[str]]] = [{"bearer": []}]


@blp.route("")
class ParticipantList(MethodView):
    @blp.arguments(ParticipantQueryArgsSchema, location="query")
    @blp.response(200, ParticipantSchema(many=True))
    @blp.paginate(page_size=20, max_page_size=100)
    @blp.doc(security=STAFF)
    def get(self, args: dict[str, Any], pagination_parameters: Any) -> Sequence[Participant]:
        """List participants, oldest members first, in one region if asked (staff only)."""
        with runtime().unit_of_work() as uow:
            found = participants.list_participants(
                uow=uow,
                page=pagination_parameters.page,
                page_size=pagination_parameters.page_size,
                region=args.get("region"),
            )
        pagination_parameters.item_count = found.total
        return found.items


@blp.route("/<member_id>")
class ParticipantItem(MethodView):
    @blp.response(200, ParticipantSchema)
    @blp.doc(security=STAFF)
    def get(self, member_id: str) -> Participant:
        """Show matching's copy of one member (staff only)."""
        with runtime().unit_of_work() as uow:
            return participants.get_participant(uow=uow, member_id=member_id)
