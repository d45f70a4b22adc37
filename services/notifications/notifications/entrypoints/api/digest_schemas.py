"""What the digest routes take and give."""

from typing import Any

from marshmallow import Schema, ValidationError, fields, validate

from notifications.domain.digest import Month
from qplatform.web.validators import Plausible

MONTH = validate.Regexp(r"^\d{4}-(0[1-9]|1[0-2])$", error="give a month as YYYY-MM")


class _MonthField(fields.Field):
    """A month as YYYY-MM, within the century the platform's dates are in."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> Month:
        if not isinstance(value, str):
            raise ValidationError("give a month as YYYY-MM")
        MONTH(value)
        try:
            month = Month.parse(value)
        except ValueError as error:
            raise ValidationError("give a month as YYYY-MM") from error
        Plausible()(month.starts_at)
        return month

    def _serialize(self, value: Any, attr: str | None, obj: Any, **kwargs: Any) -> str | None:
        return value.name if isinstance(value, Month) else value


class DigestRunArgsSchema(Schema):
    month = _MonthField(required=True, metadata={"description": "Month of the digest, as YYYY-MM."})


class DigestRunSchema(Schema):
    month = _MonthField()
    messages = fields.Integer(metadata={"description": "Digests queued."})


class DigestPreviewArgsSchema(Schema):
    member_id = fields.String(
        required=True,
        validate=validate.Length(min=1, max=36),
        metadata={"description": "The member whose digest to show."},
    )
    month = _MonthField(required=True, metadata={"description": "Month of the digest, as YYYY-MM."})


class LetterSchema(Schema):
    """A mail as its member would read it."""

    subject = fields.String()
    text = fields.String()
    html = fields.String()
