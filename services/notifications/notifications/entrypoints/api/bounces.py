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
from qplatform.web.app import runtime
from qplatform.web.auth import require_staff

blp = Blueprint(
    "bounces",
    __name__,
    url_prefix="/",
    description="Bounced mail and suppressed addresses (staff only).",
)
blp.before_request(require_staff)


@blp.route("/bounces")
class BounceList(MethodView):
    @blp.arguments(BounceArgsSchema)
    @blp.response(201, BounceSchema)
    @blp.doc(security=[{"bearer": []}])
    def post(self, args: dict[str, Any]) -> Bounce:
        """Record that a mail came back."""
        settings = runtime().settings
        with runtime().unit_of_work() as uow:
            return bounces.record_bounce(
                uow=uow, soft_limit=MailConfig.of(settings).soft_bounce_limit, **args
            )

    @blp.response(200, BounceSchema(many=True))
    @blp.paginate()
    @blp.doc(security=[{"bearer": []}])
    def get(self, pagination_parameters: PaginationParameters) -> Sequence[Bounce]:
        """List the reports of mail that came back, newest first."""
        with runtime().unit_of_work() as uow:
            items, total = bounces.list_bounces(
                uow=uow,
                page=pagination_parameters.page,
                page_size=pagination_parameters.page_size,
            )
        pagination_parameters.item_count = total
        return items


@blp.route("/suppressions")
class SuppressionList(MethodView):
    @blp.response(200, SuppressionSchema(many=True))
    @blp.paginate()
    @blp.doc(security=[{"bearer": []}])
    def get(self, pagination_parameters: PaginationParameters) -> Sequence[Suppression]:
        """List suppressed addresses and why, newest first."""
        with runtime().unit_of_work() as uow:
            items, total = bounces.list_suppressions(
                uow=uow,
                page=pagination_parameters.page,
                page_size=pagination_parameters.page_size,
            )
        pagination_parameters.item_count = total
        return items


@blp.route("/suppressions/<member_id>")
class SuppressionItem(MethodView):
    @blp.response(200, SuppressionSchema)
    @blp.doc(security=[{"bearer": []}])
    def get(self, member_id: str) -> Suppression:
        """Show why a member's address gets no more mail."""
        with runtime().unit_of_work() as uow:
            return bounces.get_suppression(uow=uow, member_id=member_id)
