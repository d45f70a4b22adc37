"""What membership's HTTP API takes and gives about applications and members."""

from collections.abc import Callable
from typing import Any

from marshmallow import Schema, ValidationError, fields, validate

from membership.domain.addresses import MAX_LENGTH, UndeliverableAddress, canonical_address
from membership.domain.model import MAIL_CATEGORIES
from qplatform.web.validators import OneLine, Paragraphs

NAME: list[Callable[[Any], Any]] = [validate.Length(min=1, max=200), OneLine()]
SLUG = validate.Regexp(r"^[a-z0-9]+(-[a-z0-9]+)*$", error="use lower-case words joined by '-'")
STATUSES = ("submitted", "approved", "rejected", "withdrawn")


class Address(fields.String):
    """An email address, loaded in the one form the platform keeps (see domain.addresses)."""

    def __init__(self, **kwargs: Any) -> None:
        metadata = {"format": "email", **kwargs.pop("metadata", {})}
        super().__init__(validate=validate.Length(max=MAX_LENGTH), metadata=metadata, **kwargs)

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> str:
        try:
            return canonical_address(super()._deserialize(value, attr, data, **kwargs))
        except UndeliverableAddress as refused:
            raise ValidationError(str(refused)) from None


class ApplicationFormSchema(Schema):
    name = fields.String(required=True, validate=NAME)
    email = Address(required=True)
    organisation = fields.String(required=True, validate=NAME)
    job_title = fields.String(required=True, validate=NAME)
    region = fields.String(
        required=True,
        validate=[validate.Length(min=1, max=60), SLUG],
        metadata={"description": "Slug of one of Q's regions (see GET /regions)."},
    )
    statement = fields.String(
        required=True,
        validate=[validate.Length(min=20, max=5000), Paragraphs()],
        metadata={"description": "Improvement experience, 20 to 5,000 characters."},
    )
    consent_version = fields.String(
        required=True,
        validate=[validate.Length(min=1, max=40), OneLine()],
        metadata={"description": "Version of the data policy agreed to."},
    )
    mail_categories = fields.List(
        fields.String(validate=validate.OneOf(MAIL_CATEGORIES)), load_default=list
    )


class ApplicationReceiptSchema(Schema):
    """What the applicant sees back: no copy of their personal details."""

    id = fields.String(attribute="application.id")
    status = fields.Function(lambda receipt: receipt.application.status.value)
    submitted_at = fields.AwareDateTime(attribute="application.submitted_at")
    wave_id = fields.String(attribute="application.wave_id")
    withdrawal_code = fields.String(
        metadata={"description": "Keep this: it lets you withdraw the application."}
    )


class ApplicationStatusSchema(Schema):
    """Where an application stands, without its personal details."""

    id = fields.String()
    status = fields.Function(lambda application: application.status.value)
    decided_at = fields.AwareDateTime(allow_none=True)


class ApplicationSchema(Schema):
    """An application as staff and partner reviewers see it."""

    id = fields.String()
    name = fields.String()
    email = fields.String()
    organisation = fields.String()
    job_title = fields.String()
    region = fields.String()
    statement = fields.String()
    consent_version = fields.String()
    consented_at = fields.AwareDateTime()
    mail_categories = fields.List(fields.String())
    status = fields.Function(lambda application: application.status.value)
    submitted_at = fields.AwareDateTime()
    decided_at = fields.AwareDateTime(allow_none=True)
    member_id = fields.String(allow_none=True)
    wave_id = fields.String(allow_none=True)
    rejection_reason = fields.String(allow_none=True)


class ApplicationQueryArgsSchema(Schema):
    status = fields.String(validate=validate.OneOf(STATUSES))
    region = fields.String(validate=validate.Length(max=60))
    wave_id = fields.String(validate=validate.Length(max=36))


class RejectionSchema(Schema):
    reason = fields.String(
        required=True,
        validate=validate.Length(min=1, max=2000),
        metadata={
            "description": "Why; told to the applicant in the decision mail, never published "
            "on a public stream."
        },
    )


class WithdrawalSchema(Schema):
    code = fields.String(
        required=True,
        validate=validate.Length(min=1, max=100),
        metadata={"description": "The withdrawal code given when applying."},
    )
