"""Use cases of suggesting whom a member might meet, events to attend and groups to join."""

from matching.domain import errors
from matching.domain.groups import GroupSuggestion, suggest_groups
from matching.domain.model import Participant
from matching.domain.offers import OfferSuggestion, suggest_offers
from matching.domain.suggestions import Profile, Suggestion, suggest_people
from matching.domain.upcoming import EventSuggestion, suggest_events
from matching.service_layer.unit_of_work import MatchingUnitOfWork
from qplatform.identity import Caller


def people_to_meet(
    *, uow: MatchingUnitOfWork, member_id: str, caller: Caller, limit: int = 10
) -> list[Suggestion]:
    """Return members `member_id` might want to meet, each with a short reason."""
    me = _participant(uow, member_id, caller)
    others = (_profile(p) for p in uow.participants.in_q())
    return suggest_people(_profile(me), others, uow.never_pairs.of(member_id), limit)


def events_to_attend(
    *, uow: MatchingUnitOfWork, member_id: str, caller: Caller, limit: int = 10
) -> list[EventSuggestion]:
    """Return upcoming events on `member_id`'s expertise or interests, each with a reason."""
    me = _participant(uow, member_id, caller)
    upcoming = uow.upcoming_events.starting_after(uow.clock.now())
    return suggest_events(_topics(me), me.region, upcoming, limit)


def groups_to_join(
    *, uow: MatchingUnitOfWork, member_id: str, caller: Caller, limit: int = 10
) -> list[GroupSuggestion]:
    """Return groups on `member_id`'s expertise or interests they are not in, with a reason."""
    me = _participant(uow, member_id, caller)
    groups = uow.groups
    return suggest_groups(_topics(me), groups.with_sizes(), groups.joined_by(member_id), limit)


def offers_to_take_up(
    *, uow: MatchingUnitOfWork, member_id: str, caller: Caller, kind: str, limit: int = 10
) -> list[OfferSuggestion]:
    """Return resources or open Lab cohorts on `member_id`'s expertise or interests, with why."""
    me = _participant(uow, member_id, caller)
    return suggest_offers(_topics(me), uow.offers.of_kind(kind), limit)


def _topics(participant: Participant) -> frozenset[str]:
    return frozenset([*(participant.expertise or []), *(participant.interests or [])])


def _participant(uow: MatchingUnitOfWork, member_id: str, caller: Caller) -> Participant:
    caller.ensure_may_act_for(member_id, "see these suggestions")
    found = uow.participants.get(member_id)
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
