"""Local improvement of a round's pairs: swap partners between two pairs when it helps."""

import random

from matching.domain.pairing.affinity import Affinity

Pair = tuple[int, int]
EXHAUSTIVE_UP_TO = 400
SAMPLED_PAIRS = 300
PAIR_SAMPLE = 400


def swap_gain(affinity: Affinity, first: Pair, second: Pair) -> tuple[float, Pair, Pair] | None:
    """Return the best gain of exchanging partners between two pairs, and the new pairs."""
    a, b = first
    c, d = second
    weight = affinity.weight
    before = (weight(a, b) or 0.0) + (weight(c, d) or 0.0)
    best: tuple[float, Pair, Pair] | None = None
    for x, y in (((a, c), (b, d)), ((a, d), (b, c))):
        wx, wy = weight(*x), weight(*y)
        if wx is None or wy is None:
            continue
        gain = wx + wy - before
        if best is None or gain > best[0]:
            best = (gain, x, y)
    return best


def _others(pairs: list[Pair], own: int, rng: random.Random) -> list[int]:
    if len(pairs) <= EXHAUSTIVE_UP_TO:
        return [i for i in range(len(pairs)) if i != own]
    return [j for j in (rng.randrange(len(pairs)) for _ in range(SAMPLED_PAIRS)) if j != own]


def _improve_pair(affinity: Affinity, pairs: list[Pair], i: int, rng: random.Random) -> bool:
    best: tuple[float, int, Pair, Pair] | None = None
    for j in _others(pairs, i, rng):
        found = swap_gain(affinity, pairs[i], pairs[j])
        if found and found[0] > 1e-9 and (best is None or found[0] > best[0]):
            best = (found[0], j, found[1], found[2])
    if best is None:
        return False
    pairs[i], pairs[best[1]] = best[2], best[3]
    return True


def repair(affinity: Affinity, pairs: list[Pair], rng: random.Random, passes: int = 4) -> None:
    """Swap partners so that repeats and format clashes go wherever another pair can take them."""
    for _ in range(passes):
        bad = [i for i, (a, b) in enumerate(pairs) if (affinity.weight(a, b) or 0.0) < 0]
        if not bad:
            return
        changed = False
        for i in bad:
            a, b = pairs[i]
            if (affinity.weight(a, b) or 0.0) < 0:
                changed |= _improve_pair(affinity, pairs, i, rng)
        if not changed:
            return


def polish(affinity: Affinity, pairs: list[Pair], rng: random.Random, tries: int) -> None:
    """Exchange partners between two pairs wherever that raises the round's total weight."""
    if len(pairs) <= EXHAUSTIVE_UP_TO // 2:
        _polish_every_two(affinity, pairs)
        return
    for _ in range(tries):
        i, j = rng.randrange(len(pairs)), rng.randrange(len(pairs))
        if i != j:
            _keep_if_better(affinity, pairs, i, j)


def _polish_every_two(affinity: Affinity, pairs: list[Pair], passes: int = 6) -> None:
    for _ in range(passes):
        changed = False
        for i in range(len(pairs)):
            for j in range(i + 1, len(pairs)):
                changed |= _keep_if_better(affinity, pairs, i, j)
        if not changed:
            return


def _keep_if_better(affinity: Affinity, pairs: list[Pair], i: int, j: int) -> bool:
    found = swap_gain(affinity, pairs[i], pairs[j])
    if found and found[0] > 1e-9:
        pairs[i], pairs[j] = found[1], found[2]
        return True
    return False


def pair_indexes(pairs: list[Pair], rng: random.Random) -> list[int]:
    """Return the indexes of every pair, or of a random sample of them in a large round."""
    if len(pairs) <= PAIR_SAMPLE:
        return list(range(len(pairs)))
    return [rng.randrange(len(pairs)) for _ in range(PAIR_SAMPLE)]
