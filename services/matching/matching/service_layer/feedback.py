"""Use cases of "did you meet?": members answer for their matches, staff see the rates."""

from dataclasses import dataclass
from datetime import date

from matching.domain import errors
from matching.domain.rounds import MatchFeedback
from matching.service_layer.rounds import get_round
from matching.service_layer.unit_of_work import MatchingUnitOfWork
from qplatform.identity import Caller


@dataclass(frozen=True)
class MeetingRates:
    """How a round's matches went, as their members said."""

    round_id: str
    matches: int
    answered: int
    met: int
    rescheduled: int
    did_not_meet: int
    meeting_rate: float
    answer_rate: float
    average_rating: float | None


def record_feedback(
    *, uow: MatchingUnitOfWork, match_id: str, caller: Caller, outcome: str, rating: int | None
) -> MatchFeedback:
    """Record whether the calling member met their match, announce it, and commit."""
    matches = uow.matches
    match = matches.get(match_id)
    if match is None:
        raise errors.MatchNotFound("no match with that id")
    member_id = caller.member_id or ""
    if member_id not in matches.members_of(match_id):
        raise errors.NotInMatch("only the members of a match say whether they met")
    answers = uow.feedback
    if answers.get(match_id, member_id) is not None:
        raise errors.FeedbackAlreadyGiven("you already said whether you met", field="outcome")
    feedback = MatchFeedback(
        match_id=match_id,
        member_id=member_id,
        outcome=outcome,
        rating=rating,
        recorded_at=uow.clock.now(),
    )
    answers.add(feedback)
    uow.publish(
        "match-feedback-recorded",
        subject=match.round_id,
        data={"round_id": match.round_id, **_as_event(feedback)},
    )
    uow.commit()
    return feedback


def meeting_rates(*, uow: MatchingUnitOfWork, round_id: str) -> MeetingRates:
    """Return how a round's matches went: a match met when any of its members says so."""
    get_round(uow=uow, round_id=round_id)
    total = uow.matches.count_of_round(round_id)
    by_match: dict[str, set[str]] = {}
    ratings: list[int] = []
    for match_id, outcome, rating in uow.feedback.outcomes_of_round(round_id):
        by_match.setdefault(match_id, set()).add(outcome)
        if rating is not None:
            ratings.append(rating)
    met = sum("met" in o for o in by_match.values())
    rescheduled = sum("met" not in o and "rescheduled" in o for o in by_match.values())
    answered = len(by_match)
    return MeetingRates(
        round_id=round_id,
        matches=total,
        answered=answered,
        met=met,
        rescheduled=rescheduled,
        did_not_meet=answered - met - rescheduled,
        meeting_rate=round(met / answered, 4) if answered else 0.0,
        answer_rate=round(answered / total, 4) if total else 0.0,
        average_rating=round(sum(ratings) / len(ratings), 2) if ratings else None,
    )


def _as_event(feedback: MatchFeedback) -> dict[str, object]:
    return {
        "match_id": feedback.match_id,
        "member_id": feedback.member_id,
        "outcome": feedback.outcome,
        "rating": feedback.rating,
        "recorded_at": feedback.recorded_at,
    }


@dataclass(frozen=True)
class RoundRates:
    """How one completed round's matches went, named by its number and day."""

    number: int
    held_on: date
    rates: MeetingRates

    def __getattr__(self, name: str) -> object:
        return getattr(self.rates, name)


def rates_over_rounds(*, uow: MatchingUnitOfWork, last: int) -> list[RoundRates]:
    """Return the meeting rates of the last `last` completed rounds, oldest first."""
    return [
        RoundRates(r.number or 0, r.held_on, meeting_rates(uow=uow, round_id=r.id))
        for r in uow.rounds.latest_completed(last)
    ]
