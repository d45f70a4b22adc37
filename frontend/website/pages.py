"""Friendly pages for 403, 404 and 5xx, with the request id; never a stack trace."""

import logging

from flask import Flask, g, render_template
from flask.typing import ResponseReturnValue
from werkzeug.exceptions import HTTPException

from website.gateway import ApiError
from website.signed_in import SignInNeeded, forget, to_login

log = logging.getLogger(__name__)

TITLES = {
    400: "Sorry, that did not work",
    403: "You cannot see this page",
    404: "Page not found",
    429: "Too many requests",
    500: "Sorry, there is a problem with the service",
    503: "Sorry, the service is unavailable",
}


def register_error_pages(app: Flask) -> None:
    """Answer every error with a page in the site's own style."""
    app.register_error_handler(SignInNeeded, lambda _: to_login())
    app.register_error_handler(ApiError, _api_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _unexpected)


def error_page(status: int, detail: str | None = None) -> ResponseReturnValue:
    """Render the friendly page of `status`."""
    shown = status if status in TITLES else (500 if status >= 500 else 400)
    page = render_template(
        "error.html",
        status=status,
        title=TITLES[shown],
        detail=detail,
        request_id=g.get("request_id", ""),
    )
    return page, status


def _api_error(error: ApiError) -> ResponseReturnValue:
    if error.status == 401:
        forget()
        return to_login()
    if error.status >= 500:
        log.warning("the gateway answered %s: %s", error.status, error.message)
        return error_page(503 if error.status in (502, 503, 504) else 500)
    return error_page(error.status, error.message)


def _http_error(error: HTTPException) -> ResponseReturnValue:
    status = error.code or 500
    if status == 400 and error.description == "csrf":
        return error_page(400, "The form had expired. Go back, reload the page and try again.")
    return error_page(status)


def _unexpected(error: Exception) -> ResponseReturnValue:
    log.exception("unhandled error")
    return error_page(500)
