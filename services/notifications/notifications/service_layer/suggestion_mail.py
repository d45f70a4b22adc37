"""Tell a member that staff declined the resource they suggested for the library, and why."""

from notifications.domain.letters import CATEGORY_OF, WORK_MODERATED
from notifications.service_layer.queueing import queue_letter
from qplatform.db.unit_of_work import UnitOfWork
from qplatform.messaging.consumer import ReceivedEvent

SUGGESTION_DECLINED = "suggestion-declined"
# A declined suggestion is news about the member's own contribution, as a rejected post
# is: it goes in the same category as every other moderation notice.
CATEGORY_OF.setdefault(SUGGESTION_DECLINED, CATEGORY_OF[WORK_MODERATED])


def tell_suggestion_declined(uow: UnitOfWork, event: ReceivedEvent) -> None:
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
