"""Staff read who takes part in coffee trials."""

from collections.abc import Sequence
from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint
from flask_smorest.pagination import PaginationParameters

from matching.domain.model import Participant
from matching.entrypoints.api.schemas import ParticipantQueryArgsSchema, ParticipantSchema
from matching.service_layer import participants
from qplatform.identity import STAFF
from qplatform.web.access import requires
from qplatform.web.app import runtime
from qplatform.web.pagination import answer, page_request, paged

blp = Blueprint(
    "participants",
    __name__,
    url_prefix="/participants",
    description="Members as Randomised Coffee Trials see them.",
)


@blp.route("")
class ParticipantList(MethodView):
    @requires(STAFF)
    @blp.arguments(ParticipantQueryArgsSchema, location="query")
    @blp.response(200, ParticipantSchema(many=True))
    @paged(blp)
    def get(
        self, args: dict[str, Any], pagination_parameters: PaginationParameters
    ) -> Sequence[Participant]:
        """List participants, oldest members first, in one region if asked (staff only)."""
        with runtime().unit_of_work() as uow:
            found = participants.list_participants(
                uow=uow, page=page_request(pagination_parameters), region=args.get("region")
            )
        return answer(pagination_parameters, found)


@blp.route("/<member_id>")
class ParticipantItem(MethodView):
    @requires(STAFF)
    @blp.response(200, ParticipantSchema)
    def get(self, member_id: str) -> Participant:
        """Show matching's copy of one member (staff only)."""
        with runtime().unit_of_work() as uow:
            return participants.get_participant(uow=uow, member_id=member_id)
