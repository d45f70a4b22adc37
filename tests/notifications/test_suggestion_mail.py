"""A member whose suggestion for the library staff declined hears why, by mail and in their feed."""

import uuid
from datetime import UTC, datetime

from notifications.domain.letters import CATEGORY_OF, WORK_MODERATED
from notifications.service_layer.dispatch import dispatch_pending
from notifications.service_layer.feed import feed_page
from qplatform.events import Envelope
from qplatform.paging import PageRequest
from qplatform.runtime import Runtime
from tests.notifications.examples import (
    contact_recorded,
    delivery_for,
    envelope,
    handle,
    messages_of,
    new_member_id,
)
from tests.notifications.smtp_server import SmtpServer

TITLE = "Our huddle board"
REASON = "The library already holds a guide to huddle boards."


def suggestion_declined(suggested_by: str | None) -> Envelope:
    resource_id = str(uuid.uuid4())
    data = {
        "resource_id": resource_id,
        "title": TITLE,
        "suggested_by": suggested_by,
        "reason": REASON,
        "declined_at": datetime(2026, 11, 20, 10, tzinfo=UTC),
    }
    return envelope(
        "resource-suggestion-declined", subject=resource_id, data=data, source="collaboration"
    )


def test_the_member_who_suggested_it_is_mailed_the_title_and_the_reason_once(
    runtime: Runtime, smtp_server: SmtpServer
) -> None:
    member_id = new_member_id()
    # Like any notice about their own contribution, it goes whatever news they turned off.
    handle(runtime, contact_recorded(member_id, "asha@example.org", "Asha Patel", consents=[]))
    declined = suggestion_declined(member_id)
    handle(runtime, declined, declined)
    dispatch_pending(uow_factory=runtime.unit_of_work, delivery=delivery_for(smtp_server), limit=9)
    [mail] = smtp_server.to("asha@example.org")
    subject = f"Your suggestion was not added to the library: {TITLE}"
    assert mail.message["Subject"] == subject
    assert TITLE in mail.text and REASON in mail.text and "Dear Asha Patel" in mail.text
    assert [m.category for m in messages_of(runtime, member_id)] == [CATEGORY_OF[WORK_MODERATED]]
    with runtime.unit_of_work() as uow:
        feed = feed_page(uow=uow, member_id=member_id, page=PageRequest(number=1, size=10))
    assert [item.subject for item in feed.items] == [subject]


def test_a_suggestion_whose_member_has_left_tells_no_one(runtime: Runtime) -> None:
    member_id = new_member_id()
    handle(runtime, contact_recorded(member_id, "asha@example.org"), suggestion_declined(None))
    assert messages_of(runtime, member_id) == []
