"""A Lab cohort as tests need it: opened, applied to, participants selected."""

from datetime import date, timedelta
from typing import Any

from flask.testing import FlaskClient

from tests.support.auth import STAFF


def a_cohort(**changes: Any) -> dict[str, Any]:
    """Return a valid cohort form starting in a month."""
    return {
        "problem": "Waiting times in outpatients",
        "statement": "Outpatient waits have doubled; what would halve them?",
        "how_to_apply": "Tell us in a few lines what you would bring.",
        "starts_on": (date.today() + timedelta(days=30)).isoformat(),
        "months": 10,
        "capacity": 12,
        "topics": ["outpatients", "flow"],
        **changes,
    }


def open_cohort(client: FlaskClient, **changes: Any) -> str:
    """Open a cohort as staff and return its id."""
    response = client.post("/cohorts", json=a_cohort(**changes), headers=STAFF)
    assert response.status_code == 201, response.json
    return str(response.json["id"])


def apply_and_select(
    client: FlaskClient, cohort_id: str, members: dict[str, dict[str, str]]
) -> None:
    """Have each member apply with a statement, and staff select every one of them."""
    for member_id, headers in members.items():
        applied = client.post(
            f"/cohorts/{cohort_id}/applications",
            json={"statement": f"{member_id} brings data skills."},
            headers=headers,
        )
        assert applied.status_code == 201, applied.json
        selected = client.post(
            f"/cohorts/{cohort_id}/participants", json={"member_id": member_id}, headers=STAFF
        )
        assert selected.status_code == 200, selected.json
