"""Staff request a round over HTTP; the worker's loop runs it once and staff poll its state."""

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from flask.testing import FlaskClient

from matching.service_layer import round_runs
from matching.service_layer.round_runs import claim_round, run_claimed_round
from qplatform.db.unit_of_work import UnitOfWork
from qplatform.events import Envelope
from tests.matching.rounds_support import join_members, published, run_waiting_rounds

UoW = Callable[[], UnitOfWork]


def _body(response: Any) -> Any:
    return json.loads(response.data)


@pytest.fixture
def requested(
    client: FlaskClient, staff: dict[str, str], handle: Callable[[Envelope], None]
) -> Any:
    """Return staff's response to requesting a round of four members."""
    join_members(handle, 4)
    return client.post("/rounds", json={"held_on": "2027-02-01", "seed": 5}, headers=staff)


def test_requesting_a_round_answers_accepted_with_where_to_poll_and_pairs_no_one_yet(
    client: FlaskClient, staff: dict[str, str], requested: Any, uow: UoW
) -> None:
    body = _body(requested)

    assert requested.status_code == 202
    assert requested.headers["Location"].endswith(f"/rounds/{body['id']}")
    assert (body["state"], body["seed"], body["number"], body["pairs"]) == (
        "requested",
        5,
        None,
        None,
    )
    assert _body(client.get(f"/rounds/{body['id']}", headers=staff))["state"] == "requested"
    assert published(uow, "match-made") == []


def test_the_worker_loop_runs_a_requested_round_once_and_staff_see_it_completed(
    client: FlaskClient, staff: dict[str, str], requested: Any, uow: UoW
) -> None:
    run_waiting_rounds(uow)
    run_waiting_rounds(uow)

    shown = _body(client.get(requested.headers["Location"], headers=staff))
    assert (shown["state"], shown["number"], shown["pairs"], shown["attempts"]) == (
        "completed",
        1,
        2,
        1,
    )
    assert len(published(uow, "match-made")) == 2
    assert len(published(uow, "coffee-round-completed")) == 1


def test_a_run_abandoned_by_a_crashed_worker_is_taken_over_once_its_lease_lapses(
    client: FlaskClient, staff: dict[str, str], requested: Any, uow: UoW
) -> None:
    long_ago = datetime.now(UTC) - timedelta(hours=1)
    with uow() as unit:
        crashed = claim_round(uow=unit, now=long_ago, lease=timedelta(minutes=2), max_attempts=3)
    assert crashed is not None
    assert _body(client.get(requested.headers["Location"], headers=staff))["state"] == "running"

    run_waiting_rounds(uow)

    shown = _body(client.get(requested.headers["Location"], headers=staff))
    assert (shown["state"], shown["attempts"]) == ("completed", 2)
    with uow() as unit:
        assert run_claimed_round(uow=unit, claim=crashed) is None
    assert len(published(uow, "coffee-round-completed")) == 1


def test_a_run_still_within_its_lease_is_left_to_its_worker(requested: Any, uow: UoW) -> None:
    with uow() as unit:
        claim_round(uow=unit, now=datetime.now(UTC), lease=timedelta(minutes=2), max_attempts=3)

    assert run_waiting_rounds(uow) is None
    assert published(uow, "match-made") == []


def test_a_round_that_keeps_breaking_fails_with_its_reason_and_writes_nothing(
    client: FlaskClient,
    staff: dict[str, str],
    requested: Any,
    uow: UoW,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(unit: UnitOfWork, coffee_round: Any) -> None:
        raise RuntimeError("the pairing broke")

    monkeypatch.setattr(round_runs, "hold_round", broken)

    run_waiting_rounds(uow)

    shown = _body(client.get(requested.headers["Location"], headers=staff))
    assert (shown["state"], shown["attempts"]) == ("failed", 3)
    assert shown["failure_reason"] == "RuntimeError: the pairing broke"
    assert published(uow, "match-made") == []


def test_a_broken_run_is_tried_again_and_can_then_complete(
    client: FlaskClient,
    staff: dict[str, str],
    requested: Any,
    uow: UoW,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = round_runs.hold_round
    calls: list[str] = []

    def flaky(unit: UnitOfWork, coffee_round: Any) -> None:
        calls.append(coffee_round.id)
        if len(calls) == 1:
            raise ConnectionError("database went away")
        real(unit, coffee_round)

    monkeypatch.setattr(round_runs, "hold_round", flaky)

    run_waiting_rounds(uow)

    shown = _body(client.get(requested.headers["Location"], headers=staff))
    assert (shown["state"], shown["attempts"], shown["pairs"]) == ("completed", 2, 2)
    assert shown["failure_reason"] == "ConnectionError: database went away"
