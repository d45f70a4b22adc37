"""Members see library resources and open Lab cohorts on their topics, with the reason."""

import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

import pytest
from flask.testing import FlaskClient

from matching.domain.model import Participant
from matching.service_layer.handlers import EVENT_HANDLERS
from qplatform.db.unit_of_work import UnitOfWork
from qplatform.events import CATALOG, Envelope
from qplatform.messaging.handlers import ReceivedEvent
from tests.matching.member_events import member_joined
from tests.support.auth import bearer

UoW = Callable[[], UnitOfWork]
AT = datetime(2026, 12, 1, 9, tzinfo=UTC)


def _deliver(uow: UoW, event_type: str, data: dict[str, Any]) -> None:
    spec = CATALOG.spec(event_type, 1)
    envelope = Envelope.new(
        type=event_type,
        version=1,
        source="collaboration",
        subject=str(next(iter(data.values()))),
        correlation_id="test",
        data=spec.serialise(data),
    )
    with uow() as unit:
        EVENT_HANDLERS[(event_type, 1)](
            unit, ReceivedEvent(envelope, spec.deserialise(envelope.data))
        )
        unit.commit()


def _resource(title: str, topics: list[str]) -> dict[str, Any]:
    return {
        "resource_id": str(uuid.uuid4()),
        "title": title,
        "kind": "guide",
        "pillar": "learn",
        "topics": topics,
        "at": AT,
    }


def _cohort(problem: str, topics: list[str]) -> dict[str, Any]:
    return {
        "cohort_id": str(uuid.uuid4()),
        "problem": problem,
        "starts_on": date(2027, 1, 11),
        "months": 10,
        "capacity": 12,
        "topics": topics,
        "opened_at": AT,
    }


@pytest.fixture
def member(handle: Callable[[Envelope], None], uow: UoW) -> str:
    """Return a member interested in sepsis and flow."""
    event = member_joined(region="wales")
    handle(event)
    with uow() as unit:
        unit.session.get_one(Participant, event.subject).interests = ["flow", "sepsis"]
        unit.commit()
    return event.subject


def test_resources_on_a_members_topics_are_suggested_most_shared_topics_first(
    client: FlaskClient, uow: UoW, member: str
) -> None:
    for data in (
        _resource("Sepsis screening guide", ["sepsis"]),
        _resource("Flow and sepsis together", ["flow", "sepsis"]),
        _resource("Knitting circles", ["wellbeing"]),
    ):
        _deliver(uow, "resource-published", data)
    found = client.get(f"/suggestions/{member}/resources", headers=bearer(member)).json
    assert [(s["title"], s["reason"]) for s in found] == [
        ("Flow and sepsis together", "On flow, sepsis, which you are interested in."),
        ("Sepsis screening guide", "On sepsis, which you are interested in."),
    ]


def test_open_lab_cohorts_on_a_members_topics_are_suggested_until_they_close(
    client: FlaskClient, uow: UoW, member: str
) -> None:
    flow, other = _cohort("Flow in outpatients", ["flow"]), _cohort("Estates", ["buildings"])
    for data in (flow, other):
        _deliver(uow, "lab-cohort-opened", data)
    url = f"/suggestions/{member}/lab-cohorts"
    found = client.get(url, headers=bearer(member)).json
    assert [(s["id"], s["title"]) for s in found] == [(flow["cohort_id"], "Flow in outpatients")]
    closed = {
        "cohort_id": flow["cohort_id"],
        "participants": 6,
        "teams": 2,
        "outputs": 2,
        "closed_at": AT,
    }
    _deliver(uow, "lab-cohort-closed", closed)
    assert client.get(url, headers=bearer(member)).json == []
    assert client.get(url, headers=bearer("someone-else")).status_code == 403
