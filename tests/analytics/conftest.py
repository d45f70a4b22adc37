"""Fixtures of the analytics tests: one generated month, shared."""

import pytest

from analysis.month import generate
from qplatform.events import Envelope


@pytest.fixture(scope="session")
def month() -> list[tuple[str, Envelope]]:
    """Return the generated month of activity, as (topic, envelope), oldest first."""
    return generate()
