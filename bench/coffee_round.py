"""Time a coffee round of 100,000 members with a long history; compare with exact matching.

Run: `.venv/bin/python bench/coffee_round.py` (options: --size, --history, --compare, --year,
--url, --no-stored). It times the pairing alone, then a whole stored round on PostgreSQL (the
test cluster on port 15433 unless `--url`), in a schema of its own that it drops at the end:
the worker claims the requested round, snapshots the eligible, pairs them, stores the
snapshot, matches and outcomes, and stages every match-made and coffee-round-completed.
With --year N it also runs twelve monthly rounds of N members through the service on SQLite,
with members pausing, skipping and opting out, and prints each round's figures.
"""

import argparse
import random
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from itertools import combinations
from pathlib import Path
from typing import Any

import networkx as nx
from sqlalchemy import Engine, create_engine, func, select, text
from sqlalchemy.exc import SQLAlchemyError

from matching.adapters.storage import METADATA, PLUMBING
from matching.bootstrap import bootstrap
from matching.domain.model import Participant
from matching.domain.pairing import Pairing, make_pairs
from matching.domain.pairing.affinity import FORMATS, Affinity, Candidate
from matching.domain.round_quality import measure
from matching.domain.rounds import Match, MatchMember
from matching.domain.snapshot import SnapshotEntry
from matching.service_layer import rounds
from matching.service_layer.round_runs import run_due_rounds
from qplatform.config import Settings
from qplatform.db.migrate import upgrade

REGIONS = ("scotland", "north-west-coast", "west-midlands", "yorkshire-and-humber", "uclpartners")
History = list[list[tuple[str, ...]]]
SMALL_GROUP = 40
SCHEMA = "coffee_bench"
ROOT = Path(__file__).resolve().parents[1]


def population(size: int, seed: int) -> list[Candidate]:
    """Return `size` members over five regions and hundreds of organisations."""
    rng = random.Random(seed)
    organisations = max(2, size // 100)
    people = [
        Candidate(
            member_id=f"member-{i:06d}",
            region=rng.choices(REGIONS, weights=(3, 2, 2, 2, 4))[0],
            organisation=f"organisation-{min(int(rng.paretovariate(1.1)) - 1, organisations)}",
            meeting_format=rng.choices(FORMATS, weights=(5, 2, 3))[0],
            prefers_other_organisation=rng.random() < 0.6,
            prefers_other_region=rng.random() < 0.2,
        )
        for i in range(size)
    ]
    ids = [p.member_id for p in people]
    return [
        replace(p, never=frozenset(rng.sample(ids, 2))) if rng.random() < 0.01 else p
        for p in people
    ]


def random_history(people: list[Candidate], rounds: int, seed: int) -> History:
    """Return `rounds` past rounds where nine in ten members took part, paired at random."""
    rng = random.Random(seed)
    history = []
    for _ in range(rounds):
        present = [p.member_id for p in people if rng.random() < 0.9]
        rng.shuffle(present)
        history.append([tuple(present[i : i + 2]) for i in range(0, len(present) - 1, 2)])
    return history


def figures(
    label: str, seconds: float, people: list[Candidate], pairing: Pairing, history: History
) -> None:
    """Print a pairing's time and quality on one line."""
    found = measure(Affinity(people, history), pairing)
    print(
        f"{label:<18} {seconds:8.2f}s  pairs={found.pairs} trios={found.trios} "
        f"unmatched={found.unmatched} repeats={found.repeats} clashes={found.format_clashes} "
        f"cross-org={found.cross_organisation_share:.3f} "
        f"cross-region={found.cross_region_share:.3f} wishes-met={found.preference_hits:.3f}"
    )


def time_large_round(size: int, rounds: int) -> None:
    """Time one round of `size` members after `rounds` past rounds."""
    people = population(size, seed=1)
    history = random_history(people, rounds, seed=2)
    started, cpu = time.perf_counter(), time.process_time()
    pairing = make_pairs(people, seed=3, past_rounds=history)
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    figures(f"ours n={size}", wall, people, pairing, history)
    print(f"{'':<18} {cpu:8.2f}s of CPU time (wall time grows with other load)")


def own_history(people: list[Candidate], rounds: int) -> History:
    """Return `rounds` past rounds made by our own pairing, as the service would have."""
    history: History = []
    for seed in range(rounds):
        history.append(make_pairs(people, seed=seed, past_rounds=history).groups)
    return history


def exact(people: list[Candidate], history: History) -> tuple[float, Pairing]:
    """Pair with networkx's exact maximum-weight matching on the same weights."""
    ordered = sorted(people, key=lambda p: p.member_id)
    affinity = Affinity(ordered, history)
    graph = nx.Graph()
    started = time.perf_counter()
    for a, b in combinations(range(len(ordered)), 2):
        weight = affinity.weight(a, b)
        if weight is not None:
            # Shifted positive; with maximum cardinality the shift does not change the optimum.
            graph.add_edge(a, b, weight=weight + 10_000)
    matching = nx.max_weight_matching(graph, maxcardinality=True)
    seconds = time.perf_counter() - started
    groups = [tuple(sorted((ordered[a].member_id, ordered[b].member_id))) for a, b in matching]
    placed = {m for g in groups for m in g}
    return seconds, Pairing(groups, [p.member_id for p in ordered if p.member_id not in placed])


def total_weight(people: list[Candidate], pairing: Pairing, history: History) -> float:
    """Sum the weights of a pairing's links, as both matchers see them."""
    affinity = Affinity(sorted(people, key=lambda p: p.member_id), history)
    index = affinity.index
    return sum(
        affinity.weight(index[a], index[b]) or 0.0
        for group in pairing.groups
        for a, b in combinations(group, 2)
    )


def compare(size: int, rounds: int) -> None:
    """Compare our pairing with the exact one on `size` members after `rounds` rounds."""
    people = population(size, seed=size)
    # A small group after a year of random pairs leaves few fresh partners: repeats bite.
    small = size <= SMALL_GROUP
    history = random_history(people, rounds, seed=size) if small else own_history(people, rounds)
    started = time.perf_counter()
    ours = make_pairs(people, seed=99, past_rounds=history)
    ours_seconds = time.perf_counter() - started
    exact_seconds, best = exact(people, history)
    figures(f"ours n={size}", ours_seconds, people, ours, history)
    figures(f"networkx n={size}", exact_seconds, people, best, history)
    mine, theirs = total_weight(people, ours, history), total_weight(people, best, history)
    ratio = f", {mine / theirs:.1%} of exact" if theirs > 0 else ""
    gap = f"gap {mine - theirs:+.0f}{ratio}"
    print(f"{'':<18} total weight ours={mine:.0f} networkx={theirs:.0f} ({gap})")


def year_of_rounds(size: int) -> None:
    """Run twelve monthly rounds of `size` members through the service, some sitting out."""
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{folder}/matching.db"
        upgrade("matching", url)
        runtime = bootstrap(Settings.from_env("matching", env={}, database_url=url))
        rng = random.Random(12)
        people = population(size, seed=12)
        with runtime.unit_of_work() as uow:
            uow.session.add_all(_participant(p) for p in people)
            uow.commit()
        for month in range(1, 13):
            held_on = date(2027, month, 1)
            with runtime.unit_of_work() as uow:
                for participant in uow.session.scalars(select(Participant)):
                    _sit_out_at_random(participant, held_on, rng)
                started = time.perf_counter()
                made = rounds.start_round(uow=uow, held_on=held_on, seed=month)
            print(
                f"month {month:>2} {time.perf_counter() - started:6.2f}s "
                f"eligible={made.participants} pairs={made.pairs} trios={made.trios} "
                f"unmatched={made.unmatched} repeats={made.repeats} "
                f"cross-org={made.cross_organisation_share:.3f} "
                f"cross-region={made.cross_region_share:.3f} wishes-met={made.preference_hits:.3f}"
            )
        runtime.close()


def _participant(candidate: Candidate) -> Participant:
    return Participant(
        member_id=candidate.member_id,
        display_name=candidate.member_id,
        organisation=candidate.organisation,
        job_title="Improvement lead",
        region=candidate.region,
        joined_at=datetime(2026, 1, 1, tzinfo=UTC),
        meeting_format=candidate.meeting_format,
        prefers_other_organisation=candidate.prefers_other_organisation,
        prefers_other_region=candidate.prefers_other_region,
        expertise=[],
        interests=[],
    )


def _sit_out_at_random(participant: Participant, held_on: date, rng: random.Random) -> None:
    roll = rng.random()
    if roll < 0.05:
        participant.skip_next_round = True
    elif roll < 0.08:
        participant.paused_until = held_on + timedelta(days=rng.choice([20, 45, 75]))
    elif roll < 0.09:
        participant.opted_in = not participant.opted_in


def time_stored_round(size: int, rounds_before: int, url: str) -> None:
    """Time a whole requested round of `size` members, run by the worker on PostgreSQL."""
    people = population(size, seed=1)
    history = random_history(people, rounds_before, seed=2)
    with _bench_schema(url) as schema_url:
        runtime = bootstrap(Settings.from_env("matching", env={}, database_url=schema_url))
        started = time.perf_counter()
        _load(runtime.engine, people, history)
        print(f"{'':<18} loaded {size:,} members and {rounds_before} past rounds", end=" ")
        print(f"in {time.perf_counter() - started:.1f}s")
        with runtime.unit_of_work() as uow:
            rounds.request_round(uow=uow, held_on=date(2027, 1, 1), seed=3)
        started, cpu = time.perf_counter(), time.process_time()
        made = run_due_rounds(runtime.unit_of_work, today=date(2000, 1, 1))
        wall, cpu = time.perf_counter() - started, time.process_time() - cpu
        assert made is not None and made.number == rounds_before + 1
        print(
            f"{'stored round':<18} {wall:8.2f}s  ({cpu:.2f}s of it CPU in this process) "
            f"pairs={made.pairs} trios={made.trios} repeats={made.repeats} "
            f"cross-org={made.cross_organisation_share:.3f}"
        )
        print(f"{'':<18} rows written: {_written(runtime.engine, made.id)}")
        runtime.close()


@contextmanager
def _bench_schema(url: str) -> Iterator[str]:
    admin = create_engine(url)
    with admin.begin() as connection:
        connection.execute(text(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE"))
        connection.execute(text(f"CREATE SCHEMA {SCHEMA}"))
    schema_url = f"{url}?options=-csearch_path%3D{SCHEMA}"
    engine = create_engine(schema_url)
    METADATA.create_all(engine)
    engine.dispose()
    try:
        yield schema_url
    finally:
        with admin.begin() as connection:
            connection.execute(text(f"DROP SCHEMA {SCHEMA} CASCADE"))
        admin.dispose()


def _load(engine: Engine, people: list[Candidate], history: History) -> None:
    joined = datetime(2026, 1, 1, tzinfo=UTC)
    participants = (_participant_row(p, joined) for p in people)
    never = ((p.member_id, o) for p in people for o in p.never if o != p.member_id)
    ids = [str(uuid.uuid4()) for _ in history]
    past = [(ids[n], n + 1, n, date(2026, n % 12 + 1, 1), joined) for n in range(len(history))]
    matches = [(str(uuid.uuid4()), n + 1, g) for n, groups in enumerate(history) for g in groups]
    with _copying(engine) as copy:
        copy("participants", PARTICIPANT_COLUMNS, participants)
        copy("never_pairs", ("member_id", "other_member_id"), never)
        copy("coffee_rounds", ROUND_COLUMNS, ((*r, "completed", 1, 6) for r in past))
        copy("matches", MATCH_COLUMNS, ((m, ids[n - 1], n, "virtual") for m, n, _ in matches))
        members = ((m, member, n) for m, n, group in matches for member in group)
        copy("match_members", ("match_id", "member_id", "round_number"), members)
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("VACUUM ANALYZE"))
    _checkpoint(engine)


def _checkpoint(engine: Engine) -> None:
    """Write out what the load left in memory, so the round is not timed beside it.

    Loading writes over a gigabyte of WAL; the checkpoint it triggers would otherwise
    spend the next half minute writing pages on one of the two cores. Needs the
    superuser, who may connect locally without a password to the clusters of
    deploy/postgres/cluster.sh; elsewhere the round is timed as the server allows.
    """
    superuser = engine.url.set(username="postgres", password=None)
    admin = create_engine(superuser)
    try:
        with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("CHECKPOINT"))
    except SQLAlchemyError as error:  # refused: the round is timed all the same
        print(f"{'':<18} no checkpoint before the round ({type(error).__name__})")
    finally:
        admin.dispose()


def _participant_row(p: Candidate, joined: datetime) -> tuple[Any, ...]:
    return (
        *(p.member_id, p.member_id, p.organisation, "Improvement lead", p.region, joined),
        *(True, joined, p.meeting_format, "monthly", p.prefers_other_organisation),
        *(p.prefers_other_region, False, False, False, "[]", "[]"),
    )


PARTICIPANT_COLUMNS = (
    "member_id",
    "display_name",
    "organisation",
    "job_title",
    "region",
    "joined_at",
    "opted_in",
    "updated_at",
    "meeting_format",
    "frequency",
    "prefers_other_organisation",
    "prefers_other_region",
    "skip_next_round",
    "left",
    "left_over_last_time",
    "expertise",
    "interests",
)
ROUND_COLUMNS = ("id", "number", "seed", "held_on", "requested_at", "state", "attempts", "cooldown")
MATCH_COLUMNS = ("id", "round_id", "round_number", "meeting_format")


@contextmanager
def _copying(engine: Engine) -> Iterator[Any]:
    raw = engine.raw_connection()
    connection = raw.driver_connection
    assert connection is not None

    def copy(table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
        names = ", ".join(f'"{c}"' for c in columns)
        with (
            connection.cursor() as cursor,
            cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copying,
        ):
            for row in rows:
                copying.write_row(row)

    try:
        yield copy
        connection.commit()
    finally:
        raw.close()


def _written(engine: Engine, round_id: str) -> str:
    counts = {
        "snapshot": select(func.count()).where(SnapshotEntry.round_id == round_id),
        "matches": select(func.count()).where(Match.round_id == round_id),
        "match members": select(func.count())
        .select_from(MatchMember)
        .join(Match, Match.id == MatchMember.match_id)
        .where(Match.round_id == round_id),
        "outbox": select(func.count()).select_from(PLUMBING.outbox),
    }
    with engine.connect() as connection:
        return ", ".join(f"{name}={connection.scalar(q):,}" for name, q in counts.items())


def _test_database_url() -> str:
    found = subprocess.run(
        [str(ROOT / "deploy" / "postgres" / "cluster.sh"), "url", "matching"],
        env={"PG_PORT": "15433", "PATH": "/usr/bin:/bin"},
        check=True,
        capture_output=True,
        text=True,
    )
    return found.stdout.strip()


def main() -> None:
    """Run the benchmark from the command line."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--history", type=int, default=12)
    parser.add_argument("--compare", type=int, nargs="*", default=[12, 24, 200, 400])
    parser.add_argument("--year", type=int, default=0, help="members in a year of rounds")
    parser.add_argument("--url", default=None, help="PostgreSQL for the stored round")
    parser.add_argument("--no-stored", action="store_true", help="skip the stored round")
    args = parser.parse_args()
    time_large_round(args.size, args.history)
    if not args.no_stored:
        time_stored_round(args.size, args.history, args.url or _test_database_url())
    for size in args.compare:
        compare(size, args.history)
    if args.year:
        year_of_rounds(args.year)


if __name__ == "__main__":
    main()
