"""Remove repeats that no single swap can: reroute partners along a chain of fresh pairs.

Pairs that repeat a recent meeting are loose ends. From one loose end, a breadth-first
search walks alternately along fresh (allowed, not recent) links and current fresh pairs
until it reaches another loose end; flipping that chain pairs both ends freshly, and their
old partners pair with each other. Each flip lowers the number of repeats by at least one.
"""

import random

from matching.domain.pairing.affinity import Affinity
from matching.domain.pairing.improvement import Pair

EXHAUSTIVE_UP_TO = 800
SAMPLED_NEIGHBOURS = 60
SEARCH_LIMIT = 400


def reroute(affinity: Affinity, pairs: list[Pair], rng: random.Random) -> list[Pair]:
    """Return `pairs` with repeats rerouted away wherever a chain of fresh pairs allows."""
    partner: dict[int, int] = {}
    for a, b in pairs:
        partner[a], partner[b] = b, a
    loose = {m for m in partner if affinity.repeat(m, partner[m])}
    members = sorted(partner)
    for root in sorted(loose):
        if root in loose:
            _flip_from(affinity, partner, loose, root, rng, members)
    return [(a, b) for a, b in partner.items() if a < b]


def _neighbours(affinity: Affinity, members: list[int], rng: random.Random) -> list[int]:
    if len(members) <= EXHAUSTIVE_UP_TO:
        return members
    return [members[rng.randrange(len(members))] for _ in range(SAMPLED_NEIGHBOURS)]


def _fresh(affinity: Affinity, a: int, b: int) -> bool:
    return a != b and affinity.allowed(a, b) and not affinity.repeat(a, b)


def _flip_from(
    affinity: Affinity,
    partner: dict[int, int],
    loose: set[int],
    root: int,
    rng: random.Random,
    members: list[int],
) -> None:
    search = _ChainSearch(affinity, partner, loose, root, rng, members)
    chain = search.extend([root], {root})
    if chain is not None:
        _flip(affinity, partner, loose, chain)


class _ChainSearch:
    """A bounded depth-first search for a chain of fresh pairs between two loose ends."""

    def __init__(
        self,
        affinity: Affinity,
        partner: dict[int, int],
        loose: set[int],
        root: int,
        rng: random.Random,
        members: list[int],
    ) -> None:
        self.affinity, self.partner, self.loose = affinity, partner, loose
        self.root, self.rng = root, rng
        self.members = members
        self.budget = SEARCH_LIMIT

    def extend(self, chain: list[int], used: set[int]) -> list[int] | None:
        """Return `chain` carried on to another loose end, or None within the budget."""
        self.budget -= 1
        if self.budget < 0:
            return None
        outer = chain[-1]
        for other in _neighbours(self.affinity, self.members, self.rng):
            if other in used or not _fresh(self.affinity, outer, other):
                continue
            if other in self.loose:
                if _ends_meet(self.affinity, self.partner, self.root, other):
                    return [*chain, other]
                continue
            mate = self.partner[other]
            if mate not in used:
                found = self.extend([*chain, other, mate], used | {other, mate})
                if found is not None:
                    return found
        return None


def _ends_meet(affinity: Affinity, partner: dict[int, int], root: int, end: int) -> bool:
    left_root, left_end = partner[root], partner[end]
    return end == left_root or affinity.allowed(left_root, left_end)


def _flip(affinity: Affinity, partner: dict[int, int], loose: set[int], chain: list[int]) -> None:
    root, end = chain[0], chain[-1]
    left_root, left_end = partner[root], partner[end]
    for a, b in zip(chain[::2], chain[1::2], strict=True):
        partner[a], partner[b] = b, a
    loose.difference_update({root, end})
    if end != left_root:
        partner[left_root], partner[left_end] = left_end, left_root
        if not affinity.repeat(left_root, left_end):
            loose.difference_update({left_root, left_end})
