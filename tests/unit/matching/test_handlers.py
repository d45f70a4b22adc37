"""Members' profiles and leaving reach matching's participants; suggestions are their own."""

from datetime import UTC, datetime

import pytest

from matching.domain.model import FORMER_MEMBER
from matching.service_layer.handlers import add_participant, erase_participant
from matching.service_layer.suggestions import people_to_meet
from qplatform.clock import FixedClock
from qplatform.errors import Forbidden
from qplatform.identity import Caller
from tests.matching.member_events import member_joined, received
from tests.unit.matching.fakes import FakeMatchingUnitOfWork
from tests.unit.matching.support import match, participant

NOW = datetime(2027, 5, 2, 7, 0, tzinfo=UTC)


def test_a_member_who_chose_coffee_trials_joins_opted_in_at_the_clock_s_time() -> None:
    uow = FakeMatchingUnitOfWork(FixedClock(NOW))
    with uow:
        add_participant(uow, received(member_joined("ann", interests=["sepsis", "sepsis"])))

    kept = uow.participants.get("ann")
    assert kept is not None and kept.opted_in and not kept.left
    assert (kept.updated_at, kept.interests) == (NOW, ["sepsis"])


def test_a_profile_arriving_again_updates_the_participant_and_keeps_their_choice() -> None:
    uow = FakeMatchingUnitOfWork(FixedClock(NOW))
    participant(uow, "ann", opted_in=False)
    with uow:
        add_participant(uow, received(member_joined("ann", organisation="New Trust")))

    kept = uow.participants.get("ann")
    assert kept is not None and (kept.organisation, kept.opted_in) == ("New Trust", False)
    assert uow.participants.count(region=None) == 1


def test_an_erased_member_is_anonymised_everywhere_and_forgotten_in_wishes_and_groups() -> None:
    uow = FakeMatchingUnitOfWork(FixedClock(NOW))
    participant(uow, "ann")
    participant(uow, "bob")
    uow.never_pairs.replace("bob", ["ann"])
    match(uow, "match-1", ["ann", "bob"])
    with uow:
        erase_participant(uow, "ann")

    gone = uow.participants.get("ann")
    assert gone is not None and gone.left and gone.display_name == FORMER_MEMBER
    assert gone.updated_at == NOW
    assert uow.never_pairs.all() == {}
    [alias] = [m for m in uow.matches.members_of("match-1") if m != "bob"]
    assert alias.startswith("former-member-")


def test_suggestions_of_people_are_refused_to_another_member() -> None:
    uow = FakeMatchingUnitOfWork(FixedClock(NOW))
    participant(uow, "ann")

    with pytest.raises(Forbidden):
        people_to_meet(uow=uow, member_id="ann", caller=Caller(member_id="bob"))
