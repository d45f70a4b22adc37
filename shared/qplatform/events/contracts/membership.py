"""Events published by the membership service."""

from typing import Any

from marshmallow import fields, validate

from qplatform.events.contracts.fields import EventDataSchema, described
from qplatform.events.contracts.topics import (
    APPLICANT_CONTACTS,
    APPLICATIONS,
    MEMBER_CONTACTS,
    MEMBER_PROFILES,
    MEMBERS,
    REGIONS,
)
from qplatform.events.spec import EventSpec, Topic

EXAMPLE_MEMBER = "7f1c2e9a-5b4d-4c1e-9a51-0c6d3f2b8e11"
EXAMPLE_APPLICATION = "c0a8012e-3f4b-4d7a-8f21-9e2d5b6c7a10"
EXAMPLE_WAVE = "3b9d6f0e-1a2c-4e5f-8b7a-6c5d4e3f2a19"
EXAMPLE_TIME = "2026-11-03T14:00:00+00:00"

EXAMPLE_GROUP = "9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b"
GROUPS = Topic(
    name="membership.group",
    description="Special interest groups that members start, join and leave.",
    key="group id",
)
RECRUITMENT_WAVES = Topic(
    name="membership.recruitment-wave",
    description="Recruitment waves: when and where Q takes applications, towards what target.",
    key="wave id",
)


class ApplicationSubmittedV1Schema(EventDataSchema):
    application_id = described(fields.String, "The application's id.", EXAMPLE_APPLICATION)
    region = described(fields.String, "Region the applicant works in.", "north-west-coast")
    organisation = described(fields.String, "Applicant's organisation.", "Lancashire NHS Trust")
    submitted_at = described(
        fields.AwareDateTime, "When it was submitted (UTC).", "2026-11-02T09:30:00+00:00"
    )
    wave_id = described(
        fields.String, "The recruitment wave it came in.", EXAMPLE_WAVE, required=False
    )


class ApplicationSubmittedV2Schema(EventDataSchema):
    application_id = described(fields.String, "The application's id.", EXAMPLE_APPLICATION)
    region = described(fields.String, "Region the applicant works in.", "north-west-coast")
    submitted_at = described(
        fields.AwareDateTime, "When it was submitted (UTC).", "2026-11-02T09:30:00+00:00"
    )
    wave_id = described(
        fields.String, "The recruitment wave it came in.", EXAMPLE_WAVE, required=False
    )


class ApplicationClosedV1Schema(EventDataSchema):
    application_id = described(fields.String, "The application's id.", EXAMPLE_APPLICATION)
    region = described(fields.String, "Region the applicant works in.", "north-west-coast")
    wave_id = described(
        fields.String, "The recruitment wave it came in.", EXAMPLE_WAVE, allow_none=True
    )
    decided_at = described(fields.AwareDateTime, "When it was closed (UTC).", EXAMPLE_TIME)


class RecruitmentWaveScheduledV1Schema(EventDataSchema):
    wave_id = described(fields.String, "The wave's id.", EXAMPLE_WAVE)
    name = described(fields.String, "Name staff gave the wave.", "Scotland spring 2027")
    partner = described(fields.String, "Partner running it.", "NHS Education for Scotland")
    regions = described(
        fields.List, "Regions it recruits in.", ["scotland"], cls_or_instance=fields.String()
    )
    opens_on = described(fields.Date, "First day applications are taken.", "2027-03-01")
    closes_on = described(fields.Date, "Last day applications are taken.", "2027-03-31")
    target = described(fields.Integer, "How many members it aims to recruit.", 120)


class RecruitmentWaveChangedV1Schema(RecruitmentWaveScheduledV1Schema):
    """The whole wave as it stands after the change."""


class RecruitmentWaveClosedV1Schema(EventDataSchema):
    wave_id = described(fields.String, "The wave's id.", EXAMPLE_WAVE)
    closed_on = described(fields.Date, "First day it takes no applications.", "2027-03-20")
    last_day = described(fields.Date, "Last day it took applications.", "2027-03-19")


class RegionNamedV1Schema(EventDataSchema):
    slug = described(fields.String, "The region's slug, as every event names it.", "scotland")
    name = described(fields.String, "The name staff gave the region.", "Scotland")
    active = described(fields.Boolean, "Whether the region takes applications.", True)


class ApplicationApprovedV1Schema(EventDataSchema):
    application_id = described(fields.String, "The application's id.", EXAMPLE_APPLICATION)
    member_id = described(fields.String, "The member it created.", EXAMPLE_MEMBER)
    decided_at = described(
        fields.AwareDateTime, "When staff approved it (UTC).", "2026-11-03T14:00:00+00:00"
    )


class MemberJoinedV1Schema(EventDataSchema):
    member_id = described(fields.String, "The new member's id.", EXAMPLE_MEMBER)
    display_name = described(fields.String, "Name shown in the directory.", "Asha Patel")
    organisation = described(fields.String, "Member's organisation.", "Lancashire NHS Trust")
    job_title = described(fields.String, "Member's job title.", "Improvement Lead")
    region = described(fields.String, "Member's region.", "north-west-coast")
    joined_at = described(
        fields.AwareDateTime, "When they joined (UTC).", "2026-11-03T14:00:00+00:00"
    )
    coffee_trials = described(
        fields.Boolean,
        "Whether they chose to take part in Randomised Coffee Trials; absent means no.",
        True,
        required=False,
    )


class MemberJoinedV2Schema(EventDataSchema):
    member_id = described(fields.String, "The new member's id.", EXAMPLE_MEMBER)
    region = described(fields.String, "Member's region.", "north-west-coast")
    joined_at = described(
        fields.AwareDateTime, "When they joined (UTC).", "2026-11-03T14:00:00+00:00"
    )


class MemberRoleChangedV1Schema(EventDataSchema):
    member_id = described(fields.String, "The member's id.", EXAMPLE_MEMBER)
    role = described(
        fields.String,
        "The role given or taken away.",
        "connector",
        validate=validate.OneOf(["connector", "partner-reviewer", "staff"]),
    )
    granted = described(fields.Boolean, "True when given, false when taken away.", True)
    region = described(
        fields.String, "Region a partner reviewer decides for.", None, allow_none=True
    )
    changed_at = described(fields.AwareDateTime, "When it changed (UTC).", EXAMPLE_TIME)


def _shown(field_class: type[fields.Field], description: str, example: object, **kw: object) -> Any:
    return described(
        field_class,
        description + " Present only when it changed; null when the member now hides it.",
        example,
        required=False,
        allow_none=True,
        **kw,
    )


class MemberProfileUpdatedV1Schema(EventDataSchema):
    member_id = described(fields.String, "The member's id.", EXAMPLE_MEMBER)
    changed_fields = described(
        fields.List,
        "Names of the public fields that changed (or were hidden or shown).",
        ["organisation", "expertise"],
        cls_or_instance=fields.String(),
    )
    updated_at = described(fields.AwareDateTime, "When it changed (UTC).", EXAMPLE_TIME)
    display_name = _shown(fields.String, "Name shown in the directory.", "Asha Patel")
    region = _shown(fields.String, "Member's region.", "north-west-coast")
    organisation = _shown(fields.String, "Member's organisation.", "Lancashire NHS Trust")
    job_title = _shown(fields.String, "Member's job title.", "Improvement Lead")
    bio = _shown(fields.String, "Short bio.", "Nurse turned improvement coach.")
    expertise = _shown(
        fields.List,
        "Areas from the expertise list.",
        ["patient-safety"],
        cls_or_instance=fields.String(),
    )
    tags = _shown(fields.List, "Free expertise tags.", ["sepsis"], cls_or_instance=fields.String())
    interests = _shown(
        fields.List, "Interests.", ["mental health"], cls_or_instance=fields.String()
    )
    links = _shown(
        fields.List, "Public links.", ["https://example.org/asha"], cls_or_instance=fields.String()
    )


class MemberProfileUpdatedV2Schema(EventDataSchema):
    member_id = described(fields.String, "The member's id.", EXAMPLE_MEMBER)
    changed_fields = described(
        fields.List,
        "Names of the public fields that changed (or were hidden or shown); their values "
        "travel only on the restricted member-profile topic.",
        ["organisation", "expertise"],
        cls_or_instance=fields.String(),
    )
    updated_at = described(fields.AwareDateTime, "When it changed (UTC).", EXAMPLE_TIME)
    region = described(
        fields.String,
        "Member's region. Present only when it changed.",
        "north-west-coast",
        required=False,
    )


def _profile(
    field_class: type[fields.Field], description: str, example: object, **kw: object
) -> Any:
    return described(
        field_class, description + " Null when the member hides it.", example, allow_none=True, **kw
    )


class MemberProfileRecordedV1Schema(EventDataSchema):
    member_id = described(fields.String, "The member's id.", EXAMPLE_MEMBER)
    display_name = _profile(fields.String, "Name shown in the directory.", "Asha Patel")
    region = described(fields.String, "Member's region.", "north-west-coast")
    joined_at = described(fields.AwareDateTime, "When they joined (UTC).", EXAMPLE_TIME)
    organisation = _profile(fields.String, "Member's organisation.", "Lancashire NHS Trust")
    job_title = _profile(fields.String, "Member's job title.", "Improvement Lead")
    bio = _profile(fields.String, "Short bio.", "Nurse turned improvement coach.")
    expertise = _profile(
        fields.List,
        "Areas from the expertise list.",
        ["patient-safety"],
        cls_or_instance=fields.String(),
    )
    tags = _profile(
        fields.List, "Free expertise tags.", ["sepsis"], cls_or_instance=fields.String()
    )
    interests = _profile(
        fields.List, "Interests.", ["mental health"], cls_or_instance=fields.String()
    )
    links = _profile(
        fields.List, "Public links.", ["https://example.org/asha"], cls_or_instance=fields.String()
    )
    coffee_trials = described(
        fields.Boolean,
        "Whether they chose, on joining, to take part in Randomised Coffee Trials; absent "
        "means no. Later changes are made in matching's participation settings.",
        True,
        required=False,
    )


class MemberLeftV1Schema(EventDataSchema):
    member_id = described(fields.String, "The id of the member who left.", EXAMPLE_MEMBER)
    left_at = described(fields.AwareDateTime, "When they left (UTC).", EXAMPLE_TIME)


class SessionEndedV1Schema(EventDataSchema):
    member_id = described(fields.String, "The member whose session ended.", EXAMPLE_MEMBER)
    session_id = described(
        fields.String,
        "The session: the `sid` its access tokens carry. Not a credential.",
        "5d0c3b7e9f2a4c6e8b1d3f5a7c9e0b2d",
    )
    ended_at = described(
        fields.AwareDateTime,
        "When it ended (UTC); access tokens of the session issued before then are refused.",
        EXAMPLE_TIME,
    )


class GroupCreatedV1Schema(EventDataSchema):
    group_id = described(fields.String, "The group's id.", EXAMPLE_GROUP)
    name = described(fields.String, "The group's name.", "Frailty improvers")
    purpose = described(fields.String, "What it is for.", "Share what works in frailty care.")
    topics = described(
        fields.List, "Topics it covers.", ["frailty", "flow"], cls_or_instance=fields.String()
    )
    created_by = described(fields.String, "Member who started it.", EXAMPLE_MEMBER)
    created_at = described(fields.AwareDateTime, "When it was started (UTC).", EXAMPLE_TIME)


class GroupMembershipV1Schema(EventDataSchema):
    group_id = described(fields.String, "The group's id.", EXAMPLE_GROUP)
    member_id = described(fields.String, "The member who joined or left.", EXAMPLE_MEMBER)
    at = described(fields.AwareDateTime, "When (UTC).", EXAMPLE_TIME)


class MemberContactRecordedV1Schema(EventDataSchema):
    member_id = described(fields.String, "The member's id.", EXAMPLE_MEMBER)
    email = described(fields.Email, "Address for mail to the member.", "asha.patel@example.org")
    display_name = described(fields.String, "Name to greet them by.", "Asha Patel")
    consents = described(
        fields.List,
        "Mail categories the member consented to.",
        ["digest", "coffee-trials"],
        cls_or_instance=fields.String(validate=validate.Length(min=1)),
    )


class ApplicationDecidedV1Schema(EventDataSchema):
    application_id = described(fields.String, "The application's id.", EXAMPLE_APPLICATION)
    email = described(fields.Email, "The applicant's address.", "asha.patel@example.org")
    display_name = described(fields.String, "Name to greet them by.", "Asha Patel")
    decision = described(
        fields.String,
        "What was decided.",
        "rejected",
        validate=validate.OneOf(["approved", "rejected"]),
    )
    reason = described(
        fields.String,
        "Why it was turned down, for a rejection; null for an approval.",
        "Please tell us more about your improvement work and apply in the next wave.",
        allow_none=True,
    )
    decided_at = described(fields.AwareDateTime, "When it was decided (UTC).", EXAMPLE_TIME)


class PasswordSetupRequestedV1Schema(MemberContactRecordedV1Schema):
    token = described(
        fields.String, "One-time secret for the set-password link.", "q7Hn2k...", required=True
    )
    expires_at = described(fields.AwareDateTime, "When the link stops working (UTC).", EXAMPLE_TIME)


class PasswordSetupRequestedV2Schema(MemberContactRecordedV1Schema):
    setup_id = described(
        fields.String,
        "The request. Not a secret: notifications derives the link's secret from it with a "
        "key that only it and membership hold.",
        "0b7e4c1a-2d3f-4a5b-9c6d-7e8f9a0b1c2d",
    )
    expires_at = described(fields.AwareDateTime, "When the link stops working (UTC).", EXAMPLE_TIME)


def _spec(
    event_type: str, topic: Topic, schema: type[EventDataSchema], description: str
) -> EventSpec:
    return EventSpec(
        type=event_type,
        version=1,
        topic=topic,
        schema=schema,
        producer="membership",
        description=description,
    )


SPECS = [
    EventSpec(
        type="application-submitted",
        version=1,
        topic=APPLICATIONS,
        schema=ApplicationSubmittedV1Schema,
        producer="membership",
        description="No longer published (version 2 replaced it, as this one named the "
        "applicant's organisation, which application-approved ties to a member). Someone "
        "applied to join Q.",
    ),
    EventSpec(
        type="application-submitted",
        version=2,
        topic=APPLICATIONS,
        schema=ApplicationSubmittedV2Schema,
        producer="membership",
        description="Someone applied to join Q: where, when and in which wave.",
    ),
    EventSpec(
        type="application-approved",
        version=1,
        topic=APPLICATIONS,
        schema=ApplicationApprovedV1Schema,
        producer="membership",
        description="Staff approved an application; a member was created.",
    ),
    EventSpec(
        type="member-joined",
        version=1,
        topic=MEMBERS,
        schema=MemberJoinedV1Schema,
        producer="membership",
        description="No longer published (version 2 replaced it, as this one named the "
        "member on a public stream that erasure cannot reach). A new member joined Q.",
    ),
    EventSpec(
        type="member-joined",
        version=2,
        topic=MEMBERS,
        schema=MemberJoinedV2Schema,
        producer="membership",
        description="A new member joined Q: where and when, by pseudonymous id. What the "
        "services show of them follows on the restricted member-profile topic.",
    ),
    EventSpec(
        type="member-profile-recorded",
        version=1,
        topic=MEMBER_PROFILES,
        schema=MemberProfileRecordedV1Schema,
        producer="membership",
        description="What a member shows other members, in full, on joining and after each "
        "change: the compacted topic keeps each member's latest. Services keep their copies "
        "of members from it alone, and erase them at the tombstone that follows member-left.",
    ),
    EventSpec(
        type="member-contact-recorded",
        version=1,
        topic=MEMBER_CONTACTS,
        schema=MemberContactRecordedV1Schema,
        producer="membership",
        description="A member's contact details, for notifications only.",
    ),
    _spec(
        "application-rejected",
        APPLICATIONS,
        ApplicationClosedV1Schema,
        "Staff or the region's partner reviewer turned an application down.",
    ),
    _spec(
        "application-withdrawn",
        APPLICATIONS,
        ApplicationClosedV1Schema,
        "The applicant withdrew their application.",
    ),
    _spec(
        "recruitment-wave-scheduled",
        RECRUITMENT_WAVES,
        RecruitmentWaveScheduledV1Schema,
        "Staff scheduled a recruitment wave for some regions.",
    ),
    _spec(
        "recruitment-wave-changed",
        RECRUITMENT_WAVES,
        RecruitmentWaveChangedV1Schema,
        "Staff changed a wave's name, partner, dates or target: the wave as it now stands.",
    ),
    _spec(
        "recruitment-wave-closed",
        RECRUITMENT_WAVES,
        RecruitmentWaveClosedV1Schema,
        "Staff closed a wave before its closing date: it takes no applications from closed_on.",
    ),
    _spec(
        "region-named",
        REGIONS,
        RegionNamedV1Schema,
        "Staff added a region, renamed it, or retired or restored it: its name as members "
        "read it. The regions the platform started with are not announced; consumers name "
        "those from qplatform.regions until staff change them.",
    ),
    _spec(
        "member-role-changed",
        MEMBERS,
        MemberRoleChangedV1Schema,
        "Staff gave a member a role (connector, partner reviewer, staff) or took it away.",
    ),
    _spec(
        "member-profile-updated",
        MEMBERS,
        MemberProfileUpdatedV1Schema,
        "No longer published (version 2 replaced it, as this one carried personal fields on a "
        "public stream). A member changed the public fields of their profile.",
    ),
    EventSpec(
        type="member-profile-updated",
        version=2,
        topic=MEMBERS,
        schema=MemberProfileUpdatedV2Schema,
        producer="membership",
        description="A member changed the public fields of their profile: which fields, and "
        "the new region if it changed. The values follow on the restricted member-profile "
        "topic.",
    ),
    _spec(
        "member-left",
        MEMBERS,
        MemberLeftV1Schema,
        "A member left Q: every service erases or anonymises what it holds about them, and "
        "refuses their tokens. Tombstones for them follow on the restricted contact and "
        "member-profile topics.",
    ),
    _spec(
        "session-ended",
        MEMBERS,
        SessionEndedV1Schema,
        "A member logged out, or every session of theirs ended (their password was set, or "
        "a used refresh token came back): every service refuses that session's access tokens "
        "at once, as it refuses a leaver's, and those issued before a role was taken away.",
    ),
    _spec(
        "group-created", GROUPS, GroupCreatedV1Schema, "A member started a special interest group."
    ),
    _spec("group-member-joined", GROUPS, GroupMembershipV1Schema, "A member joined a group."),
    _spec("group-member-left", GROUPS, GroupMembershipV1Schema, "A member left a group."),
    _spec(
        "application-decided",
        APPLICANT_CONTACTS,
        ApplicationDecidedV1Schema,
        "An application was decided; carries the applicant's address so they can be told. "
        "Notifications mails a rejection, with its reason; an approval gets no mail of its "
        "own, as the welcome mail of member-joined is the approval mail. A tombstone for the "
        "application follows at once, so the topic forgets the address.",
    ),
    _spec(
        "password-setup-requested",
        MEMBER_CONTACTS,
        PasswordSetupRequestedV1Schema,
        "No longer published (version 2 replaced it, as this one carried the link's secret); "
        "older records on the topic still carry a member's contact record, which "
        "notifications keeps, and a link that has long expired.",
    ),
    EventSpec(
        type="password-setup-requested",
        version=2,
        topic=MEMBER_CONTACTS,
        schema=PasswordSetupRequestedV2Schema,
        producer="membership",
        description="Mail the member a one-time link to set their password; carries their "
        "full contact record, so the compacted topic keeps it as the member's latest, and the "
        "request's id, from which notifications derives the link's secret. No secret travels.",
    ),
]
