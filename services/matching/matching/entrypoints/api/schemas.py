"""What matching's HTTP API takes and gives."""

from marshmallow import Schema, fields, validate

from qplatform.regions import REGIONS


class ParticipantQueryArgsSchema(Schema):
    region = fields.String(
        validate=validate.OneOf(REGIONS),
        metadata={"description": "Only participants in this region (one of Q's regions)."},
    )


class ParticipantSchema(Schema):
    """Matching's copy of a member, and whether they take part in coffee trials."""

    member_id = fields.String()
    display_name = fields.String()
    organisation = fields.String()
    job_title = fields.String()
    region = fields.String()
    joined_at = fields.AwareDateTime()
    opted_in = fields.Boolean()
    updated_at = fields.AwareDateTime()
