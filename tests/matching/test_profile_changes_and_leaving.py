"""Matching's copy follows profile changes; a member who leaves is out and anonymised."""

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from matching.adapters.round_storage import Matches
from matching.adapters.storage import NeverPairs
from matching.domain.model import FORMER_MEMBER, Participant
from matching.service_layer.handlers import (
    EVENT_HANDLERS,
    remove_participant,
    update_participant,
)
from qplatform.db.unit_of_work import UnitOfWork
from qplatform.events import CATALOG, Envelope
from qplatform.messaging.consumer import Handler, ReceivedEvent
from tests.matching.rounds_support import join_members, run_round

Handle = Callable[[Envelope], None]
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


def test_profile_updates_and_leaving_are_handled_with_the_membership_contracts() -> None:
    assert EVENT_HANDLERS[("member-profile-updated", 1)] is update_participant
    assert EVENT_HANDLERS[("member-left", 1)] is remove_participant
    assert {CATALOG.spec(t, 1).producer for t in ("member-profile-updated", "member-left")} == {
        "membership"
    }


def test_a_profile_update_changes_only_the_fields_it_names(handle: Handle, uow: UoW) -> None:
    [member] = join_members(handle, 1)
    data = {
        "member_id": member,
        "changed_fields": ["organisation", "region", "expertise", "interests"],
        "updated_at": datetime.now(UTC),
        "organisation": "Leeds Council",
        "region": "yorkshire-and-humber",
        "expertise": ["patient-safety", "patient-safety"],
        "interests": ["mental health"],
    }

    _deliver(uow, update_participant, "member-profile-updated", data)

    found = _participant(uow, member)
    assert (found.organisation, found.region) == ("Leeds Council", "yorkshire-and-humber")
    assert (found.expertise, found.interests) == (["patient-safety"], ["mental health"])
    assert found.display_name == "Asha Patel"


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
