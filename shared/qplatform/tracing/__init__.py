"""Traces: one per flow, across HTTP, the outbox, Kafka, consumers and mail (OpenTelemetry)."""

from qplatform.tracing.carrier import Carrier, current_carrier, fanning_out, kafka_headers
from qplatform.tracing.setup import configure_tracing
from qplatform.tracing.spans import (
    committing,
    consuming,
    continuing,
    flow,
    publishing,
    sending_mail,
    span_ids,
    tracing_on,
)

__all__ = [
    "Carrier",
    "committing",
    "configure_tracing",
    "consuming",
    "continuing",
    "current_carrier",
    "fanning_out",
    "flow",
    "kafka_headers",
    "publishing",
    "sending_mail",
    "span_ids",
    "tracing_on",
]
