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
from qplatform.identity import MEMBER
from qplatform.web.access import requires
from qplatform.web.app import runtime
from qplatform.web.auth import current_caller
from qplatform.web.pagination import answer, page_request, paged

blp = Blueprint(
    "me", __name__, url_prefix="/me", description="The calling member's preferences and feed."
)


def _member_id() -> str:
    member_id = current_caller().member_id
    if member_id is None:
        raise Forbidden("only members have preferences and a feed")
    return member_id


@blp.route("/preferences")
class MyPreferences(MethodView):
    @requires(MEMBER)
    @blp.response(200, PreferencesSchema)
    def get(self) -> dict[str, bool]:
        """Show which categories of mail I get."""
        with runtime().unit_of_work() as uow:
            return as_attributes(preferences.preferences_of(uow=uow, member_id=_member_id()))

    @requires(MEMBER)
    @blp.arguments(PreferencesSchema)
    @blp.response(200, PreferencesSchema)
    def patch(self, args: dict[str, bool]) -> dict[str, bool]:
        """Choose which categories of mail I get."""
        with runtime().unit_of_work() as uow:
            chosen = preferences.change_preferences(
                uow=uow, member_id=_member_id(), changes=as_categories(args), source="member"
            )
        return as_attributes(chosen)


@blp.route("/notifications")
class MyNotifications(MethodView):
    @requires(MEMBER)
    @blp.response(200, NotificationSchema(many=True))
    @paged(blp)
    def get(self, pagination_parameters: PaginationParameters) -> Sequence[Message]:
        """List my notifications, newest first."""
        page = page_request(pagination_parameters)
        with runtime().unit_of_work() as uow:
            found = feed.feed_page(uow=uow, member_id=_member_id(), page=page)
        return answer(pagination_parameters, found)


@blp.route("/notifications/unread-count")
class MyUnreadCount(MethodView):
    @requires(MEMBER)
    @blp.response(200, UnreadCountSchema)
    def get(self) -> dict[str, Any]:
        """Count my unread notifications."""
        with runtime().unit_of_work() as uow:
            return {"unread": feed.unread_count(uow=uow, member_id=_member_id())}


@blp.route("/notifications/read")
class MyNotificationsRead(MethodView):
    @requires(MEMBER)
    @blp.response(204)
    def post(self) -> None:
        """Mark all my notifications read."""
        with runtime().unit_of_work() as uow:
            feed.mark_all_read(uow=uow, member_id=_member_id())


@blp.route("/notifications/<message_id>/read")
class MyNotificationRead(MethodView):
    @requires(MEMBER)
    @blp.response(200, NotificationSchema)
    def post(self, message_id: str) -> Message:
        """Mark one of my notifications read."""
        with runtime().unit_of_work() as uow:
            return feed.mark_read(uow=uow, member_id=_member_id(), message_id=message_id)
