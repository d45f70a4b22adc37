"""Events published by the notifications service."""

from qplatform.events.spec import EventSpec

SPECS: list[EventSpec] = []
