"""The platform's spans: a flow's start, a commit, a relay batch, a consumed event, a mail.

Each is a context manager, so a hook in the plumbing is one `with` line. The kafka-python
instrumentation is not used: it wraps only iteration (the consumer polls) and ends its span
before the handler runs, so the hop is carried here with the propagation API instead.
"""

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

from opentelemetry import trace
from opentelemetry.context import Context
from opentelemetry.trace import Link, Span, SpanKind, Status, StatusCode

from qplatform.correlation import new_correlation_id, peek_correlation_id, set_correlation_id
from qplatform.tracing.carrier import Carrier, carrier_of, current_carrier, kafka_headers

_TRACER = "qplatform"


def tracer() -> trace.Tracer:
    """Return the platform's tracer (a no-op one unless tracing was configured)."""
    return trace.get_tracer(_TRACER)


def tracing_on() -> bool:
    """Tell whether this process records spans (a tracer provider was configured).

    When it does not, a span records nothing and passes on only the context it was
    given: code on the event pipe's hot path skips it and passes the context itself.
    """
    return not isinstance(trace.get_tracer_provider(), _UNRECORDING_PROVIDERS)


_UNRECORDING_PROVIDERS = (trace.ProxyTracerProvider, trace.NoOpTracerProvider)


@contextmanager
def continuing(
    carrier: Carrier,
    name: str,
    *,
    kind: SpanKind = SpanKind.INTERNAL,
    attributes: dict[str, str | int] | None = None,
) -> Iterator[Span]:
    """Run the block in a span that goes on with `carrier`'s trace, or links to it."""
    parent, links = _parent_and_links(carrier)
    with tracer().start_as_current_span(
        name, context=parent, kind=kind, links=links, attributes=attributes
    ) as span:
        yield span


@contextmanager
def flow(
    name: str,
    *,
    cause: Carrier | None = None,
    correlation_id: str | None = None,
    **attributes: str | int,
) -> Iterator[Span]:
    """Run a flow of its own (a coffee round, a scheduled run) in a trace of its own.

    The trace links to the flow's `cause` (the request that asked for it), if any; the
    flow keeps the `correlation_id` it was started under, or gets a new one.
    """
    links = _links_to(cause) if cause is not None else []
    previous = peek_correlation_id()
    correlation_id = correlation_id or new_correlation_id()
    set_correlation_id(correlation_id)
    try:
        with tracer().start_as_current_span(
            name,
            context=Context(),
            links=links,
            attributes={
                "qp.correlation_id": correlation_id,
                **{f"qp.{name}": value for name, value in attributes.items()},
            },
        ) as span:
            yield span
    finally:
        set_correlation_id(previous)


@contextmanager
def committing(staged: int) -> Iterator[None]:
    """Run a unit of work's commit in a span that says how many events it staged."""
    with tracer().start_as_current_span("commit", attributes={"qp.events_staged": staged}):
        yield


@contextmanager
def consuming(
    headers: Sequence[tuple[str, bytes]], *, topic: str, event_type: str, event_id: str
) -> Iterator[Span]:
    """Handle one consumed event in a span whose parent is the span that published it."""
    attributes: dict[str, str | int] = {
        "messaging.system": "kafka",
        "messaging.operation.type": "process",
        "messaging.destination.name": topic,
        "messaging.message.id": event_id,
        "qp.event_type": event_type,
    }
    with continuing(
        carrier_of(headers), f"{event_type} process", kind=SpanKind.CONSUMER, attributes=attributes
    ) as span:
        yield span


@contextmanager
def sending_mail(
    carrier: Carrier, *, template: str, message_id: str, queued_seconds: float
) -> Iterator[Span]:
    """Hand one mail to the mail server in a span of the trace that queued it."""
    attributes: dict[str, str | int] = {
        "qp.template": template,
        "qp.message_id": message_id,
        # How long the mail waited in the queue before this hand-over began.
        "qp.queued_ms": round(queued_seconds * 1000),
    }
    with continuing(carrier, "send mail", kind=SpanKind.CLIENT, attributes=attributes) as span:
        yield span


@dataclass
class Publishing:
    """A relay batch in flight: a producer span per record, ended once the broker has it."""

    spans: list[Span] = field(default_factory=list)

    def headers_for(
        self, carrier: Carrier, *, topic: str, event_type: str
    ) -> list[tuple[str, bytes]]:
        """Start the span of one record's publishing; return the headers that carry it."""
        if not tracing_on():
            return kafka_headers(carrier)
        parent, links = _parent_and_links(carrier)
        span = tracer().start_span(
            f"{topic} publish",
            context=parent,
            kind=SpanKind.PRODUCER,
            links=links,
            attributes={
                "messaging.system": "kafka",
                "messaging.operation.type": "send",
                "messaging.destination.name": topic,
                "qp.event_type": event_type,
            },
        )
        self.spans.append(span)
        return kafka_headers(_carrier_of_span(span, carrier))


@contextmanager
def publishing(records: int) -> Iterator[Publishing]:
    """Run a relay batch in a span; each record's own span ends when the batch is sent."""
    batch = Publishing()
    with tracer().start_as_current_span(
        "outbox relay batch", context=Context(), attributes={"qp.records": records}
    ) as span:
        try:
            yield batch
        except BaseException as error:
            span.set_status(Status(StatusCode.ERROR, type(error).__name__))
            for record_span in batch.spans:
                record_span.set_status(Status(StatusCode.ERROR, type(error).__name__))
            raise
        finally:
            for record_span in batch.spans:
                record_span.end()


def span_ids() -> tuple[str | None, str | None]:
    """Return the current trace id and span id in hex, for a log line (None outside a span)."""
    context = trace.get_current_span().get_span_context()
    if not context.is_valid:
        return None, None
    return f"{context.trace_id:032x}", f"{context.span_id:016x}"


def _parent_and_links(carrier: Carrier) -> tuple[Context, list[Link]]:
    if carrier.links_only:
        return Context(), _links_to(carrier)
    return carrier.context(), []


def _links_to(carrier: Carrier) -> list[Link]:
    cause = trace.get_current_span(carrier.context()).get_span_context()
    return [Link(cause)] if cause.is_valid else []


def _carrier_of_span(span: Span, fallback: Carrier) -> Carrier:
    # A non-recording span (tracing off) passes its parent's context on unchanged.
    with trace.use_span(span, end_on_exit=False):
        found = current_carrier()
    return found if found.traceparent else fallback
