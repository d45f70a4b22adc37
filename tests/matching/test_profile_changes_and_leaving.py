"""Matching's copy follows profile changes; a member who leaves is out and anonymised."""

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from matching.adapters.repositories.participants import NeverPairs
from matching.adapters.repositories.rounds import Matches
from matching.domain.model import FORMER_MEMBER, Participant
from matching.service_layer.handlers import (
    EVENT_HANDLERS,
    TOMBSTONE_HANDLERS,
    add_participant,
    erase_participant,
    remove_participant,
)
from qplatform.db.unit_of_work import UnitOfWork
from qplatform.events import CATALOG, Envelope
from qplatform.messaging.handlers import Handler, ReceivedEvent
from tests.matching.member_events import member_joined
from tests.matching.rounds_support import join_members, run_round

Handle = Callable[[Envelope], None]
NOW = datetime.now(UTC)
UoW = Callable[[], UnitOfWork]


def _deliver(uow: UoW, handler: Handler, event_type: str, data: dict[str, Any]) -> None:
    envelope = Envelope.new(
        type=event_type,
        version=1,
        source="membership",
        subject=data["member_id"],
        correlation_id="test",
        data=data,
    )
    with uow() as unit:
        handler(unit, ReceivedEvent(envelope, data))
        unit.commit()


def _participant(uow: UoW, member_id: str) -> Participant:
    with uow() as unit:
        return unit.session.get_one(Participant, member_id)


def test_profiles_and_leaving_are_handled_with_the_membership_contracts() -> None:
    assert EVENT_HANDLERS[("member-profile-recorded", 1)] is add_participant
    assert EVENT_HANDLERS[("member-left", 1)] is remove_participant
    assert TOMBSTONE_HANDLERS["membership.member-profile"] is erase_participant
    assert {CATALOG.spec(t, 1).producer for t in ("member-profile-recorded", "member-left")} == {
        "membership"
    }


def test_a_newer_profile_replaces_the_copy_and_hidden_fields_are_forgotten(
    handle: Handle, uow: UoW
) -> None:
    [member] = join_members(handle, 1)
    data = {
        "member_id": member,
        "display_name": "Asha Patel",
        "region": "yorkshire-and-humber",
        "joined_at": datetime.now(UTC),
        "organisation": "Leeds Council",
        "job_title": None,
        "bio": None,
        "expertise": ["patient-safety", "patient-safety"],
        "tags": [],
        "interests": ["mental health"],
        "links": None,
    }

    _deliver(uow, add_participant, "member-profile-recorded", data)

    found = _participant(uow, member)
    assert (found.organisation, found.region) == ("Leeds Council", "yorkshire-and-humber")
    assert (found.expertise, found.interests) == (["patient-safety"], ["mental health"])
    assert (found.display_name, found.job_title) == ("Asha Patel", "")


def test_a_member_who_leaves_is_out_of_rounds_and_anonymised_in_history(
    handle: Handle, uow: UoW
) -> None:
    leaver, *others = join_members(handle, 5)
    with uow() as unit:
        NeverPairs(unit.session).replace(others[0], [leaver])
        unit.commit()
    first = run_round(uow, month=1)

    left = {"member_id": leaver, "left_at": datetime.now(UTC)}
    _deliver(uow, remove_participant, "member-left", left)
    second = run_round(uow, month=2)

    gone = _participant(uow, leaver)
    assert (gone.left, gone.display_name, gone.organisation) == (True, FORMER_MEMBER, "")
    with uow() as unit:
        matches = Matches(unit.session)
        assert matches.of_member(leaver) == []
        history = matches.history(after_round=0)
        assert NeverPairs(unit.session).all() == {}
    assert all(leaver not in group for rounds in history for group in rounds)
    assert sum(len(g) for g in history[0]) == 5 and first.participants == 5
    assert second.participants == 4


def test_a_profile_arriving_after_the_member_left_brings_nothing_back(
    handle: Handle, uow: UoW
) -> None:
    [member] = join_members(handle, 1)
    _deliver(uow, remove_participant, "member-left", {"member_id": member, "left_at": NOW})
    handle(member_joined(member, display_name="Asha Patel"))
    gone = _participant(uow, member)
    assert (gone.left, gone.display_name, gone.organisation) == (True, FORMER_MEMBER, "")
