"""Start tracing in a process, from the standard OTEL_* variables alone.

With none of them set (a laptop), nothing is recorded or sent: the OpenTelemetry API's
own no-op tracer answers, and trace context still flows through the platform unchanged.
Tracing starts when an OTLP endpoint is given (`OTEL_EXPORTER_OTLP_ENDPOINT` or
`OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`) or `OTEL_TRACES_EXPORTER` names an exporter;
`OTEL_SDK_DISABLED=true` or `OTEL_TRACES_EXPORTER=none` keeps it off. The SDK itself reads
the rest: the sampler (`OTEL_TRACES_SAMPLER`), the batch processor (`OTEL_BSP_*`) and the
exporter's headers, timeout and protocol details (`OTEL_EXPORTER_OTLP_*`).
"""

import logging
import os
from collections.abc import Mapping

from opentelemetry import trace
from opentelemetry.sdk.resources import SERVICE_NAME, Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor, ConsoleSpanExporter, SpanExporter

log = logging.getLogger(__name__)

_ENDPOINTS = ("OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")
_configured_pid: int | None = None


def tracing_exporter(env: Mapping[str, str]) -> str:
    """Return which exporter `env` asks for: `otlp`, `console` or `none`."""
    if env.get("OTEL_SDK_DISABLED", "").strip().lower() == "true":
        return "none"
    named = env.get("OTEL_TRACES_EXPORTER", "").strip().lower()
    if named:
        return named.split(",")[0].strip()
    return "otlp" if any(env.get(name) for name in _ENDPOINTS) else "none"


def configure_tracing(service: str, process: str, env: Mapping[str, str] = os.environ) -> bool:
    """Record and export this process's spans if the environment asks; say whether it does.

    Once per process: a forked gunicorn worker configures its own exporter thread.
    """
    global _configured_pid
    if _configured_pid == os.getpid():
        return True
    exporter = _exporter(tracing_exporter(env))
    if exporter is None:
        return False
    resource = Resource.create(
        {SERVICE_NAME: env.get("OTEL_SERVICE_NAME") or service, "qp.process": process}
    )
    provider = TracerProvider(resource=resource)
    provider.add_span_processor(BatchSpanProcessor(exporter))
    trace.set_tracer_provider(provider)
    _configured_pid = os.getpid()
    log.info("tracing on", extra={"exporter": type(exporter).__name__})
    return True


def _exporter(name: str) -> SpanExporter | None:
    if name == "otlp":
        # The HTTP/protobuf exporter: no gRPC runtime to install, and every collector takes it.
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

        return OTLPSpanExporter()
    if name == "console":
        return ConsoleSpanExporter()
    if name != "none":
        log.warning("unknown OTEL_TRACES_EXPORTER; tracing stays off", extra={"exporter": name})
    return None
