"""Members who forgot their password, or whose link expired, ask for a new link."""

from typing import Any

from flask import current_app
from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from membership.service_layer.password_reset import request_password_link
from qplatform.web.access import ANYONE, requires
from qplatform.web.app import runtime

blp = Blueprint(
    "password_reset", __name__, url_prefix="/accounts", description="Members' accounts."
)


class PasswordResetSchema(Schema):
    email = fields.Email(required=True, validate=validate.Length(max=254))


@blp.route("/password-reset")
class PasswordReset(MethodView):
    @requires(ANYONE)
    @blp.arguments(PasswordResetSchema)
    @blp.response(202)
    def post(self, body: dict[str, Any]) -> None:
        """Mail a new one-time set-password link; the answer is the same for any address."""
        with runtime().unit_of_work() as uow:
            settings = current_app.config["QP_SETTINGS"]
            request_password_link(uow=uow, settings=settings, email=body["email"])
