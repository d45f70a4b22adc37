"""Matching keeps its own copy of each member who joins Q, from member-joined events."""

import json
from collections.abc import Callable

import pytest
from sqlalchemy import func, select

from matching.domain.model import Participant
from matching.service_layer import participants
from matching.service_layer.handlers import EVENT_HANDLERS, add_participant
from qplatform.db.unit_of_work import UnitOfWork
from qplatform.events import Envelope
from qplatform.paging import PageRequest
from tests.matching.member_events import JOINED_AT, member_joined, received
from tests.matching.rounds_support import groups_of, run_round

Handle = Callable[[Envelope], None]


def _participants(uow: Callable[[], UnitOfWork]) -> list[Participant]:
    with uow() as unit:
        return list(participants.list_participants(uow=unit, page=PageRequest(1, 100)).items)


def test_member_joined_is_handled_by_adding_a_participant() -> None:
    assert EVENT_HANDLERS[("member-profile-recorded", 1)] is add_participant


def test_a_member_who_chose_coffee_trials_becomes_an_opted_in_participant(
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


@pytest.mark.parametrize(
    ("choice", "opted_in"),
    [({"coffee_trials": True}, True), ({"coffee_trials": False}, False), ({}, False)],
)
def test_a_joining_member_takes_part_in_coffee_trials_only_if_they_chose_to(
    handle: Handle, uow: Callable[[], UnitOfWork], choice: dict[str, bool], opted_in: bool
) -> None:
    event = member_joined()
    data = {k: v for k, v in json.loads(event.to_json())["data"].items() if k != "coffee_trials"}
    handle(Envelope.new(**_like(event), data={**data, **choice}))

    [participant] = _participants(uow)
    assert participant.opted_in is opted_in


def test_only_members_who_chose_coffee_trials_are_paired(
    handle: Handle, uow: Callable[[], UnitOfWork]
) -> None:
    chose = [member_joined(organisation=f"Trust {n}") for n in range(4)]
    did_not = [member_joined(organisation="Quiet Trust", coffee_trials=False) for _ in range(2)]
    for event in (*chose, *did_not):
        handle(event)

    coffee_round = run_round(uow)

    paired = {m for group in groups_of(uow, coffee_round.id) for m in group}
    assert paired == {event.subject for event in chose}


def _like(event: Envelope) -> dict[str, object]:
    return {
        "type": event.type,
        "version": event.version,
        "source": event.source,
        "subject": event.subject,
        "correlation_id": event.correlation_id,
    }
