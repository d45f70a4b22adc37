"""Set a password from the mailed link, log in and out, ask for a new link."""

from contextlib import suppress

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask import session as _session
from flask.typing import ResponseReturnValue

from website.forms import GENERAL, Form
from website.gateway import ApiError
from website.signed_in import forget, gateway, member_id, remember

blp = Blueprint("account", __name__)
PAGE = {"section": "account"}


@blp.route("/login", methods=["GET", "POST"])
def login() -> ResponseReturnValue:
    """Log a member in with their email and password."""
    form = Form(dict(request.form))
    if request.method == "POST":
        form.require("email", "password", labels={"email": "email address"})
        if not form.errors:
            try:
                tokens = gateway().call(
                    "POST",
                    "/membership/accounts/login",
                    json={"email": form.value("email"), "password": form.value("password")},
                )
            except ApiError as error:
                if error.status >= 500:
                    raise
                form.errors["email"] = _login_refusal(error)
            else:
                remember(tokens)
                return redirect(_safe_next(request.args.get("next")))
    return render_template("account/login.html", form=form, title="Log in", **PAGE)


@blp.post("/logout")
def logout() -> ResponseReturnValue:
    """Log out: the refresh token is revoked and the session forgotten."""
    refresh_token = _session.get("refresh_token")
    if member_id() is not None and refresh_token:
        # The browser forgets the session whatever the gateway says.
        with suppress(ApiError):
            gateway().call(
                "POST", "/membership/accounts/logout", json={"refresh_token": refresh_token}
            )
    forget()
    flash("You have logged out.")
    return redirect(url_for("home.home"))


@blp.route("/set-password", methods=["GET", "POST"])
def set_password() -> ResponseReturnValue:
    """Set a password with the one-time token from the mailed link."""
    token = request.values.get("token", "")
    form = Form(dict(request.form))
    if request.method == "POST":
        form.require("password", "confirm_password", labels={"confirm_password": "password again"})
        if not form.errors and form.value("password") != form.value("confirm_password"):
            form.errors["confirm_password"] = "The passwords do not match"
        if not form.errors:
            try:
                gateway().call(
                    "POST",
                    "/membership/accounts/password",
                    json={"token": token, "password": form.value("password")},
                )
            except ApiError as error:
                if error.status >= 500:
                    raise
                form.refused(error, labels={"password": "Password"})
                if form.errors.pop("token", None):
                    form.errors[GENERAL] = "This link has expired or has been used"
            else:
                flash("Your password is set. Log in with it now.")
                return redirect(url_for("account.login"))
    link_refused = GENERAL in form.errors or not token
    return render_template(
        "account/set_password.html",
        form=form,
        token=token,
        link_refused=link_refused,
        title="Set your password",
        **PAGE,
    )


@blp.route("/forgotten-password", methods=["GET", "POST"])
def forgotten_password() -> ResponseReturnValue:
    """Ask for a new one-time link; the answer is the same for any address."""
    form = Form(dict(request.form))
    if request.method == "POST":
        form.require("email", labels={"email": "email address"})
        if not form.errors:
            try:
                gateway().call(
                    "POST",
                    "/membership/accounts/password-reset",
                    json={"email": form.value("email")},
                )
            except ApiError as error:
                if error.status >= 500:
                    raise
                form.refused(error, labels={"email": "Email address"})
            else:
                return render_template(
                    "account/link_sent.html", email=form.value("email"), title="Check your email"
                )
    return render_template(
        "account/forgotten_password.html", form=form, title="Get a new password link", **PAGE
    )


def _login_refusal(error: ApiError) -> str:
    if error.status == 429:
        return "Too many failed attempts. Wait 15 minutes, or get a new password link."
    return "Enter the email address and password of your Q account"


def _safe_next(target: str | None) -> str:
    # Only a path on this site, so a crafted link cannot send the member elsewhere.
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return url_for("home.home")
