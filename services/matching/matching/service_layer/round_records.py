"""What holding a round writes: its candidates, matches, the members' outcome, the news."""

from collections.abc import Sequence
from dataclasses import asdict

from matching.domain.model import Standing
from matching.domain.pairing import Pairing
from matching.domain.pairing.affinity import Affinity, Candidate
from matching.domain.round_quality import RoundFigures, meeting_format
from matching.domain.rounds import CoffeeRound, new_id
from matching.service_layer.unit_of_work import MatchingUnitOfWork

NO_ONE: frozenset[str] = frozenset()


def candidates(eligible: Sequence[Standing], never: dict[str, set[str]]) -> list[Candidate]:
    """Return the eligible as the pairing sees them, each avoiding whoever avoids them."""
    avoided_by: dict[str, set[str]] = {}
    for member, others in never.items():
        for other in others:
            avoided_by.setdefault(other, set()).add(member)
    return [
        Candidate(
            member_id=p.member_id,
            region=p.region,
            organisation=p.organisation,
            meeting_format=p.meeting_format,
            prefers_other_organisation=p.prefers_other_organisation,
            prefers_other_region=p.prefers_other_region,
            never=_both(never.get(p.member_id), avoided_by.get(p.member_id)),
            left_over_last_time=p.left_over_last_time,
        )
        for p in eligible
    ]


def _both(never: set[str] | None, avoided_by: set[str] | None) -> frozenset[str]:
    # Most members name no one and no one names them: share one empty set among them.
    if never is None and avoided_by is None:
        return NO_ONE
    return frozenset((never or NO_ONE) | (avoided_by or NO_ONE))


def record_matches(
    uow: MatchingUnitOfWork, coffee_round: CoffeeRound, pairing: Pairing, affinity: Affinity
) -> None:
    """Keep the round's matches and stage a match-made for each.

    The events are built while the database stores the matches' members: the two take
    the time of the longer, not their sum.
    """
    made = [
        (new_id(), meeting_format(affinity, [affinity.index[m] for m in group]), group)
        for group in pairing.groups
    ]
    with uow.matches.adding(coffee_round.id, coffee_round.number or 0, made):
        for match_id, format_, group in made:
            uow.publish(
                "match-made",
                subject=coffee_round.id,
                data={
                    "round_id": coffee_round.id,
                    "match_id": match_id,
                    "member_ids": list(group),
                    "meeting_format": format_,
                    "matched_at": coffee_round.completed_at,
                },
            )


def remember_outcome(
    uow: MatchingUnitOfWork, pairing: Pairing, chosen: Sequence[Candidate]
) -> None:
    """Record who of the `chosen` was in the trio or left over, and clear skips.

    Only what changes is written: those newly left over, and those left over before who
    were paired this time. Who met when is in the matches.
    """
    left_over = {m for g in pairing.groups if len(g) == 3 for m in g} | set(pairing.unmatched)
    before = {c.member_id for c in chosen if c.left_over_last_time}
    participants = uow.participants
    participants.clear_skips()
    participants.mark_left_over(sorted(left_over - before), left_over=True)
    participants.mark_left_over(sorted(before - left_over), left_over=False)


def announce_completion(
    uow: MatchingUnitOfWork, coffee_round: CoffeeRound, figures: RoundFigures
) -> None:
    """Stage coffee-round-completed with the round's figures."""
    uow.publish(
        "coffee-round-completed",
        subject=coffee_round.id,
        data={
            "round_id": coffee_round.id,
            "number": coffee_round.number,
            "seed": coffee_round.seed,
            "completed_at": coffee_round.completed_at,
            **asdict(figures),
        },
    )
