"""Time a coffee round of 100,000 members with a long history; compare with exact matching.

Run: `.venv/bin/python bench/coffee_round.py` (options: --size, --history, --compare, --year).
With --year N it also runs twelve monthly rounds of N members through the service on SQLite,
with members pausing, skipping and opting out, and prints each round's figures.
"""

import argparse
import random
import tempfile
import time
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from itertools import combinations

import networkx as nx
from sqlalchemy import select

from matching.bootstrap import bootstrap
from matching.domain.affinity import FORMATS, Affinity, Candidate
from matching.domain.model import Participant
from matching.domain.pairing import Pairing, make_pairs
from matching.domain.round_quality import measure
from matching.service_layer import rounds
from qplatform.config import Settings
from qplatform.db.migrate import upgrade

REGIONS = ("scotland", "north-west-coast", "west-midlands", "yorkshire-and-humber", "uclpartners")
History = list[list[tuple[str, ...]]]
SMALL_GROUP = 40


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


def main() -> None:
    """Run the benchmark from the command line."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--history", type=int, default=12)
    parser.add_argument("--compare", type=int, nargs="*", default=[12, 24, 200, 400])
    parser.add_argument("--year", type=int, default=0, help="members in a year of rounds")
    args = parser.parse_args()
    time_large_round(args.size, args.history)
    for size in args.compare:
        compare(size, args.history)
    if args.year:
        year_of_rounds(args.year)


if __name__ == "__main__":
    main()
