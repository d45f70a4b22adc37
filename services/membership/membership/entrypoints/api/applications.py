"""Apply to join Q and withdraw; staff and partner reviewers read and decide applications."""

from typing import Any

from flask import request, url_for
from flask.views import MethodView
from flask_smorest import Blueprint

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
from qplatform.web.app import runtime
from qplatform.web.auth import PARTNER_REVIEWER, require_role

blp = Blueprint(
    "applications", __name__, url_prefix="/applications", description="Applications to join Q."
)
DECIDERS: list[dict[str, list[str]]] = [{"bearer": []}]


@blp.route("")
class ApplicationList(MethodView):
    @blp.arguments(ApplicationQueryArgsSchema, location="query")
    @blp.response(
        200,
        ApplicationSchema(many=True),
        headers={"Link": {"description": 'The next page, as rel="next", when there is one.'}},
    )
    @blp.doc(security=DECIDERS)
    def get(self, args: dict[str, Any]) -> tuple[list[Application], int, dict[str, str]]:
        """List applications, oldest first (staff; partner reviewers see their region)."""
        caller = require_role(PARTNER_REVIEWER)
        with runtime().unit_of_work() as uow:
            page = applications.list_applications(uow=uow, caller=caller, **args)
        headers = {}
        if page.next_after is not None:
            following = url_for(request.endpoint or "", **{**args, "after": page.next_after})
            headers["Link"] = f'<{following}>; rel="next"'
        return page.items, 200, headers

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
    @blp.response(200, ApplicationSchema)
    @blp.doc(security=DECIDERS)
    def get(self, application_id: str) -> Application:
        """Show one application (staff, or the partner reviewer of its region)."""
        caller = require_role(PARTNER_REVIEWER)
        with runtime().unit_of_work() as uow:
            return applications.visible_application(
                uow=uow, application_id=application_id, caller=caller, lock=False
            )


@blp.route("/<application_id>/approve")
class ApplicationApproval(MethodView):
    @blp.response(200, ApplicationSchema)
    @blp.doc(security=DECIDERS)
    def post(self, application_id: str) -> Application:
        """Approve an application, making the applicant a member."""
        caller = require_role(PARTNER_REVIEWER)
        with runtime().unit_of_work() as uow:
            return decisions.approve_application(
                uow=uow,
                settings=runtime().settings,
                application_id=application_id,
                caller=caller,
            )


@blp.route("/<application_id>/reject")
class ApplicationRejection(MethodView):
    @blp.arguments(RejectionSchema)
    @blp.response(200, ApplicationSchema)
    @blp.doc(security=DECIDERS)
    def post(self, body: dict[str, str], application_id: str) -> Application:
        """Turn an application down, with the reason."""
        caller = require_role(PARTNER_REVIEWER)
        with runtime().unit_of_work() as uow:
            return decisions.reject_application(
                uow=uow, application_id=application_id, caller=caller, reason=body["reason"]
            )


@blp.route("/<application_id>/withdraw")
class ApplicationWithdrawal(MethodView):
    @blp.arguments(WithdrawalSchema)
    @blp.response(200, ApplicationStatusSchema)
    def post(self, body: dict[str, str], application_id: str) -> Application:
        """Withdraw your application with the code you were given when applying."""
        with runtime().unit_of_work() as uow:
            return applications.withdraw_application(
                uow=uow, application_id=application_id, code=body["code"]
            )
