"""Repositories of coffee rounds, their matches and the feedback on them."""

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from matching.adapters.bulk import insert_rows, inserting_rows
from matching.domain.rounds import (
    COMPLETED,
    REQUESTED,
    RUNNING,
    CoffeeRound,
    Match,
    MatchFeedback,
    MatchMember,
    RoundSchedule,
)

RoundGroups = list[tuple[str, ...]]
Groups = list[RoundGroups]
MadeMatch = tuple[str, str, Sequence[str]]


class CoffeeRounds:
    """Rounds, as the service layer finds and keeps them."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, coffee_round: CoffeeRound) -> None:
        self._session.add(coffee_round)

    def get(self, round_id: str) -> CoffeeRound | None:
        return self._session.get(CoffeeRound, round_id)

    def latest_number(self) -> int:
        """Return the number of the latest round, 0 before the first."""
        return self._session.scalar(select(func.max(CoffeeRound.number))) or 0

    def latest_completed(self, limit: int) -> Sequence[CoffeeRound]:
        """Return the last `limit` completed rounds, in the order they ran."""
        query = (
            select(CoffeeRound)
            .where(CoffeeRound.state == COMPLETED)
            .order_by(CoffeeRound.number.desc())
            .limit(limit)
        )
        return list(reversed(self._session.scalars(query).all()))

    def newest_first(self, *, offset: int, limit: int) -> Sequence[CoffeeRound]:
        """Return one page of rounds, the latest requested first."""
        query = select(CoffeeRound).order_by(CoffeeRound.requested_at.desc(), CoffeeRound.id.desc())
        return self._session.scalars(query.offset(offset).limit(limit)).all()

    def oldest_unfinished(self) -> CoffeeRound | None:
        """Return the earliest requested round not yet completed or failed."""
        query = (
            select(CoffeeRound)
            .where(CoffeeRound.state.in_((REQUESTED, RUNNING)))
            .order_by(CoffeeRound.requested_at, CoffeeRound.id)
            .limit(1)
        )
        return self._session.scalars(query).first()

    def locked(self, round_id: str, claim: str) -> CoffeeRound | None:
        """Lock the round `round_id` while it runs, if `claim` still holds it."""
        query = (
            select(CoffeeRound)
            .where(CoffeeRound.id == round_id, CoffeeRound.claim == claim)
            .where(CoffeeRound.state == RUNNING)
            .with_for_update()
        )
        return self._session.scalars(query).first()

    def count(self) -> int:
        return self._session.scalar(select(func.count()).select_from(CoffeeRound)) or 0

    def schedule(self, *, lock: bool = False) -> RoundSchedule:
        """Return the schedule, making the default one on first use; `lock` holds its row."""
        found = self._session.get(RoundSchedule, 1, with_for_update=lock or None)
        if found is None:
            found = RoundSchedule(id=1, every_months=1, day_of_month=1, cooldown=6)
            self._session.add(found)
        return found

    def schedule_unless_busy(self) -> RoundSchedule | None:
        """Hold the schedule's row, or return None at once while another worker holds it."""
        query = select(RoundSchedule).where(RoundSchedule.id == 1)
        found = self._session.scalars(query.with_for_update(skip_locked=True)).first()
        if found is None and self._session.get(RoundSchedule, 1) is None:
            return self.schedule()
        return found


class Matches:
    """Matches and who is in them."""

    def __init__(self, session: Session) -> None:
        self._session = session

    @contextmanager
    def adding(self, round_id: str, round_number: int, made: Sequence[MadeMatch]) -> Iterator[None]:
        """Keep a round's matches (id, meeting format, members) with their members, in bulk.

        The database stores the members while the block runs; it must not use the session.
        """
        rows = [
            {"id": i, "round_id": round_id, "round_number": round_number, "meeting_format": f}
            for i, f, _ in made
        ]
        insert_rows(self._session, Match, rows)
        places = [
            {"match_id": i, "member_id": member, "round_number": round_number}
            for i, _, members in made
            for member in members
        ]
        with inserting_rows(self._session, MatchMember, places):
            yield

    def get(self, match_id: str) -> Match | None:
        return self._session.get(Match, match_id)

    def members_of(self, match_id: str) -> list[str]:
        """Return the members of one match."""
        query = select(MatchMember.member_id).where(MatchMember.match_id == match_id)
        return sorted(self._session.scalars(query))

    def of_round(self, round_id: str, *, offset: int, limit: int) -> Sequence[Match]:
        query = select(Match).where(Match.round_id == round_id).order_by(Match.id)
        return self._session.scalars(query.offset(offset).limit(limit)).all()

    def count_of_round(self, round_id: str) -> int:
        query = select(func.count()).select_from(Match).where(Match.round_id == round_id)
        return self._session.scalar(query) or 0

    def groups_of_round(self, round_id: str) -> set[frozenset[str]]:
        """Return the members of each of a round's matches."""
        query = (
            select(MatchMember.match_id, MatchMember.member_id)
            .join(Match, Match.id == MatchMember.match_id)
            .where(Match.round_id == round_id)
        )
        groups: dict[str, set[str]] = {}
        for match_id, member_id in self._session.execute(query):
            groups.setdefault(match_id, set()).add(member_id)
        return {frozenset(g) for g in groups.values()}

    def of_member(self, member_id: str) -> Sequence[Match]:
        """Return a member's matches, the newest first."""
        query = (
            select(Match)
            .join(MatchMember, MatchMember.match_id == Match.id)
            .where(MatchMember.member_id == member_id)
            .order_by(Match.round_number.desc())
        )
        return self._session.scalars(query).all()

    def history(self, after_round: int, before_round: int | None = None) -> Groups:
        """Return the groups of rounds numbered after `after_round`, before `before_round`."""
        return list(self.rounds(after_round, before_round).values())

    def rounds(self, after_round: int, before_round: int | None = None) -> dict[int, RoundGroups]:
        """Return the groups of each round numbered after `after_round`, before `before_round`,
        by round number in order; a round without matches is absent."""
        query = select(MatchMember.round_number, MatchMember.match_id, MatchMember.member_id)
        query = query.where(MatchMember.round_number > after_round)
        if before_round is not None:
            query = query.where(MatchMember.round_number < before_round)
        rounds: dict[int, dict[str, list[str]]] = {}
        # Unordered: rounds are sorted here, and who met whom does not depend on row order.
        for number, match_id, member_id in self._session.connection().execute(query).all():
            rounds.setdefault(number, {}).setdefault(match_id, []).append(member_id)
        return {n: [tuple(sorted(g)) for g in rounds[n].values()] for n in sorted(rounds)}

    def rename_member(self, member_id: str, anonymous_id: str) -> None:
        """Replace `member_id` with `anonymous_id` throughout the history."""
        for table in (MatchMember, MatchFeedback):
            self._session.execute(
                update(table).where(table.member_id == member_id).values(member_id=anonymous_id)
            )
