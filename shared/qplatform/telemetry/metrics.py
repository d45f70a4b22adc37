"""The platform's Prometheus metrics, labelled by service.

Web processes run under several gunicorn workers; with PROMETHEUS_MULTIPROC_DIR set, each
worker writes its samples there and `/metrics` aggregates them (see `qplatform.web.metrics`).
"""

from prometheus_client import Counter, Gauge, Histogram

HTTP_REQUESTS = Counter(
    "qp_http_requests_total", "HTTP requests handled.", ["service", "route", "method", "status"]
)
HTTP_LATENCY = Histogram(
    "qp_http_request_duration_seconds",
    "Time to answer an HTTP request.",
    ["service", "route", "method"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0),
)
EVENTS_PUBLISHED = Counter(
    "qp_events_published_total", "Events the relay handed to the broker.", ["service", "type"]
)
EVENTS_CONSUMED = Counter(
    "qp_events_consumed_total",
    "Events the consumer took off a topic, by outcome.",
    ["service", "type", "outcome"],
)
EVENTS_FAILED = Counter(
    "qp_events_failed_total", "Attempts to handle an event that raised.", ["service", "type"]
)
EVENTS_DEAD_LETTERED = Counter(
    "qp_events_dead_lettered_total", "Events moved to the dead-letter topic.", ["service", "type"]
)
OUTBOX_BACKLOG = Gauge(
    "qp_outbox_backlog", "Outbox rows not yet published.", ["service"], multiprocess_mode="max"
)
OUTBOX_OLDEST_AGE = Gauge(
    "qp_outbox_oldest_unpublished_age_seconds",
    "Age of the oldest unpublished outbox row.",
    ["service"],
    multiprocess_mode="max",
)
CONSUMER_LAG = Gauge(
    "qp_consumer_lag",
    "Messages between the consumer's position and the end of a partition.",
    ["service", "topic", "partition"],
    multiprocess_mode="max",
)
