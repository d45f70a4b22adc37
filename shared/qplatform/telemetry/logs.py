"""JSON logs, one object a line, each carrying the service and the correlation id."""

import logging
import sys

from pythonjsonlogger.json import JsonFormatter

from qplatform.correlation import peek_correlation_id


class _ContextFilter(logging.Filter):
    def __init__(self, service: str) -> None:
        super().__init__()
        self._service = service

    def filter(self, record: logging.LogRecord) -> bool:
        record.service = self._service
        record.correlation_id = peek_correlation_id()
        return True


def configure_logging(service: str, level: str = "INFO") -> None:
    """Send this process's logs to stderr as JSON lines."""
    handler = logging.StreamHandler(sys.stderr)
    handler.addFilter(_ContextFilter(service))
    handler.setFormatter(
        JsonFormatter(
            "%(asctime)s %(levelname)s %(name)s %(message)s %(service)s %(correlation_id)s",
            rename_fields={"asctime": "time", "levelname": "level", "name": "logger"},
        )
    )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # The Kafka client is chatty at INFO about every reconnect.
    logging.getLogger("kafka").setLevel(max(logging.WARNING, root.level))
