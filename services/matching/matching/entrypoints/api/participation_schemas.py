"""What members send and see of their own coffee-trial participation."""

from marshmallow import Schema, fields, validate

from matching.domain.model import FREQUENCIES, MEETING_FORMATS
from qplatform.web.validators import Plausible


class ParticipationChangeSchema(Schema):
    """The choices a member changes; every field is optional."""

    opted_in = fields.Boolean(metadata={"description": "Take part in coffee trials at all."})
    paused_until = fields.Date(
        allow_none=True,
        validate=Plausible(),
        metadata={"description": "Sit out every round held before this day; null resumes."},
    )
    skip_next_round = fields.Boolean(metadata={"description": "Sit out the next round only."})
    meeting_format = fields.String(
        validate=validate.OneOf(MEETING_FORMATS),
        metadata={"description": "virtual, in-person (same region only) or either."},
    )
    frequency = fields.String(
        validate=validate.OneOf(list(FREQUENCIES)),
        metadata={"description": "monthly, every-two-months or quarterly."},
    )
    prefers_other_organisation = fields.Boolean(
        metadata={"description": "Rather meet someone from another organisation."}
    )
    prefers_other_region = fields.Boolean(
        metadata={"description": "Rather meet someone from another region."}
    )
    never_pair_with = fields.List(
        fields.String(validate=validate.Length(min=1, max=36)),
        validate=validate.Length(max=100),
        metadata={"description": "Member ids never to be paired with (replaces the list)."},
    )


class ParticipationSchema(ParticipationChangeSchema):
    """A member's participation as they and staff see it."""

    member_id = fields.String()
    region = fields.String()
    organisation = fields.String()
    updated_at = fields.AwareDateTime()
