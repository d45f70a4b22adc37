"""Staff open Lab cohorts; members apply; participants form teams and post their progress."""

from collections.abc import Sequence
from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint

from collaboration.adapters.lab_storage import Cohorts
from collaboration.domain import errors
from collaboration.domain.lab import Cohort, LabApplication, Milestone, Update
from collaboration.entrypoints.api import lab_schemas as s
from collaboration.entrypoints.api.callers import (
    SECURED,
    acting_member,
    member_id,
    require_member_first,
)
from collaboration.service_layer import lab
from collaboration.service_layer.lab import ShownTeam
from qplatform.web.app import runtime
from qplatform.web.auth import require_member, require_staff

blp = Blueprint("cohorts", __name__, url_prefix="/cohorts", description="The Q Lab.")
blp.before_request(require_member_first)


@blp.route("")
class CohortList(MethodView):
    @blp.arguments(s.CohortFormSchema)
    @blp.response(201, s.CohortSchema)
    @blp.doc(**SECURED)
    def post(self, form: dict[str, Any]) -> Cohort:
        """Open a Lab cohort on a problem (staff)."""
        require_staff()
        with runtime().unit_of_work() as uow:
            return lab.open_cohort(uow=uow, form=form)

    @blp.response(200, s.CohortSchema(many=True))
    @blp.doc(**SECURED)
    def get(self) -> Sequence[Cohort]:
        """List every cohort, the newest first."""
        with runtime().unit_of_work() as uow:
            return Cohorts(uow.session).all()


@blp.route("/<cohort_id>")
class CohortItem(MethodView):
    @blp.response(200, s.CohortSchema)
    @blp.doc(**SECURED)
    def get(self, cohort_id: str) -> Cohort:
        """Show a cohort: its problem, span and how to apply."""
        with runtime().unit_of_work() as uow:
            return Cohorts(uow.session).get(cohort_id)


@blp.route("/<cohort_id>/close")
class CohortClosing(MethodView):
    @blp.response(200, s.CohortSchema)
    @blp.doc(**SECURED)
    def post(self, cohort_id: str) -> Cohort:
        """Close a cohort; its outputs stay readable (staff)."""
        require_staff()
        with runtime().unit_of_work() as uow:
            return lab.close_cohort(uow=uow, cohort_id=cohort_id)


@blp.route("/<cohort_id>/applications")
class Applications(MethodView):
    @blp.arguments(s.ApplicationFormSchema)
    @blp.response(201, s.ApplicationSchema)
    @blp.doc(**SECURED)
    def post(self, form: dict[str, str], cohort_id: str) -> LabApplication:
        """Apply to an open cohort with a short statement, once."""
        applicant = member_id()
        with runtime().unit_of_work() as uow:
            return lab.apply(
                uow=uow, cohort_id=cohort_id, member_id=applicant, statement=form["statement"]
            )

    @blp.response(200, s.ApplicationSchema(many=True))
    @blp.doc(**SECURED)
    def get(self, cohort_id: str) -> Sequence[LabApplication]:
        """List a cohort's applications, the earliest first (staff)."""
        require_staff()
        with runtime().unit_of_work() as uow:
            Cohorts(uow.session).get(cohort_id)
            return Cohorts(uow.session).applications(cohort_id)


@blp.route("/<cohort_id>/participants")
class Participants(MethodView):
    @blp.arguments(s.SelectionSchema)
    @blp.response(200, s.ApplicationSchema)
    @blp.doc(**SECURED)
    def post(self, form: dict[str, str], cohort_id: str) -> LabApplication:
        """Select an applicant as a participant, within the cohort's capacity (staff)."""
        require_staff()
        with runtime().unit_of_work() as uow:
            return lab.select_participant(uow=uow, cohort_id=cohort_id, member_id=form["member_id"])


@blp.route("/<cohort_id>/teams")
class Teams(MethodView):
    @blp.arguments(s.TeamFormSchema)
    @blp.response(201, s.TeamSchema)
    @blp.doc(**SECURED)
    def post(self, form: dict[str, Any], cohort_id: str) -> ShownTeam:
        """Form a team of 3 to 8 participants with a lead (a participant in it, or staff)."""
        former = acting_member()
        with runtime().unit_of_work() as uow:
            return lab.form_team(uow=uow, cohort_id=cohort_id, former=former, form=form)

    @blp.response(200, s.TeamSchema(many=True))
    @blp.doc(**SECURED)
    def get(self, cohort_id: str) -> list[ShownTeam]:
        """List a cohort's teams and their members."""
        with runtime().unit_of_work() as uow:
            return lab.teams(uow=uow, cohort_id=cohort_id)


@blp.route("/<cohort_id>/milestones")
class Milestones(MethodView):
    @blp.arguments(s.MilestoneFormSchema)
    @blp.response(201, s.MilestoneSchema)
    @blp.doc(**SECURED)
    def post(self, form: dict[str, Any], cohort_id: str) -> Milestone:
        """Add a milestone: a date and what is due by then (staff)."""
        require_staff()
        with runtime().unit_of_work() as uow:
            return lab.add_milestone(uow=uow, cohort_id=cohort_id, form=form)

    @blp.response(200, s.MilestoneSchema(many=True))
    @blp.doc(**SECURED)
    def get(self, cohort_id: str) -> Sequence[Milestone]:
        """List a cohort's milestones, the soonest first."""
        with runtime().unit_of_work() as uow:
            Cohorts(uow.session).get(cohort_id)
            return Cohorts(uow.session).milestones(cohort_id)


@blp.route("/<cohort_id>/teams/<team_id>/updates")
class TeamUpdates(MethodView):
    @blp.arguments(s.UpdateFormSchema)
    @blp.response(201, s.UpdateSchema)
    @blp.doc(**SECURED)
    def post(self, form: dict[str, Any], cohort_id: str, team_id: str) -> Update:
        """Post a progress update or an output in Markdown (the team's members, or staff)."""
        author = acting_member()
        with runtime().unit_of_work() as uow:
            return lab.post_update(
                uow=uow, cohort_id=cohort_id, team_id=team_id, author=author, form=form
            )


@blp.route("/<cohort_id>/updates")
class CohortUpdates(MethodView):
    @blp.response(200, s.UpdateSchema(many=True))
    @blp.doc(**SECURED)
    def get(self, cohort_id: str) -> Sequence[Update]:
        """List every team's progress updates (the cohort's participants, or staff)."""
        caller = require_member()
        with runtime().unit_of_work() as uow:
            cohorts = Cohorts(uow.session)
            cohorts.get(cohort_id)
            if not caller.is_staff and caller.member_id not in cohorts.participants(cohort_id):
                raise errors.NotYours("only the cohort's participants read its progress")
            return cohorts.updates(cohort_id, outputs_only=False)


@blp.route("/<cohort_id>/outputs")
class Outputs(MethodView):
    @blp.response(200, s.UpdateSchema(many=True))
    @blp.doc(**SECURED)
    def get(self, cohort_id: str) -> Sequence[Update]:
        """List the teams' outputs, which every member may read."""
        with runtime().unit_of_work() as uow:
            Cohorts(uow.session).get(cohort_id)
            return Cohorts(uow.session).updates(cohort_id, outputs_only=True)
