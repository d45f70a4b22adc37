"""Use cases of suggesting whom a member might want to meet."""

from datetime import datetime

from matching.adapters.storage import NeverPairs, Participants, UpcomingEvents
from matching.domain import errors
from matching.domain.model import Participant
from matching.domain.suggestions import Profile, Suggestion, suggest_people
from matching.domain.upcoming import EventSuggestion, suggest_events
from qplatform.db.unit_of_work import UnitOfWork


def people_to_meet(*, uow: UnitOfWork, member_id: str, limit: int = 10) -> list[Suggestion]:
    """Return members `member_id` might want to meet, each with a short reason."""
    me = _participant(uow, member_id)
    others = (_profile(p) for p in Participants(uow.session).in_q())
    return suggest_people(_profile(me), others, NeverPairs(uow.session).of(member_id), limit)


def events_to_attend(
    *, uow: UnitOfWork, member_id: str, now: datetime, limit: int = 10
) -> list[EventSuggestion]:
    """Return upcoming events on `member_id`'s expertise or interests, each with a reason."""
    me = _participant(uow, member_id)
    topics = frozenset([*(me.expertise or []), *(me.interests or [])])
    upcoming = UpcomingEvents(uow.session).starting_after(now)
    return suggest_events(topics, me.region, upcoming, limit)


def _participant(uow: UnitOfWork, member_id: str) -> Participant:
    found = Participants(uow.session).get(member_id)
    if found is None or found.left:
        raise errors.ParticipantNotFound("no participant with that member id")
    return found


def _profile(participant: Participant) -> Profile:
    return Profile(
        member_id=participant.member_id,
        display_name=participant.display_name,
        region=participant.region,
        organisation=participant.organisation,
        expertise=frozenset(participant.expertise or []),
        interests=frozenset(participant.interests or []),
    )
