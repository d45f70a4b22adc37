"""What people do through the gateway-facing APIs, as plain HTTP calls."""

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import requests

from tests.e2e.platform import Platform

STAFF = {"Authorization": "Bearer dev-staff-token"}


def open_wave(platform: Platform, region: str) -> None:
    """Open a recruitment wave for `region` as staff, unless one already covers today."""
    today = datetime.now(UTC).date()
    body: dict[str, Any] = {
        "name": f"{region} wave",
        "partner": "Q",
        "regions": [region],
        "target": 500,
        "opens_on": str(today - timedelta(days=1)),
        "closes_on": str(today + timedelta(days=30)),
    }
    response = requests.post(
        f"{platform.url('membership')}/waves", json=body, headers=STAFF, timeout=10
    )
    assert response.status_code in (201, 409), response.text


def apply(platform: Platform, email: str | None = None, **changes: Any) -> dict[str, Any]:
    """Apply to join Q as a new person; return the receipt and the email used."""
    open_wave(platform, changes.get("region", "scotland"))
    email = email or f"member-{uuid.uuid4().hex[:8]}@example.org"
    form = {
        "name": "Asha Patel",
        "email": email,
        "organisation": "NHS Tayside",
        "job_title": "Improvement Lead",
        "region": "scotland",
        "consent_version": "2026-01",
        "statement": "Ran a quality improvement collaborative across three wards.",
    }
    response = requests.post(
        f"{platform.url('membership')}/applications", json={**form, **changes}, timeout=10
    )
    assert response.status_code == 201, response.text
    return {**response.json(), "email": email}


def approve(platform: Platform, application_id: str) -> dict[str, Any]:
    """Approve an application as staff; return the decided application."""
    response = requests.post(
        f"{platform.url('membership')}/applications/{application_id}/approve",
        headers=STAFF,
        timeout=10,
    )
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    return result


def create_event(platform: Platform, title: str) -> dict[str, Any]:
    """Create a webinar as staff."""
    body: dict[str, Any] = {
        "title": title,
        "kind": "webinar",
        "pillar": "learn",
        "capacity": 100,
        "starts_at": "2030-03-04T13:00:00+00:00",
        "ends_at": "2030-03-04T14:00:00+00:00",
        "timezone": "Europe/London",
    }
    response = requests.post(
        f"{platform.url('events')}/events", json=body, headers=STAFF, timeout=10
    )
    assert response.status_code == 201, response.text
    result: dict[str, Any] = response.json()
    return result


def get(platform: Platform, service: str, path: str) -> requests.Response:
    return requests.get(f"{platform.url(service)}{path}", headers=STAFF, timeout=10)
