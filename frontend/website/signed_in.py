"""The signed-in member: their tokens stay in the signed, HttpOnly session cookie."""

from collections.abc import Callable
from functools import partial, wraps
from typing import Any, TypeVar, cast

from flask import current_app, redirect, request, session, url_for
from werkzeug.wrappers import Response

from website.gateway import ApiError, Gateway

View = TypeVar("View", bound=Callable[..., Any])


class SignInNeeded(Exception):
    """The page needs a member, and nobody (or an expired session) is signed in."""


def gateway() -> Gateway:
    """Return the app's gateway client."""
    found: Gateway = current_app.extensions["website.gateway"]
    return found


def member_id() -> str | None:
    """Return the signed-in member's id, or None for a visitor."""
    return session.get("member_id")


def remember(tokens: dict[str, Any]) -> None:
    """Keep a login's or refresh's tokens in the session."""
    session["member_id"] = tokens["member_id"]
    session["access_token"] = tokens["access_token"]
    session["refresh_token"] = tokens["refresh_token"]


def forget() -> None:
    """Sign the visitor out of this browser."""
    session.clear()


def api(method: str, path: str, **options: Any) -> Any:
    """Call the gateway as the signed-in member, refreshing an expired access token once."""
    if member_id() is None:
        return gateway().call(method, path, **options)
    try:
        return gateway().call(method, path, token=session["access_token"], **options)
    except ApiError as error:
        if error.status != 401:
            raise
    _refresh()
    return gateway().call(method, path, token=session["access_token"], **options)


def member_page(path: str, **options: Any) -> tuple[list[Any], dict[str, Any]]:
    """GET one page of a list as the signed-in member."""
    if member_id() is None:
        raise SignInNeeded
    try:
        return gateway().page(path, token=session["access_token"], **options)
    except ApiError as error:
        if error.status != 401:
            raise
    _refresh()
    return gateway().page(path, token=session["access_token"], **options)


def member_reads(*reads: Callable[[str], Any]) -> list[Any]:
    """Run independent reads as the member at once, each given the access token.

    Each result is the read's value or its ApiError; an expired token is refreshed once,
    here rather than in each read, since a refresh token is good for one refresh only.
    """
    if member_id() is None:
        raise SignInNeeded
    calls = [partial(_with_token, read) for read in reads]
    found = gateway().together(calls)
    if any(isinstance(result, ApiError) and result.status == 401 for result in found):
        _refresh()
        found = gateway().together(calls)
    return found


def _with_token(read: Callable[[str], Any]) -> Any:
    return read(session["access_token"])


def member_api(method: str, path: str, **options: Any) -> Any:
    """Call the gateway as the member; a visitor is sent to log in first."""
    if member_id() is None:
        raise SignInNeeded
    return api(method, path, **options)


def _refresh() -> None:
    try:
        tokens = gateway().call(
            "POST", "/membership/accounts/refresh", json={"refresh_token": session["refresh_token"]}
        )
    except ApiError as error:
        if error.status in (400, 401, 403, 422):
            forget()
            raise SignInNeeded from error
        raise
    remember(tokens)


def members_only(view: View) -> View:
    """Send a visitor to the login page, and back here after."""

    @wraps(view)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        if member_id() is None:
            return to_login()
        return view(*args, **kwargs)

    return cast(View, guarded)


def to_login() -> Response:
    """Redirect to the login page, coming back to the page asked for."""
    return redirect(url_for("account.login", next=request.full_path.rstrip("?")))
