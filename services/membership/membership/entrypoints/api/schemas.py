"""What membership's HTTP API takes and gives."""

from marshmallow import Schema, fields, validate

from membership.domain.model import MAIL_CATEGORIES, REGIONS

NAME = validate.Length(min=1, max=200)


class ApplicationFormSchema(Schema):
    name = fields.String(required=True, validate=NAME)
    email = fields.Email(required=True, validate=validate.Length(max=254))
    organisation = fields.String(required=True, validate=NAME)
    job_title = fields.String(required=True, validate=NAME)
    region = fields.String(
        required=True,
        validate=validate.OneOf(REGIONS),
        metadata={"description": "One of Q's regions."},
    )
    statement = fields.String(
        required=True,
        validate=validate.Length(min=20, max=5000),
        metadata={"description": "Improvement experience, 20 to 5,000 characters."},
    )
    consent_version = fields.String(
        required=True,
        validate=validate.Length(min=1, max=40),
        metadata={"description": "Version of the data policy agreed to."},
    )
    mail_categories = fields.List(
        fields.String(validate=validate.OneOf(MAIL_CATEGORIES)), load_default=list
    )


class ApplicationReceiptSchema(Schema):
    """What the applicant sees back: no copy of their personal details."""

    id = fields.String()
    status = fields.Function(lambda application: application.status.value)
    submitted_at = fields.AwareDateTime()


class ApplicationSchema(Schema):
    """An application as staff see it."""

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


class MemberSchema(Schema):
    """A member's public profile: never their email."""

    id = fields.String()
    display_name = fields.String()
    organisation = fields.String()
    job_title = fields.String()
    region = fields.String()
    joined_at = fields.AwareDateTime()
