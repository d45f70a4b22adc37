"""Build a service's Flask app: its API and spec, errors, health, metrics, correlation ids."""

import uuid
from typing import Any

from flask import Flask, Response, current_app, g, request, url_for
from flask_smorest import Api, Blueprint
from flask_smorest.pagination import PaginationMetadataSchema

from qplatform.correlation import set_correlation_id
from qplatform.runtime import Runtime
from qplatform.telemetry.logs import configure_logging
from qplatform.tracing import configure_tracing
from qplatform.web import access, docs, health, input_limits, metrics
from qplatform.web.errors import register_error_handlers

CORRELATION_HEADERS = ("X-Correlation-ID", "X-Request-ID")


def create_service_app(
    runtime: Runtime[Any], *, title: str, description: str, blueprints: list[Blueprint]
) -> Flask:
    """Return the Flask app of one service, serving `blueprints` under its OpenAPI spec."""
    settings = runtime.settings
    configure_logging(settings.service, settings.log_level)
    app = Flask(settings.service)
    app.config.update(
        QP_SETTINGS=settings,
        API_TITLE=title,
        API_VERSION="1",
        OPENAPI_VERSION="3.0.3",
        OPENAPI_URL_PREFIX="/",
        OPENAPI_JSON_PATH="openapi.json",
        API_SPEC_OPTIONS={
            "info": {"description": description},
            "components": {"securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}},
        },
    )
    app.extensions["qplatform"] = runtime
    api = _Api(app)
    for blueprint in blueprints:
        api.register_blueprint(blueprint)
    app.register_blueprint(docs.blueprint(title))
    app.register_blueprint(health.blueprint)
    app.register_blueprint(metrics.blueprint)
    metrics.instrument(app, settings.service)
    register_error_handlers(app)
    input_limits.guard(app, blueprints)
    _carry_correlation_ids(app)
    if configure_tracing(settings.service, "web"):
        _trace_requests(app)
    return app


class _Api(Api):  # type: ignore[misc]
    def register_blueprint(self, blp: Blueprint, **options: Any) -> None:
        super().register_blueprint(blp, **options)
        access.describe_roles(self.spec._paths)

    def _register_pagination_header(self) -> None:
        # X-Pagination carries JSON: OpenAPI says so with `content`; a bare `schema` would
        # mean comma-separated pairs, which no client receives.
        header = {
            "description": "Pagination metadata, as JSON.",
            "content": {"application/json": {"schema": PaginationMetadataSchema}},
        }
        self.spec.components.header("PAGINATION", header, lazy=True)


def runtime() -> Runtime[Any]:
    """Return the runtime of the app handling the current request (its own unit of work)."""
    found: Runtime[Any] = current_app.extensions["qplatform"]
    return found


def public_url_for(endpoint: str, **values: Any) -> str:
    """Return the public address of `endpoint`, from the configured URL and never from Host."""
    settings = runtime().settings
    return settings.public_url_of(url_for(endpoint, **values))


def _trace_requests(app: Flask) -> None:
    from opentelemetry.instrumentation.flask import FlaskInstrumentor

    # Probes and scrapes come every few seconds and belong to no flow.
    FlaskInstrumentor().instrument_app(app, excluded_urls="healthz,readyz,metrics")


def _carry_correlation_ids(app: Flask) -> None:
    @app.before_request
    def _adopt() -> None:
        given = next(
            (request.headers[h] for h in CORRELATION_HEADERS if h in request.headers), None
        )
        g.correlation_id = (given or uuid.uuid4().hex)[:64]
        set_correlation_id(g.correlation_id)

    @app.after_request
    def _echo(response: Response) -> Response:
        response.headers["X-Correlation-ID"] = g.get("correlation_id", "")
        return response

    @app.teardown_request
    def _forget(_error: BaseException | None) -> None:
        set_correlation_id(None)
