"""Compose and queue the monthly digest for 100,000 members on the test PostgreSQL.

Each member has a region, a few interests and places in a few of 300 special interest
groups, so each digest is their own: their groups' news, new groups and events and posts
picked for their interests.

Run: `.venv/bin/python bench/digest.py [--members N] [--baseline N]` with the test cluster
up (`deploy/postgres/cluster.sh start`, port QP_TEST_POSTGRES_PORT, default 15433). It
works in its own throwaway database, so it never touches the tests' databases. It prints
the time and peak memory of the set-based composition, against the one-member-at-a-time
way measured on a subset (2,000 by default) in the same run and scaled up.
"""

import argparse
import os
import random
import resource
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import psycopg
from sqlalchemy import Engine, insert, select

from notifications.bootstrap import bootstrap
from notifications.domain.copies import KnownCoffeeRound, KnownEvent, KnownMember, KnownPost
from notifications.domain.digest import Month
from notifications.domain.groups import GroupPlace, KnownGroup
from notifications.domain.model import Contact
from notifications.domain.preferences import CATEGORIES, Preference
from notifications.service_layer.digest_sources import DigestSources, readers_between
from notifications.service_layer.digests import queue_digests
from notifications.service_layer.queueing import queue_letter
from qplatform.config import Settings
from qplatform.db.migrate import upgrade
from qplatform.db.unit_of_work import UnitOfWork
from qplatform.runtime import Runtime

PORT = int(os.environ.get("QP_TEST_POSTGRES_PORT", "15433"))
DATABASE = "notifications_bench"
REGIONS = [
    "scotland",
    "north-west-coast",
    "west-midlands",
    "yorkshire-and-humber",
    "uclpartners",
    "north-east-north-cumbria",
    "wales",
    "south-west",
]
MONTH, BASELINE_MONTH = Month(2026, 12), Month(2026, 11)
TOPICS = [f"topic-{n}" for n in range(40)]
GROUPS = 300


def drop_database() -> None:
    """Drop the bench database if it exists."""
    admin = f"host=127.0.0.1 port={PORT} user=postgres dbname=postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")


def fresh_database() -> str:
    """Create an empty, migrated bench database owned by notifications; return its URL."""
    drop_database()
    admin = f"host=127.0.0.1 port={PORT} user=postgres dbname=postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f"CREATE DATABASE {DATABASE} OWNER notifications")
    url = f"postgresql+psycopg://notifications:notifications@127.0.0.1:{PORT}/{DATABASE}"
    upgrade("notifications", url)
    return url


def seed(engine: Engine, members: int) -> None:
    """Fill the copies: members in every region and groups, contacts, consent, Q events."""
    rng = random.Random(7)
    joined_late = MONTH.previous.starts_at + timedelta(days=3)
    groups = [_group(n, rng) for n in range(GROUPS)]
    with engine.begin() as connection:
        connection.execute(insert(KnownGroup), groups)
        for start in range(0, members, 10_000):
            ids = [str(uuid.uuid4()) for _ in range(min(10_000, members - start))]
            connection.execute(insert(KnownMember), [_member(i, rng, joined_late) for i in ids])
            connection.execute(insert(Contact), [_contact(i) for i in ids])
            connection.execute(insert(Preference), [_choice(i, c) for i in ids for c in CATEGORIES])
            connection.execute(
                insert(GroupPlace), [p for i in ids for p in _places(i, rng, groups)]
            )
        connection.execute(insert(KnownEvent), [_event(n, rng) for n in range(400)])
        connection.execute(insert(KnownPost), [_post(n, rng) for n in range(50)])
        connection.execute(
            insert(KnownCoffeeRound),
            [
                {
                    "round_id": str(uuid.uuid4()),
                    "number": 11,
                    "participants": members // 2,
                    "matches": members // 4,
                    "completed_at": MONTH.previous.starts_at,
                }
            ],
        )


def _member(member_id: str, rng: random.Random, joined_late: datetime) -> dict[str, object]:
    recent = rng.random() < 0.03
    joined = joined_late if recent else datetime(2025, 1, 1, tzinfo=UTC)
    name = f"Member {member_id[:8]}"
    region = rng.choice(REGIONS)
    interests = rng.sample(TOPICS, rng.randint(0, 3))
    return {
        "member_id": member_id,
        "display_name": name,
        "organisation": "NHS Trust",
        "region": region,
        "joined_at": joined,
        "profile_topics": {"interests": interests},
        "interests": interests,
    }


def _group(n: int, rng: random.Random) -> dict[str, object]:
    started = MONTH.previous.starts_at if n % 10 == 0 else datetime(2025, 6, 1, tzinfo=UTC)
    return {
        "group_id": str(uuid.uuid4()),
        "name": f"Group {n}",
        "purpose": "Share what works.",
        "topics": rng.sample(TOPICS, 2),
        "created_at": started + timedelta(days=n % 20),
    }


def _places(
    member_id: str, rng: random.Random, groups: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    recently = MONTH.previous.starts_at + timedelta(days=rng.randrange(28))
    return [
        {
            "group_id": group["group_id"],
            "member_id": member_id,
            "joined_at": recently if rng.random() < 0.1 else group["created_at"],
        }
        for group in rng.sample(groups, rng.choice([0, 1, 1, 2, 3]))
    ]


def _contact(member_id: str) -> dict[str, object]:
    return {
        "member_id": member_id,
        "email": f"{member_id}@example.org",
        "display_name": f"Member {member_id[:8]}",
        "consents": ["digest"],
        "updated_at": datetime.now(UTC),
    }


def _choice(member_id: str, category: str) -> dict[str, object]:
    return {
        "member_id": member_id,
        "category": category,
        "subscribed": category == "digest",
        "source": "consent at joining",
        "changed_at": datetime.now(UTC),
    }


def _event(n: int, rng: random.Random) -> dict[str, object]:
    starts = MONTH.previous.starts_at + timedelta(days=rng.randrange(0, 120), hours=10)
    return {
        "event_id": str(uuid.uuid4()),
        "title": f"Q event {n}",
        "kind": "webinar",
        "pillar": "learn",
        "region": rng.choice([None, *REGIONS]),
        "starts_at": starts,
        "ends_at": starts + timedelta(hours=1),
        "timezone": "Europe/London",
        "capacity": 50,
        "topics": rng.sample(TOPICS, 2),
    }


def _post(n: int, rng: random.Random) -> dict[str, object]:
    published = MONTH.previous.starts_at + timedelta(hours=n)
    return {
        "post_id": str(uuid.uuid4()),
        "kind": "blog",
        "title": f"Blog {n}",
        "pillar": "exchange",
        "topics": rng.sample(TOPICS, 1),
        "published_at": published,
    }


def queue_one_by_one(uow_factory: Callable[[], UnitOfWork], member_ids: list[str]) -> int:
    """Queue digests the naive way: a few queries and a commit per member."""
    queued = 0
    for member_id in member_ids:
        with uow_factory() as uow:
            reader = readers_between(uow.session, member_id, member_id)[member_id]
            sources = DigestSources.read_for_region(uow.session, BASELINE_MONTH, reader.region)
            context = sources.context_for(reader)
            message = queue_letter(
                uow,
                cause_id=f"digest-{BASELINE_MONTH.name}",
                member_id=member_id,
                template="digest",
                context=context,
            )
            uow.commit()
            queued += message is not None
    return queued


def measured(work: Callable[[], int]) -> tuple[int, float, float]:
    """Run `work`; return its result, seconds taken and the process's peak RSS in MiB."""
    started = time.perf_counter()
    result = work()
    seconds = time.perf_counter() - started
    return result, seconds, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def resident_mib() -> float:
    """Return the process's resident memory now, in MiB."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize() / 2**20


def main() -> None:
    """Seed the bench database, then time both ways of queueing the digest."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=100_000)
    parser.add_argument("--baseline", type=int, default=2_000)
    args = parser.parse_args()
    runtime = bootstrap(Settings.from_env("notifications", env={}, database_url=fresh_database()))
    started = time.perf_counter()
    seed(runtime.engine, args.members)
    print(f"seeded {args.members:,} members in {time.perf_counter() - started:.1f} s")
    scaled = run_baseline(runtime, args.members, args.baseline)
    before = resident_mib()

    def set_based() -> int:
        with runtime.unit_of_work() as uow:
            return queue_digests(uow=uow, month=MONTH)

    cpu = time.process_time()
    queued, seconds, peak = measured(set_based)
    cpu = time.process_time() - cpu
    print(
        f"set-based: {queued:,} digests composed and queued in {seconds:.1f} s (goal 60 s), "
        f"{cpu:.1f} s of it on this process's CPU, the rest waiting on PostgreSQL; "
        f"peak RSS {peak:.0f} MiB (resident before: {before:.0f} MiB); "
        f"{scaled / seconds:.0f}x faster than the baseline"
    )
    runtime.close()
    drop_database()


def run_baseline(runtime: Runtime, members: int, subset_size: int) -> float:
    """Time the naive way on a subset; print it and return its time scaled to `members`."""
    with runtime.unit_of_work() as uow:
        subset = list(uow.session.scalars(select(KnownMember.member_id).limit(subset_size)))
    naive, naive_s, peak = measured(lambda: queue_one_by_one(runtime.unit_of_work, subset))
    scaled = naive_s * members / max(naive, 1)
    print(
        f"baseline, one member at a time: {naive:,} digests in {naive_s:.1f} s, "
        f"peak RSS {peak:.0f} MiB; scaled to {members:,}: {scaled:.0f} s"
    )
    return scaled


if __name__ == "__main__":
    main()
