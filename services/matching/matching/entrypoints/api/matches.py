"""Matched members say whether they met."""

from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint

from matching.domain.rounds import MatchFeedback
from matching.entrypoints.api.round_schemas import FeedbackRecordedSchema, FeedbackSchema
from matching.service_layer import feedback
from qplatform.web.app import runtime
from qplatform.web.auth import require_member

blp = Blueprint("matches", __name__, url_prefix="/matches", description="Coffee matches.")
MEMBER: list[dict[str, list[str]]] = [{"bearer": []}]


@blp.before_request
def only_members() -> None:
    """Refuse anonymous callers before reading any argument."""
    require_member()


@blp.route("/<match_id>/feedback")
class MatchFeedbackItem(MethodView):
    @blp.arguments(FeedbackSchema)
    @blp.response(201, FeedbackRecordedSchema)
    @blp.doc(security=MEMBER)
    def post(self, answer: dict[str, Any], match_id: str) -> MatchFeedback:
        """Say whether you met your match, with an optional rating (its members only)."""
        with runtime().unit_of_work() as uow:
            return feedback.record_feedback(
                uow=uow,
                match_id=match_id,
                caller=require_member(),
                outcome=answer["outcome"],
                rating=answer.get("rating"),
            )
