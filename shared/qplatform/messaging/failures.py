"""Say why a record failed in words that carry no one's data, for dead-letter headers."""

import traceback
from pathlib import Path

from sqlalchemy.exc import StatementError

from qplatform.errors import ArrivedEarly
from qplatform.messaging.record_limits import RecordRefused

# Errors whose messages the platform composes from ids and limits only. Every other
# message may quote a row (SQL parameters, a schema validator's offending value), and a
# dead letter outlives the erasure of the person in it.
_MESSAGES_WITHOUT_DATA = (ArrivedEarly, RecordRefused)


def error_type(error: BaseException) -> str:
    """Return the qualified name of the error's type."""
    kind = type(error)
    return f"{kind.__module__}.{kind.__qualname__}"


def error_summary(error: BaseException) -> str:
    """Describe `error` by its kind and where it was raised, never by the values involved."""
    parts = [type(error).__name__]
    if isinstance(error, _MESSAGES_WITHOUT_DATA):
        parts.append(str(error)[:500])
    if isinstance(error, StatementError) and error.orig is not None:
        parts.append(_database_detail(error.orig))
    where = _raised_at(error)
    if where:
        parts.append(f"at {where}")
    return "; ".join(part for part in parts if part)


def _database_detail(orig: BaseException) -> str:
    # psycopg names the SQLSTATE and the constraint, which say what broke without the row.
    diag = getattr(orig, "diag", None)
    detail = [type(orig).__name__]
    for name in ("sqlstate", "constraint_name", "table_name", "column_name"):
        value = getattr(diag, name, None)
        if value:
            detail.append(f"{name}={value}")
    return " ".join(detail)


def _raised_at(error: BaseException) -> str:
    frames = traceback.extract_tb(error.__traceback__)
    own = [f for f in frames if "site-packages" not in f.filename] or frames
    if not own:
        return ""
    frame = own[-1]
    return f"{Path(frame.filename).name}:{frame.lineno} in {frame.name}"
