"""What the bounce and suppression routes take and give: never an address."""

from marshmallow import Schema, fields, validate

from notifications.domain.preferences import HARD, SOFT


class BounceArgsSchema(Schema):
    message_id = fields.String(
        required=True,
        validate=validate.Length(min=1, max=36),
        metadata={"description": "Id of the mail that came back."},
    )
    kind = fields.String(
        required=True,
        validate=validate.OneOf([HARD, SOFT]),
        metadata={"description": "hard (the address is gone) or soft (try later)."},
    )
    reason = fields.String(
        required=True,
        validate=validate.Length(min=1, max=2000),
        metadata={"description": "The mail server's diagnostic."},
    )


class BounceSchema(Schema):
    id = fields.String()
    member_id = fields.String()
    message_id = fields.String()
    kind = fields.String()
    reason = fields.String()
    received_at = fields.AwareDateTime()


class SuppressionSchema(Schema):
    """An address that gets no more mail, and why."""

    member_id = fields.String()
    reason = fields.String()
    bounces = fields.Integer()
    suppressed_at = fields.AwareDateTime()
