"""Staff follow the mail sent to members."""

from collections.abc import Sequence
from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint
from flask_smorest.pagination import PaginationParameters

from notifications.domain.model import Message, MessageState
from notifications.entrypoints.api.schemas import MessageQueryArgsSchema, MessageSchema
from notifications.service_layer import messages
from qplatform.identity import STAFF
from qplatform.web.access import requires
from qplatform.web.app import runtime
from qplatform.web.pagination import answer, page_request, paged

blp = Blueprint(
    "messages",
    __name__,
    url_prefix="/messages",
    description="Mail to members and its delivery (staff only).",
)


@blp.route("")
class MessageList(MethodView):
    @requires(STAFF)
    @blp.arguments(MessageQueryArgsSchema, location="query")
    @blp.response(200, MessageSchema(many=True))
    @paged(blp)
    def get(
        self, args: dict[str, Any], pagination_parameters: PaginationParameters
    ) -> Sequence[Message]:
        """List a member's mail, or every member's in a delivery state, newest first."""
        page = page_request(pagination_parameters)
        with runtime().unit_of_work() as uow:
            if "member_id" in args:
                found = messages.list_messages(uow=uow, member_id=args["member_id"], page=page)
            else:
                state = MessageState(args["state"]) if "state" in args else None
                found = messages.list_all_messages(uow=uow, state=state, page=page)
        return answer(pagination_parameters, found)


@blp.route("/uncertain")
class UncertainMessages(MethodView):
    @requires(STAFF)
    @blp.response(200, MessageSchema(many=True))
    @paged(blp)
    def get(self, pagination_parameters: PaginationParameters) -> Sequence[Message]:
        """List the mail that may or may not have reached the mail server, oldest first."""
        with runtime().unit_of_work() as uow:
            found = messages.list_uncertain(uow=uow, page=page_request(pagination_parameters))
        return answer(pagination_parameters, found)


@blp.route("/<message_id>/resend")
class MessageResend(MethodView):
    @requires(STAFF)
    @blp.response(200, MessageSchema)
    def post(self, message_id: str) -> Message:
        """Send again a mail whose hand-over is in doubt (it may arrive twice)."""
        with runtime().unit_of_work() as uow:
            return messages.send_again(uow=uow, message_id=message_id)


@blp.route("/<message_id>/mark-sent")
class MessageMarkSent(MethodView):
    @requires(STAFF)
    @blp.response(200, MessageSchema)
    def post(self, message_id: str) -> Message:
        """Record as sent a mail whose hand-over is in doubt (it is not sent again)."""
        with runtime().unit_of_work() as uow:
            return messages.confirm_sent(uow=uow, message_id=message_id)


@blp.route("/<message_id>")
class MessageItem(MethodView):
    @requires(STAFF)
    @blp.response(200, MessageSchema)
    def get(self, message_id: str) -> Message:
        """Show one mail and how its delivery went."""
        with runtime().unit_of_work() as uow:
            return messages.get_message(uow=uow, message_id=message_id)
