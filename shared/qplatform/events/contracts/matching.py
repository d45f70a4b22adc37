"""Events published by the matching service."""

from qplatform.events.spec import EventSpec

SPECS: list[EventSpec] = []
