"""A member's own mail preferences and in-app feed; no one sees another member's."""

from collections.abc import Sequence
from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint
from flask_smorest.pagination import PaginationParameters

from notifications.domain.model import Message
from notifications.entrypoints.api.preference_schemas import (
    NotificationSchema,
    PreferencesSchema,
    UnreadCountSchema,
    as_attributes,
    as_categories,
)
from notifications.service_layer import feed, preferences
from qplatform.errors import Forbidden
from qplatform.web.app import runtime
from qplatform.web.auth import require_member

blp = Blueprint(
    "me", __name__, url_prefix="/me", description="The calling member's preferences and feed."
)
BEARER: list[dict[str, list[str]]] = [{"bearer": []}]


@blp.before_request
def _members_only() -> None:
    if require_member().member_id is None:
        raise Forbidden("only members have preferences and a feed")


def _member_id() -> str:
    return str(require_member().member_id)


@blp.route("/preferences")
class MyPreferences(MethodView):
    @blp.response(200, PreferencesSchema)
    @blp.doc(security=BEARER)
    def get(self) -> dict[str, bool]:
        """Show which categories of mail I get."""
        with runtime().unit_of_work() as uow:
            return as_attributes(preferences.preferences_of(uow=uow, member_id=_member_id()))

    @blp.arguments(PreferencesSchema)
    @blp.response(200, PreferencesSchema)
    @blp.doc(security=BEARER)
    def patch(self, args: dict[str, bool]) -> dict[str, bool]:
        """Choose which categories of mail I get."""
        with runtime().unit_of_work() as uow:
            chosen = preferences.change_preferences(
                uow=uow, member_id=_member_id(), changes=as_categories(args), source="member"
            )
        return as_attributes(chosen)


@blp.route("/notifications")
class MyNotifications(MethodView):
    @blp.response(200, NotificationSchema(many=True))
    @blp.paginate()
    @blp.doc(security=BEARER)
    def get(self, pagination_parameters: PaginationParameters) -> Sequence[Message]:
        """List my notifications, newest first."""
        with runtime().unit_of_work() as uow:
            page = feed.feed_page(
                uow=uow,
                member_id=_member_id(),
                page=pagination_parameters.page,
                page_size=pagination_parameters.page_size,
            )
        pagination_parameters.item_count = page.total
        return page.items


@blp.route("/notifications/unread-count")
class MyUnreadCount(MethodView):
    @blp.response(200, UnreadCountSchema)
    @blp.doc(security=BEARER)
    def get(self) -> dict[str, Any]:
        """Count my unread notifications."""
        with runtime().unit_of_work() as uow:
            return {"unread": feed.unread_count(uow=uow, member_id=_member_id())}


@blp.route("/notifications/read")
class MyNotificationsRead(MethodView):
    @blp.response(204)
    @blp.doc(security=BEARER)
    def post(self) -> None:
        """Mark all my notifications read."""
        with runtime().unit_of_work() as uow:
            feed.mark_all_read(uow=uow, member_id=_member_id())


@blp.route("/notifications/<message_id>/read")
class MyNotificationRead(MethodView):
    @blp.response(200, NotificationSchema)
    @blp.doc(security=BEARER)
    def post(self, message_id: str) -> Message:
        """Mark one of my notifications read."""
        with runtime().unit_of_work() as uow:
            return feed.mark_read(uow=uow, member_id=_member_id(), message_id=message_id)
