"""Events published by the collaboration service: the Q Lab, the resources library, surveys.

All three topics are public: members travel by pseudonymous id only, no statement, update
or answer text is carried, and an anonymous survey's answers carry no member id at all.
"""

from marshmallow import fields, validate

from qplatform.events.contracts.fields import EventDataSchema, described
from qplatform.events.spec import EventSpec, Topic

LAB_COHORTS = Topic(
    name="collaboration.lab-cohort",
    description=(
        "Q Lab cohorts from opening to closing: applications, selection, teams, progress "
        "updates. Keyed by cohort id. Member ids and regions only, never what they wrote."
    ),
    key="cohort id",
)
RESOURCES = Topic(
    name="collaboration.resource",
    description=(
        "The resources library: what staff publish, what members suggest and staff decline, "
        "favourites and ratings. Keyed by resource id."
    ),
    key="resource id",
)
SURVEYS = Topic(
    name="collaboration.survey",
    description=(
        "Surveys of members: opening with the audience's size, each response, closing. "
        "Keyed by survey id. A response to an anonymous survey carries no member id."
    ),
    key="survey id",
)

EXAMPLE_COHORT = "5d2c7b1e-3f4a-4e8b-9c1d-6a7b8c9d0e1f"
EXAMPLE_TEAM = "8a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"
EXAMPLE_RESOURCE = "2f3e4d5c-6b7a-4c8d-9e0f-1a2b3c4d5e6f"
EXAMPLE_SURVEY = "7c6b5a4d-3e2f-4a1b-8c9d-0e1f2a3b4c5d"
EXAMPLE_MEMBER = "7f1c2e9a-5b4d-4c1e-9a51-0c6d3f2b8e11"
EXAMPLE_TIME = "2026-12-01T09:00:00+00:00"
PILLARS = ["connect", "exchange", "learn", "collaborate"]
AUDIENCES = ["everyone", "region", "wave", "coffee-participants", "event-attendees", "lab-cohort"]


def _cohort() -> fields.Field:
    field: fields.Field = described(fields.String, "The cohort's id.", EXAMPLE_COHORT)
    return field


def _member(description: str) -> fields.Field:
    field: fields.Field = described(fields.String, description, EXAMPLE_MEMBER)
    return field


def _region() -> fields.Field:
    field: fields.Field = described(
        fields.String, "The member's region.", "scotland", allow_none=True
    )
    return field


def _at(description: str) -> fields.Field:
    field: fields.Field = described(fields.AwareDateTime, description, EXAMPLE_TIME)
    return field


class LabCohortOpenedV1Schema(EventDataSchema):
    cohort_id = _cohort()
    problem = described(
        fields.String, "The problem the cohort works on.", "Waiting times in outpatients"
    )
    starts_on = described(fields.Date, "When the cohort starts.", "2027-01-11")
    months = described(
        fields.Integer, "How long it runs, 9 to 12 months.", 10, validate=validate.Range(9, 12)
    )
    capacity = described(fields.Integer, "How many participants it takes.", 24)
    topics = described(
        fields.List,
        "Its topics, to suggest it to members with those interests.",
        ["outpatients"],
        cls_or_instance=fields.String(),
        required=False,
    )
    opened_at = _at("When staff opened it (UTC).")


class LabApplicationMadeV1Schema(EventDataSchema):
    cohort_id = _cohort()
    member_id = _member("The member who applied.")
    region = _region()
    applied_at = _at("When they applied (UTC).")


class LabParticipantSelectedV1Schema(EventDataSchema):
    cohort_id = _cohort()
    problem = described(
        fields.String, "The problem the cohort works on.", "Waiting times in outpatients"
    )
    member_id = _member("The member staff selected.")
    region = _region()
    selected_at = _at("When they were selected (UTC).")


class LabTeamFormedV1Schema(EventDataSchema):
    cohort_id = _cohort()
    team_id = described(fields.String, "The team's id.", EXAMPLE_TEAM)
    lead_member_id = _member("The team's lead.")
    member_ids = described(
        fields.List,
        "Every member of the team, lead included: 3 to 8.",
        [
            EXAMPLE_MEMBER,
            "5b0e7f3a-4c2d-4e8b-9a1f-6d3c2b1a0e9f",
            "8c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f",
        ],
        cls_or_instance=fields.String(),
        validate=validate.Length(min=3, max=8),
    )
    formed_at = _at("When the team was formed (UTC).")


class LabUpdatePostedV1Schema(EventDataSchema):
    cohort_id = _cohort()
    team_id = described(fields.String, "The team that posted it.", EXAMPLE_TEAM)
    update_id = described(fields.String, "The update's id.", EXAMPLE_RESOURCE)
    milestone_id = described(
        fields.String, "The milestone it reports on, if any.", None, allow_none=True
    )
    is_output = described(fields.Boolean, "Whether it is one of the team's outputs.", False)
    posted_at = _at("When it was posted (UTC).")


class LabMilestoneApproachingV1Schema(EventDataSchema):
    cohort_id = _cohort()
    milestone_id = described(fields.String, "The milestone's id.", EXAMPLE_RESOURCE)
    problem = described(
        fields.String, "The problem the cohort works on.", "Waiting times in outpatients"
    )
    title = described(fields.String, "The milestone.", "Problem mapped")
    due_on = described(fields.Date, "When it falls due.", "2027-03-01")
    member_ids = described(
        fields.List,
        "The cohort's participants, who are reminded.",
        [EXAMPLE_MEMBER],
        cls_or_instance=fields.String(),
    )


class LabCohortClosedV1Schema(EventDataSchema):
    cohort_id = _cohort()
    participants = described(fields.Integer, "Participants selected.", 22)
    teams = described(fields.Integer, "Teams formed.", 4)
    outputs = described(fields.Integer, "Outputs the teams posted.", 4)
    closed_at = _at("When staff closed it (UTC).")


class ResourceV1Schema(EventDataSchema):
    resource_id = described(fields.String, "The resource's id.", EXAMPLE_RESOURCE)
    title = described(fields.String, "Its title.", "Reverse brainstorming")
    kind = described(fields.String, "What kind it is.", "caps-card")
    pillar = described(
        fields.String, "The pillar it serves.", "learn", validate=validate.OneOf(PILLARS)
    )
    topics = described(fields.List, "Its topics.", ["creativity"], cls_or_instance=fields.String())
    at = _at("When it happened (UTC).")


class ResourceSuggestedV1Schema(ResourceV1Schema):
    pass


class ResourceSuggestionDeclinedV1Schema(EventDataSchema):
    resource_id = described(fields.String, "The resource's id.", EXAMPLE_RESOURCE)
    title = described(fields.String, "The title it was suggested under.", "Our huddle board")
    suggested_by = described(
        fields.String,
        "The member who suggested it; none once they have left Q.",
        EXAMPLE_MEMBER,
        allow_none=True,
    )
    reason = described(
        fields.String,
        "Why staff declined it, as they told the member.",
        "The library already holds a guide to huddle boards.",
        validate=validate.Length(min=1, max=500),
    )
    declined_at = _at("When staff declined it (UTC).")


class ResourceUseV1Schema(EventDataSchema):
    resource_id = described(fields.String, "The resource's id.", EXAMPLE_RESOURCE)
    pillar = described(
        fields.String, "The pillar it serves.", "learn", validate=validate.OneOf(PILLARS)
    )
    member_id = _member("The member who saved or rated it.")
    rating = described(
        fields.Integer,
        "The rating, 1 to 5, when rated.",
        4,
        allow_none=True,
        validate=validate.Range(1, 5),
    )
    at = _at("When it happened (UTC).")


class SurveyOpenedV1Schema(EventDataSchema):
    survey_id = described(fields.String, "The survey's id.", EXAMPLE_SURVEY)
    title = described(fields.String, "Its title.", "How was your first month in Q?")
    audience = described(
        fields.String, "Whom it asks.", "region", validate=validate.OneOf(AUDIENCES)
    )
    audience_size = described(fields.Integer, "How many members it asks.", 240)
    anonymous = described(fields.Boolean, "Whether answers are kept without member ids.", False)
    opened_at = _at("When staff opened it (UTC).")


class SurveyInvitationV1Schema(EventDataSchema):
    survey_id = described(fields.String, "The survey's id.", EXAMPLE_SURVEY)
    title = described(fields.String, "Its title.", "How was your first month in Q?")
    member_id = _member("A member the survey asks.")
    anonymous = described(fields.Boolean, "Whether answers are kept without member ids.", False)


class SurveyAnsweredV1Schema(EventDataSchema):
    survey_id = described(fields.String, "The survey's id.", EXAMPLE_SURVEY)
    response_id = described(fields.String, "The response's id.", EXAMPLE_RESOURCE)
    member_id = described(
        fields.String,
        "The member who answered; null for an anonymous survey.",
        EXAMPLE_MEMBER,
        allow_none=True,
    )
    answered_at = _at("When the answer was given (UTC).")


class SurveyClosedV1Schema(EventDataSchema):
    survey_id = described(fields.String, "The survey's id.", EXAMPLE_SURVEY)
    audience_size = described(fields.Integer, "How many members it asked.", 240)
    responses = described(fields.Integer, "How many answered.", 97)
    closed_at = _at("When staff closed it (UTC).")


def _spec(
    event_type: str, topic: Topic, schema: type[EventDataSchema], description: str
) -> EventSpec:
    return EventSpec(
        type=event_type,
        version=1,
        topic=topic,
        schema=schema,
        producer="collaboration",
        description=description,
    )


SPECS: list[EventSpec] = [
    _spec("lab-cohort-opened", LAB_COHORTS, LabCohortOpenedV1Schema, "Staff opened a Lab cohort."),
    _spec(
        "lab-application-made",
        LAB_COHORTS,
        LabApplicationMadeV1Schema,
        "A member applied to a Lab cohort.",
    ),
    _spec(
        "lab-participant-selected",
        LAB_COHORTS,
        LabParticipantSelectedV1Schema,
        "Staff selected an applicant as a participant.",
    ),
    _spec("lab-team-formed", LAB_COHORTS, LabTeamFormedV1Schema, "Participants formed a team."),
    _spec(
        "lab-update-posted",
        LAB_COHORTS,
        LabUpdatePostedV1Schema,
        "A team posted a progress update or an output.",
    ),
    _spec(
        "lab-milestone-approaching",
        LAB_COHORTS,
        LabMilestoneApproachingV1Schema,
        "A cohort's milestone falls due within a week; its participants are reminded.",
    ),
    _spec(
        "lab-cohort-closed",
        LAB_COHORTS,
        LabCohortClosedV1Schema,
        "Staff closed a Lab cohort; its outputs stay readable.",
    ),
    _spec("resource-published", RESOURCES, ResourceV1Schema, "A resource joined the library."),
    _spec(
        "resource-suggested",
        RESOURCES,
        ResourceSuggestedV1Schema,
        "A member suggested a resource; it awaits moderation.",
    ),
    _spec(
        "resource-suggestion-declined",
        RESOURCES,
        ResourceSuggestionDeclinedV1Schema,
        "Staff declined a member's suggestion, saying why; the member is told.",
    ),
    _spec("resource-favourited", RESOURCES, ResourceUseV1Schema, "A member saved a resource."),
    _spec("resource-rated", RESOURCES, ResourceUseV1Schema, "A member rated a resource."),
    _spec("survey-opened", SURVEYS, SurveyOpenedV1Schema, "Staff opened a survey."),
    _spec(
        "survey-invitation-sent",
        SURVEYS,
        SurveyInvitationV1Schema,
        "A survey opened to a member of its audience.",
    ),
    _spec(
        "survey-reminder-requested",
        SURVEYS,
        SurveyInvitationV1Schema,
        "Staff asked to remind a member; of an anonymous survey, every member asked is "
        "reminded, so reminders never tell who has answered.",
    ),
    _spec("survey-answered", SURVEYS, SurveyAnsweredV1Schema, "A member answered a survey."),
    _spec("survey-closed", SURVEYS, SurveyClosedV1Schema, "Staff closed a survey."),
]
