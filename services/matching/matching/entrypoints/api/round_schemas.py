"""What staff send and see of coffee rounds, their matches and meeting rates."""

from marshmallow import Schema, fields, validate

from qplatform.events.contracts.matching import OUTCOMES


class RoundStartSchema(Schema):
    held_on = fields.Date(metadata={"description": "The round's day; today if left out."})
    seed = fields.Integer(
        validate=validate.Range(min=0, max=2**62),
        metadata={"description": "Seed to repeat a pairing; a random one if left out."},
    )


class RoundSchema(Schema):
    """A round with its seed and quality figures."""

    id = fields.String()
    number = fields.Integer()
    seed = fields.Integer()
    held_on = fields.Date()
    completed_at = fields.AwareDateTime()
    cooldown = fields.Integer()
    participants = fields.Integer()
    pairs = fields.Integer()
    trios = fields.Integer()
    unmatched = fields.Integer()
    repeats = fields.Integer()
    format_clashes = fields.Integer()
    cross_organisation_share = fields.Float()
    cross_region_share = fields.Float()
    preference_hits = fields.Float()


class MatchSchema(Schema):
    id = fields.String()
    round_id = fields.String()
    round_number = fields.Integer()
    meeting_format = fields.String()
    member_ids = fields.List(fields.String())


class MeetingRatesSchema(Schema):
    round_id = fields.String()
    matches = fields.Integer()
    answered = fields.Integer()
    met = fields.Integer()
    rescheduled = fields.Integer()
    did_not_meet = fields.Integer()
    meeting_rate = fields.Float()
    answer_rate = fields.Float()
    average_rating = fields.Float(allow_none=True)


class ScheduleSchema(Schema):
    every_months = fields.Integer(required=True, validate=validate.Range(min=1, max=12))
    day_of_month = fields.Integer(required=True, validate=validate.Range(min=1, max=28))
    cooldown = fields.Integer(required=True, validate=validate.Range(min=0, max=24))
    next_round_on = fields.Date(required=True, allow_none=True)


class FeedbackSchema(Schema):
    outcome = fields.String(
        required=True,
        validate=validate.OneOf(OUTCOMES),
        metadata={"description": "met, rescheduled or did-not-meet."},
    )
    rating = fields.Integer(
        allow_none=True,
        validate=validate.Range(min=1, max=5),
        metadata={"description": "How useful it was, 1 to 5 (optional)."},
    )


class FeedbackRecordedSchema(FeedbackSchema):
    match_id = fields.String()
    member_id = fields.String()
    recorded_at = fields.AwareDateTime()
