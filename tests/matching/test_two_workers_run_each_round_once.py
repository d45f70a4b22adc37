"""On PostgreSQL two workers share the waiting rounds: each runs once, numbered in turn,
and each stored snapshot pairs again to the stored groups."""

import threading
from collections.abc import Callable
from datetime import date

from sqlalchemy import select

from matching.bootstrap import bootstrap
from matching.domain.rounds import CoffeeRound
from matching.service_layer import rounds
from matching.service_layer.handlers import add_participant
from matching.service_layer.round_audit import audit_round
from qplatform.config import Settings
from qplatform.runtime import Runtime
from tests.matching.member_events import member_joined, received
from tests.matching.rounds_support import orphans, published, run_rounds_due

ROUNDS = 4


def _prepare(runtime: Runtime) -> list[str]:
    with runtime.unit_of_work() as uow:
        for n in range(9):
            add_participant(uow, received(member_joined(organisation=f"Trust {n % 4}")))
        uow.commit()
    requested = []
    for month in range(1, ROUNDS + 1):
        with runtime.unit_of_work() as uow:
            held_on = date(2027, month, 1)
            requested.append(rounds.request_round(uow=uow, held_on=held_on, seed=month).id)
    return requested


def _run_side_by_side(runtimes: list[Runtime]) -> None:
    start = threading.Barrier(len(runtimes))
    failures: list[BaseException] = []

    def work(runtime: Runtime) -> None:
        start.wait()
        try:
            run_rounds_due(runtime.unit_of_work, date(2000, 1, 1))
        except BaseException as error:
            failures.append(error)

    threads = [threading.Thread(target=work, args=(r,)) for r in runtimes]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert failures == []


def test_two_workers_run_every_requested_round_exactly_once_in_the_order_requested(
    fresh_database: Callable[[str, str], str], settings_for: Callable[..., Settings]
) -> None:
    settings = settings_for("matching", database_url=fresh_database("matching", "postgres"))
    runtimes = [bootstrap(settings), bootstrap(settings)]
    try:
        requested = _prepare(runtimes[0])
        _run_side_by_side(runtimes)
        with runtimes[0].unit_of_work() as uow:
            found = {r.id: r for r in uow.session.scalars(select(CoffeeRound))}
        completed = published(runtimes[0].unit_of_work, "coffee-round-completed")
        made = published(runtimes[0].unit_of_work, "match-made")
        with runtimes[0].unit_of_work() as uow:
            audits = [audit_round(uow=uow, round_id=i) for i in requested]
        left_alone = orphans(runtimes[0].unit_of_work)
    finally:
        for runtime in runtimes:
            runtime.close()

    assert [(found[i].state, found[i].number, found[i].attempts) for i in requested] == [
        ("completed", n, 1) for n in range(1, ROUNDS + 1)
    ]
    assert sorted(e["data"]["round_id"] for e in completed) == sorted(requested)
    assert [(a.same_groups, a.eligible) for a in audits] == [(True, 9)] * ROUNDS
    assert left_alone == {"matches": 0, "match members": 0, "snapshots": 0}
    assert len(made) == sum((found[i].pairs or 0) + (found[i].trios or 0) for i in requested)
