"""Example talks and series for the events service's tests, changed only where a test says."""

from typing import Any

from tests.support.auth import bearer

SPEAKER = bearer("speaker")
ORGANISER = bearer("organiser")
OTHER = bearer("other")


def talk_form(**changes: Any) -> dict[str, Any]:
    """Return the JSON body that offers the example talk, with `changes` applied."""
    body = {
        "subject": "Measuring for improvement in mental health",
        "summary": "Run charts, and what they tell a ward team.",
        "format": "either",
        "regions": ["scotland", "north-west-coast"],
        "topics": ["measurement", "mental-health"],
        "availability": "Weekday afternoons from March",
    }
    return {**body, **changes}


def series_form(**changes: Any) -> dict[str, Any]:
    """Return the JSON body that starts the example series, with `changes` applied."""
    body = {"title": "Site visits: North West 2027", "pillar": "learn", "description": None}
    return {**body, **changes}
