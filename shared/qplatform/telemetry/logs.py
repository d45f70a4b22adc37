"""JSON logs, one object a line, each carrying the service and the correlation id."""

import logging
import sys
from typing import TextIO

from pythonjsonlogger.json import JsonFormatter

from qplatform.correlation import peek_correlation_id
from qplatform.tracing import span_ids


class _ContextFilter(logging.Filter):
    def __init__(self, service: str) -> None:
        super().__init__()
        self._service = service

    def filter(self, record: logging.LogRecord) -> bool:
        record.service = self._service
        record.correlation_id = peek_correlation_id()
        record.trace_id, record.span_id = span_ids()
        return True


class _CurrentStderr(logging.StreamHandler):  # type: ignore[type-arg]
    """Write to whatever sys.stderr is when a record comes, not when logging was set up."""

    @property  # type: ignore[override]
    def stream(self) -> TextIO:
        return sys.stderr

    @stream.setter
    def stream(self, _: object) -> None:
        pass


def configure_logging(service: str, level: str = "INFO") -> None:
    """Send this process's logs to stderr as JSON lines."""
    handler = _CurrentStderr()
    handler.addFilter(_ContextFilter(service))
    handler.setFormatter(
        JsonFormatter(
            "%(asctime)s %(levelname)s %(name)s %(message)s %(service)s %(correlation_id)s"
            " %(trace_id)s %(span_id)s",
            rename_fields={"asctime": "time", "levelname": "level", "name": "logger"},
        )
    )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # The Kafka client is chatty at INFO about every reconnect.
    logging.getLogger("kafka").setLevel(max(logging.WARNING, root.level))
