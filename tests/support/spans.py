"""Record the spans this process makes, in memory, for one test."""

from collections.abc import Iterator
from contextlib import contextmanager

from opentelemetry import trace
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.util._once import Once


@contextmanager
def recording_spans() -> Iterator[InMemorySpanExporter]:
    """Trace this process into memory while the block runs; leave it untraced after."""
    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    _replace_provider(provider)
    try:
        yield exporter
    finally:
        _replace_provider(None)


def _replace_provider(provider: TracerProvider | None) -> None:
    # The API lets a process set its provider once; a test needs one of its own.
    trace._TRACER_PROVIDER_SET_ONCE = Once()
    trace._TRACER_PROVIDER = None
    if provider is not None:
        trace.set_tracer_provider(provider)
