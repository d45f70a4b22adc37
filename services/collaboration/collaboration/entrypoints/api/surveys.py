"""Staff write and run surveys; the members each one asks answer it once."""

from collections.abc import Sequence
from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint
from flask_smorest.pagination import PaginationParameters

from collaboration.domain.surveys import Response, Survey
from collaboration.entrypoints.api import survey_schemas as s
from collaboration.entrypoints.api.callers import member_id
from collaboration.service_layer import surveying
from qplatform.identity import MEMBER, STAFF
from qplatform.web.access import requires
from qplatform.web.app import runtime
from qplatform.web.auth import current_caller
from qplatform.web.pagination import answer, page_request, paged

blp = Blueprint("surveys", __name__, url_prefix="/surveys", description="Surveys of members.")


def _secret() -> str:
    return runtime().settings.token_secret


@blp.route("")
class SurveyList(MethodView):
    @requires(STAFF)
    @blp.arguments(s.SurveyFormSchema)
    @blp.response(201, s.SurveySchema)
    def post(self, form: dict[str, Any]) -> Survey:
        """Write a draft survey: its questions and whom it asks (staff)."""
        with runtime().unit_of_work() as uow:
            return surveying.write(uow=uow, form=form)

    @requires(STAFF)
    @blp.response(200, s.SurveySchema(many=True))
    @paged(blp)
    def get(self, pagination_parameters: PaginationParameters) -> Sequence[Survey]:
        """List every survey, the newest first (staff)."""
        page = page_request(pagination_parameters)
        with runtime().unit_of_work() as uow:
            return answer(pagination_parameters, surveying.every_survey(uow=uow, page=page))


@blp.route("/invitations/mine")
class OpenToMe(MethodView):
    @requires(MEMBER)
    @blp.response(200, s.SurveySchema(many=True))
    @paged(blp)
    def get(self, pagination_parameters: PaginationParameters) -> Sequence[Survey]:
        """List the open surveys that ask you and that you have not answered."""
        asked, page = member_id(), page_request(pagination_parameters)
        with runtime().unit_of_work() as uow:
            found = surveying.open_to(uow=uow, member_id=asked, secret=_secret(), page=page)
            return answer(pagination_parameters, found)


@blp.route("/audiences/size")
class AudiencePreview(MethodView):
    @requires(STAFF)
    @blp.arguments(s.AudienceQueryArgsSchema, location="query")
    @blp.response(200, s.AudienceSchema)
    def get(self, args: dict[str, Any]) -> dict[str, Any]:
        """Count the members an audience holds now, before a survey is opened to it (staff)."""
        with runtime().unit_of_work() as uow:
            size = surveying.audience_size(
                uow=uow, audience=args["audience"], value=args["audience_value"]
            )
        return {**args, "size": size}


@blp.route("/<survey_id>")
class SurveyItem(MethodView):
    @requires(MEMBER)
    @blp.response(200, s.SurveyWithQuestionsSchema)
    def get(self, survey_id: str) -> dict[str, Any]:
        """Show a survey and its questions (staff, or a member it asks)."""
        with runtime().unit_of_work() as uow:
            return surveying.shown(uow=uow, survey_id=survey_id, caller=current_caller())


@blp.route("/<survey_id>/open")
class Opening(MethodView):
    @requires(STAFF)
    @blp.response(200, s.SurveySchema)
    def post(self, survey_id: str) -> Survey:
        """Open a draft survey to its audience (staff)."""
        with runtime().unit_of_work() as uow:
            return surveying.open_survey(uow=uow, survey_id=survey_id)


@blp.route("/<survey_id>/close")
class Closing(MethodView):
    @requires(STAFF)
    @blp.response(200, s.SurveySchema)
    def post(self, survey_id: str) -> Survey:
        """Close an open survey (staff)."""
        with runtime().unit_of_work() as uow:
            return surveying.close_survey(uow=uow, survey_id=survey_id)


@blp.route("/<survey_id>/reminders")
class Reminders(MethodView):
    @requires(STAFF)
    @blp.response(202, s.RemindedSchema)
    def post(self, survey_id: str) -> dict[str, int]:
        """Remind the members asked who have not answered (of an anonymous survey, all)."""
        with runtime().unit_of_work() as uow:
            return {"reminded": surveying.remind(uow=uow, survey_id=survey_id)}


@blp.route("/<survey_id>/cycle")
class Cycle(MethodView):
    @requires(STAFF)
    @blp.arguments(s.CycleFormSchema)
    @blp.response(200, s.SurveySchema)
    def put(self, form: dict[str, Any], survey_id: str) -> Survey:
        """Tie a survey to an improvement cycle and note its plan, do, study, act (staff)."""
        with runtime().unit_of_work() as uow:
            return surveying.note_cycle(uow=uow, survey_id=survey_id, form=form)


@blp.route("/<survey_id>/responses")
class Responses(MethodView):
    @requires(MEMBER)
    @blp.arguments(s.ResponseFormSchema)
    @blp.response(201, s.ResponseSchema)
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
    @requires(STAFF)
    @blp.response(200, s.ResultsSchema)
    def get(self, survey_id: str) -> dict[str, Any]:
        """Count the answers to each question, free text listed (staff)."""
        with runtime().unit_of_work() as uow:
            return surveying.results(uow=uow, survey_id=survey_id)
