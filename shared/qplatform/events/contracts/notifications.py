"""Events published by the notifications service: what became of each mail, no addresses."""

from marshmallow import fields

from qplatform.events.contracts.fields import EventDataSchema, described
from qplatform.events.spec import EventSpec, Topic

MESSAGES = Topic(
    name="notifications.message",
    description="Mail to members and what became of it. No addresses, no mail bodies.",
    key="message id",
)
EXAMPLE_MESSAGE = "3b9e2f4c-8d1a-4c6e-9f0b-2a7d5e1c4b83"
EXAMPLE_MEMBER = "7f1c2e9a-5b4d-4c1e-9a51-0c6d3f2b8e11"


class NotificationSentV1Schema(EventDataSchema):
    message_id = described(fields.String, "The mail's id.", EXAMPLE_MESSAGE)
    member_id = described(fields.String, "The member it went to.", EXAMPLE_MEMBER)
    template = described(fields.String, "Kind of mail.", "welcome")
    category = described(fields.String, "Mail category, or transactional.", "transactional")
    attempts = described(fields.Integer, "Attempts it took, this one included.", 1)
    sent_at = described(
        fields.AwareDateTime, "When the mail server took it (UTC).", "2026-11-03T14:00:05+00:00"
    )


class NotificationFailedV1Schema(EventDataSchema):
    message_id = described(fields.String, "The mail's id.", EXAMPLE_MESSAGE)
    member_id = described(fields.String, "The member it was for.", EXAMPLE_MEMBER)
    template = described(fields.String, "Kind of mail.", "digest")
    category = described(fields.String, "Mail category, or transactional.", "digest")
    attempts = described(fields.Integer, "Attempts made.", 8)
    reason = described(
        fields.String, "Why it will not be sent, without the address.", "550 no such mailbox"
    )
    failed_at = described(
        fields.AwareDateTime, "When it was given up (UTC).", "2026-11-03T18:00:00+00:00"
    )


SPECS = [
    EventSpec(
        type="notification-sent",
        version=1,
        topic=MESSAGES,
        schema=NotificationSentV1Schema,
        producer="notifications",
        description="The mail server took a mail for a member.",
    ),
    EventSpec(
        type="notification-failed",
        version=1,
        topic=MESSAGES,
        schema=NotificationFailedV1Schema,
        producer="notifications",
        description="A mail was given up: refused, retried too often, bounced or erased.",
    ),
]
