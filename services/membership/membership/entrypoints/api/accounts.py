"""Members set their password, log in, refresh their tokens and log out."""

from typing import Any

from flask import current_app
from flask.views import MethodView
from flask_smorest import Blueprint
from webargs.flaskparser import abort

from membership.domain.errors import TooManyFailedLogins
from membership.entrypoints.api.account_schemas import (
    LoginSchema,
    PasswordSetupSchema,
    RefreshSchema,
    TokensSchema,
)
from membership.entrypoints.api.clients import client_address
from membership.service_layer import accounts
from qplatform.config import Settings
from qplatform.web.access import ANYONE, requires
from qplatform.web.app import runtime

blp = Blueprint("accounts", __name__, url_prefix="/accounts", description="Members' accounts.")


def _settings() -> Settings:
    settings: Settings = current_app.config["QP_SETTINGS"]
    return settings


@blp.route("/password")
class Password(MethodView):
    @requires(ANYONE)
    @blp.arguments(PasswordSetupSchema)
    @blp.response(204)
    def post(self, body: dict[str, Any]) -> None:
        """Set your password with the one-time link you were mailed."""
        with runtime().unit_of_work() as uow:
            accounts.set_password(uow=uow, token=body["token"], password=body["password"])


@blp.route("/login")
class Login(MethodView):
    @requires(ANYONE)
    @blp.arguments(LoginSchema)
    @blp.response(200, TokensSchema)
    def post(self, body: dict[str, Any]) -> accounts.Tokens:
        """Log in with email and password; get an access token and a refresh token."""
        try:
            with runtime().unit_of_work() as uow:
                return accounts.log_in(
                    uow=uow, settings=_settings(), client=client_address(_settings()), **body
                )
        except TooManyFailedLogins as error:
            abort(429, message=error.message)


@blp.route("/refresh")
class Refresh(MethodView):
    @requires(ANYONE)
    @blp.arguments(RefreshSchema)
    @blp.response(200, TokensSchema)
    def post(self, body: dict[str, Any]) -> accounts.Tokens:
        """Swap a refresh token for new tokens; the old one stops working."""
        with runtime().unit_of_work() as uow:
            return accounts.refresh(
                uow=uow, settings=_settings(), refresh_token=body["refresh_token"]
            )


@blp.route("/logout")
class Logout(MethodView):
    @requires(ANYONE)
    @blp.arguments(RefreshSchema)
    @blp.response(204)
    def post(self, body: dict[str, Any]) -> None:
        """Log out: end the session of the refresh token, in every service."""
        with runtime().unit_of_work() as uow:
            accounts.log_out(uow=uow, refresh_token=body["refresh_token"])
