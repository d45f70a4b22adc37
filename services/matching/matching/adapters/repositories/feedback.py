"""Repository of members' answers to "did you meet?"."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from matching.domain.rounds import Match, MatchFeedback


class FeedbackAnswers:
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
