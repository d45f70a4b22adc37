"""What membership's HTTP API takes and gives about profiles and the directory."""

from marshmallow import Schema, fields, validate

from membership.domain.model import FIELD_GROUPS
from membership.entrypoints.api.schemas import NAME, SLUG
from qplatform.web.validators import OneLine, Paragraphs

WORDS = fields.String(validate=[validate.Length(min=1, max=60), OneLine()])
ROLES = ("member", "connector", "partner-reviewer", "staff")


class PublicProfileSchema(Schema):
    """What anyone sees of a member: hidden field groups come back as null."""

    id = fields.String(attribute="member_id")
    display_name = fields.String()
    region = fields.String()
    organisation = fields.String(allow_none=True)
    job_title = fields.String(allow_none=True)
    bio = fields.String(allow_none=True)
    expertise = fields.List(fields.String(), allow_none=True)
    tags = fields.List(fields.String(), allow_none=True)
    interests = fields.List(fields.String(), allow_none=True)
    links = fields.List(fields.String(), allow_none=True)


class ProfileSchema(Schema):
    """A whole profile, as the member themselves and staff see it."""

    id = fields.String()
    email = fields.String()
    display_name = fields.String()
    organisation = fields.String()
    job_title = fields.String()
    region = fields.String()
    bio = fields.String(allow_none=True)
    expertise = fields.List(fields.String(), allow_none=True)
    tags = fields.List(fields.String(), allow_none=True)
    interests = fields.List(fields.String(), allow_none=True)
    links = fields.List(fields.String(), allow_none=True)
    shown_groups = fields.List(fields.String(), attribute="visible_groups")
    roles = fields.List(fields.String(), attribute="role_list")
    reviewer_region = fields.String(
        allow_none=True, metadata={"description": "The region a partner reviewer decides for."}
    )
    joined_at = fields.AwareDateTime()


class ProfileChangeSchema(Schema):
    display_name = fields.String(validate=NAME)
    organisation = fields.String(validate=NAME)
    job_title = fields.String(validate=NAME)
    region = fields.String(validate=[validate.Length(min=1, max=60), SLUG])
    bio = fields.String(validate=[validate.Length(max=1000), Paragraphs()])
    expertise = fields.List(fields.String(validate=SLUG), validate=validate.Length(max=10))
    tags = fields.List(WORDS, validate=validate.Length(max=20))
    interests = fields.List(WORDS, validate=validate.Length(max=20))
    links = fields.List(
        fields.URL(schemes={"https", "http"}, validate=validate.Length(max=300)),
        validate=validate.Length(max=5),
    )
    shown_groups = fields.List(
        fields.String(validate=validate.OneOf(list(FIELD_GROUPS))),
        metadata={"description": "Field groups the directory shows: work, about, links."},
    )


class DirectoryArgsSchema(Schema):
    q = fields.String(
        load_default="",
        validate=validate.Length(max=200),
        metadata={
            "description": "Words; each must begin a word the member shows: name, "
            "organisation, job title, bio, tags, expertise."
        },
    )
    region = fields.String(validate=validate.Length(max=60))
    expertise = fields.String(validate=validate.Length(max=60))
    role = fields.String(validate=validate.OneOf(ROLES))
    organisation = fields.String(validate=validate.Length(max=200))


class DirectoryFacetsSchema(Schema):
    facets = fields.Dict(
        keys=fields.String(),
        values=fields.Dict(keys=fields.String(), values=fields.Integer()),
        metadata={
            "description": "Matches per region and per expertise, each facet ignoring "
            "its own filter."
        },
    )


class ExpertiseSchema(Schema):
    slug = fields.String(required=True, validate=[validate.Length(min=1, max=60), SLUG])
    name = fields.String(required=True, validate=[validate.Length(min=1, max=120), OneLine()])


class ExportSchema(Schema):
    """Everything membership holds about a member."""

    profile = fields.Dict()
    applications = fields.List(fields.Dict())
    account = fields.Dict()


class FiguresSchema(Schema):
    members_per_region = fields.Dict(keys=fields.String(), values=fields.Integer())
    joins_per_month = fields.Dict(
        keys=fields.String(), values=fields.Integer(), metadata={"description": "By YYYY-MM."}
    )


class NewcomerArgsSchema(Schema):
    region = fields.String(
        validate=validate.Length(min=1, max=60),
        metadata={"description": "Staff choose any region; a Connector's is their own."},
    )
    weeks = fields.Integer(
        load_default=4,
        validate=validate.Range(min=1, max=26),
        metadata={"description": "How many weeks back to look."},
    )


class NewcomerSchema(PublicProfileSchema):
    joined_at = fields.AwareDateTime()
