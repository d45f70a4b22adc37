"""Who may meet whom in a coffee round, and how good a pairing of two members is."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

VIRTUAL, IN_PERSON, EITHER = "virtual", "in-person", "either"
FORMATS = (VIRTUAL, IN_PERSON, EITHER)
DEFAULT_COOLDOWN = 6

# Rule order becomes weight order: a repeat costs more than any format clash, which costs
# more than every preference together, so no trade of lesser rules ever buys a repeat.
REPEAT = 1000.0
REPEAT_RECENCY = 10.0
FORMAT_CLASH = 100.0
OTHER_ORGANISATION = 10.0
PREFERENCE_MET = 5.0
IN_PERSON_MET = 3.0


@dataclass(frozen=True)
class Candidate:
    """A member eligible for this round, with what they asked for."""

    member_id: str
    region: str
    organisation: str
    meeting_format: str = EITHER
    prefers_other_organisation: bool = False
    prefers_other_region: bool = False
    never: frozenset[str] = field(default_factory=frozenset)
    left_over_last_time: bool = False


PastRounds = Sequence[Sequence[Sequence[str]]]


class Affinity:
    """Score pairs of candidates by index; None means the two must never meet."""

    def __init__(
        self,
        candidates: Sequence[Candidate],
        past_rounds: PastRounds = (),
        cooldown: int = DEFAULT_COOLDOWN,
    ) -> None:
        self.candidates = list(candidates)
        self.index = {c.member_id: i for i, c in enumerate(self.candidates)}
        self.count = len(self.candidates)
        self.region = _codes(c.region for c in self.candidates)
        self.organisation = _codes(c.organisation for c in self.candidates)
        self.format = [c.meeting_format for c in self.candidates]
        self.other_org = [c.prefers_other_organisation for c in self.candidates]
        self.other_region = [c.prefers_other_region for c in self.candidates]
        self.favoured = [c.left_over_last_time for c in self.candidates]
        self.cooldown = cooldown
        self.never: list[set[int] | None] = [
            {self.index[m] for m in c.never if m in self.index} or None for c in self.candidates
        ]
        self.recent = self._recent(past_rounds)

    def _recent(self, past_rounds: PastRounds) -> dict[int, int]:
        # Keyed by pair (a * count + b, both ways), valued by how many rounds ago they met:
        # one flat dict answers a large round's million lookups a fifth faster than a dict
        # per member.
        recent: dict[int, int] = {}
        window = list(past_rounds)[-self.cooldown :] if self.cooldown > 0 else []
        position, count = self.index.get, len(self.candidates)
        # Newest round first, so each pair keeps how long ago they last met.
        for ago, groups in enumerate(reversed(window), start=1):
            for group in groups:
                members = [i for i in map(position, group) if i is not None]
                for a in members:
                    for b in members:
                        if a != b:
                            recent.setdefault(a * count + b, ago)
        return recent

    def allowed(self, a: int, b: int) -> bool:
        """Tell whether `a` and `b` may meet at all."""
        never_a, never_b = self.never[a], self.never[b]
        return not ((never_a and b in never_a) or (never_b and a in never_b)) and a != b

    def repeat(self, a: int, b: int) -> bool:
        """Tell whether `a` and `b` met within the cooldown."""
        return a * self.count + b in self.recent

    def in_person(self, a: int, b: int) -> bool:
        """Tell whether `a` and `b` can meet in person: same region, neither virtual only."""
        return (
            self.region[a] == self.region[b]
            and self.format[a] != VIRTUAL
            and self.format[b] != VIRTUAL
        )

    def clash(self, a: int, b: int) -> bool:
        """Tell whether no meeting format suits both `a` and `b`."""
        needs_in_person = self.format[a] == IN_PERSON or self.format[b] == IN_PERSON
        return needs_in_person and not self.in_person(a, b)

    def weight(self, a: int, b: int) -> float | None:
        """Score meeting `a` with `b`: higher is better, None is never."""
        # Written flat: the greedy pass calls this millions of times on a large round.
        if a == b:
            return None
        never = self.never[a]
        if never is not None and b in never:
            return None
        never = self.never[b]
        if never is not None and a in never:
            return None
        score = 0.0
        ago = self.recent.get(a * self.count + b)
        if ago is not None:
            score -= REPEAT + REPEAT_RECENCY * (self.cooldown - ago)
        same_region = self.region[a] == self.region[b]
        fa, fb = self.format[a], self.format[b]
        if fa == IN_PERSON or fb == IN_PERSON:
            met = same_region and fa != VIRTUAL and fb != VIRTUAL
            score += IN_PERSON_MET if met else -FORMAT_CLASH
        if self.organisation[a] != self.organisation[b]:
            score += OTHER_ORGANISATION + PREFERENCE_MET * (self.other_org[a] + self.other_org[b])
        if not same_region:
            score += PREFERENCE_MET * (self.other_region[a] + self.other_region[b])
        return score


def _codes(values: Iterable[str]) -> list[int]:
    codes: dict[str, int] = {}
    return [codes.setdefault(value, len(codes)) for value in values]
