"""Each coffee round carries the correlation id of what started it, not a thread's first."""

import logging
from collections.abc import Callable
from datetime import date

import pytest
from flask.testing import FlaskClient

from matching.adapters.repositories.rounds import CoffeeRounds
from qplatform.correlation import set_correlation_id
from qplatform.db.unit_of_work import UnitOfWork
from qplatform.events import Envelope
from tests.matching.rounds_support import join_members, published, run_rounds_due

UoW = Callable[[], UnitOfWork]


def correlation_ids(uow: UoW, round_id: str) -> set[str]:
    """Return the correlation ids of every event a round published."""
    return {
        event["correlation_id"]
        for event_type in ("match-made", "coffee-round-completed")
        for event in published(uow, event_type)
        if event["data"]["round_id"] == round_id
    }


def test_each_round_carries_the_correlation_id_of_the_request_that_started_it(
    client: FlaskClient,
    staff: dict[str, str],
    handle: Callable[[Envelope], None],
    uow: UoW,
    caplog: pytest.LogCaptureFixture,
) -> None:
    join_members(handle, 4)
    rounds = {}
    set_correlation_id(None)
    for request_id, held_on in [("first-request", "2027-02-01"), ("second-request", "2027-03-01")]:
        headers = {**staff, "X-Correlation-ID": request_id}
        response = client.post("/rounds", json={"held_on": held_on}, headers=headers)
        assert response.status_code == 202
        with caplog.at_level(logging.INFO, logger="matching.service_layer.round_runs"):
            run_rounds_due(uow, date(2000, 1, 1))
        rounds[request_id] = response.get_json()["id"]

    for request_id, round_id in rounds.items():
        assert correlation_ids(uow, round_id) == {request_id}
    started = [r for r in caplog.records if r.getMessage() == "coffee round started"]
    assert [(r.round, r.started_by, r.correlation_id) for r in started] == [  # type: ignore[attr-defined]
        (rounds["first-request"], "staff", "first-request"),
        (rounds["second-request"], "staff", "second-request"),
    ]


def test_scheduled_rounds_each_get_a_correlation_id_of_their_own(
    handle: Callable[[Envelope], None], uow: UoW
) -> None:
    join_members(handle, 4)
    held = []
    for day in (date(2027, 3, 1), date(2027, 4, 1)):
        with uow() as unit:
            CoffeeRounds(unit.session).schedule().next_round_on = day
            unit.commit()
        completed = run_rounds_due(uow, day)
        assert completed is not None and completed.started_by == "schedule"
        held.append(completed.id)

    first, second = (correlation_ids(uow, round_id) for round_id in held)
    assert len(first) == len(second) == 1
    assert first != second
