"""One JSON error body for every 4xx and 5xx, and the one map from error kind to status."""

import logging
import threading
import weakref
from typing import Any

from flask import Flask, current_app, jsonify
from flask.typing import ResponseReturnValue
from sqlalchemy import event
from sqlalchemy.exc import IntegrityError
from sqlalchemy.pool import Pool
from werkzeug.exceptions import HTTPException, InternalServerError

from qplatform import errors
from qplatform.db.outages import is_database_outage

log = logging.getLogger(__name__)

# How long a client should wait before trying again while the database is away: about
# as long as a database restart takes.
RETRY_AFTER_SECONDS = 5
OUTAGE_EXTENSION = "qplatform.database_outage"

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
    outage = _Outage()
    app.extensions[OUTAGE_EXTENSION] = outage
    _OUTAGES.add(outage)
    if not event.contains(Pool, "checkout", _database_back):
        event.listen(Pool, "checkout", _database_back)


def error_body(status: int, message: str, field: str | None = None) -> ResponseReturnValue:
    """Return the platform's error body: status, message, and the field at fault if any."""
    return jsonify(_error_json(status, message, field)), status


def _error_json(status: int, message: str, field: str | None = None) -> dict[str, object]:
    body: dict[str, object] = {"code": status, "status": _phrase(status), "message": message}
    if field is not None:
        body["errors"] = {"json": {field: [message]}}
    return body


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
    if is_database_outage(error):
        return _database_away(error)
    log.exception("unhandled error")
    return error_body(500, InternalServerError.description)


class _Outage:
    """Whether this process has seen the database away, so an outage is logged once."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.away = False

    def began(self) -> bool:
        """Note the database away; tell whether this is news."""
        with self._lock:
            news, self.away = not self.away, True
            return news

    def ended(self) -> bool:
        """Note the database back; tell whether it had been away."""
        with self._lock:
            news, self.away = self.away, False
            return news


# Every app's outage state, told when any connection is checked out again.
_OUTAGES: "weakref.WeakSet[_Outage]" = weakref.WeakSet()


def _database_away(error: Exception) -> ResponseReturnValue:
    # Not the request's fault and not a bug: the client should come back shortly. One log
    # line per outage; a stack trace per request would bury everything else.
    outage: _Outage = current_app.extensions[OUTAGE_EXTENSION]
    if outage.began():
        log.error(
            "database unavailable; answering 503 until it is back",
            extra={"error_type": type(error).__name__},
        )
    message = "The service's database is unavailable for a moment. Try again shortly."
    return jsonify(_error_json(503, message)), 503, {"Retry-After": str(RETRY_AFTER_SECONDS)}


def _database_back(*_: Any) -> None:
    # A connection checked out of the pool means the database answers again.
    for outage in list(_OUTAGES):
        if outage.away and outage.ended():
            log.info("database available again")


def _phrase(status: int) -> str:
    from http import HTTPStatus

    return HTTPStatus(status).phrase
