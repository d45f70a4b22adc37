"""The round's one trio: an odd member out joins the pair that suits them best.

Whoever was in a trio or unmatched last time is spared: the trio is built, where rules
allow, from members who were not.
"""

import random

from matching.domain.pairing.affinity import Affinity
from matching.domain.pairing.improvement import Pair, pair_indexes

FAVOURED_IN_TRIO = 50.0


def with_trio(
    affinity: Affinity, pairs: list[Pair], left: list[int], rng: random.Random
) -> tuple[list[tuple[int, ...]], list[int]]:
    """Add one member left over to the pair that suits them, leaving the rest unmatched."""
    left = list(left)
    for member in sorted(left, key=lambda m: affinity.favoured[m]):
        joiner = (
            _trade_places(affinity, pairs, member, rng) if affinity.favoured[member] else member
        )
        # A favoured member who traded places has a pair now; whoever they displaced is
        # the one left over, whether or not a pair can take them in.
        left[left.index(member)] = joiner
        best = _best_pair_to_join(affinity, pairs, joiner, rng)
        if best is not None:
            best = _spare_the_favoured(affinity, pairs, best, joiner, rng)
            groups: list[tuple[int, ...]] = list(pairs)
            groups[best] = (*pairs[best], joiner)
            return groups, [m for m in left if m != joiner]
    return list(pairs), left


def _trade_places(affinity: Affinity, pairs: list[Pair], member: int, rng: random.Random) -> int:
    """Give a favoured member left over the place of someone who was not; return who is out."""
    for j in pair_indexes(pairs, rng):
        for stays, goes in (pairs[j], pairs[j][::-1]):
            if (
                not affinity.favoured[goes]
                and affinity.allowed(stays, member)
                and _faults(affinity, (stays, member)) <= _faults(affinity, (stays, goes))
            ):
                pairs[j] = (stays, member)
                return goes
    return member


def _best_pair_to_join(
    affinity: Affinity, pairs: list[Pair], member: int, rng: random.Random
) -> int | None:
    best, best_score = None, float("-inf")
    for j in pair_indexes(pairs, rng):
        a, b = pairs[j]
        wa, wb = affinity.weight(member, a), affinity.weight(member, b)
        if wa is None or wb is None:
            continue
        score = wa + wb - FAVOURED_IN_TRIO * (affinity.favoured[a] + affinity.favoured[b])
        if score > best_score:
            best, best_score = j, score
    return best


def _spare_the_favoured(
    affinity: Affinity, pairs: list[Pair], best: int, member: int, rng: random.Random
) -> int:
    """Return the pair `member` should join, rearranged if need be to hold no favoured one."""
    favoured = affinity.favoured
    if not any(favoured[m] for m in pairs[best]):
        return best
    hosts = [j for j in pair_indexes(pairs, rng) if not all(favoured[m] for m in pairs[j])]
    allowance = _joining_faults(affinity, member, pairs[best])
    for i, first in enumerate(hosts):
        for second in hosts[i + 1 :]:
            if _host_from(affinity, pairs, (first, second), member, allowance):
                return first
    return best


def _host_from(
    affinity: Affinity, pairs: list[Pair], chosen: tuple[int, int], member: int, allowance: int
) -> bool:
    first, second = chosen
    (a, b), (c, d) = pairs[first], pairs[second]
    favoured = affinity.favoured
    before = _faults(affinity, (a, b)) + _faults(affinity, (c, d)) + allowance
    for host, other in (((a, c), (b, d)), ((b, d), (a, c)), ((a, d), (b, c)), ((b, c), (a, d))):
        if (
            not favoured[host[0]]
            and not favoured[host[1]]
            and affinity.allowed(*host)
            and affinity.allowed(*other)
            and affinity.allowed(member, host[0])
            and affinity.allowed(member, host[1])
            and _faults(affinity, host)
            + _faults(affinity, other)
            + _joining_faults(affinity, member, host)
            <= before
        ):
            pairs[first], pairs[second] = host, other
            return True
    return False


def _faults(affinity: Affinity, pair: Pair) -> int:
    """Weigh a pair's breaches of the rules that outrank favouring: repeats, then clashes."""
    return 1000 * affinity.repeat(*pair) + affinity.clash(*pair)


def _joining_faults(affinity: Affinity, member: int, pair: Pair) -> int:
    return _faults(affinity, (member, pair[0])) + _faults(affinity, (member, pair[1]))
