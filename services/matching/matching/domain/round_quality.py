"""How good a round's pairing is: repeats, mixing across organisations and regions, wishes met."""

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations

from matching.domain.pairing import Pairing
from matching.domain.pairing.affinity import EITHER, IN_PERSON, VIRTUAL, Affinity


@dataclass(frozen=True)
class RoundFigures:
    """A round's quality, as recorded with it and published when it completes."""

    participants: int
    pairs: int
    trios: int
    unmatched: int
    repeats: int
    format_clashes: int
    cross_organisation_share: float
    cross_region_share: float
    preference_hits: float


def meeting_format(affinity: Affinity, group: Sequence[int]) -> str:
    """Return in-person when every two in `group` can meet in person, else virtual."""
    if len(group) == 2:  # nearly every group: spare building the combinations
        return IN_PERSON if affinity.in_person(group[0], group[1]) else VIRTUAL
    if all(affinity.in_person(a, b) for a, b in combinations(group, 2)):
        return IN_PERSON
    return VIRTUAL


def measure(affinity: Affinity, pairing: Pairing) -> RoundFigures:
    """Measure `pairing` against the candidates' history and stated preferences."""
    groups = [[affinity.index[m] for m in group] for group in pairing.groups]
    links = [link for group in groups for link in combinations(group, 2)]
    wishes, hits = 0, 0
    for group in groups:
        in_person = meeting_format(affinity, group) == IN_PERSON
        for member in group:
            others = [o for o in group if o != member]
            asked, met = _wishes(affinity, member, others, in_person)
            wishes, hits = wishes + asked, hits + met
    return RoundFigures(
        participants=len(affinity.candidates),
        pairs=sum(len(g) == 2 for g in groups),
        trios=sum(len(g) == 3 for g in groups),
        unmatched=len(pairing.unmatched),
        repeats=sum(affinity.repeat(a, b) for a, b in links),
        format_clashes=sum(affinity.clash(a, b) for a, b in links),
        cross_organisation_share=_share(
            sum(affinity.organisation[a] != affinity.organisation[b] for a, b in links), len(links)
        ),
        cross_region_share=_share(
            sum(affinity.region[a] != affinity.region[b] for a, b in links), len(links)
        ),
        preference_hits=_share(hits, wishes),
    )


def _wishes(affinity: Affinity, member: int, others: list[int], in_person: bool) -> tuple[int, int]:
    asked = met = 0
    if affinity.format[member] != EITHER:
        asked += 1
        met += in_person == (affinity.format[member] == IN_PERSON)
    if affinity.other_org[member]:
        asked += 1
        met += any(affinity.organisation[o] != affinity.organisation[member] for o in others)
    if affinity.other_region[member]:
        asked += 1
        met += any(affinity.region[o] != affinity.region[member] for o in others)
    return asked, met


def _share(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0
