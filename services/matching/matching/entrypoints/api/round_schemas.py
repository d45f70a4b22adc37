"""What staff send and see of coffee rounds, their matches and meeting rates."""

from marshmallow import Schema, fields, validate

from matching.domain.rounds import ROUND_STATES
from qplatform.events.contracts.matching import OUTCOMES
from qplatform.web.validators import Plausible


class RoundStartSchema(Schema):
    held_on = fields.Date(
        validate=Plausible(), metadata={"description": "The round's day; today if left out."}
    )
    seed = fields.Integer(
        validate=validate.Range(min=0, max=2**62),
        metadata={"description": "Seed to repeat a pairing; a random one if left out."},
    )


class RoundSchema(Schema):
    """A round's state, its seed, and its quality figures once it has completed."""

    id = fields.String()
    state = fields.String(
        validate=validate.OneOf(ROUND_STATES),
        metadata={"description": "requested, running, completed or failed."},
    )
    number = fields.Integer(allow_none=True)
    seed = fields.Integer()
    held_on = fields.Date()
    requested_at = fields.AwareDateTime()
    attempts = fields.Integer(metadata={"description": "How many times a worker took it up."})
    failure_reason = fields.String(
        allow_none=True, metadata={"description": "Why the last attempt broke, if it did."}
    )
    completed_at = fields.AwareDateTime(allow_none=True)
    cooldown = fields.Integer(allow_none=True)
    participants = fields.Integer(allow_none=True)
    pairs = fields.Integer(allow_none=True)
    trios = fields.Integer(allow_none=True)
    unmatched = fields.Integer(allow_none=True)
    repeats = fields.Integer(allow_none=True)
    format_clashes = fields.Integer(allow_none=True)
    cross_organisation_share = fields.Float(allow_none=True)
    cross_region_share = fields.Float(allow_none=True)
    preference_hits = fields.Float(allow_none=True)


class SnapshotEntrySchema(Schema):
    """One eligible member of a round, with what the pairing used of them."""

    position = fields.Integer(metadata={"description": "Place in the pairing's order."})
    member_id = fields.String(metadata={"description": "Anonymised if the member left Q."})
    region = fields.String()
    organisation = fields.String(metadata={"description": "Empty if the member left Q."})
    organisation_code = fields.Integer(
        metadata={"description": "The organisation as the pairing compared it, in this round."}
    )
    meeting_format = fields.String()
    prefers_other_organisation = fields.Boolean()
    prefers_other_region = fields.Boolean()
    left_over_last_time = fields.Boolean()
    never = fields.List(
        fields.Integer(), metadata={"description": "Positions this member must not meet."}
    )


class RoundAuditSchema(Schema):
    """Whether a round's stored seed and snapshot give its recorded groups again."""

    round_id = fields.String()
    seed = fields.Integer()
    eligible = fields.Integer()
    groups = fields.Integer()
    same_groups = fields.Boolean()


class MatchMemberSchema(Schema):
    member_id = fields.String()
    display_name = fields.String(
        allow_none=True, metadata={"description": "As matching knows it; null if unknown."}
    )


class MatchSchema(Schema):
    id = fields.String()
    round_id = fields.String()
    round_number = fields.Integer()
    meeting_format = fields.String()
    member_ids = fields.List(fields.String())
    members = fields.List(
        fields.Nested(MatchMemberSchema),
        metadata={"description": "Each member with their name (a round's matches only)."},
    )


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


class RoundRatesArgsSchema(Schema):
    last = fields.Integer(
        load_default=12,
        validate=validate.Range(min=1, max=60),
        metadata={"description": "How many of the latest completed rounds."},
    )


class RoundRatesSchema(MeetingRatesSchema):
    """A completed round's meeting rates, with its number and day, to chart over rounds."""

    number = fields.Integer()
    held_on = fields.Date()


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
