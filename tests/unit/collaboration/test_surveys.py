"""Surveys' use cases: write, open, answer once, stay anonymous."""

from typing import Any

import pytest

from collaboration.domain import errors
from collaboration.domain.model import Member
from collaboration.service_layer import surveying
from tests.unit.collaboration.conftest import NOW

SECRET = "test-secret"


def an_open_survey(uow: Any, **changes: Any) -> Any:
    form = {
        "title": "Your first month",
        "audience": "region",
        "audience_value": "scotland",
        "anonymous": False,
        "questions": [{"kind": "single-choice", "prompt": "Useful?", "options": ["Yes", "No"]}],
        **changes,
    }
    survey = surveying.write(uow=uow, form=form)
    return surveying.open_survey(uow=uow, survey_id=survey.id)


def join(uow: Any, member_id: str, region: str = "scotland") -> None:
    uow.members.keep(Member(member_id=member_id, region=region, left=False))


def answer(uow: Any, survey: Any, member_id: str) -> Any:
    (question,) = uow.surveys.questions(survey.id)
    answers = {question.id: {"choices": ["Yes"]}}
    return surveying.answer(
        uow=uow, survey_id=survey.id, member_id=member_id, answers=answers, secret=SECRET
    )


def test_opening_a_survey_invites_each_member_of_its_audience(uow: Any) -> None:
    join(uow, "m0")
    join(uow, "m1")
    join(uow, "far", region="london")
    survey = an_open_survey(uow)
    assert (survey.status, survey.opened_at, survey.audience_size) == ("open", NOW, 2)
    invited = [e["member_id"] for e in uow.events_of("survey-invitation-sent")]
    assert invited == ["m0", "m1"]


def test_a_member_answers_once_and_outsiders_not_at_all(uow: Any) -> None:
    join(uow, "m0")
    join(uow, "far", region="london")
    survey = an_open_survey(uow)
    answer(uow, survey, "m0")
    with pytest.raises(errors.AlreadyDone):
        answer(uow, survey, "m0")
    with pytest.raises(errors.NotYours):
        answer(uow, survey, "far")
    assert [e["member_id"] for e in uow.events_of("survey-answered")] == ["m0"]


def test_an_anonymous_response_keeps_no_member_id_nor_time(uow: Any) -> None:
    join(uow, "m0")
    survey = an_open_survey(uow, anonymous=True)
    response = answer(uow, survey, "m0")
    assert (response.member_id, response.answered_at) == (None, None)
    assert uow.events_of("survey-answered")[0]["member_id"] is None
    assert not uow.surveys.has_answered(survey.id, "m0")


def test_an_answer_to_an_unknown_question_is_refused_naming_answers(uow: Any) -> None:
    join(uow, "m0")
    survey = an_open_survey(uow)
    with pytest.raises(errors.RuleBroken) as refused:
        surveying.answer(
            uow=uow, survey_id=survey.id, member_id="m0", answers={"nope": {}}, secret=SECRET
        )
    assert refused.value.field == "answers"
    assert surveying.results(uow=uow, survey_id=survey.id)["responses"] == 0
