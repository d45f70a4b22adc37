"""Notifications' HTTP process: `gunicorn 'notifications.entrypoints.web:create_app()'`."""

from typing import Any

from flask import Flask

from notifications.bootstrap import bootstrap
from notifications.entrypoints.api import bounces, digests, me, messages, unsubscribe
from qplatform.config import Settings
from qplatform.web.app import create_service_app


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Build notifications' Flask app from the environment, or from `test_config`."""
    settings = Settings.from_env("notifications", **(test_config or {}))
    return create_service_app(
        bootstrap(settings),
        title="Q Notifications",
        description="Mail to members, their preferences, their feed, and delivery.",
        blueprints=[messages.blp, bounces.blp, digests.blp, me.blp, unsubscribe.blp],
    )
