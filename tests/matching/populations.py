"""Random coffee-trial populations and histories, for property tests and the benchmark."""

import random
from collections.abc import Sequence
from dataclasses import replace

from hypothesis import strategies as st

from matching.domain.pairing.affinity import FORMATS, Candidate

REGIONS = ("scotland", "wales", "eastern", "oxford", "wessex")


@st.composite
def populations(draw: st.DrawFn, max_size: int = 30, do_not_pairs: bool = True) -> list[Candidate]:
    """Draw members with regions, organisations, formats, wishes and do-not-pair lists."""
    size = draw(st.integers(min_value=0, max_value=max_size))
    ids = [f"m{i:03d}" for i in range(size)]
    people = [
        Candidate(
            member_id=member,
            region=draw(st.sampled_from(REGIONS[:3])),
            organisation=draw(st.sampled_from(["nhs-a", "nhs-b", "council", "charity"])),
            meeting_format=draw(st.sampled_from(FORMATS)),
            prefers_other_organisation=draw(st.booleans()),
            prefers_other_region=draw(st.booleans()),
            left_over_last_time=draw(st.booleans()),
        )
        for member in ids
    ]
    if not do_not_pairs or size < 2:
        return people
    bans = draw(st.lists(st.tuples(st.sampled_from(ids), st.sampled_from(ids)), max_size=size))
    return [
        replace(p, never=frozenset(b for a, b in bans if a == p.member_id and b != a))
        for p in people
    ]


def random_history(members: Sequence[str], rounds: int, seed: int) -> list[list[tuple[str, ...]]]:
    """Return `rounds` past rounds of random pairs among `members`, oldest first."""
    rng = random.Random(seed)
    history = []
    for _ in range(rounds):
        shuffled = list(members)
        rng.shuffle(shuffled)
        history.append([tuple(shuffled[i : i + 2]) for i in range(0, len(shuffled) - 1, 2)])
    return history
