"""The correlation id that ties a request to every log line and event it causes."""

import uuid
from contextvars import ContextVar

_current: ContextVar[str | None] = ContextVar("correlation_id", default=None)


def current_correlation_id() -> str:
    """Return the correlation id in force, starting a new one if there is none."""
    value = _current.get()
    if value is None:
        value = new_correlation_id()
        _current.set(value)
    return value


def peek_correlation_id() -> str | None:
    """Return the correlation id in force without starting one."""
    return _current.get()


def set_correlation_id(value: str | None) -> None:
    """Make `value` the correlation id of the current request or event."""
    _current.set(value)


def new_correlation_id() -> str:
    """Return a fresh correlation id."""
    return uuid.uuid4().hex
