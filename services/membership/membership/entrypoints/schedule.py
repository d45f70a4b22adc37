"""Membership's scheduled work: none yet, listed here as every service lists its own."""

from typing import Any

from qplatform.runtime import Runtime
from qplatform.schedule import Loop


def scheduled_loops(runtime: Runtime[Any]) -> list[Loop]:
    """Return the worker loops that run membership's scheduled use cases (none so far)."""
    return []
