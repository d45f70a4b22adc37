"""Load 100,000 members into PostgreSQL and time typical directory searches.

Usage: `.venv/bin/python bench/directory_search.py [--members N] [--runs N] [--rounds N]
[--url URL]`. It migrates its own schema of membership's test database (port 15433 unless
`--url`), which it drops at the end, and prints p50/p95 per query, each round, next to an
unindexed ILIKE scan of the members table timed in the same round.
"""

import argparse
import random
import statistics
import subprocess
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

from sqlalchemy import Engine, create_engine, insert, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from membership.adapters.repositories.directory import DirectoryEntries, DirectoryQuery
from membership.domain.directory import STARTING_EXPERTISE, DirectoryEntry, ExpertiseArea, entry_for
from membership.domain.model import Member
from membership.domain.recruitment import STARTING_REGIONS
from qplatform.db.migrate import upgrade
from qplatform.paging import PageRequest

SCHEMA = "directory_bench"
ROOT = Path(__file__).resolve().parents[1]
FIRST = [
    "Asha",
    "Ben",
    "Cara",
    "Dev",
    "Ewan",
    "Fiona",
    "Gita",
    "Hamish",
    "Isla",
    "Jon",
    "Kiran",
    "Lena",
    "Mo",
    "Nia",
    "Owen",
    "Priya",
]
LAST = [
    "Patel",
    "Ross",
    "Doyle",
    "Lee",
    "Khan",
    "Smith",
    "Jones",
    "Evans",
    "Murray",
    "Begum",
    "Walsh",
    "Young",
    "Hughes",
]
ROLES = ["Improvement Lead", "Consultant Nurse", "GP", "Data Analyst", "Service Manager"]
TOPICS = [
    "sepsis",
    "falls",
    "frailty",
    "flow",
    "discharge",
    "maternity",
    "dementia",
    "diabetes",
    "stroke",
]
WORDS = ["led", "ran", "coached", "measured", "redesigned", "scaled", "co-produced", "taught"]


def main() -> None:
    """Load the members, time the searches and print the figures."""
    args = _arguments()
    # The earlier revisions need pg_trgm from public; everything is created in the bench schema.
    url = make_url(args.url).update_query_dict({"options": f"-csearch_path={SCHEMA},public"})
    engine = create_engine(url)
    with _bench_schema(engine):
        upgrade("membership", url.render_as_string(hide_password=False))
        started = time.perf_counter()
        _load(engine, args.members)
        print(f"loaded {args.members:,} members in {time.perf_counter() - started:.1f}s")
        for _ in range(args.rounds):
            _report(engine, args.runs)


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=60)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--url", default=None)
    args = parser.parse_args()
    args.url = args.url or _test_database_url()
    return args


def _test_database_url() -> str:
    script = ROOT / "deploy" / "postgres" / "cluster.sh"
    found = subprocess.run(
        [str(script), "url", "membership"],
        env={"PG_PORT": "15433", "PATH": "/usr/bin:/bin"},
        check=True,
        capture_output=True,
        text=True,
    )
    return found.stdout.strip()


@contextmanager
def _bench_schema(engine: Engine) -> Iterator[None]:
    with engine.begin() as connection:
        connection.execute(text(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE"))
        connection.execute(text(f"CREATE SCHEMA {SCHEMA}"))
        # Public holds the test database's own revision table; give Alembic one here first.
        connection.execute(
            text(
                f"CREATE TABLE {SCHEMA}.alembic_version (version_num varchar(32) NOT NULL "
                "CONSTRAINT alembic_version_pkc PRIMARY KEY)"
            )
        )
    try:
        yield
    finally:
        with engine.begin() as connection:
            connection.execute(text(f"DROP SCHEMA {SCHEMA} CASCADE"))


def _load(engine: Engine, count: int) -> None:
    rng = random.Random(7)
    with Session(engine) as session:
        areas = {area.slug: area for area in session.scalars(select(ExpertiseArea))}
    with engine.begin() as connection:
        for start in range(0, count, 5000):
            members = [_member(rng, n) for n in range(start, min(start + 5000, count))]
            connection.execute(insert(Member), [_columns(m) for m in members])
            entries = [entry_for(m, areas) for m in members]
            connection.execute(insert(DirectoryEntry), [_columns(e) for e in entries])
    with Session(engine) as session:
        DirectoryEntries(session).recount()
        session.commit()
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("VACUUM ANALYZE"))


def _member(rng: random.Random, n: int) -> Member:
    topic = rng.choice(TOPICS)
    return Member(
        id=f"00000000-0000-4000-8000-{n:012d}",
        email=f"member{n}@example.org",
        display_name=f"{rng.choice(FIRST)} {rng.choice(LAST)} {n}",
        organisation=f"{rng.choice(LAST)} NHS Trust {rng.randrange(300)}",
        job_title=rng.choice(ROLES),
        region=rng.choice(STARTING_REGIONS)[0],
        mail_categories=[],
        joined_at=datetime.now(UTC),
        roles=["connector"] if rng.random() < 0.03 else [],
        bio=f"{rng.choice(WORDS).title()} improvement on {topic} in {rng.randrange(9)} wards.",
        expertise=rng.sample([s for s, _ in STARTING_EXPERTISE], rng.randrange(1, 4)),
        tags=[topic],
        interests=[],
        links=[],
    )


def _columns(row: object) -> dict[str, object]:
    table = row.__table__  # type: ignore[attr-defined]
    return {c.key: getattr(row, c.key) for c in table.columns if hasattr(row, c.key)}


def _report(engine: Engine, runs: int) -> None:
    timings: dict[str, list[float]] = {}
    with Session(engine) as session:
        directory = DirectoryEntries(session)
        queries = _typical_queries()
        for name, query in queries.items():
            timings[name] = _timed(runs, partial(directory.search, query))
        # Typing three letters matches a quarter of everyone: timed, but not as typical.
        pat = _timed(runs, partial(directory.search, DirectoryQuery(text="pat")))
        timings["baseline: unindexed ILIKE scan"] = _timed(runs, lambda: _baseline(session))
    print(f"{'query':<44}{'p50 ms':>9}{'p95 ms':>9}")
    for name, samples in timings.items():
        _line(name, samples)
    typical = [t for name, ts in timings.items() if not name.startswith("baseline") for t in ts]
    _line("all typical queries", typical)
    _line("not typical: a word's beginning, 'pat'", pat)


def _line(name: str, samples: list[float]) -> None:
    print(f"{name:<44}{_percentile(samples, 50):>9.1f}{_percentile(samples, 95):>9.1f}")


def _typical_queries() -> dict[str, DirectoryQuery]:
    return {
        "first page, no text (facets over all)": DirectoryQuery(),
        "second page": DirectoryQuery(page=PageRequest(number=2)),
        "one topic word: 'sepsis'": DirectoryQuery(text="sepsis"),
        "a surname: 'patel'": DirectoryQuery(text="patel"),
        "two words: 'coached dementia'": DirectoryQuery(text="coached dementia"),
        "region filter: scotland": DirectoryQuery(region="scotland"),
        "expertise + word: lean, 'frailty'": DirectoryQuery(text="frailty", expertise="lean"),
        "organisation filter": DirectoryQuery(organisation="Patel NHS Trust 42"),
        "role filter: connector": DirectoryQuery(role="connector"),
        "rare word: 'hamish murray 4242'": DirectoryQuery(text="hamish murray 4242"),
    }


def _baseline(session: Session) -> None:
    where = "(display_name || ' ' || organisation || ' ' || coalesce(bio, '')) ILIKE :term"
    params = {"term": "%sepsis%"}
    session.execute(text(f"SELECT count(*) FROM members WHERE {where}"), params).scalar()
    session.execute(
        text(f"SELECT id FROM members WHERE {where} ORDER BY display_name, id LIMIT 21"), params
    ).all()


def _timed(runs: int, search: Callable[[], object]) -> list[float]:
    search()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        search()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def _percentile(samples: list[float], p: int) -> float:
    return statistics.quantiles(samples, n=100, method="inclusive")[p - 1]


if __name__ == "__main__":
    main()
