"""Matching keeps its own copy of each member who joins Q, from member-joined events."""

from collections.abc import Callable

from sqlalchemy import func, select

from matching.domain.model import Participant
from matching.service_layer import participants
from matching.service_layer.handlers import EVENT_HANDLERS, add_participant
from qplatform.db.unit_of_work import UnitOfWork
from qplatform.events import Envelope
from tests.matching.member_events import JOINED_AT, member_joined, received

Handle = Callable[[Envelope], None]


def _participants(uow: Callable[[], UnitOfWork]) -> list[Participant]:
    with uow() as unit:
        return list(participants.list_participants(uow=unit, page=1, page_size=100).items)


def test_member_joined_is_handled_by_adding_a_participant() -> None:
    assert EVENT_HANDLERS[("member-profile-recorded", 1)] is add_participant


def test_a_member_who_joins_becomes_an_opted_in_participant(
    handle: Handle, uow: Callable[[], UnitOfWork]
) -> None:
    event = member_joined()

    handle(event)

    [participant] = _participants(uow)
    assert participant.member_id == event.subject
    assert (participant.display_name, participant.organisation, participant.job_title) == (
        "Asha Patel",
        "Lancashire NHS Trust",
        "Improvement Lead",
    )
    assert participant.region == "north-west-coast"
    assert participant.joined_at == JOINED_AT
    assert participant.opted_in is True
    assert participant.updated_at.tzinfo is not None


def test_the_same_member_joining_again_updates_the_copy_instead_of_duplicating_it(
    handle: Handle, uow: Callable[[], UnitOfWork]
) -> None:
    first = member_joined()
    again = member_joined(first.subject, display_name="Asha Patel-Jones", region="scotland")
    handle(first)
    before = _participants(uow)[0].updated_at

    handle(again)

    [participant] = _participants(uow)
    assert again.id != first.id
    assert (participant.display_name, participant.region) == ("Asha Patel-Jones", "scotland")
    assert participant.updated_at >= before


def test_the_same_member_joining_again_keeps_their_choice_to_opt_out(
    handle: Handle, uow: Callable[[], UnitOfWork]
) -> None:
    event = member_joined()
    handle(event)
    with uow() as unit:
        unit.session.get_one(Participant, event.subject).opted_in = False
        unit.commit()

    handle(member_joined(event.subject))

    assert _participants(uow)[0].opted_in is False


def test_each_member_who_joins_gets_their_own_participant(
    handle: Handle, uow: Callable[[], UnitOfWork]
) -> None:
    events = [member_joined() for _ in range(3)]

    for event in events:
        handle(event)

    assert sorted(p.member_id for p in _participants(uow)) == sorted(e.subject for e in events)


def test_the_handler_leaves_committing_to_the_consumer(uow: Callable[[], UnitOfWork]) -> None:
    with uow() as unit:
        add_participant(unit, received(member_joined()))

    with uow() as unit:
        assert unit.session.scalar(select(func.count()).select_from(Participant)) == 0
