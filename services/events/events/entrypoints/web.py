"""The events service's HTTP process: `gunicorn 'events.entrypoints.web:create_app()'`."""

from typing import Any

from flask import Flask

from events.bootstrap import bootstrap
from events.entrypoints.api import (
    calendars,
    comments,
    events,
    figures,
    moderation,
    posts,
    registrations,
    series,
    talks,
)
from qplatform.config import Settings
from qplatform.web.app import create_service_app


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Build the events service's Flask app from the environment, or from `test_config`."""
    settings = Settings.from_env("events", **(test_config or {}))
    runtime = bootstrap(settings)
    return create_service_app(
        runtime,
        title="Q Events",
        description="Q's programme of events: webinars, site visits, face-to-face and online.",
        blueprints=[
            events.blp,
            registrations.blp,
            moderation.blp,
            posts.blp,
            comments.blp,
            calendars.blp,
            talks.blp,
            series.blp,
            figures.blp,
        ],
    )
