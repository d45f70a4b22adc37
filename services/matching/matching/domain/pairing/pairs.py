"""Pair a coffee round's candidates: greedy choice among sampled partners, then repair.

Exact maximum-weight matching is cubic in the number of members; this is close to linear.
Each member, in an order fixed by the seed (those left over last time first, then those
who need to meet in person), takes the best of a bounded random sample of members still
waiting. Swaps between pairs then remove every repeat and format clash that another pair
can absorb, and an odd member out joins the pair that suits them best as the one trio.
"""

import random
from collections.abc import Sequence
from dataclasses import dataclass

from matching.domain.pairing.affinity import (
    DEFAULT_COOLDOWN,
    IN_PERSON,
    Affinity,
    Candidate,
    PastRounds,
)
from matching.domain.pairing.improvement import Pair, pair_indexes, polish, repair
from matching.domain.pairing.rerouting import reroute
from matching.domain.pairing.trio import with_trio
from matching.domain.pairing.waiting_pool import WaitingPool
from qplatform.cycles import no_cycle_collection

SAMPLE_SIZE = 16
ATTEMPTS = 3
POLISH_TRIES = 10_000


@dataclass(frozen=True)
class Pairing:
    """A round's groups of two (and at most one of three), and anyone no one may meet."""

    groups: list[tuple[str, ...]]
    unmatched: list[str]


def make_pairs(
    candidates: Sequence[Candidate],
    *,
    seed: int,
    past_rounds: PastRounds = (),
    cooldown: int = DEFAULT_COOLDOWN,
    sample_size: int = SAMPLE_SIZE,
) -> Pairing:
    """Pair `candidates`; the same seed, candidates and history give the same pairing."""
    with no_cycle_collection():
        ordered = sorted(candidates, key=lambda c: c.member_id)
        return pair(Affinity(ordered, past_rounds, cooldown), seed=seed, sample_size=sample_size)


def pair(affinity: Affinity, *, seed: int, sample_size: int = SAMPLE_SIZE) -> Pairing:
    """Pair the candidates of `affinity`, who must be in member id order."""
    with no_cycle_collection():
        return _pair(affinity, random.Random(seed), sample_size)


def _pair(affinity: Affinity, rng: random.Random, sample_size: int) -> Pairing:
    pairs, left = _greedy(affinity, _order(affinity, rng), rng, sample_size)
    left = _rescue(affinity, pairs, left, rng)
    repair(affinity, pairs, rng)
    pairs = reroute(affinity, pairs, rng)
    polish(affinity, pairs, rng, tries=min(2 * len(pairs), POLISH_TRIES))
    repair(affinity, pairs, rng)
    groups, unmatched = with_trio(affinity, pairs, left, rng)
    ids = [c.member_id for c in affinity.candidates]
    return Pairing(
        groups=[tuple(sorted(ids[m] for m in group)) for group in groups],
        unmatched=sorted(ids[m] for m in unmatched),
    )


def _order(affinity: Affinity, rng: random.Random) -> list[int]:
    order = list(range(len(affinity.candidates)))
    rng.shuffle(order)
    order.sort(key=lambda i: (not affinity.favoured[i], affinity.format[i] != IN_PERSON))
    return order


def _greedy(
    affinity: Affinity, order: list[int], rng: random.Random, size: int
) -> tuple[list[Pair], list[int]]:
    everyone = WaitingPool(order)
    regional: dict[int, WaitingPool] = {}
    for member in order:
        regional.setdefault(affinity.region[member], WaitingPool()).add(member)
    taken = [False] * len(order)
    pairs: list[Pair] = []
    left: list[int] = []
    for member in order:
        if taken[member]:
            continue
        everyone.discard(member)
        regional[affinity.region[member]].discard(member)
        partner = _choose(affinity, member, everyone, regional[affinity.region[member]], rng, size)
        if partner is None:
            left.append(member)
            continue
        taken[member] = taken[partner] = True
        everyone.discard(partner)
        regional[affinity.region[partner]].discard(partner)
        pairs.append((member, partner))
    return pairs, left


def _choose(
    affinity: Affinity,
    member: int,
    everyone: WaitingPool,
    local: WaitingPool,
    rng: random.Random,
    size: int,
) -> int | None:
    best, best_weight = None, float("-inf")
    for _ in range(ATTEMPTS):
        if affinity.format[member] == IN_PERSON:
            sample = local.sample(rng, size) + everyone.sample(rng, size // 4)
        else:
            sample = everyone.sample(rng, size)
        for other in sample:
            weight = affinity.weight(member, other)
            if weight is not None and weight > best_weight:
                best, best_weight = other, weight
        if best_weight >= 0 or len(everyone) <= size:
            break
    if best is None:
        best = next((o for o in everyone.members() if affinity.allowed(member, o)), None)
    return best


def _rescue(
    affinity: Affinity, pairs: list[Pair], left: list[int], rng: random.Random
) -> list[int]:
    """Pair up members left over by do-not-pair lists, directly or by taking over a partner."""
    unresolved: list[int] = []
    while left:
        member = left.pop()
        other = next((o for o in left if affinity.allowed(member, o)), None)
        if other is not None:
            left.remove(other)
            pairs.append((member, other))
        elif not _take_over(affinity, pairs, member, left, rng):
            unresolved.append(member)
    return unresolved


def _take_over(
    affinity: Affinity, pairs: list[Pair], member: int, left: list[int], rng: random.Random
) -> bool:
    for j in pair_indexes(pairs, rng):
        for first, second in (pairs[j], pairs[j][::-1]):
            for other in left:
                if affinity.allowed(member, first) and affinity.allowed(other, second):
                    left.remove(other)
                    pairs[j] = (member, first)
                    pairs.append((other, second))
                    return True
    return False
