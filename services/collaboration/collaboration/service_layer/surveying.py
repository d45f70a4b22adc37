"""Use cases of surveys: write, open, answer once, close, and read the results as counts."""

import hashlib
import hmac
from typing import Any

from collaboration.domain import errors, surveys
from collaboration.domain.surveys import Question, Respondent, Response, Survey
from collaboration.service_layer.unit_of_work import CollaborationUnitOfWork
from qplatform.identity import Caller
from qplatform.paging import Page, PageRequest


def write(*, uow: CollaborationUnitOfWork, form: dict[str, Any]) -> Survey:
    """Write a draft survey with its questions and audience."""
    surveys.check_audience(form["audience"], form.get("audience_value"))
    questions = form.pop("questions")
    for question in questions:
        surveys.check_question(question["kind"], question["options"], question.get("scale_max"))
    survey = Survey(**form, created_at=uow.clock.now())
    uow.surveys.add(survey)
    uow.surveys.add(
        *(Question(survey_id=survey.id, position=i, **q) for i, q in enumerate(questions, 1))
    )
    uow.commit()
    return survey


def note_cycle(*, uow: CollaborationUnitOfWork, survey_id: str, form: dict[str, Any]) -> Survey:
    """Tie a survey to an improvement cycle, or add to its plan, do, study and act notes."""
    survey = uow.surveys.get(survey_id)
    survey.cycle_activity = form.get("activity", survey.cycle_activity)
    survey.cycle_notes = {**survey.cycle_notes, **(form.get("notes") or {})}
    uow.commit()
    return survey


def open_survey(*, uow: CollaborationUnitOfWork, survey_id: str) -> Survey:
    """Open a draft survey to its audience, counting whom it asks."""
    survey = uow.surveys.get(survey_id)
    if survey.status != surveys.DRAFT:
        raise errors.AlreadyDone(f"the survey is {survey.status}")
    asked = uow.audiences.member_ids(survey.audience, survey.audience_value)
    size = len(asked)
    survey.status, survey.opened_at, survey.audience_size = surveys.OPEN, uow.clock.now(), size
    uow.publish(
        "survey-opened",
        subject=survey.id,
        data={
            "survey_id": survey.id,
            "title": survey.title,
            "audience": survey.audience,
            "audience_size": size,
            "anonymous": survey.anonymous,
            "opened_at": survey.opened_at,
        },
    )
    _invite(uow, survey, asked, "survey-invitation-sent")
    uow.commit()
    return survey


def remind(*, uow: CollaborationUnitOfWork, survey_id: str) -> int:
    """Remind the members asked who have not answered; of an anonymous survey, all of them.

    Reminding only the silent members of an anonymous survey would tell, by what is left,
    who answered; so everyone asked is reminded, and the mail says "if you have not".
    """
    store = uow.surveys
    survey = store.get(survey_id)
    if survey.status != surveys.OPEN:
        raise errors.AlreadyDone(f"the survey is {survey.status}")
    asked = uow.audiences.member_ids(survey.audience, survey.audience_value)
    if not survey.anonymous:
        asked = [m for m in asked if not store.has_answered(survey_id, m)]
    _invite(uow, survey, asked, "survey-reminder-requested")
    uow.commit()
    return len(asked)


def _invite(
    uow: CollaborationUnitOfWork, survey: Survey, member_ids: list[str], event_type: str
) -> None:
    for member_id in member_ids:
        data = {
            "survey_id": survey.id,
            "title": survey.title,
            "member_id": member_id,
            "anonymous": survey.anonymous,
        }
        uow.publish(event_type, subject=survey.id, data=data)


def answer(
    *,
    uow: CollaborationUnitOfWork,
    survey_id: str,
    member_id: str,
    answers: dict[str, Any],
    secret: str,
) -> Response:
    """Record a member's one response to an open survey they are asked."""
    store = uow.surveys
    survey = store.get(survey_id)
    if survey.status != surveys.OPEN:
        raise errors.AlreadyDone(f"the survey is {survey.status}")
    if not uow.audiences.includes(survey.audience, survey.audience_value, member_id):
        raise errors.NotYours("this survey does not ask you")
    key = respondent_key(survey, member_id, secret)
    if store.has_answered(survey_id, key):
        raise errors.AlreadyDone("you have already answered this survey")
    questions = store.questions(survey_id)
    unknown = set(answers) - {q.id for q in questions}
    if unknown:
        raise errors.RuleBroken(f"no such question: {', '.join(sorted(unknown))}", field="answers")
    given = [surveys.answer_to(q, answers.get(q.id)) for q in questions]
    response = Response(
        survey_id=survey_id,
        member_id=None if survey.anonymous else member_id,
        answered_at=None if survey.anonymous else uow.clock.now(),
    )
    store.add(Respondent(survey_id=survey_id, respondent_key=key), response)
    store.add(*(_filed(a, response) for a in given if a is not None))
    uow.publish(
        "survey-answered",
        subject=survey_id,
        data={
            "survey_id": survey_id,
            "response_id": response.id,
            "member_id": response.member_id,
            "answered_at": uow.clock.now(),
        },
    )
    uow.commit()
    return response


def close_survey(*, uow: CollaborationUnitOfWork, survey_id: str) -> Survey:
    """Close an open survey; its results stay."""
    store = uow.surveys
    survey = store.get(survey_id)
    if survey.status != surveys.OPEN:
        raise errors.AlreadyDone(f"the survey is {survey.status}")
    survey.status, survey.closed_at = surveys.CLOSED, uow.clock.now()
    uow.publish(
        "survey-closed",
        subject=survey_id,
        data={
            "survey_id": survey_id,
            "audience_size": survey.audience_size or 0,
            "responses": store.responses(survey_id),
            "closed_at": survey.closed_at,
        },
    )
    uow.commit()
    return survey


def results(*, uow: CollaborationUnitOfWork, survey_id: str) -> dict[str, Any]:
    """Count the answers to each question; list free text as written."""
    store = uow.surveys
    survey = store.get(survey_id)
    answers = store.answers(survey_id)
    return {
        "survey_id": survey.id,
        "title": survey.title,
        "status": survey.status,
        "audience_size": survey.audience_size,
        "responses": store.responses(survey_id),
        "questions": [
            _tally(q, [a for a in answers if a.question_id == q.id])
            for q in store.questions(survey_id)
        ],
    }


def open_to(
    *, uow: CollaborationUnitOfWork, member_id: str, secret: str, page: PageRequest
) -> Page[Survey]:
    """Return one page of the open surveys that ask a member and that they have not answered."""
    store, audiences = uow.surveys, uow.audiences
    asking = [
        survey
        for survey in store.in_state([surveys.OPEN])
        if audiences.includes(survey.audience, survey.audience_value, member_id)
        and not store.has_answered(survey.id, respondent_key(survey, member_id, secret))
    ]
    return Page(items=asking[page.offset : page.offset + page.size], total=len(asking))


def every_survey(*, uow: CollaborationUnitOfWork, page: PageRequest) -> Page[Survey]:
    """Return one page of every survey, the newest first."""
    return uow.surveys.page_in_state([surveys.DRAFT, surveys.OPEN, surveys.CLOSED], page)


def shown(*, uow: CollaborationUnitOfWork, survey_id: str, caller: Caller) -> dict[str, Any]:
    """Return a survey and its questions, to staff or to a member it asks once open."""
    survey = uow.surveys.get(survey_id)
    asked = uow.audiences.includes(survey.audience, survey.audience_value, caller.member_id or "")
    if not caller.is_staff and (survey.status == surveys.DRAFT or not asked):
        raise errors.NotYours("this survey does not ask you")
    return {**survey.columns(), "questions": uow.surveys.questions(survey_id)}


def audience_size(*, uow: CollaborationUnitOfWork, audience: str, value: str | None) -> int:
    """Count the members an audience holds now, before a survey is opened to it."""
    surveys.check_audience(audience, value)
    return uow.audiences.size(audience, value)


def respondent_key(survey: Survey, member_id: str, secret: str) -> str:
    """Return what marks that a member answered: their id, or for an anonymous survey a digest."""
    if not survey.anonymous:
        return member_id
    message = f"survey-respondent:{survey.id}:{member_id}".encode()
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def _filed(answer: surveys.Answer, response: Response) -> surveys.Answer:
    answer.response_id, answer.survey_id = response.id, response.survey_id
    return answer


def _tally(question: Question, answers: list[surveys.Answer]) -> dict[str, Any]:
    counts: dict[str, int] = {}
    if question.kind in (surveys.SINGLE, surveys.MULTIPLE):
        counts = {option: 0 for option in question.options}
        for answer in answers:
            for choice in answer.choices:
                counts[choice] += 1
    elif question.kind == surveys.SCALE:
        counts = {str(v): 0 for v in range(1, (question.scale_max or 0) + 1)}
        for answer in answers:
            counts[str(answer.value)] += 1
    texts = [a.text for a in answers if question.kind == surveys.FREE_TEXT and a.text]
    return {
        "question_id": question.id,
        "prompt": question.prompt,
        "kind": question.kind,
        "answered": len(answers),
        "counts": counts,
        "texts": texts,
    }
