"""Bounce reports from the mail provider, and the addresses they suppressed (staff only)."""

from collections.abc import Sequence
from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint
from flask_smorest.pagination import PaginationParameters

from notifications.config import MailConfig
from notifications.domain.preferences import Bounce, Suppression
from notifications.entrypoints.api.bounce_schemas import (
    BounceArgsSchema,
    BounceSchema,
    SuppressionSchema,
)
from notifications.service_layer import bounces
from qplatform.identity import STAFF
from qplatform.web.access import requires
from qplatform.web.app import runtime
from qplatform.web.pagination import answer, page_request, paged

blp = Blueprint(
    "bounces",
    __name__,
    url_prefix="/",
    description="Bounced mail and suppressed addresses (staff only).",
)


@blp.route("/bounces")
class BounceList(MethodView):
    @requires(STAFF)
    @blp.arguments(BounceArgsSchema)
    @blp.response(201, BounceSchema)
    def post(self, args: dict[str, Any]) -> Bounce:
        """Record that a mail came back."""
        settings = runtime().settings
        with runtime().unit_of_work() as uow:
            return bounces.record_bounce(
                uow=uow, soft_limit=MailConfig.of(settings).soft_bounce_limit, **args
            )

    @requires(STAFF)
    @blp.response(200, BounceSchema(many=True))
    @paged(blp)
    def get(self, pagination_parameters: PaginationParameters) -> Sequence[Bounce]:
        """List the reports of mail that came back, newest first."""
        with runtime().unit_of_work() as uow:
            found = bounces.list_bounces(uow=uow, page=page_request(pagination_parameters))
        return answer(pagination_parameters, found)


@blp.route("/suppressions")
class SuppressionList(MethodView):
    @requires(STAFF)
    @blp.response(200, SuppressionSchema(many=True))
    @paged(blp)
    def get(self, pagination_parameters: PaginationParameters) -> Sequence[Suppression]:
        """List suppressed addresses and why, newest first."""
        with runtime().unit_of_work() as uow:
            found = bounces.list_suppressions(uow=uow, page=page_request(pagination_parameters))
        return answer(pagination_parameters, found)


@blp.route("/suppressions/<member_id>")
class SuppressionItem(MethodView):
    @requires(STAFF)
    @blp.response(200, SuppressionSchema)
    def get(self, member_id: str) -> Suppression:
        """Show why a member's address gets no more mail."""
        with runtime().unit_of_work() as uow:
            return bounces.get_suppression(uow=uow, member_id=member_id)
