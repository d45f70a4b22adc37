"""A round larger than one batch of bulk writes records every member's outcome."""

from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import func, select

from matching.domain.model import Participant
from matching.domain.rounds import Match, MatchMember
from matching.domain.snapshot import SnapshotEntry
from qplatform.db.unit_of_work import UnitOfWork
from tests.matching.rounds_support import orphans, run_round

UoW = Callable[[], UnitOfWork]
MEMBERS = 2002


def _join_many(uow: UoW) -> None:
    joined = datetime(2026, 1, 1, tzinfo=UTC)
    with uow() as unit:
        unit.session.add_all(
            Participant(
                member_id=f"member-{n:05d}",
                display_name=f"Member {n}",
                organisation=f"Trust {n % 40}",
                job_title="Improvement lead",
                region="scotland" if n % 2 else "wales",
                joined_at=joined,
                updated_at=joined,
                skip_next_round=n == 7,
                expertise=[],
                interests=[],
            )
            for n in range(MEMBERS)
        )
        unit.commit()


def test_every_member_of_a_large_round_has_their_outcome_and_snapshot_recorded(
    uow: UoW,
) -> None:
    _join_many(uow)

    coffee_round = run_round(uow)

    with uow() as unit:
        placed = unit.session.scalar(
            select(func.count())
            .select_from(MatchMember)
            .join(Match, Match.id == MatchMember.match_id)
            .where(Match.round_id == coffee_round.id)
        )
        trio = unit.session.scalar(select(func.count()).where(Participant.left_over_last_time))
        skips = unit.session.scalar(select(func.count()).where(Participant.skip_next_round))
        snapshot = unit.session.scalar(
            select(func.count()).where(SnapshotEntry.round_id == coffee_round.id)
        )
    assert placed == MEMBERS - 1
    assert (coffee_round.trios, trio, skips, snapshot) == (1, 3, 0, MEMBERS - 1)
    assert orphans(uow) == {"matches": 0, "match members": 0, "snapshots": 0}
