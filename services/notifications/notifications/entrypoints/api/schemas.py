"""What notifications' HTTP API takes and gives: never a member's address."""

from marshmallow import Schema, fields, validate

from notifications.domain.model import MessageState


class MessageQueryArgsSchema(Schema):
    member_id = fields.String(
        validate=validate.Length(min=1, max=36),
        metadata={"description": "The member whose mail to list; every member's if left out."},
    )
    state = fields.String(
        validate=validate.OneOf([state.value for state in MessageState]),
        metadata={"description": "Only mail in this delivery state (every member's mail)."},
    )


class MessageSchema(Schema):
    """A mail as staff see it: what was sent and how delivery went, not where it went."""

    id = fields.String()
    member_id = fields.String()
    template = fields.String()
    category = fields.String()
    subject = fields.String()
    state = fields.Function(lambda message: message.state.value)
    attempts = fields.Integer()
    last_error = fields.String(allow_none=True)
    next_attempt_at = fields.AwareDateTime(allow_none=True)
    created_at = fields.AwareDateTime()
    sent_at = fields.AwareDateTime(allow_none=True)
