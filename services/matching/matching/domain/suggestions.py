"""Whom a member might want to meet: shared expertise and interests, other places first."""

from collections.abc import Iterable
from dataclasses import dataclass

SHARED_EXPERTISE, SHARED_INTEREST, ACROSS = 3, 2, 1


@dataclass(frozen=True)
class Profile:
    """What suggestions know of a member."""

    member_id: str
    display_name: str
    region: str
    organisation: str
    expertise: frozenset[str]
    interests: frozenset[str]


@dataclass(frozen=True)
class Suggestion:
    """A member worth meeting, and why in a few words."""

    member_id: str
    display_name: str
    region: str
    organisation: str
    reason: str
    score: int


def suggest_people(
    me: Profile, others: Iterable[Profile], avoided: Iterable[str] = (), limit: int = 10
) -> list[Suggestion]:
    """Return up to `limit` members sharing `me`'s expertise or interests, best first."""
    skip = {me.member_id, *avoided}
    found = [_suggestion(me, other) for other in others if other.member_id not in skip]
    ranked = sorted((s for s in found if s is not None), key=lambda s: (-s.score, s.member_id))
    return ranked[:limit]


def _suggestion(me: Profile, other: Profile) -> Suggestion | None:
    expertise = me.expertise & other.expertise
    interests = (me.interests & other.interests) - expertise
    if not expertise and not interests:
        return None
    elsewhere = [
        label
        for label, differs in (
            ("another region", other.region != me.region),
            ("another organisation", other.organisation != me.organisation),
        )
        if differs
    ]
    score = SHARED_EXPERTISE * len(expertise) + SHARED_INTEREST * len(interests)
    return Suggestion(
        member_id=other.member_id,
        display_name=other.display_name,
        region=other.region,
        organisation=other.organisation,
        reason=_reason(expertise, interests, elsewhere),
        score=score + ACROSS * len(elsewhere),
    )


def _reason(expertise: frozenset[str], interests: frozenset[str], elsewhere: list[str]) -> str:
    parts = []
    if expertise:
        parts.append(f"shares your expertise in {_listed(expertise)}")
    if interests:
        parts.append(f"is also interested in {_listed(interests)}")
    if elsewhere:
        parts.append(f"works in {' and '.join(elsewhere)}")
    return "; ".join(parts).capitalize() + "."


def _listed(words: Iterable[str]) -> str:
    ordered = sorted(words)
    return ordered[0] if len(ordered) == 1 else f"{', '.join(ordered[:-1])} and {ordered[-1]}"
