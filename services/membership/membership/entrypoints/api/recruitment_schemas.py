"""What membership's HTTP API takes and gives about regions and recruitment waves."""

from marshmallow import Schema, fields, validate

from membership.entrypoints.api.schemas import NAME, SLUG
from qplatform.web.validators import Plausible


class RegionSchema(Schema):
    slug = fields.String(required=True, validate=[validate.Length(min=1, max=60), SLUG])
    name = fields.String(required=True, validate=validate.Length(min=1, max=120))
    active = fields.Boolean(dump_only=True)


class RegionChangeSchema(Schema):
    name = fields.String(validate=validate.Length(min=1, max=120))
    active = fields.Boolean()


class WaveSchema(Schema):
    id = fields.String(dump_only=True)
    name = fields.String(required=True, validate=NAME)
    partner = fields.String(
        required=True, validate=NAME, metadata={"description": "Partner running the wave."}
    )
    regions = fields.List(
        fields.String(validate=validate.Length(min=1, max=60)),
        required=True,
        validate=validate.Length(min=1, max=20),
    )
    opens_on = fields.Date(
        required=True, validate=Plausible(), metadata={"description": "First day (UTC)."}
    )
    closes_on = fields.Date(
        required=True, validate=Plausible(), metadata={"description": "Last day (UTC)."}
    )
    target = fields.Integer(required=True, validate=validate.Range(min=1, max=100_000), strict=True)
    closed_on = fields.Date(
        dump_only=True,
        allow_none=True,
        metadata={"description": "The day staff closed it early, if they did."},
    )
    last_day = fields.Date(
        dump_only=True, metadata={"description": "Last day it takes applications (UTC)."}
    )


class WaveChangeSchema(Schema):
    name = fields.String(validate=NAME)
    partner = fields.String(validate=NAME, metadata={"description": "Partner running the wave."})
    opens_on = fields.Date(validate=Plausible(), metadata={"description": "First day (UTC)."})
    closes_on = fields.Date(validate=Plausible(), metadata={"description": "Last day (UTC)."})
    target = fields.Integer(validate=validate.Range(min=1, max=100_000), strict=True)


class WeekOfApprovalsSchema(Schema):
    week_starting = fields.Date(metadata={"description": "The week's Monday."})
    approved = fields.Integer(metadata={"description": "Applications approved that week."})
    approved_so_far = fields.Integer(metadata={"description": "Approved up to that week's end."})


class WaveProgressSchema(Schema):
    wave = fields.Nested(WaveSchema)
    target = fields.Integer()
    applied = fields.Integer()
    approved = fields.Integer()
    rejected = fields.Integer()
    withdrawn = fields.Integer()
    awaiting_decision = fields.Integer()
    by_region = fields.Dict(keys=fields.String(), values=fields.Dict())
    approved_by_week = fields.List(
        fields.Nested(WeekOfApprovalsSchema),
        metadata={"description": "Every week from the wave's opening to its end or today."},
    )
