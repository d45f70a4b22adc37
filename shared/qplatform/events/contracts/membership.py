"""Events published by the membership service."""

from marshmallow import fields, validate

from qplatform.events.contracts.fields import EventDataSchema, described
from qplatform.events.contracts.topics import APPLICATIONS, MEMBER_CONTACTS, MEMBERS
from qplatform.events.spec import EventSpec

EXAMPLE_MEMBER = "7f1c2e9a-5b4d-4c1e-9a51-0c6d3f2b8e11"
EXAMPLE_APPLICATION = "c0a8012e-3f4b-4d7a-8f21-9e2d5b6c7a10"


class ApplicationSubmittedV1Schema(EventDataSchema):
    application_id = described(fields.String, "The application's id.", EXAMPLE_APPLICATION)
    region = described(fields.String, "Region the applicant works in.", "north-west-coast")
    organisation = described(fields.String, "Applicant's organisation.", "Lancashire NHS Trust")
    submitted_at = described(
        fields.AwareDateTime, "When it was submitted (UTC).", "2026-11-02T09:30:00+00:00"
    )


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


SPECS = [
    EventSpec(
        type="application-submitted",
        version=1,
        topic=APPLICATIONS,
        schema=ApplicationSubmittedV1Schema,
        producer="membership",
        description="Someone applied to join Q.",
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
        description="A new member joined Q.",
    ),
    EventSpec(
        type="member-contact-recorded",
        version=1,
        topic=MEMBER_CONTACTS,
        schema=MemberContactRecordedV1Schema,
        producer="membership",
        description="A member's contact details, for notifications only.",
    ),
]
