"""What the digest routes take and give."""

from typing import Any

from marshmallow import Schema, ValidationError, fields, validate

from notifications.domain.digest import Month
from notifications.domain.edition import EDITORIAL_MAX, OPPORTUNITIES_MAX
from qplatform.web.validators import OneLine, Paragraphs, Plausible

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


class EditionArgsSchema(Schema):
    month = _MonthField(required=True, metadata={"description": "Month of the digest, as YYYY-MM."})


class OpportunitySchema(Schema):
    """An opportunity open to members: a role, a call, funding, a place on a programme."""

    title = fields.String(required=True, validate=[validate.Length(min=1, max=200), OneLine()])
    description = fields.String(load_default="", validate=[validate.Length(max=600), Paragraphs()])
    url = fields.Url(
        load_default=None,
        allow_none=True,
        schemes={"https", "http"},
        validate=validate.Length(max=500),
        metadata={"description": "Where to find out more (http or https)."},
    )


class EditionSchema(Schema):
    """What staff write into a month's digest: plain text; any markup is removed."""

    month = _MonthField(required=True, metadata={"description": "Month of the digest, as YYYY-MM."})
    editorial = fields.String(
        load_default="",
        validate=[validate.Length(max=EDITORIAL_MAX), Paragraphs()],
        metadata={"description": "A short note from staff; blank lines part paragraphs."},
    )
    opportunities = fields.List(
        fields.Nested(OpportunitySchema),
        load_default=list,
        validate=validate.Length(max=OPPORTUNITIES_MAX),
    )
    updated_at = fields.AwareDateTime(dump_only=True)
