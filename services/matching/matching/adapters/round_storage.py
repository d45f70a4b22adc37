"""Repositories of coffee rounds, their matches and the feedback on them."""

from collections.abc import Sequence

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from matching.domain.rounds import CoffeeRound, Match, MatchFeedback, MatchMember, RoundSchedule

Groups = list[list[tuple[str, ...]]]


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

    def newest_first(self, *, offset: int, limit: int) -> Sequence[CoffeeRound]:
        """Return one page of rounds, the newest first."""
        query = select(CoffeeRound).order_by(CoffeeRound.number.desc())
        return self._session.scalars(query.offset(offset).limit(limit)).all()

    def count(self) -> int:
        return self._session.scalar(select(func.count()).select_from(CoffeeRound)) or 0

    def schedule(self) -> RoundSchedule:
        """Return the schedule, making the default one on first use."""
        found = self._session.get(RoundSchedule, 1)
        if found is None:
            found = RoundSchedule(id=1, every_months=1, day_of_month=1, cooldown=6)
            self._session.add(found)
        return found


class Matches:
    """Matches and who is in them."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add_all(self, matches: Sequence[tuple[Match, Sequence[str]]]) -> None:
        """Keep many matches (their ids already set) with their members, in bulk."""
        if not matches:
            return
        self._session.flush()
        self._session.execute(
            insert(Match),
            [
                {
                    "id": m.id,
                    "round_id": m.round_id,
                    "round_number": m.round_number,
                    "meeting_format": m.meeting_format,
                }
                for m, _ in matches
            ],
        )
        self._session.execute(
            insert(MatchMember),
            [
                {"match_id": m.id, "member_id": member, "round_number": m.round_number}
                for m, members in matches
                for member in members
            ],
        )

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

    def of_member(self, member_id: str) -> Sequence[Match]:
        """Return a member's matches, the newest first."""
        query = (
            select(Match)
            .join(MatchMember, MatchMember.match_id == Match.id)
            .where(MatchMember.member_id == member_id)
            .order_by(Match.round_number.desc())
        )
        return self._session.scalars(query).all()

    def history(self, after_round: int) -> Groups:
        """Return the groups of every round numbered above `after_round`, oldest first."""
        query = (
            select(MatchMember.round_number, MatchMember.match_id, MatchMember.member_id)
            .where(MatchMember.round_number > after_round)
            .order_by(MatchMember.round_number, MatchMember.match_id, MatchMember.member_id)
        )
        rounds: dict[int, dict[str, list[str]]] = {}
        for number, match_id, member_id in self._session.execute(query):
            rounds.setdefault(number, {}).setdefault(match_id, []).append(member_id)
        return [[tuple(g) for g in rounds[n].values()] for n in sorted(rounds)]

    def rename_member(self, member_id: str, anonymous_id: str) -> None:
        """Replace `member_id` with `anonymous_id` throughout the history."""
        for table in (MatchMember, MatchFeedback):
            self._session.execute(
                update(table).where(table.member_id == member_id).values(member_id=anonymous_id)
            )


class Feedback:
    """Members' answers to "did you meet?"."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def get(self, match_id: str, member_id: str) -> MatchFeedback | None:
        return self._session.get(MatchFeedback, (match_id, member_id))

    def add(self, feedback: MatchFeedback) -> None:
        self._session.add(feedback)

    def outcomes_of_round(self, round_id: str) -> list[tuple[str, str, int | None]]:
        """Return (match id, outcome, rating) of every answer in a round."""
        query = (
            select(MatchFeedback.match_id, MatchFeedback.outcome, MatchFeedback.rating)
            .join(Match, Match.id == MatchFeedback.match_id)
            .where(Match.round_id == round_id)
        )
        return [(m, o, r) for m, o, r in self._session.execute(query)]
