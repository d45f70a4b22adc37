"""Tell a member that staff declined the resource they suggested for the library, and why."""

from notifications.domain.letters import SUGGESTION_DECLINED
from notifications.service_layer.queueing import queue_letter
from notifications.service_layer.unit_of_work import NotificationsUnitOfWork
from qplatform.messaging.handlers import ReceivedEvent


def tell_suggestion_declined(uow: NotificationsUnitOfWork, event: ReceivedEvent) -> None:
    """Mail the member who suggested a resource that staff declined it, with their reason."""
    data = event.data
    if data.get("suggested_by"):
        queue_letter(
            uow,
            cause_id=event.id,
            member_id=data["suggested_by"],
            template=SUGGESTION_DECLINED,
            context={"title": data["title"], "reason": data["reason"]},
        )
