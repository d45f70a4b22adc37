"""Apply to join Q and withdraw; staff and partner reviewers read and decide applications."""

from collections.abc import Sequence
from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint
from flask_smorest.pagination import PaginationParameters

from membership.domain.model import Application
from membership.entrypoints.api.schemas import (
    ApplicationFormSchema,
    ApplicationQueryArgsSchema,
    ApplicationReceiptSchema,
    ApplicationSchema,
    ApplicationStatusSchema,
    RejectionSchema,
    WithdrawalSchema,
)
from membership.service_layer import applications, decisions
from membership.service_layer.applications import Receipt
from qplatform.identity import PARTNER_REVIEWER
from qplatform.web.access import ANYONE, requires
from qplatform.web.app import runtime
from qplatform.web.auth import current_caller
from qplatform.web.pagination import answer, page_request, paged

blp = Blueprint(
    "applications", __name__, url_prefix="/applications", description="Applications to join Q."
)


@blp.route("")
class ApplicationList(MethodView):
    @requires(PARTNER_REVIEWER)
    @blp.arguments(ApplicationQueryArgsSchema, location="query")
    @blp.response(200, ApplicationSchema(many=True))
    @paged(blp, long=True)
    def get(
        self, args: dict[str, Any], pagination_parameters: PaginationParameters
    ) -> Sequence[Application]:
        """List applications, oldest first (staff; partner reviewers see their region)."""
        with runtime().unit_of_work() as uow:
            page = applications.list_applications(
                uow=uow, caller=current_caller(), page=page_request(pagination_parameters), **args
            )
            return answer(pagination_parameters, page)

    @requires(ANYONE)
    @blp.arguments(ApplicationFormSchema)
    @blp.response(201, ApplicationReceiptSchema)
    def post(self, form: dict[str, Any]) -> Receipt:
        """Apply to join Q, in the recruitment wave open for your region."""
        with runtime().unit_of_work() as uow:
            return applications.submit_application(
                uow=uow, form=applications.ApplicationForm(**form)
            )


@blp.route("/<application_id>")
class ApplicationItem(MethodView):
    @requires(PARTNER_REVIEWER)
    @blp.response(200, ApplicationSchema)
    def get(self, application_id: str) -> Application:
        """Show one application (staff, or the partner reviewer of its region)."""
        with runtime().unit_of_work() as uow:
            return applications.visible_application(
                uow=uow, application_id=application_id, caller=current_caller(), lock=False
            )


@blp.route("/<application_id>/approve")
class ApplicationApproval(MethodView):
    @requires(PARTNER_REVIEWER)
    @blp.response(200, ApplicationSchema)
    def post(self, application_id: str) -> Application:
        """Approve an application, making the applicant a member."""
        with runtime().unit_of_work() as uow:
            return decisions.approve_application(
                uow=uow,
                settings=runtime().settings,
                application_id=application_id,
                caller=current_caller(),
            )


@blp.route("/<application_id>/reject")
class ApplicationRejection(MethodView):
    @requires(PARTNER_REVIEWER)
    @blp.arguments(RejectionSchema)
    @blp.response(200, ApplicationSchema)
    def post(self, body: dict[str, str], application_id: str) -> Application:
        """Turn an application down, with the reason."""
        with runtime().unit_of_work() as uow:
            return decisions.reject_application(
                uow=uow,
                application_id=application_id,
                caller=current_caller(),
                reason=body["reason"],
            )


@blp.route("/<application_id>/withdraw")
class ApplicationWithdrawal(MethodView):
    @requires(ANYONE)
    @blp.arguments(WithdrawalSchema)
    @blp.response(200, ApplicationStatusSchema)
    def post(self, body: dict[str, str], application_id: str) -> Application:
        """Withdraw your application with the code you were given when applying."""
        with runtime().unit_of_work() as uow:
            return applications.withdraw_application(
                uow=uow, application_id=application_id, code=body["code"]
            )
