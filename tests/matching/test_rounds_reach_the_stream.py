"""A round requested on PostgreSQL is run by the worker and reaches Kafka, matches first."""

from collections.abc import Callable

from matching.bootstrap import bootstrap
from matching.entrypoints.worker import build_worker
from matching.service_layer import rounds
from matching.service_layer.handlers import add_participant
from qplatform.config import Settings
from qplatform.messaging.topics import ensure_topics
from tests.matching.member_events import member_joined, received
from tests.matching.rounds_support import FIRST_DAY
from tests.support.running import running
from tests.support.topics import Seen, read_topic


def _completed(seen: list[Seen]) -> bool:
    return any((s.value or {}).get("type") == "coffee-round-completed" for s in seen)


def test_the_worker_runs_a_requested_round_and_publishes_its_matches_then_its_figures(
    fresh_database: Callable[[str, str], str],
    settings_for: Callable[..., Settings],
    kafka_bootstrap: str,
) -> None:
    settings = settings_for(
        "matching",
        database_url=fresh_database("matching", "postgres"),
        kafka_bootstrap=kafka_bootstrap,
    )
    ensure_topics(settings)
    runtime = bootstrap(settings)
    try:
        with runtime.unit_of_work() as uow:
            for n in range(5):
                add_participant(uow, received(member_joined(organisation=f"Trust {n}")))
            uow.commit()
        with runtime.unit_of_work() as uow:
            coffee_round = rounds.request_round(uow=uow, held_on=FIRST_DAY, seed=1)

        with running(build_worker(settings)):
            seen = read_topic(
                kafka_bootstrap, settings.topic("matching.coffee-round"), until=_completed
            )
    finally:
        runtime.close()

    types = [(s.value or {})["type"] for s in seen]
    assert types == ["match-made", "match-made", "coffee-round-completed"]
    assert {s.key for s in seen} == {coffee_round.id}
    assert sorted(len((s.value or {})["data"]["member_ids"]) for s in seen[:2]) == [2, 3]
