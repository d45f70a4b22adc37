"""Surveys as tests need them: a form with one question of each kind, and answers to it."""

from typing import Any

from flask.testing import FlaskClient

from tests.support.auth import STAFF

QUESTIONS = [
    {"kind": "single-choice", "prompt": "Did the event help?", "options": ["Yes", "No"]},
    {"kind": "multiple-choice", "prompt": "Which parts?", "options": ["Talks", "Visits", "Chat"]},
    {"kind": "scale", "prompt": "How likely to recommend?", "scale_max": 5},
    {"kind": "free-text", "prompt": "What should change?", "required": False},
]


def a_survey(**changes: Any) -> dict[str, Any]:
    """Return a survey form asking everyone one question of each kind."""
    return {"title": "Your first month", "audience": "everyone", "questions": QUESTIONS, **changes}


def opened(client: FlaskClient, **changes: Any) -> dict[str, Any]:
    """Write and open a survey as staff; return it with its questions."""
    survey = client.post("/surveys", json=a_survey(**changes), headers=STAFF)
    assert survey.status_code == 201, survey.json
    opening = client.post(f"/surveys/{survey.json['id']}/open", headers=STAFF)
    assert opening.status_code == 200, opening.json
    return dict(client.get(f"/surveys/{survey.json['id']}", headers=STAFF).json)


def answers(survey: dict[str, Any], yes: bool = True, text: str | None = None) -> dict[str, Any]:
    """Return answers to every question of `survey`."""
    single, multiple, scale, free = (q["id"] for q in survey["questions"])
    given: dict[str, Any] = {
        single: {"choices": ["Yes" if yes else "No"]},
        multiple: {"choices": ["Talks", "Chat"]},
        scale: {"value": 5 if yes else 2},
    }
    if text:
        given[free] = {"text": text}
    return {"answers": given}
