"""The events service's unit of work: one transaction, and the repositories it opens."""

from sqlalchemy.orm import Session

from events.adapters.repositories.events import Events
from events.adapters.repositories.members import Members
from events.adapters.repositories.posts import Comments, Posts
from events.adapters.repositories.registrations import Registrations
from events.adapters.repositories.series import EventSeries
from events.adapters.repositories.talks import TalkOffers, TalkRequests
from qplatform.db.unit_of_work import UnitOfWork


class EventsUnitOfWork(UnitOfWork):
    """A transaction of the events service, with a repository per family of aggregates."""

    events: Events
    registrations: Registrations
    members: Members
    posts: Posts
    comments: Comments
    talk_offers: TalkOffers
    talk_requests: TalkRequests
    event_series: EventSeries

    def _open_repositories(self, session: Session) -> None:
        self.events = Events(session)
        self.registrations = Registrations(session)
        self.members = Members(session)
        self.posts = Posts(session)
        self.comments = Comments(session)
        self.talk_offers = TalkOffers(session)
        self.talk_requests = TalkRequests(session)
        self.event_series = EventSeries(session)
