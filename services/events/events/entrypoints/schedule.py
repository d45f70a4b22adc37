"""The events service's scheduled work: none yet, as nothing of it runs by the clock."""

from typing import Any

from qplatform.runtime import Runtime
from qplatform.schedule import Loop


def scheduled_loops(runtime: Runtime[Any]) -> list[Loop]:
    """Return the worker loops that run the events service's jobs on `runtime.clock`."""
    return []
