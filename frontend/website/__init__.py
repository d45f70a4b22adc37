"""The Q website: server-rendered pages over the platform's public APIs, through the gateway."""

import logging
import secrets
import time
from typing import Any

from flask import Flask, Response, g, request

from qplatform.web import metrics
from website import csrf
from website.config import WebsiteSettings, from_environment
from website.gateway import Gateway
from website.pages import register_error_pages
from website.views import BLUEPRINTS

REQUEST_ID_HEADER = "X-Request-ID"


def create_app(settings: WebsiteSettings | None = None) -> Flask:
    """Return the website, configured from the environment unless given settings."""
    settings = settings or from_environment()
    logging.basicConfig(level=logging.INFO)
    app = Flask(__name__)
    app.config.update(
        SECRET_KEY=settings.secret_key,
        SESSION_COOKIE_NAME="q_session",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=settings.secure_cookies,
        PERMANENT_SESSION_LIFETIME=60 * 60 * 24 * 14,
        SEND_FILE_MAX_AGE_DEFAULT=60 * 60 * 24,
        WEBSITE=settings,
    )
    app.extensions["website.gateway"] = Gateway(
        settings.gateway_url, settings.api_timeout_seconds, settings.api_concurrency
    )
    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)
    app.register_blueprint(metrics.blueprint)
    metrics.instrument(app, "website")
    csrf.protect(app)
    register_error_pages(app)
    _time_requests(app)
    app.jinja_env.globals["settings"] = settings
    return app


def _time_requests(app: Flask) -> None:
    @app.before_request
    def _start() -> None:
        given = request.headers.get(REQUEST_ID_HEADER, "")
        ok = 0 < len(given) <= 64 and given.replace("-", "").isalnum()
        g.request_id = given if ok else secrets.token_hex(16)
        g.started = time.perf_counter()

    @app.after_request
    def _stamp(response: Response) -> Response:
        # Server-Timing lets a browser or the benchmark see the API's share of each page.
        total = (time.perf_counter() - g.get("started", time.perf_counter())) * 1000
        api = g.get("gateway_seconds", 0.0) * 1000
        response.headers["Server-Timing"] = f"app;dur={total:.1f}, gateway;dur={api:.1f}"
        response.headers[REQUEST_ID_HEADER] = g.get("request_id", "")
        response.headers.setdefault("Cache-Control", "no-store")
        _secure_headers(response.headers)
        return response


def _secure_headers(headers: Any) -> None:
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Referrer-Policy", "same-origin")
    headers.setdefault(
        "Content-Security-Policy",
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "frame-ancestors 'none'; form-action 'self'; base-uri 'self'",
    )
