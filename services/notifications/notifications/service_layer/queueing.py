"""Queue a mail for a member, once per cause, unless they opted out of its category."""

from typing import Any

from notifications.adapters.templates import render_subject
from notifications.domain.letters import CATEGORY_OF, Attachment
from notifications.domain.model import Message, message_key
from notifications.domain.preferences import TRANSACTIONAL
from notifications.service_layer.unit_of_work import NotificationsUnitOfWork
from qplatform.tracing import current_carrier


def queue_letter(
    uow: NotificationsUnitOfWork,
    *,
    cause_id: str,
    member_id: str,
    template: str,
    context: dict[str, Any],
    attachments: tuple[Attachment, ...] = (),
) -> Message | None:
    """Queue `template` for a member; return it, or None if queued before or unwanted."""
    key = message_key(cause_id, member_id, template)
    messages = uow.messages
    category = CATEGORY_OF[template]
    if messages.with_key(key) is not None or not wants(uow, member_id, category):
        return None
    cause = current_carrier()
    message = Message(
        idempotency_key=key,
        member_id=member_id,
        template=template,
        category=category,
        subject=render_subject(template, context),
        context=context,
        body_text="",
        attachments=[vars(attachment) for attachment in attachments],
        traceparent=cause.traceparent,
        tracestate=cause.tracestate,
    )
    messages.add(message)
    return message


def wants(uow: NotificationsUnitOfWork, member_id: str, category: str) -> bool:
    """Tell whether a member gets mail of `category` (transactional mail always goes)."""
    if category == TRANSACTIONAL:
        return True
    preference = uow.preferences.get(member_id, category)
    return preference is None or preference.subscribed
