"""What the library's routes take and give."""

from typing import Any

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from collaboration.domain.resources import KINDS, PILLARS
from qplatform.web.validators import OneLine, Paragraphs

TOPIC = fields.String(validate=[validate.Length(min=1, max=40), OneLine()])


class ResourceFormSchema(Schema):
    """A resource as staff publish it or a member suggests it: a link or a Markdown body."""

    title = fields.String(required=True, validate=[validate.Length(min=1, max=200), OneLine()])
    summary = fields.String(
        required=True, validate=[validate.Length(min=1, max=1000), Paragraphs()]
    )
    pillar = fields.String(required=True, validate=validate.OneOf(PILLARS))
    kind = fields.String(required=True, validate=validate.OneOf(KINDS))
    topics = fields.List(TOPIC, load_default=list, validate=validate.Length(max=10))
    link = fields.Url(
        load_default=None,
        allow_none=True,
        schemes={"http", "https"},
        validate=validate.Length(max=2000),
    )
    body = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=50000))


class ResourceSchema(Schema):
    id = fields.String()
    title = fields.String()
    summary = fields.String()
    pillar = fields.String()
    kind = fields.String()
    topics = fields.List(fields.String())
    link = fields.String(allow_none=True)
    body_markdown = fields.String(allow_none=True)
    body_html = fields.String(allow_none=True, metadata={"description": "Sanitized; safe to show."})
    status = fields.String()
    created_at = fields.AwareDateTime()
    published_at = fields.AwareDateTime(allow_none=True)


class ResourceSearchArgsSchema(Schema):
    q = fields.String(load_default=None, validate=validate.Length(max=200))
    pillar = fields.String(load_default=None, validate=validate.OneOf(PILLARS))
    kind = fields.String(load_default=None, validate=validate.OneOf(KINDS))
    topic = fields.String(load_default=None, validate=validate.Length(max=40))


class FacetsSchema(Schema):
    pillar = fields.Dict(keys=fields.String(), values=fields.Integer())
    kind = fields.Dict(keys=fields.String(), values=fields.Integer())
    topic = fields.Dict(keys=fields.String(), values=fields.Integer())


class RatedResourceSchema(ResourceSchema):
    rating = fields.Float(allow_none=True, metadata={"description": "Average stars, 1 to 5."})
    ratings = fields.Integer(metadata={"description": "How many members rated it."})


class FoundFacetsSchema(Schema):
    facets = fields.Nested(FacetsSchema)


class ModerationSchema(Schema):
    decision = fields.String(required=True, validate=validate.OneOf(["publish", "decline"]))
    reason = fields.String(
        load_default=None,
        allow_none=True,
        validate=[validate.Length(min=1, max=500), Paragraphs()],
        metadata={
            "description": "Why staff decline it (required to decline); the member reads it."
        },
    )

    @validates_schema
    def _declined_with_a_reason(self, data: dict[str, Any], **kwargs: Any) -> None:
        if data.get("decision") == "decline" and not (data.get("reason") or "").strip():
            raise ValidationError("say why you decline the suggestion", field_name="reason")


class RatingFormSchema(Schema):
    stars = fields.Integer(required=True, validate=validate.Range(1, 5))
