"""Populate matching with members and run rounds, for the round and feedback tests."""

import json
from collections.abc import Callable
from datetime import date
from typing import Any

from sqlalchemy import func, select

from matching.adapters.storage import PLUMBING
from matching.domain.rounds import CoffeeRound, Match, MatchMember
from matching.domain.snapshot import SnapshotEntry
from matching.service_layer import rounds
from matching.service_layer.round_runs import run_due_rounds
from qplatform.db.unit_of_work import UnitOfWork
from qplatform.events import Envelope
from tests.matching.member_events import member_joined

REGIONS = ("scotland", "wales", "eastern")
FIRST_DAY = date(2027, 1, 1)


def join_members(handle: Callable[[Envelope], None], count: int) -> list[str]:
    """Make `count` members join, spread over three regions and five organisations."""
    ids = []
    for n in range(count):
        event = member_joined(region=REGIONS[n % 3], organisation=f"Trust {n % 5}")
        handle(event)
        ids.append(event.subject)
    return ids


def run_round(uow: Callable[[], UnitOfWork], month: int = 1, seed: int = 7) -> CoffeeRound:
    """Start the round of the `month`-th month of 2027."""
    with uow() as unit:
        return rounds.start_round(uow=unit, held_on=FIRST_DAY.replace(month=month), seed=seed)


def run_waiting_rounds(uow: Callable[[], UnitOfWork]) -> CoffeeRound | None:
    """Run every requested round as the worker's loop does; return the last completed."""
    return run_rounds_due(uow, date(2000, 1, 1))


def run_rounds_due(uow: Callable[[], UnitOfWork], today: date) -> CoffeeRound | None:
    """Run the worker's round job as it runs on `today`; return the last round it held."""
    return run_due_rounds(uow, today=today)  # type: ignore[arg-type]


def published(uow: Callable[[], UnitOfWork], event_type: str) -> list[dict[str, Any]]:
    """Return the envelopes of `event_type` staged in matching's outbox, oldest first."""
    outbox = PLUMBING.outbox
    with uow() as unit:
        rows = unit.session.execute(
            select(outbox.c.payload, outbox.c.key)
            .where(outbox.c.event_type == event_type)
            .order_by(outbox.c.id)
        )
        return [json.loads(payload) | {"key": key} for payload, key in rows]


def groups_of(uow: Callable[[], UnitOfWork], round_id: str) -> list[list[str]]:
    """Return the member ids of each match of a round."""
    return [
        sorted(e["data"]["member_ids"])
        for e in published(uow, "match-made")
        if e["data"]["round_id"] == round_id
    ]


def orphans(uow: Callable[[], UnitOfWork]) -> dict[str, int]:
    """Count the round rows whose round or match is missing (kept without foreign keys)."""
    queries = {
        "matches": select(func.count())
        .select_from(Match)
        .outerjoin(CoffeeRound, CoffeeRound.id == Match.round_id)
        .where(CoffeeRound.id.is_(None)),
        "match members": select(func.count())
        .select_from(MatchMember)
        .outerjoin(Match, Match.id == MatchMember.match_id)
        .where(Match.id.is_(None)),
        "snapshots": select(func.count())
        .select_from(SnapshotEntry)
        .outerjoin(CoffeeRound, CoffeeRound.id == SnapshotEntry.round_id)
        .where(CoffeeRound.id.is_(None)),
    }
    with uow() as unit:
        return {name: unit.session.scalar(query) or 0 for name, query in queries.items()}
