"""Trace context crosses the outbox and Kafka's headers; bulk flows link instead of nesting."""

import io
import json
import logging
from collections.abc import Iterator

import pytest
from opentelemetry import trace
from opentelemetry.sdk.trace import ReadableSpan
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from qplatform.telemetry.logs import configure_logging
from qplatform.tracing import (
    Carrier,
    consuming,
    current_carrier,
    fanning_out,
    flow,
    publishing,
    span_ids,
)
from qplatform.tracing.setup import tracing_exporter
from tests.support.spans import recording_spans


@pytest.fixture
def exported() -> Iterator[InMemorySpanExporter]:
    """Record this test's spans in memory."""
    with recording_spans() as exporter:
        yield exporter


def named(spans: tuple[ReadableSpan, ...], name: str) -> ReadableSpan:
    [found] = [span for span in spans if span.name == name]
    return found


@pytest.mark.parametrize(
    ("env", "exporter"),
    [
        ({}, "none"),
        ({"OTEL_EXPORTER_OTLP_ENDPOINT": "http://collector:4318"}, "otlp"),
        ({"OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": "http://collector:4318/v1/traces"}, "otlp"),
        ({"OTEL_TRACES_EXPORTER": "console"}, "console"),
        ({"OTEL_EXPORTER_OTLP_ENDPOINT": "http://c:4318", "OTEL_TRACES_EXPORTER": "none"}, "none"),
        ({"OTEL_EXPORTER_OTLP_ENDPOINT": "http://c:4318", "OTEL_SDK_DISABLED": "true"}, "none"),
    ],
)
def test_tracing_is_off_unless_the_standard_variables_ask_for_an_exporter(
    env: dict[str, str], exporter: str
) -> None:
    assert tracing_exporter(env) == exporter


def test_an_untraced_process_stores_no_trace_context() -> None:
    assert current_carrier() == Carrier()


def test_a_consumed_event_continues_the_trace_of_the_request_that_staged_it(
    exported: InMemorySpanExporter,
) -> None:
    with trace.get_tracer("test").start_as_current_span("POST /applications/x/approve"):
        staged = current_carrier()
    with publishing(1) as batch:
        headers = batch.headers_for(staged, topic="q.membership.member", event_type="joined")
    with consuming(headers, topic="q.membership.member", event_type="joined", event_id="e1"):
        pass

    spans = exported.get_finished_spans()
    request = named(spans, "POST /applications/x/approve")
    published = named(spans, "q.membership.member publish")
    consumed = named(spans, "joined process")
    assert published.parent is not None and published.parent.span_id == request.context.span_id
    assert consumed.parent is not None and consumed.parent.span_id == published.context.span_id
    assert consumed.context.trace_id == request.context.trace_id
    assert (
        dict(headers)["traceparent"].decode().split("-")[2] == f"{published.context.span_id:016x}"
    )


def test_a_bulk_flows_rows_start_traces_of_their_own_that_link_to_it(
    exported: InMemorySpanExporter,
) -> None:
    with flow("coffee round", round_id="r1"), fanning_out():
        staged = current_carrier()
    assert staged.links_only
    with publishing(1) as batch:
        headers = batch.headers_for(staged, topic="q.matching.coffee-round", event_type="match")
    with consuming(headers, topic="q.matching.coffee-round", event_type="match", event_id="e2"):
        pass

    spans = exported.get_finished_spans()
    coffee_round = named(spans, "coffee round")
    published = named(spans, "q.matching.coffee-round publish")
    consumed = named(spans, "match process")
    assert published.parent is None
    assert [link.context.span_id for link in published.links] == [coffee_round.context.span_id]
    assert published.context.trace_id != coffee_round.context.trace_id
    assert consumed.context.trace_id == published.context.trace_id


def test_each_flow_gets_a_trace_and_correlation_id_of_its_own(
    exported: InMemorySpanExporter,
) -> None:
    for _ in range(2):
        with flow("scheduled digest"):
            pass
    first, second = exported.get_finished_spans()
    assert first.context.trace_id != second.context.trace_id
    assert first.attributes and second.attributes
    assert first.attributes["qp.correlation_id"] != second.attributes["qp.correlation_id"]


def test_log_lines_carry_the_trace_and_span_they_were_written_in(
    exported: InMemorySpanExporter, monkeypatch: pytest.MonkeyPatch
) -> None:
    stderr = io.StringIO()
    monkeypatch.setattr("sys.stderr", stderr)
    configure_logging("membership")
    with flow("scheduled digest"):
        trace_id, span_id = span_ids()
        logging.getLogger("test").info("digest queued")
    line = json.loads(stderr.getvalue().splitlines()[-1])
    assert (line["trace_id"], line["span_id"]) == (trace_id, span_id)
    assert trace_id is not None and len(trace_id) == 32


def test_an_untraced_relay_passes_on_the_trace_context_its_rows_were_staged_with() -> None:
    # A traced web process may stage what an untraced worker relays: the context goes on.
    staged = Carrier("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", "qp=1")
    with publishing(2) as batch:
        headers = batch.headers_for(staged, topic="q.membership.member", event_type="joined")
        untraced = batch.headers_for(Carrier(), topic="q.membership.member", event_type="joined")
    assert headers == [
        ("traceparent", b"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"),
        ("tracestate", b"qp=1"),
    ]
    assert untraced == []
