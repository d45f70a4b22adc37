"""Members opt in or out, pause, skip a round and state wishes, for themselves only."""

from datetime import UTC, datetime
from typing import Any

from flask import request
from flask.views import MethodView
from flask_smorest import Blueprint

from matching.domain import errors
from matching.domain.model import Participant
from matching.entrypoints.api.participation_schemas import (
    ParticipationChangeSchema,
    ParticipationSchema,
)
from matching.entrypoints.api.round_schemas import MatchSchema
from matching.service_layer import participation, round_reading
from qplatform.web.app import runtime
from qplatform.web.auth import require_member

blp = Blueprint(
    "participation",
    __name__,
    url_prefix="/participation",
    description="A member's own part in Randomised Coffee Trials.",
)
MEMBER: list[dict[str, list[str]]] = [{"bearer": []}]


@blp.before_request
def only_the_member_or_staff() -> None:
    """Refuse other members before reading any argument."""
    caller = require_member()
    member_id = (request.view_args or {}).get("member_id")
    if not caller.is_staff and caller.member_id != member_id:
        raise errors.NotYourParticipation("members change only their own participation")


def _shown(found: tuple[Participant, list[str]]) -> dict[str, Any]:
    participant, never = found
    names = [n for n in ParticipationSchema().fields if n != "never_pair_with"]
    shown = {name: getattr(participant, name) for name in names}
    return {**shown, "never_pair_with": never}


@blp.route("/<member_id>")
class ParticipationItem(MethodView):
    @blp.response(200, ParticipationSchema)
    @blp.doc(security=MEMBER)
    def get(self, member_id: str) -> dict[str, Any]:
        """Show a member's participation (the member or staff only)."""
        with runtime().unit_of_work() as uow:
            return _shown(
                participation.own_participation(
                    uow=uow, member_id=member_id, caller=require_member()
                )
            )

    @blp.arguments(ParticipationChangeSchema)
    @blp.response(200, ParticipationSchema)
    @blp.doc(security=MEMBER)
    def patch(self, changes: dict[str, Any], member_id: str) -> dict[str, Any]:
        """Change a member's participation (the member or staff only)."""
        with runtime().unit_of_work() as uow:
            return _shown(
                participation.change_participation(
                    uow=uow,
                    member_id=member_id,
                    caller=require_member(),
                    changes=changes,
                    today=datetime.now(UTC).date(),
                )
            )


@blp.route("/<member_id>/matches")
class ParticipationMatches(MethodView):
    @blp.response(200, MatchSchema(many=True))
    @blp.doc(security=MEMBER)
    def get(self, member_id: str) -> list[dict[str, Any]]:
        """List a member's matches, the newest first (the member or staff only)."""
        with runtime().unit_of_work() as uow:
            return round_reading.member_matches(uow=uow, member_id=member_id)
