"""Tell members what staff decided about the events, posts and comments they wrote."""

from typing import Any

from notifications.domain import letters
from notifications.service_layer.queueing import queue_letter
from notifications.service_layer.unit_of_work import NotificationsUnitOfWork
from qplatform.messaging.handlers import ReceivedEvent


def tell_event_published(uow: NotificationsUnitOfWork, event: ReceivedEvent) -> None:
    """Tell a member that staff published the event they submitted."""
    data = event.data
    if data.get("moderated") and data.get("organiser_id"):
        work = {"thing": "event", "title": data["title"], "decision": "published"}
        _tell(uow, event, data["organiser_id"], letters.WORK_PUBLISHED, work)


def tell_event_rejected(uow: NotificationsUnitOfWork, event: ReceivedEvent) -> None:
    """Tell a member that staff turned down the event they submitted, and why."""
    data = event.data
    if data.get("organiser_id"):
        title = data.get("title") or "your event"
        work = {"thing": "event", "title": title, "decision": "rejected", "reason": data["reason"]}
        _tell(uow, event, data["organiser_id"], letters.WORK_MODERATED, work)


def tell_event_hidden(uow: NotificationsUnitOfWork, event: ReceivedEvent) -> None:
    """Tell a member that staff took their event down, and why."""
    data = event.data
    if data.get("organiser_id"):
        work = {"thing": "event", "title": data["title"], "decision": "hidden"}
        _tell(
            uow,
            event,
            data["organiser_id"],
            letters.WORK_MODERATED,
            work | {"reason": data["reason"]},
        )


def tell_event_restored(uow: NotificationsUnitOfWork, event: ReceivedEvent) -> None:
    """Tell a member that staff showed their hidden event again."""
    data = event.data
    if data.get("organiser_id"):
        work = {"thing": "event", "title": data["title"], "decision": "restored"}
        _tell(uow, event, data["organiser_id"], letters.WORK_MODERATED, work)


def tell_post_published(uow: NotificationsUnitOfWork, event: ReceivedEvent) -> None:
    """Tell a member that staff published the news item or blog they wrote."""
    data = event.data
    if data.get("author_id"):
        work = {"thing": data["kind"], "title": data["title"], "decision": "published"}
        _tell(uow, event, data["author_id"], letters.WORK_PUBLISHED, work)


def tell_post_rejected(uow: NotificationsUnitOfWork, event: ReceivedEvent) -> None:
    """Tell a member that staff sent their post back, and why."""
    data = event.data
    work = {
        "thing": data["kind"],
        "title": data["title"],
        "decision": "rejected",
        "reason": data["reason"],
    }
    _tell(uow, event, data["author_id"], letters.WORK_MODERATED, work)


def tell_post_hidden(uow: NotificationsUnitOfWork, event: ReceivedEvent) -> None:
    """Tell a member that staff took their post down, and why if they said."""
    data = event.data
    if data.get("author_id"):
        work = {
            "thing": data["kind"],
            "title": data["title"],
            "decision": "hidden",
            "reason": data.get("reason"),
        }
        _tell(uow, event, data["author_id"], letters.WORK_MODERATED, work)


def tell_post_restored(uow: NotificationsUnitOfWork, event: ReceivedEvent) -> None:
    """Tell a member that staff showed their post again."""
    data = event.data
    if data.get("author_id"):
        work = {"thing": data["kind"], "title": data["title"], "decision": "restored"}
        _tell(uow, event, data["author_id"], letters.WORK_MODERATED, work)


def tell_comment_hidden(uow: NotificationsUnitOfWork, event: ReceivedEvent) -> None:
    """Tell a member that staff hid their comment, and why if they said."""
    data = event.data
    if data.get("author_id"):
        work = _comment(uow, data, "hidden") | {"reason": data.get("reason")}
        _tell(uow, event, data["author_id"], letters.WORK_MODERATED, work)


def tell_comment_restored(uow: NotificationsUnitOfWork, event: ReceivedEvent) -> None:
    """Tell a member that staff showed their hidden comment again."""
    data = event.data
    _tell(uow, event, data["author_id"], letters.WORK_MODERATED, _comment(uow, data, "restored"))


def _comment(uow: NotificationsUnitOfWork, data: dict[str, Any], decision: str) -> dict[str, Any]:
    # The comment's text never travels; name what it was under, if notifications knows it.
    if data["on"] == "post":
        post = uow.known_posts.get(data["on_id"])
        under = post.title if post else None
    else:
        known = uow.known_events.get(data["on_id"])
        under = known.title if known else None
    return {"thing": "comment", "under": under, "decision": decision, "reason": None}


def _tell(
    uow: NotificationsUnitOfWork,
    event: ReceivedEvent,
    member_id: str,
    template: str,
    work: dict[str, Any],
) -> None:
    queue_letter(
        uow,
        cause_id=event.id,
        member_id=member_id,
        template=template,
        context={"reason": None, "title": None, "under": None, **work},
    )
