"""Matched members say whether they met."""

from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint

from matching.domain.rounds import MatchFeedback
from matching.entrypoints.api.round_schemas import FeedbackRecordedSchema, FeedbackSchema
from matching.service_layer import feedback
from qplatform.identity import MEMBER
from qplatform.web.access import requires
from qplatform.web.app import runtime
from qplatform.web.auth import current_caller

blp = Blueprint("matches", __name__, url_prefix="/matches", description="Coffee matches.")


@blp.route("/<match_id>/feedback")
class MatchFeedbackItem(MethodView):
    @requires(MEMBER)
    @blp.arguments(FeedbackSchema)
    @blp.response(201, FeedbackRecordedSchema)
    def post(self, answer: dict[str, Any], match_id: str) -> MatchFeedback:
        """Say whether you met your match, with an optional rating (its members only)."""
        with runtime().unit_of_work() as uow:
            return feedback.record_feedback(
                uow=uow,
                match_id=match_id,
                caller=current_caller(),
                outcome=answer["outcome"],
                rating=answer.get("rating"),
            )
