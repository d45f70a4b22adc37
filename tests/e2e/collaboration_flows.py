"""What staff and members do in the Lab and with surveys, as plain HTTP calls."""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import requests

from tests.e2e.flows import STAFF, apply, approve
from tests.e2e.platform import Platform
from tests.support.auth import bearer
from tests.support.waiting import wait_until


@dataclass(frozen=True)
class Member:
    """A member who joined through membership, in a region, with a token."""

    member_id: str
    name: str
    region: str

    @property
    def headers(self) -> dict[str, str]:
        return bearer(self.member_id)


def join(platform: Platform, people: list[tuple[str, str]]) -> list[Member]:
    """Have each (name, region) apply and be approved; wait until collaboration knows them."""
    members = []
    for name, region in people:
        receipt = apply(platform, name=name, region=region)
        members.append(Member(approve(platform, receipt["id"])["member_id"], name, region))
    for region in {m.region for m in members}:
        size = sum(m.region == region for m in members)
        wait_until(
            lambda region=region, size=size: audience(platform, "region", region) >= size,
            timeout=60,
            message=f"collaboration to know the members in {region}",
        )
    return members


def call(
    platform: Platform, method: str, path: str, headers: dict[str, str], json: Any = None
) -> requests.Response:
    """Send one request to the collaboration service."""
    url = f"{platform.url('collaboration')}{path}"
    return requests.request(method, url, headers=headers, json=json, timeout=10)


def done(response: requests.Response, status: int = 200) -> Any:
    """Return the body of a response that has `status`, or fail showing what came instead."""
    assert response.status_code == status, response.text
    return response.json()


def audience(platform: Platform, kind: str, value: str | None = None) -> int:
    """Return how many members an audience holds now."""
    query = f"/surveys/audiences/size?audience={kind}" + (
        f"&audience_value={value}" if value else ""
    )
    return int(done(call(platform, "GET", query, STAFF))["size"])


def open_cohort(platform: Platform, problem: str) -> str:
    """Open a ten-month Lab cohort starting in a month, as staff; return its id."""
    form = {
        "problem": problem,
        "statement": "What would halve the wait?",
        "how_to_apply": "A few lines on what you would bring.",
        "starts_on": (datetime.now(UTC).date() + timedelta(days=30)).isoformat(),
        "months": 10,
        "capacity": 8,
    }
    return str(done(call(platform, "POST", "/cohorts", STAFF, form), 201)["id"])


def open_survey(platform: Platform, title: str, **changes: Any) -> dict[str, Any]:
    """Write and open a survey of two questions as staff; return it with its questions."""
    form = {
        "title": title,
        "audience": "everyone",
        "questions": [
            {"kind": "single-choice", "prompt": "Was it useful?", "options": ["Yes", "No"]},
            {"kind": "free-text", "prompt": "What would you change?"},
        ],
        **changes,
    }
    survey = done(call(platform, "POST", "/surveys", STAFF, form), 201)
    done(call(platform, "POST", f"/surveys/{survey['id']}/open", STAFF))
    return dict(done(call(platform, "GET", f"/surveys/{survey['id']}", STAFF)))


def answer(platform: Platform, survey: dict[str, Any], member: Member, useful: bool) -> int:
    """Answer a survey as `member`; return the status."""
    choice, text = (q["id"] for q in survey["questions"])
    answers = {choice: {"choices": ["Yes" if useful else "No"]}, text: {"text": "More of it"}}
    path = f"/surveys/{survey['id']}/responses"
    return call(platform, "POST", path, member.headers, {"answers": answers}).status_code
