"""What the Lab's routes take and give."""

from collections.abc import Callable
from typing import Any

from marshmallow import Schema, fields, validate

from qplatform.web.validators import OneLine, Paragraphs, Plausible

TITLE: list[Callable[[Any], Any]] = [validate.Length(min=1, max=200), OneLine()]
TEXT: list[Callable[[Any], Any]] = [validate.Length(min=1, max=10000), Paragraphs()]
TOPIC = fields.String(validate=[validate.Length(min=1, max=40), OneLine()])


class CohortFormSchema(Schema):
    problem = fields.String(required=True, validate=TITLE)
    statement = fields.String(required=True, validate=TEXT)
    how_to_apply = fields.String(required=True, validate=TEXT)
    starts_on = fields.Date(required=True, validate=Plausible())
    months = fields.Integer(
        required=True, metadata={"description": "9 to 12."}, validate=validate.Range(1, 60)
    )
    capacity = fields.Integer(required=True, validate=validate.Range(3, 500))
    topics = fields.List(TOPIC, load_default=list, validate=validate.Length(max=10))


class CohortSchema(Schema):
    id = fields.String()
    problem = fields.String()
    statement = fields.String()
    how_to_apply = fields.String()
    starts_on = fields.Date()
    months = fields.Integer()
    capacity = fields.Integer()
    topics = fields.List(fields.String())
    status = fields.String()
    opened_at = fields.AwareDateTime()
    closed_at = fields.AwareDateTime(allow_none=True)


class ApplicationFormSchema(Schema):
    statement = fields.String(
        required=True, validate=[validate.Length(min=1, max=3000), Paragraphs()]
    )


class ApplicationSchema(Schema):
    id = fields.String()
    cohort_id = fields.String()
    member_id = fields.String()
    statement = fields.String()
    status = fields.String()
    applied_at = fields.AwareDateTime()
    selected_at = fields.AwareDateTime(allow_none=True)


class SelectionSchema(Schema):
    member_id = fields.String(required=True, validate=validate.Length(min=1, max=64))


class TeamFormSchema(Schema):
    name = fields.String(required=True, validate=TITLE)
    lead_member_id = fields.String(required=True, validate=validate.Length(min=1, max=64))
    member_ids = fields.List(
        fields.String(validate=validate.Length(min=1, max=64)),
        required=True,
        validate=validate.Length(min=1, max=20),
    )


class TeamMemberSchema(Schema):
    member_id = fields.String()
    display_name = fields.String()


class TeamSchema(Schema):
    id = fields.String()
    name = fields.String()
    lead_member_id = fields.String()
    members = fields.List(fields.Nested(TeamMemberSchema))


class MilestoneFormSchema(Schema):
    title = fields.String(required=True, validate=TITLE)
    due_on = fields.Date(required=True, validate=Plausible())
    what_is_due = fields.String(load_default="", validate=[validate.Length(max=3000), Paragraphs()])


class MilestoneSchema(MilestoneFormSchema):
    id = fields.String()
    cohort_id = fields.String()


class UpdateFormSchema(Schema):
    title = fields.String(required=True, validate=TITLE)
    body = fields.String(required=True, validate=validate.Length(min=1, max=20000))
    milestone_id = fields.String(load_default=None, allow_none=True)
    is_output = fields.Boolean(
        load_default=False, metadata={"description": "An output every member may read."}
    )


class UpdateSchema(Schema):
    id = fields.String()
    cohort_id = fields.String()
    team_id = fields.String()
    milestone_id = fields.String(allow_none=True)
    author_member_id = fields.String(allow_none=True)
    title = fields.String()
    body_markdown = fields.String()
    body_html = fields.String(metadata={"description": "Sanitized; safe to show as is."})
    is_output = fields.Boolean()
    posted_at = fields.AwareDateTime()
