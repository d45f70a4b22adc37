"""What notifications' HTTP API takes and gives: never a member's address."""

from marshmallow import Schema, fields, validate


class MessageQueryArgsSchema(Schema):
    member_id = fields.String(
        required=True,
        validate=validate.Length(min=1, max=36),
        metadata={"description": "The member whose mail to list."},
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
