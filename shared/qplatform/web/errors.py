"""One JSON error body for every 4xx and 5xx, and the one map from error kind to status."""

import logging

from flask import Flask, jsonify
from flask.typing import ResponseReturnValue
from sqlalchemy.exc import IntegrityError
from werkzeug.exceptions import HTTPException, InternalServerError

from qplatform import errors

log = logging.getLogger(__name__)

STATUS_OF: dict[type[errors.PlatformError], int] = {
    errors.InvalidInput: 422,
    errors.NotFound: 404,
    errors.Conflict: 409,
    errors.Unauthorized: 401,
    errors.Forbidden: 403,
}


def register_error_handlers(app: Flask) -> None:
    """Answer platform errors, HTTP errors and surprises with the same JSON shape."""
    app.register_error_handler(errors.PlatformError, _platform_error)
    app.register_error_handler(IntegrityError, _lost_race)
    app.register_error_handler(Exception, _unexpected_error)


def error_body(status: int, message: str, field: str | None = None) -> ResponseReturnValue:
    """Return the platform's error body: status, message, and the field at fault if any."""
    body: dict[str, object] = {"code": status, "status": _phrase(status), "message": message}
    if field is not None:
        body["errors"] = {"json": {field: [message]}}
    return jsonify(body), status


def _platform_error(error: errors.PlatformError) -> ResponseReturnValue:
    status = next((code for kind, code in STATUS_OF.items() if isinstance(error, kind)), 500)
    if status == 500:
        log.error("unmapped platform error", exc_info=error)
    return error_body(status, error.message, error.field)


def _lost_race(error: IntegrityError) -> ResponseReturnValue:
    # The database refused a write another request made first (a unique key); the rules
    # checked before writing could not see it. Nothing was written; the caller may retry.
    log.warning("write refused by a database constraint", exc_info=error)
    return error_body(409, "Another change to the same thing was made at the same time.")


def _unexpected_error(error: Exception) -> ResponseReturnValue:
    if isinstance(error, HTTPException):
        return error_body(error.code or 500, error.description or _phrase(error.code or 500))
    log.exception("unhandled error")
    return error_body(500, InternalServerError.description)


def _phrase(status: int) -> str:
    from http import HTTPStatus

    return HTTPStatus(status).phrase
