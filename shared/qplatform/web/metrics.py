"""Request metrics, and `/metrics` that stays right under several gunicorn workers."""

import os
import time

from flask import Blueprint, Flask, Response, g, request
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, generate_latest
from prometheus_client.multiprocess import MultiProcessCollector

from qplatform.telemetry.metrics import HTTP_LATENCY, HTTP_REQUESTS

blueprint = Blueprint("metrics", __name__)


@blueprint.get("/metrics")
def metrics() -> Response:
    """Expose this service's metrics in the Prometheus text format."""
    return Response(generate_latest(_registry()), mimetype=CONTENT_TYPE_LATEST)


def instrument(app: Flask, service: str) -> None:
    """Count and time every request by route template and status."""

    @app.before_request
    def _start_timer() -> None:
        g.qp_started = time.perf_counter()

    @app.after_request
    def _record(response: Response) -> Response:
        route = request.url_rule.rule if request.url_rule else "unmatched"
        if route != "/metrics":
            elapsed = time.perf_counter() - g.get("qp_started", time.perf_counter())
            HTTP_REQUESTS.labels(service, route, request.method, str(response.status_code)).inc()
            HTTP_LATENCY.labels(service, route, request.method).observe(elapsed)
        return response


def _registry() -> CollectorRegistry:
    if "PROMETHEUS_MULTIPROC_DIR" not in os.environ:
        return REGISTRY
    registry = CollectorRegistry()
    MultiProcessCollector(registry)
    return registry
