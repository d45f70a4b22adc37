"""Matching's HTTP process: `gunicorn 'matching.entrypoints.web:create_app()'`."""

from typing import Any

from flask import Flask

from matching.bootstrap import bootstrap
from matching.entrypoints.api import matches, participants, participation, rounds, suggestions
from qplatform.config import Settings
from qplatform.web.app import create_service_app


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Build matching's Flask app from the environment, or from `test_config`."""
    settings = Settings.from_env("matching", **(test_config or {}))
    return create_service_app(
        bootstrap(settings),
        title="Q Matching",
        description="Randomised Coffee Trials: who takes part, rounds and pairings.",
        blueprints=[
            participants.blp,
            participation.blp,
            rounds.blp,
            matches.blp,
            suggestions.blp,
        ],
    )
