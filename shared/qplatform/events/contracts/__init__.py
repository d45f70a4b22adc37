"""Schemas of every event type, one module per producing service.

Producers and consumers both use these, so a field means the same on both sides.
"""

from qplatform.events.contracts import (
    collaboration,
    events,
    matching,
    membership,
    notifications,
    talks,
)

ALL_SPECS = [
    *membership.SPECS,
    *events.SPECS,
    *talks.SPECS,
    *matching.SPECS,
    *notifications.SPECS,
    *collaboration.SPECS,
]
