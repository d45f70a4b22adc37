"""Membership's HTTP process: `gunicorn 'membership.entrypoints.web:create_app()'`."""

from typing import Any

from flask import Flask

from membership.bootstrap import bootstrap
from membership.entrypoints.api import (
    accounts,
    applications,
    directory,
    groups,
    members,
    password_reset,
    regions,
    roles,
    waves,
)
from qplatform.config import Settings
from qplatform.web.app import create_service_app


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Build membership's Flask app from the environment, or from `test_config`."""
    settings = Settings.from_env("membership", **(test_config or {}))
    return create_service_app(
        bootstrap(settings),
        title="Q Membership",
        description=(
            "Regions, recruitment waves, applications to join Q, accounts, and its members."
        ),
        blueprints=[
            regions.blp,
            waves.blp,
            applications.blp,
            accounts.blp,
            password_reset.blp,
            members.blp,
            directory.blp,
            roles.blp,
            groups.blp,
        ],
    )
