"""Apply to join Q; staff read and approve applications."""

from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint

from membership.domain.model import Application
from membership.entrypoints.api.schemas import (
    ApplicationFormSchema,
    ApplicationReceiptSchema,
    ApplicationSchema,
)
from membership.service_layer import applications
from qplatform.web.app import runtime
from qplatform.web.auth import require_staff

blp = Blueprint(
    "applications", __name__, url_prefix="/applications", description="Applications to join Q."
)


@blp.route("")
class ApplicationList(MethodView):
    @blp.arguments(ApplicationFormSchema)
    @blp.response(201, ApplicationReceiptSchema)
    def post(self, form: dict[str, Any]) -> Application:
        """Apply to join Q."""
        with runtime().unit_of_work() as uow:
            return applications.submit_application(
                uow=uow, form=applications.ApplicationForm(**form)
            )


@blp.route("/<application_id>")
class ApplicationItem(MethodView):
    @blp.response(200, ApplicationSchema)
    @blp.doc(security=[{"bearer": []}])
    def get(self, application_id: str) -> Application:
        """Show one application (staff only)."""
        require_staff()
        with runtime().unit_of_work() as uow:
            return applications.get_application(uow=uow, application_id=application_id)


@blp.route("/<application_id>/approve")
class ApplicationApproval(MethodView):
    @blp.response(200, ApplicationSchema)
    @blp.doc(security=[{"bearer": []}])
    def post(self, application_id: str) -> Application:
        """Approve an application, making the applicant a member (staff only)."""
        require_staff()
        with runtime().unit_of_work() as uow:
            return applications.approve_application(uow=uow, application_id=application_id)
