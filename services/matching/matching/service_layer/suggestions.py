"""Use cases of suggesting whom a member might meet, events to attend and groups to join."""

from datetime import datetime

from matching.adapters.group_storage import InterestGroups
from matching.adapters.storage import NeverPairs, Offers, Participants, UpcomingEvents
from matching.domain import errors
from matching.domain.groups import GroupSuggestion, suggest_groups
from matching.domain.model import Participant
from matching.domain.offers import OfferSuggestion, suggest_offers
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
    upcoming = UpcomingEvents(uow.session).starting_after(now)
    return suggest_events(_topics(me), me.region, upcoming, limit)


def groups_to_join(*, uow: UnitOfWork, member_id: str, limit: int = 10) -> list[GroupSuggestion]:
    """Return groups on `member_id`'s expertise or interests they are not in, with a reason."""
    me = _participant(uow, member_id)
    groups = InterestGroups(uow.session)
    return suggest_groups(_topics(me), groups.with_sizes(), groups.joined_by(member_id), limit)


def offers_to_take_up(
    *, uow: UnitOfWork, member_id: str, kind: str, limit: int = 10
) -> list[OfferSuggestion]:
    """Return resources or open Lab cohorts on `member_id`'s expertise or interests, with why."""
    me = _participant(uow, member_id)
    return suggest_offers(_topics(me), Offers(uow.session).of_kind(kind), limit)


def _topics(participant: Participant) -> frozenset[str]:
    return frozenset([*(participant.expertise or []), *(participant.interests or [])])


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
