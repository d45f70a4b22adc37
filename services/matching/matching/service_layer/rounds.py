"""Use cases of coffee rounds: snapshot the eligible, pair them, record and announce it."""

import secrets
from collections.abc import Sequence
from dataclasses import asdict
from datetime import UTC, date, datetime

from matching.adapters.round_storage import CoffeeRounds, Matches
from matching.adapters.storage import NeverPairs, Participants
from matching.domain import errors
from matching.domain.affinity import Affinity, Candidate
from matching.domain.model import Participant
from matching.domain.pairing import Pairing, make_pairs
from matching.domain.round_quality import RoundFigures, measure, meeting_format
from matching.domain.rounds import CoffeeRound, Match, new_id
from matching.domain.schedule import next_round_after
from qplatform.db.unit_of_work import UnitOfWork


def start_round(*, uow: UnitOfWork, held_on: date, seed: int | None = None) -> CoffeeRound:
    """Pair everyone eligible on `held_on`, record the round, announce it, and commit."""
    rounds = CoffeeRounds(uow.session)
    schedule = rounds.schedule()
    number = rounds.latest_number() + 1
    seed = secrets.randbits(62) if seed is None else seed
    everyone = Participants(uow.session).taking_part()
    eligible = [p for p in everyone if p.is_eligible(held_on, number)]
    candidates = _candidates(eligible, NeverPairs(uow.session).all())
    history = Matches(uow.session).history(after_round=number - 1 - schedule.cooldown)
    pairing = make_pairs(candidates, seed=seed, past_rounds=history, cooldown=schedule.cooldown)
    affinity = Affinity(sorted(candidates, key=lambda c: c.member_id), history, schedule.cooldown)
    figures = measure(affinity, pairing)
    coffee_round = CoffeeRound(
        id=new_id(),
        number=number,
        seed=seed,
        held_on=held_on,
        completed_at=datetime.now(UTC),
        cooldown=schedule.cooldown,
        **asdict(figures),
    )
    rounds.add(coffee_round)
    _record_matches(uow, coffee_round, pairing, affinity)
    _remember_outcome(everyone, pairing, number)
    _announce_completion(uow, coffee_round, figures)
    schedule.next_round_on = next_round_after(held_on, schedule.every_months, schedule.day_of_month)
    uow.commit()
    return coffee_round


def get_round(*, uow: UnitOfWork, round_id: str) -> CoffeeRound:
    """Return the round `round_id`."""
    found = CoffeeRounds(uow.session).get(round_id)
    if found is None:
        raise errors.RoundNotFound("no coffee round with that id")
    return found


def _candidates(eligible: list[Participant], never: dict[str, set[str]]) -> list[Candidate]:
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
            never=frozenset(never.get(p.member_id, set()) | avoided_by.get(p.member_id, set())),
            left_over_last_time=p.left_over_last_time,
        )
        for p in eligible
    ]


def _record_matches(
    uow: UnitOfWork, coffee_round: CoffeeRound, pairing: Pairing, affinity: Affinity
) -> None:
    made = []
    for group in pairing.groups:
        format_ = meeting_format(affinity, [affinity.index[m] for m in group])
        match = Match(
            id=new_id(),
            round_id=coffee_round.id,
            round_number=coffee_round.number,
            meeting_format=format_,
        )
        made.append((match, group))
        uow.publish(
            "match-made",
            subject=coffee_round.id,
            data={
                "round_id": coffee_round.id,
                "match_id": match.id,
                "member_ids": list(group),
                "meeting_format": format_,
                "matched_at": coffee_round.completed_at,
            },
        )
    Matches(uow.session).add_all(made)


def _remember_outcome(everyone: Sequence[Participant], pairing: Pairing, number: int) -> None:
    placed = {m: len(g) for g in pairing.groups for m in g}
    left_out = set(pairing.unmatched)
    for participant in everyone:
        if participant.member_id in placed:
            participant.last_matched_round = number
            participant.left_over_last_time = placed[participant.member_id] == 3
        elif participant.member_id in left_out:
            participant.left_over_last_time = True
        participant.skip_next_round = False


def _announce_completion(uow: UnitOfWork, coffee_round: CoffeeRound, figures: RoundFigures) -> None:
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
