"""Staff follow the mail sent to members."""

from collections.abc import Sequence
from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint
from flask_smorest.pagination import PaginationParameters

from notifications.domain.model import Message
from notifications.entrypoints.api.schemas import MessageQueryArgsSchema, MessageSchema
from notifications.service_layer import messages
from qplatform.web.app import runtime
from qplatform.web.auth import require_staff

blp = Blueprint(
    "messages",
    __name__,
    url_prefix="/messages",
    description="Mail to members and its delivery (staff only).",
)
# Every route here is for staff; refuse others before reading their arguments.
blp.before_request(require_staff)


@blp.route("")
class MessageList(MethodView):
    @blp.arguments(MessageQueryArgsSchema, location="query")
    @blp.response(200, MessageSchema(many=True))
    @blp.paginate()
    @blp.doc(security=[{"bearer": []}])
    def get(
        self, args: dict[str, Any], pagination_parameters: PaginationParameters
    ) -> Sequence[Message]:
        """List a member's mail, newest first."""
        with runtime().unit_of_work() as uow:
            page = messages.list_messages(
                uow=uow,
                member_id=args["member_id"],
                page=pagination_parameters.page,
                page_size=pagination_parameters.page_size,
            )
        pagination_parameters.item_count = page.total
        return page.items


@blp.route("/<message_id>")
class MessageItem(MethodView):
    @blp.response(200, MessageSchema)
    @blp.doc(security=[{"bearer": []}])
    def get(self, message_id: str) -> Message:
        """Show one mail and how its delivery went."""
        with runtime().unit_of_work() as uow:
            return messages.get_message(uow=uow, message_id=message_id)
