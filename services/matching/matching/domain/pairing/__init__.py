"""Pairing a coffee round's candidates: pure computation, no storage and no clock.

The same candidates, history and seed always give the same pairs, so a round can be
paired again from its snapshot. `affinity` says how well two candidates suit each other;
`pairs` makes the round's pairs from a seeded order with a `waiting_pool` of sampled
partners, then `improvement` swaps away repeats and clashes, `rerouting` moves members
along chains of pairs, and `trio` places an odd member out.
"""

from matching.domain.pairing.affinity import Affinity, Candidate, PastRounds
from matching.domain.pairing.pairs import Pairing, make_pairs, pair

__all__ = ["Affinity", "Candidate", "Pairing", "PastRounds", "make_pairs", "pair"]
