"""Surveys, their questions, responses and answers, as the service layer finds them."""

from collections.abc import Sequence

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from collaboration.adapters.repositories import one_page
from collaboration.domain import errors
from collaboration.domain.surveys import Answer, Question, Respondent, Response, Survey
from qplatform.paging import Page, PageRequest


class Surveys:
    """Surveys and what members answered."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, *rows: object) -> None:
        """Keep new rows of a survey (the survey, its questions, a response...)."""
        self._session.add_all(rows)
        self._session.flush()

    def get(self, survey_id: str) -> Survey:
        """Return the survey, or refuse when there is none."""
        survey = self._session.get(Survey, survey_id)
        if survey is None:
            raise errors.SurveyNotFound("no survey has that id", field="survey_id")
        return survey

    def in_state(self, statuses: Sequence[str]) -> Sequence[Survey]:
        """Return every survey in one of `statuses`, the newest first."""
        query = select(Survey).where(Survey.status.in_(list(statuses)))
        return self._session.scalars(query.order_by(Survey.created_at.desc())).all()

    def page_in_state(self, statuses: Sequence[str], page: PageRequest) -> Page[Survey]:
        """Return one page of the surveys in one of `statuses`, the newest first."""
        query = select(Survey).where(Survey.status.in_(list(statuses)))
        return one_page(self._session, query.order_by(Survey.created_at.desc()), page)

    def questions(self, survey_id: str) -> Sequence[Question]:
        """Return a survey's questions, in order."""
        query = select(Question).where(Question.survey_id == survey_id)
        return self._session.scalars(query.order_by(Question.position)).all()

    def has_answered(self, survey_id: str, respondent_key: str) -> bool:
        """Tell whether the respondent so marked answered the survey."""
        return self._session.get(Respondent, (survey_id, respondent_key)) is not None

    def responses(self, survey_id: str) -> int:
        """Return how many responses the survey has."""
        query = select(func.count()).where(Response.survey_id == survey_id)
        return self._session.scalar(query) or 0

    def answers(self, survey_id: str) -> Sequence[Answer]:
        """Return every answer given to the survey."""
        return self._session.scalars(select(Answer).where(Answer.survey_id == survey_id)).all()

    def forget_member(self, member_id: str) -> None:
        """Unlink a leaver from their responses, which still count in results."""
        self._session.execute(
            update(Response).where(Response.member_id == member_id).values(member_id=None)
        )
