"""Surveys, their questions, responses and answers, as the service layer finds them."""

from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from collaboration.domain import errors
from collaboration.domain.surveys import Answer, Question, Respondent, Response, Survey


class Surveys:
    """Surveys and what members answered."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, *rows: object) -> None:
        self._session.add_all(rows)
        self._session.flush()

    def get(self, survey_id: str) -> Survey:
        """Return the survey, or refuse when there is none."""
        survey = self._session.get(Survey, survey_id)
        if survey is None:
            raise errors.SurveyNotFound("no survey has that id", field="survey_id")
        return survey

    def in_state(self, statuses: Sequence[str]) -> Sequence[Survey]:
        query = select(Survey).where(Survey.status.in_(list(statuses)))
        return self._session.scalars(query.order_by(Survey.created_at.desc())).all()

    def questions(self, survey_id: str) -> Sequence[Question]:
        query = select(Question).where(Question.survey_id == survey_id)
        return self._session.scalars(query.order_by(Question.position)).all()

    def has_answered(self, survey_id: str, respondent_key: str) -> bool:
        return self._session.get(Respondent, (survey_id, respondent_key)) is not None

    def responses(self, survey_id: str) -> int:
        query = select(func.count()).where(Response.survey_id == survey_id)
        return self._session.scalar(query) or 0

    def answers(self, survey_id: str) -> Sequence[Answer]:
        return self._session.scalars(select(Answer).where(Answer.survey_id == survey_id)).all()
