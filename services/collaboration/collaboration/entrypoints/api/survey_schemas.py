"""What the survey routes take and give."""

from collections.abc import Callable
from typing import Any

from marshmallow import Schema, fields, validate

from collaboration.domain.surveys import AUDIENCES, CYCLE_STAGES, QUESTION_KINDS
from qplatform.web.validators import OneLine, Paragraphs

LINE: list[Callable[[Any], Any]] = [validate.Length(min=1, max=200), OneLine()]


class QuestionFormSchema(Schema):
    kind = fields.String(required=True, validate=validate.OneOf(QUESTION_KINDS))
    prompt = fields.String(required=True, validate=[validate.Length(min=1, max=500), OneLine()])
    options = fields.List(
        fields.String(validate=LINE), load_default=list, validate=validate.Length(max=20)
    )
    scale_max = fields.Integer(load_default=None, allow_none=True, validate=validate.Range(2, 10))
    required = fields.Boolean(load_default=True)


class QuestionSchema(QuestionFormSchema):
    id = fields.String()
    position = fields.Integer()


class SurveyFormSchema(Schema):
    title = fields.String(required=True, validate=LINE)
    introduction = fields.String(
        load_default="", validate=[validate.Length(max=3000), Paragraphs()]
    )
    anonymous = fields.Boolean(
        load_default=False, metadata={"description": "Keep answers with no member id."}
    )
    audience = fields.String(required=True, validate=validate.OneOf(AUDIENCES))
    audience_value = fields.String(
        load_default=None,
        allow_none=True,
        validate=validate.Length(min=1, max=100),
        metadata={"description": "The region, wave, event or Lab cohort asked."},
    )
    questions = fields.List(
        fields.Nested(QuestionFormSchema), required=True, validate=validate.Length(min=1, max=50)
    )


class SurveySchema(Schema):
    id = fields.String()
    title = fields.String()
    introduction = fields.String()
    anonymous = fields.Boolean()
    audience = fields.String()
    audience_value = fields.String(allow_none=True)
    status = fields.String()
    audience_size = fields.Integer(allow_none=True)
    cycle_activity = fields.String(allow_none=True)
    cycle_notes = fields.Dict(keys=fields.String(), values=fields.String())
    opened_at = fields.AwareDateTime(allow_none=True)
    closed_at = fields.AwareDateTime(allow_none=True)


class SurveyWithQuestionsSchema(SurveySchema):
    questions = fields.List(fields.Nested(QuestionSchema))


class GivenAnswerSchema(Schema):
    choices = fields.List(
        fields.String(validate=validate.Length(max=200)), validate=validate.Length(max=20)
    )
    value = fields.Integer(validate=validate.Range(0, 100))
    text = fields.String(validate=[validate.Length(max=5000), Paragraphs()])


class ResponseFormSchema(Schema):
    answers = fields.Dict(
        keys=fields.String(validate=validate.Length(max=36)),
        values=fields.Nested(GivenAnswerSchema),
        required=True,
        metadata={"description": "Each question's id, and its answer."},
    )


class ResponseSchema(Schema):
    id = fields.String()
    survey_id = fields.String()


class CycleFormSchema(Schema):
    activity = fields.String(validate=LINE, metadata={"description": "The Q activity improved."})
    notes = fields.Dict(
        keys=fields.String(validate=validate.OneOf(CYCLE_STAGES)),
        values=fields.String(validate=[validate.Length(max=5000), Paragraphs()]),
    )


class AudienceQueryArgsSchema(Schema):
    audience = fields.String(required=True, validate=validate.OneOf(AUDIENCES))
    audience_value = fields.String(load_default=None, validate=validate.Length(min=1, max=100))


class AudienceSchema(AudienceQueryArgsSchema):
    size = fields.Integer(metadata={"description": "How many members it holds now."})


class QuestionResultSchema(Schema):
    question_id = fields.String()
    prompt = fields.String()
    kind = fields.String()
    answered = fields.Integer()
    counts = fields.Dict(keys=fields.String(), values=fields.Integer())
    texts = fields.List(fields.String())


class ResultsSchema(Schema):
    survey_id = fields.String()
    title = fields.String()
    status = fields.String()
    audience_size = fields.Integer(allow_none=True)
    responses = fields.Integer()
    questions = fields.List(fields.Nested(QuestionResultSchema))


class RemindedSchema(Schema):
    reminded = fields.Integer(metadata={"description": "How many members will be reminded."})
