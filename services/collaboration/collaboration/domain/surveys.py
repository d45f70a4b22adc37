"""Surveys of members: questions, an audience, one response per member, results as counts."""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from collaboration.domain import errors
from collaboration.domain.lab import new_id
from collaboration.domain.model import Base, now
from qplatform.db.types import UtcDateTime

SINGLE, MULTIPLE, SCALE, FREE_TEXT = "single-choice", "multiple-choice", "scale", "free-text"
QUESTION_KINDS = (SINGLE, MULTIPLE, SCALE, FREE_TEXT)
DRAFT, OPEN, CLOSED = "draft", "open", "closed"
EVERYONE, REGION, WAVE = "everyone", "region", "wave"
COFFEE, ATTENDEES, LAB_COHORT = "coffee-participants", "event-attendees", "lab-cohort"
AUDIENCES = (EVERYONE, REGION, WAVE, COFFEE, ATTENDEES, LAB_COHORT)
CYCLE_STAGES = ("plan", "do", "study", "act")


class Survey(Base):
    """A set of questions put to an audience of members between opening and closing."""

    __tablename__ = "surveys"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    title: Mapped[str] = mapped_column(String(200))
    introduction: Mapped[str] = mapped_column(Text, default="")
    anonymous: Mapped[bool] = mapped_column(default=False)
    audience: Mapped[str] = mapped_column(String(30))
    audience_value: Mapped[str | None] = mapped_column(String(100))
    status: Mapped[str] = mapped_column(String(20), default=DRAFT)
    audience_size: Mapped[int | None] = mapped_column(Integer)
    cycle_activity: Mapped[str | None] = mapped_column(String(200))
    cycle_notes: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=now)
    opened_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class Question(Base):
    """One question of a survey, in its place."""

    __tablename__ = "survey_questions"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    survey_id: Mapped[str] = mapped_column(ForeignKey("surveys.id"), index=True)
    position: Mapped[int]
    kind: Mapped[str] = mapped_column(String(20))
    prompt: Mapped[str] = mapped_column(String(500))
    options: Mapped[list[str]] = mapped_column(JSON, default=list)
    scale_max: Mapped[int | None] = mapped_column(Integer)
    required: Mapped[bool] = mapped_column(default=True)


class Respondent(Base):
    """That someone answered a survey, so no one answers twice.

    For an anonymous survey the key is a keyed digest of the member id, not the id, and
    nothing ties it to the response it goes with.
    """

    __tablename__ = "survey_respondents"

    survey_id: Mapped[str] = mapped_column(ForeignKey("surveys.id"), primary_key=True)
    respondent_key: Mapped[str] = mapped_column(String(100), primary_key=True)


class Response(Base):
    """One member's answers to a survey; of an anonymous survey, with no member id or time."""

    __tablename__ = "survey_responses"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    survey_id: Mapped[str] = mapped_column(ForeignKey("surveys.id"), index=True)
    member_id: Mapped[str | None] = mapped_column(String(64))
    answered_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class Answer(Base):
    """The answer to one question in one response."""

    __tablename__ = "survey_answers"

    response_id: Mapped[str] = mapped_column(ForeignKey("survey_responses.id"), primary_key=True)
    question_id: Mapped[str] = mapped_column(ForeignKey("survey_questions.id"), primary_key=True)
    survey_id: Mapped[str] = mapped_column(String(36), index=True)
    choices: Mapped[list[str]] = mapped_column(JSON, default=list)
    value: Mapped[int | None] = mapped_column(Integer)
    text: Mapped[str | None] = mapped_column(Text)


def check_question(kind: str, options: list[str], scale_max: int | None) -> None:
    """Refuse a choice question without two options, or a scale without its top."""
    if kind in (SINGLE, MULTIPLE) and len(set(options)) < 2:
        raise errors.RuleBroken("a choice question needs two different options", field="options")
    if kind == SCALE and not scale_max:
        raise errors.RuleBroken("a scale question needs its top value", field="scale_max")


def check_audience(audience: str, value: str | None) -> None:
    """Refuse an audience that needs a region, wave, event or cohort without naming one."""
    if audience != EVERYONE and audience != COFFEE and not value:
        raise errors.RuleBroken(f"name the {audience} to ask", field="audience_value")


def answer_to(question: Question, given: dict[str, Any] | None) -> Answer | None:
    """Check one given answer against its question and return it; None when skipped."""
    if given is None or given == {}:
        if question.required:
            raise errors.RuleBroken(f"answer question {question.position}", field="answers")
        return None
    choices, value, text = given.get("choices") or [], given.get("value"), given.get("text")
    if question.kind in (SINGLE, MULTIPLE):
        _check_choices(question, choices)
    elif question.kind == SCALE:
        if not isinstance(value, int) or not 1 <= value <= (question.scale_max or 0):
            raise errors.RuleBroken(
                f"question {question.position} takes 1 to {question.scale_max}", field="answers"
            )
    elif not text or not str(text).strip():
        raise errors.RuleBroken(f"write an answer to question {question.position}", field="answers")
    return Answer(question_id=question.id, choices=choices, value=value, text=text)


def _check_choices(question: Question, choices: list[str]) -> None:
    if not choices or any(choice not in question.options for choice in choices):
        raise errors.RuleBroken(
            f"choose among the options of question {question.position}", field="answers"
        )
    if question.kind == SINGLE and len(choices) != 1:
        raise errors.RuleBroken(
            f"choose one answer to question {question.position}", field="answers"
        )
