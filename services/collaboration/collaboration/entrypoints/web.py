"""Collaboration's HTTP process: `gunicorn 'collaboration.entrypoints.web:create_app()'`."""

from typing import Any

from flask import Flask

from collaboration.bootstrap import bootstrap
from collaboration.entrypoints.api import cohorts, resources, surveys
from qplatform.config import Settings
from qplatform.web.app import create_service_app


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Build collaboration's Flask app from the environment, or from `test_config`."""
    settings = Settings.from_env("collaboration", **(test_config or {}))
    return create_service_app(
        bootstrap(settings),
        title="Q Collaboration",
        description="The Q Lab, the resources library and surveys of members.",
        blueprints=[cohorts.blp, resources.blp, surveys.blp],
    )
