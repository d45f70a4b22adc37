"""Members opt in or out, pause, skip a round and state wishes, for themselves only."""

from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint

from matching.domain.model import Participant
from matching.entrypoints.api.participation_schemas import (
    ParticipationChangeSchema,
    ParticipationSchema,
)
from matching.entrypoints.api.round_schemas import MatchSchema
from matching.service_layer import participation, round_reading
from qplatform.identity import MEMBER
from qplatform.web.access import requires
from qplatform.web.app import runtime
from qplatform.web.auth import current_caller

blp = Blueprint(
    "participation",
    __name__,
    url_prefix="/participation",
    description="A member's own part in Randomised Coffee Trials.",
)


def _shown(found: tuple[Participant, list[str]]) -> dict[str, Any]:
    participant, never = found
    names = [n for n in ParticipationSchema().fields if n != "never_pair_with"]
    shown = {name: getattr(participant, name) for name in names}
    return {**shown, "never_pair_with": never}


@blp.route("/<member_id>")
class ParticipationItem(MethodView):
    @requires(MEMBER)
    @blp.response(200, ParticipationSchema)
    def get(self, member_id: str) -> dict[str, Any]:
        """Show a member's participation (the member or staff only)."""
        with runtime().unit_of_work() as uow:
            return _shown(
                participation.own_participation(
                    uow=uow, member_id=member_id, caller=current_caller()
                )
            )

    @requires(MEMBER)
    @blp.arguments(ParticipationChangeSchema)
    @blp.response(200, ParticipationSchema)
    def patch(self, changes: dict[str, Any], member_id: str) -> dict[str, Any]:
        """Change a member's participation (the member or staff only)."""
        with runtime().unit_of_work() as uow:
            return _shown(
                participation.change_participation(
                    uow=uow,
                    member_id=member_id,
                    caller=current_caller(),
                    changes=changes,
                )
            )


@blp.route("/<member_id>/matches")
class ParticipationMatches(MethodView):
    @requires(MEMBER)
    @blp.response(200, MatchSchema(many=True))
    def get(self, member_id: str) -> list[dict[str, Any]]:
        """List a member's matches, the newest first (the member or staff only)."""
        with runtime().unit_of_work() as uow:
            return round_reading.member_matches(
                uow=uow, member_id=member_id, caller=current_caller()
            )
