"""Matched members say whether they met, once each; staff read a round's meeting rates."""

from datetime import UTC, datetime

import pytest

from matching.domain import errors
from matching.domain.rounds import CoffeeRound
from matching.service_layer.feedback import meeting_rates, record_feedback
from qplatform.clock import FixedClock
from qplatform.identity import Caller
from tests.unit.matching.fakes import FakeMatchingUnitOfWork
from tests.unit.matching.support import match

ANSWERED_AT = datetime(2027, 2, 3, 10, 30, tzinfo=UTC)


@pytest.fixture
def uow() -> FakeMatchingUnitOfWork:
    unit = FakeMatchingUnitOfWork(FixedClock(ANSWERED_AT))
    match(unit, "match-1", ["ann", "bob"])
    return unit


def test_a_matched_member_s_answer_is_kept_and_announced_at_the_clock_s_time(
    uow: FakeMatchingUnitOfWork,
) -> None:
    with uow:
        record_feedback(
            uow=uow, match_id="match-1", caller=Caller(member_id="ann"), outcome="met", rating=4
        )

    kept = uow.feedback.get("match-1", "ann")
    assert kept is not None and (kept.outcome, kept.rating) == ("met", 4)
    assert kept.recorded_at == ANSWERED_AT
    [event] = uow.events_of("match-feedback-recorded")
    assert event["round_id"] == "round-1"
    assert (event["match_id"], event["member_id"], event["outcome"]) == ("match-1", "ann", "met")
    assert event["rating"] == 4


def test_someone_outside_the_match_is_refused_and_nothing_is_kept(
    uow: FakeMatchingUnitOfWork,
) -> None:
    with uow, pytest.raises(errors.NotInMatch):
        record_feedback(
            uow=uow, match_id="match-1", caller=Caller(member_id="eve"), outcome="met", rating=None
        )

    assert uow.feedback.rows == {}
    assert not uow.committed


def test_a_second_answer_from_the_same_member_is_refused_on_the_outcome_field(
    uow: FakeMatchingUnitOfWork,
) -> None:
    ann = Caller(member_id="ann")
    with uow:
        record_feedback(uow=uow, match_id="match-1", caller=ann, outcome="met", rating=None)
    with uow, pytest.raises(errors.FeedbackAlreadyGiven) as refused:
        record_feedback(uow=uow, match_id="match-1", caller=ann, outcome="did-not-meet", rating=1)

    assert refused.value.field == "outcome"
    assert uow.events_of("match-feedback-recorded") == [uow.events_of("match-feedback-recorded")[0]]
    assert uow.feedback.get("match-1", "ann").outcome == "met"  # type: ignore[union-attr]


def test_an_answer_about_an_unknown_match_is_refused_as_not_found(
    uow: FakeMatchingUnitOfWork,
) -> None:
    with uow, pytest.raises(errors.MatchNotFound):
        record_feedback(
            uow=uow, match_id="no-match", caller=Caller(member_id="ann"), outcome="met", rating=None
        )


def test_a_round_s_rates_count_a_match_as_met_when_any_of_its_members_says_so(
    uow: FakeMatchingUnitOfWork,
) -> None:
    uow.rounds.add(CoffeeRound(id="round-1", seed=1, held_on=ANSWERED_AT.date()))
    match(uow, "match-2", ["cat", "dan"])
    match(uow, "match-3", ["eli", "fay"])
    answers = [("match-1", "ann", "met", 5), ("match-1", "bob", "did-not-meet", None)]
    answers += [("match-2", "cat", "rescheduled", 3)]
    for match_id, member, outcome, rating in answers:
        with uow:
            record_feedback(
                uow=uow,
                match_id=match_id,
                caller=Caller(member_id=member),
                outcome=outcome,
                rating=rating,
            )

    rates = meeting_rates(uow=uow, round_id="round-1")

    assert (rates.matches, rates.answered, rates.met, rates.rescheduled) == (3, 2, 1, 1)
    assert (rates.meeting_rate, rates.answer_rate, rates.average_rating) == (0.5, 0.6667, 4.0)
