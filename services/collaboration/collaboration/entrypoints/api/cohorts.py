"""Staff open Lab cohorts; members apply; participants form teams and post their progress."""

from collections.abc import Sequence
from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint
from flask_smorest.pagination import PaginationParameters

from collaboration.domain.lab import Cohort, LabApplication, Milestone, Update
from collaboration.entrypoints.api import lab_schemas as s
from collaboration.entrypoints.api.callers import member_id
from collaboration.service_layer import lab
from collaboration.service_layer.lab import ShownTeam
from qplatform.identity import MEMBER, STAFF
from qplatform.web.access import requires
from qplatform.web.app import runtime
from qplatform.web.auth import current_caller
from qplatform.web.pagination import answer, page_request, paged

blp = Blueprint("cohorts", __name__, url_prefix="/cohorts", description="The Q Lab.")


@blp.route("")
class CohortList(MethodView):
    @requires(STAFF)
    @blp.arguments(s.CohortFormSchema)
    @blp.response(201, s.CohortSchema)
    def post(self, form: dict[str, Any]) -> Cohort:
        """Open a Lab cohort on a problem (staff)."""
        with runtime().unit_of_work() as uow:
            return lab.open_cohort(uow=uow, form=form)

    @requires(MEMBER)
    @blp.response(200, s.CohortSchema(many=True))
    @paged(blp)
    def get(self, pagination_parameters: PaginationParameters) -> Sequence[Cohort]:
        """List every cohort, the newest first."""
        with runtime().unit_of_work() as uow:
            page = lab.cohorts(uow=uow, page=page_request(pagination_parameters))
            return answer(pagination_parameters, page)


@blp.route("/<cohort_id>")
class CohortItem(MethodView):
    @requires(MEMBER)
    @blp.response(200, s.CohortSchema)
    def get(self, cohort_id: str) -> Cohort:
        """Show a cohort: its problem, span and how to apply."""
        with runtime().unit_of_work() as uow:
            return lab.cohort(uow=uow, cohort_id=cohort_id)


@blp.route("/<cohort_id>/close")
class CohortClosing(MethodView):
    @requires(STAFF)
    @blp.response(200, s.CohortSchema)
    def post(self, cohort_id: str) -> Cohort:
        """Close a cohort; its outputs stay readable (staff)."""
        with runtime().unit_of_work() as uow:
            return lab.close_cohort(uow=uow, cohort_id=cohort_id)


@blp.route("/<cohort_id>/applications")
class Applications(MethodView):
    @requires(MEMBER)
    @blp.arguments(s.ApplicationFormSchema)
    @blp.response(201, s.ApplicationSchema)
    def post(self, form: dict[str, str], cohort_id: str) -> LabApplication:
        """Apply to an open cohort with a short statement, once."""
        applicant = member_id()
        with runtime().unit_of_work() as uow:
            return lab.apply(
                uow=uow, cohort_id=cohort_id, member_id=applicant, statement=form["statement"]
            )

    @requires(STAFF)
    @blp.response(200, s.ApplicationSchema(many=True))
    @paged(blp)
    def get(
        self, cohort_id: str, pagination_parameters: PaginationParameters
    ) -> Sequence[LabApplication]:
        """List a cohort's applications, the earliest first (staff)."""
        page = page_request(pagination_parameters)
        with runtime().unit_of_work() as uow:
            found = lab.applications(uow=uow, cohort_id=cohort_id, page=page)
            return answer(pagination_parameters, found)


@blp.route("/<cohort_id>/participants")
class Participants(MethodView):
    @requires(STAFF)
    @blp.arguments(s.SelectionSchema)
    @blp.response(200, s.ApplicationSchema)
    def post(self, form: dict[str, str], cohort_id: str) -> LabApplication:
        """Select an applicant as a participant, within the cohort's capacity (staff)."""
        with runtime().unit_of_work() as uow:
            return lab.select_participant(uow=uow, cohort_id=cohort_id, member_id=form["member_id"])


@blp.route("/<cohort_id>/teams")
class Teams(MethodView):
    @requires(MEMBER)
    @blp.arguments(s.TeamFormSchema)
    @blp.response(201, s.TeamSchema)
    def post(self, form: dict[str, Any], cohort_id: str) -> ShownTeam:
        """Form a team of 3 to 8 participants with a lead (a participant in it, or staff)."""
        with runtime().unit_of_work() as uow:
            return lab.form_team(uow=uow, cohort_id=cohort_id, caller=current_caller(), form=form)

    @requires(MEMBER)
    @blp.response(200, s.TeamSchema(many=True))
    @paged(blp)
    def get(
        self, cohort_id: str, pagination_parameters: PaginationParameters
    ) -> Sequence[ShownTeam]:
        """List a cohort's teams and their members."""
        page = page_request(pagination_parameters)
        with runtime().unit_of_work() as uow:
            return answer(pagination_parameters, lab.teams(uow=uow, cohort_id=cohort_id, page=page))


@blp.route("/<cohort_id>/milestones")
class Milestones(MethodView):
    @requires(STAFF)
    @blp.arguments(s.MilestoneFormSchema)
    @blp.response(201, s.MilestoneSchema)
    def post(self, form: dict[str, Any], cohort_id: str) -> Milestone:
        """Add a milestone: a date and what is due by then (staff)."""
        with runtime().unit_of_work() as uow:
            return lab.add_milestone(uow=uow, cohort_id=cohort_id, form=form)

    @requires(MEMBER)
    @blp.response(200, s.MilestoneSchema(many=True))
    @paged(blp)
    def get(
        self, cohort_id: str, pagination_parameters: PaginationParameters
    ) -> Sequence[Milestone]:
        """List a cohort's milestones, the soonest first."""
        page = page_request(pagination_parameters)
        with runtime().unit_of_work() as uow:
            found = lab.milestones(uow=uow, cohort_id=cohort_id, page=page)
            return answer(pagination_parameters, found)


@blp.route("/<cohort_id>/teams/<team_id>/updates")
class TeamUpdates(MethodView):
    @requires(MEMBER)
    @blp.arguments(s.UpdateFormSchema)
    @blp.response(201, s.UpdateSchema)
    def post(self, form: dict[str, Any], cohort_id: str, team_id: str) -> Update:
        """Post a progress update or an output in Markdown (the team's members, or staff)."""
        with runtime().unit_of_work() as uow:
            return lab.post_update(
                uow=uow, cohort_id=cohort_id, team_id=team_id, caller=current_caller(), form=form
            )


@blp.route("/<cohort_id>/updates")
class CohortUpdates(MethodView):
    @requires(MEMBER)
    @blp.response(200, s.UpdateSchema(many=True))
    @paged(blp)
    def get(self, cohort_id: str, pagination_parameters: PaginationParameters) -> Sequence[Update]:
        """List every team's progress updates (the cohort's participants, or staff)."""
        page = page_request(pagination_parameters)
        with runtime().unit_of_work() as uow:
            found = lab.progress(uow=uow, cohort_id=cohort_id, caller=current_caller(), page=page)
            return answer(pagination_parameters, found)


@blp.route("/<cohort_id>/outputs")
class Outputs(MethodView):
    @requires(MEMBER)
    @blp.response(200, s.UpdateSchema(many=True))
    @paged(blp)
    def get(self, cohort_id: str, pagination_parameters: PaginationParameters) -> Sequence[Update]:
        """List the teams' outputs, which every member may read."""
        page = page_request(pagination_parameters)
        with runtime().unit_of_work() as uow:
            found = lab.outputs(uow=uow, cohort_id=cohort_id, page=page)
            return answer(pagination_parameters, found)
