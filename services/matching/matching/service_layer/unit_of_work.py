"""Matching's unit of work: one transaction, and the repositories opened on it."""

from sqlalchemy.orm import Session

from matching.adapters.repositories.feedback import FeedbackAnswers
from matching.adapters.repositories.groups import InterestGroups
from matching.adapters.repositories.offers import Offers
from matching.adapters.repositories.participants import NeverPairs, Participants
from matching.adapters.repositories.rounds import CoffeeRounds, Matches
from matching.adapters.repositories.snapshots import Snapshots
from matching.adapters.repositories.upcoming_events import UpcomingEvents
from qplatform.db.unit_of_work import UnitOfWork


class MatchingUnitOfWork(UnitOfWork):
    """A transaction on matching's database, owning every repository of the service."""

    participants: Participants
    never_pairs: NeverPairs
    rounds: CoffeeRounds
    matches: Matches
    feedback: FeedbackAnswers
    snapshots: Snapshots
    groups: InterestGroups
    upcoming_events: UpcomingEvents
    offers: Offers

    def _open_repositories(self, session: Session) -> None:
        self.participants = Participants(session)
        self.never_pairs = NeverPairs(session)
        self.rounds = CoffeeRounds(session)
        self.matches = Matches(session)
        self.feedback = FeedbackAnswers(session)
        self.snapshots = Snapshots(session)
        self.groups = InterestGroups(session)
        self.upcoming_events = UpcomingEvents(session)
        self.offers = Offers(session)
