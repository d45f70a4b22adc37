"""What speakers and organisers do with talks and series, as plain HTTP calls."""

from typing import Any

from tests.e2e.event_flows import Member, call
from tests.e2e.platform import Platform

TALK: dict[str, Any] = {
    "subject": "Measuring for improvement on a frailty ward",
    "summary": "Run charts a ward team reads at its morning huddle.",
    "format": "in-person",
    "regions": ["scotland"],
    "topics": ["measurement", "frailty"],
    "availability": "Tuesday afternoons from January",
}


def offer_talk(platform: Platform, speaker: Member) -> dict[str, Any]:
    """Offer the example talk as `speaker`."""
    offered = call(platform, "POST", "/talks", speaker.headers, TALK)
    assert offered.status_code == 201, offered.text
    found: dict[str, Any] = offered.json()
    return found


def find_talks(platform: Platform, organiser: Member, subject: str) -> list[dict[str, Any]]:
    """Search offered talks by subject as `organiser`."""
    found = call(platform, "GET", f"/talks?subject={subject}", organiser.headers)
    assert found.status_code == 200, found.text
    talks: list[dict[str, Any]] = found.json()
    return talks


def request_talk(platform: Platform, organiser: Member, talk_id: str, message: str) -> str:
    """Ask for a talk as `organiser`; return the request's id."""
    asked = call(
        platform, "POST", f"/talks/{talk_id}/requests", organiser.headers, {"message": message}
    )
    assert asked.status_code == 201, asked.text
    return str(asked.json()["id"])
