"""Events published by the matching service: coffee rounds, their matches and feedback."""

from marshmallow import fields, validate

from qplatform.events.contracts.fields import EventDataSchema, described
from qplatform.events.spec import EventSpec, Topic

COFFEE_ROUNDS = Topic(
    name="matching.coffee-round",
    description=(
        "Randomised Coffee Trial rounds: each match made, the round's figures, and "
        "'did you meet?' answers. Keyed by round id so one round's events stay in order. "
        "Member ids only, never contact details."
    ),
    key="round id",
)

EXAMPLE_ROUND = "3b0f5d2e-8c1a-4e7b-9d6f-2a4c6e8b0d13"
EXAMPLE_MATCH = "9e4d2c1b-7a6f-4b3e-8d2c-1f0e9d8c7b6a"
EXAMPLE_MEMBERS = ["7f1c2e9a-5b4d-4c1e-9a51-0c6d3f2b8e11", "0b6e5d4c-3a2f-4e1d-9c8b-7a6f5e4d3c2b"]
EXAMPLE_TIME = "2026-12-01T09:00:00+00:00"
OUTCOMES = ["met", "rescheduled", "did-not-meet"]


def _share(description: str, example: float) -> fields.Field:
    field: fields.Field = described(
        fields.Float, description, example, validate=validate.Range(min=0, max=1)
    )
    return field


class MatchMadeV1Schema(EventDataSchema):
    round_id = described(fields.String, "The round's id.", EXAMPLE_ROUND)
    match_id = described(fields.String, "The match's id.", EXAMPLE_MATCH)
    member_ids = described(
        fields.List,
        "The two members paired (three when the round's count was odd).",
        EXAMPLE_MEMBERS,
        cls_or_instance=fields.String(),
        validate=validate.Length(min=2, max=3),
    )
    meeting_format = described(
        fields.String,
        "How they are asked to meet.",
        "virtual",
        validate=validate.OneOf(["virtual", "in-person"]),
    )
    matched_at = described(fields.AwareDateTime, "When the round made it (UTC).", EXAMPLE_TIME)


class CoffeeRoundCompletedV1Schema(EventDataSchema):
    round_id = described(fields.String, "The round's id.", EXAMPLE_ROUND)
    number = described(fields.Integer, "The round's number, from 1.", 12)
    seed = described(fields.Integer, "The random seed the pairing used.", 2718281828)
    completed_at = described(fields.AwareDateTime, "When it was made (UTC).", EXAMPLE_TIME)
    participants = described(fields.Integer, "Members eligible in the snapshot.", 1999)
    pairs = described(fields.Integer, "Matches of two.", 998)
    trios = described(fields.Integer, "Matches of three (one when the count is odd).", 1)
    unmatched = described(fields.Integer, "Members no one could be matched with.", 0)
    repeats = described(fields.Integer, "Matches that repeat one within the cooldown.", 0)
    format_clashes = described(
        fields.Integer, "Matches where someone wanted in person and could not have it.", 3
    )
    cross_organisation_share = _share("Share of matches across organisations.", 0.93)
    cross_region_share = _share("Share of matches across regions.", 0.61)
    preference_hits = _share("Share of members' stated preferences met.", 0.88)


class MatchFeedbackRecordedV1Schema(EventDataSchema):
    round_id = described(fields.String, "The round's id.", EXAMPLE_ROUND)
    match_id = described(fields.String, "The match's id.", EXAMPLE_MATCH)
    member_id = described(fields.String, "The member who answered.", EXAMPLE_MEMBERS[0])
    outcome = described(
        fields.String, "Whether they met.", "met", validate=validate.OneOf(OUTCOMES)
    )
    rating = described(
        fields.Integer,
        "How useful it was, 1 to 5, if they said.",
        5,
        allow_none=True,
        validate=validate.Range(min=1, max=5),
    )
    recorded_at = described(fields.AwareDateTime, "When they answered (UTC).", EXAMPLE_TIME)


def _spec(event_type: str, schema: type[EventDataSchema], description: str) -> EventSpec:
    return EventSpec(
        type=event_type,
        version=1,
        topic=COFFEE_ROUNDS,
        schema=schema,
        producer="matching",
        description=description,
    )


SPECS: list[EventSpec] = [
    _spec("match-made", MatchMadeV1Schema, "A coffee round paired these members."),
    _spec(
        "coffee-round-completed",
        CoffeeRoundCompletedV1Schema,
        "A coffee round made all its matches; its quality figures.",
    ),
    _spec(
        "match-feedback-recorded",
        MatchFeedbackRecordedV1Schema,
        "A matched member said whether they met.",
    ),
]
