"""Staff write and run surveys; the members each one asks answer it once."""

from collections.abc import Sequence
from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint

from collaboration.adapters.audiences import Audiences
from collaboration.adapters.survey_storage import Surveys
from collaboration.domain import errors, surveys
from collaboration.domain.surveys import Response, Survey
from collaboration.entrypoints.api import survey_schemas as s
from collaboration.entrypoints.api.callers import SECURED, member_id, require_member_first
from collaboration.service_layer import surveying
from qplatform.web.app import runtime
from qplatform.web.auth import require_member, require_staff

blp = Blueprint("surveys", __name__, url_prefix="/surveys", description="Surveys of members.")
blp.before_request(require_member_first)


def _secret() -> str:
    return runtime().settings.token_secret


@blp.route("")
class SurveyList(MethodView):
    @blp.arguments(s.SurveyFormSchema)
    @blp.response(201, s.SurveySchema)
    @blp.doc(**SECURED)
    def post(self, form: dict[str, Any]) -> Survey:
        """Write a draft survey: its questions and whom it asks (staff)."""
        require_staff()
        with runtime().unit_of_work() as uow:
            return surveying.write(uow=uow, form=form)

    @blp.response(200, s.SurveySchema(many=True))
    @blp.doc(**SECURED)
    def get(self) -> Sequence[Survey]:
        """List every survey, the newest first (staff)."""
        require_staff()
        with runtime().unit_of_work() as uow:
            return Surveys(uow.session).in_state([surveys.DRAFT, surveys.OPEN, surveys.CLOSED])


@blp.route("/invitations/mine")
class OpenToMe(MethodView):
    @blp.response(200, s.SurveySchema(many=True))
    @blp.doc(**SECURED)
    def get(self) -> list[Survey]:
        """List the open surveys that ask you and that you have not answered."""
        asked = member_id()
        with runtime().unit_of_work() as uow:
            return surveying.open_to(uow=uow, member_id=asked, secret=_secret())


@blp.route("/audiences/size")
class AudiencePreview(MethodView):
    @blp.arguments(s.AudienceQueryArgsSchema, location="query")
    @blp.response(200, s.AudienceSchema)
    @blp.doc(**SECURED)
    def get(self, args: dict[str, Any]) -> dict[str, Any]:
        """Count the members an audience holds now, before a survey is opened to it (staff)."""
        require_staff()
        surveys.check_audience(args["audience"], args["audience_value"])
        with runtime().unit_of_work() as uow:
            size = Audiences(uow.session).size(args["audience"], args["audience_value"])
        return {**args, "size": size}


@blp.route("/<survey_id>")
class SurveyItem(MethodView):
    @blp.response(200, s.SurveyWithQuestionsSchema)
    @blp.doc(**SECURED)
    def get(self, survey_id: str) -> dict[str, Any]:
        """Show a survey and its questions (staff, or a member it asks)."""
        caller = require_member()
        with runtime().unit_of_work() as uow:
            survey = Surveys(uow.session).get(survey_id)
            asked = Audiences(uow.session).includes(
                survey.audience, survey.audience_value, caller.member_id or ""
            )
            if not caller.is_staff and (survey.status == surveys.DRAFT or not asked):
                raise errors.NotYours("this survey does not ask you")
            return {**survey.columns(), "questions": Surveys(uow.session).questions(survey_id)}


@blp.route("/<survey_id>/open")
class Opening(MethodView):
    @blp.response(200, s.SurveySchema)
    @blp.doc(**SECURED)
    def post(self, survey_id: str) -> Survey:
        """Open a draft survey to its audience (staff)."""
        require_staff()
        with runtime().unit_of_work() as uow:
            return surveying.open_survey(uow=uow, survey_id=survey_id)


@blp.route("/<survey_id>/close")
class Closing(MethodView):
    @blp.response(200, s.SurveySchema)
    @blp.doc(**SECURED)
    def post(self, survey_id: str) -> Survey:
        """Close an open survey (staff)."""
        require_staff()
        with runtime().unit_of_work() as uow:
            return surveying.close_survey(uow=uow, survey_id=survey_id)


@blp.route("/<survey_id>/reminders")
class Reminders(MethodView):
    @blp.response(202, s.RemindedSchema)
    @blp.doc(**SECURED)
    def post(self, survey_id: str) -> dict[str, int]:
        """Remind the members asked who have not answered (of an anonymous survey, all)."""
        require_staff()
        with runtime().unit_of_work() as uow:
            return {"reminded": surveying.remind(uow=uow, survey_id=survey_id)}


@blp.route("/<survey_id>/cycle")
class Cycle(MethodView):
    @blp.arguments(s.CycleFormSchema)
    @blp.response(200, s.SurveySchema)
    @blp.doc(**SECURED)
    def put(self, form: dict[str, Any], survey_id: str) -> Survey:
        """Tie a survey to an improvement cycle and note its plan, do, study, act (staff)."""
        require_staff()
        with runtime().unit_of_work() as uow:
            return surveying.note_cycle(uow=uow, survey_id=survey_id, form=form)


@blp.route("/<survey_id>/responses")
class Responses(MethodView):
    @blp.arguments(s.ResponseFormSchema)
    @blp.response(201, s.ResponseSchema)
    @blp.doc(**SECURED)
    def post(self, form: dict[str, Any], survey_id: str) -> Response:
        """Answer a survey that asks you, once."""
        answerer = member_id()
        with runtime().unit_of_work() as uow:
            return surveying.answer(
                uow=uow,
                survey_id=survey_id,
                member_id=answerer,
                answers=form["answers"],
                secret=_secret(),
            )


@blp.route("/<survey_id>/results")
class Results(MethodView):
    @blp.response(200, s.ResultsSchema)
    @blp.doc(**SECURED)
    def get(self, survey_id: str) -> dict[str, Any]:
        """Count the answers to each question, free text listed (staff)."""
        require_staff()
        with runtime().unit_of_work() as uow:
            return surveying.results(uow=uow, survey_id=survey_id)
