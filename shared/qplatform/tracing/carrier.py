"""Trace context as it waits in a table or travels in Kafka headers (W3C trace context).

A row of the outbox, or a queued mail, keeps the `traceparent` and `tracestate` of the
span that wrote it; whoever takes the row up continues that trace. A bulk flow (a coffee
round's matches, a digest's mails) marks what it writes with `qp=link` in the tracestate:
each of its many rows then starts a trace of its own that links back to the flow, rather
than making one trace of a hundred thousand spans.
"""

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from opentelemetry import context as otel_context
from opentelemetry import propagate
from opentelemetry.context import Context

TRACEPARENT, TRACESTATE = "traceparent", "tracestate"
# Our own tracestate member (W3C lets each vendor keep one): "link, do not nest".
LINK_MEMBER = "qp=link"

_fanning_out: ContextVar[bool] = ContextVar("tracing_fanning_out", default=False)


@dataclass(frozen=True)
class Carrier:
    """The trace context a stored row or a record carries: where its trace goes on."""

    traceparent: str | None = None
    tracestate: str | None = None

    @property
    def links_only(self) -> bool:
        """Tell whether what takes this up starts its own trace, linked to this one."""
        return LINK_MEMBER in (self.tracestate or "").split(",")

    def context(self) -> Context:
        """Return the OpenTelemetry context this carrier continues (empty if none)."""
        if not self.traceparent:
            return Context()
        fields = {TRACEPARENT: self.traceparent}
        if self.tracestate:
            fields[TRACESTATE] = self.tracestate
        return propagate.extract(fields, context=Context())


def current_carrier() -> Carrier:
    """Return the trace context in force, for a row written now (no trace: empty)."""
    fields: dict[str, str] = {}
    propagate.inject(fields, context=otel_context.get_current())
    traceparent = fields.get(TRACEPARENT)
    if traceparent is None:
        return Carrier()
    tracestate = fields.get(TRACESTATE) or None
    if _fanning_out.get():
        tracestate = ",".join(filter(None, (LINK_MEMBER, tracestate)))
    return Carrier(traceparent, tracestate)


@contextmanager
def fanning_out() -> Iterator[None]:
    """Mark rows written in this block as a bulk flow's: each gets a trace of its own."""
    token = _fanning_out.set(True)
    try:
        yield
    finally:
        _fanning_out.reset(token)


def kafka_headers(carrier: Carrier) -> list[tuple[str, bytes]]:
    """Return the Kafka headers that carry `carrier` (none when it is empty)."""
    headers = []
    if carrier.traceparent:
        headers.append((TRACEPARENT, carrier.traceparent.encode()))
    if carrier.tracestate:
        headers.append((TRACESTATE, carrier.tracestate.encode()))
    return headers


def carrier_of(headers: Sequence[tuple[str, bytes]]) -> Carrier:
    """Return the trace context that Kafka `headers` carry."""
    found = {name: value.decode(errors="replace") for name, value in headers}
    return Carrier(found.get(TRACEPARENT), found.get(TRACESTATE))
