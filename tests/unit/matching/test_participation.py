"""Members change their own coffee-trial choices; staff may too; no one else may."""

from datetime import UTC, date, datetime

import pytest

from matching.domain import errors
from matching.service_layer.participants import list_participants
from matching.service_layer.participation import change_participation, own_participation
from qplatform.clock import FixedClock
from qplatform.errors import Forbidden
from qplatform.identity import STAFF, Caller
from qplatform.paging import PageRequest
from tests.unit.matching.fakes import FakeMatchingUnitOfWork
from tests.unit.matching.support import participant

NOW = datetime(2027, 3, 10, 8, 0, tzinfo=UTC)
ANN = Caller(member_id="ann")


@pytest.fixture
def uow() -> FakeMatchingUnitOfWork:
    unit = FakeMatchingUnitOfWork(FixedClock(NOW))
    participant(unit, "ann")
    participant(unit, "bob")
    return unit


def test_a_member_pauses_and_names_whom_to_avoid_and_both_are_kept(
    uow: FakeMatchingUnitOfWork,
) -> None:
    changes = {"paused_until": date(2027, 6, 1), "never_pair_with": ["bob", "bob"]}
    with uow:
        shown, never = change_participation(uow=uow, member_id="ann", caller=ANN, changes=changes)

    assert (shown.paused_until, never) == (date(2027, 6, 1), ["bob"])
    assert shown.updated_at == NOW
    assert uow.never_pairs.of("ann") == ["bob"]
    assert uow.committed


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"paused_until": date(2027, 3, 10)}, "paused_until"),
        ({"paused_until": date(2027, 1, 1)}, "paused_until"),
        ({"never_pair_with": ["ann"]}, "never_pair_with"),
    ],
)
def test_a_pause_ending_by_today_or_avoiding_oneself_is_refused_on_its_field(
    uow: FakeMatchingUnitOfWork, changes: dict[str, object], field: str
) -> None:
    with uow, pytest.raises(errors.InvalidChoice) as refused:
        change_participation(uow=uow, member_id="ann", caller=ANN, changes=changes)

    assert refused.value.field == field
    assert not uow.committed
    assert uow.participants.get("ann").paused_until is None  # type: ignore[union-attr]


def test_another_member_may_neither_read_nor_change_someone_s_participation(
    uow: FakeMatchingUnitOfWork,
) -> None:
    bob = Caller(member_id="bob")
    with uow, pytest.raises(Forbidden):
        own_participation(uow=uow, member_id="ann", caller=bob)
    with uow, pytest.raises(Forbidden):
        change_participation(uow=uow, member_id="ann", caller=bob, changes={"opted_in": False})

    assert uow.participants.get("ann").opted_in is True  # type: ignore[union-attr]


def test_staff_opt_a_member_out(uow: FakeMatchingUnitOfWork) -> None:
    staff = Caller(member_id="staff-1", roles=frozenset({STAFF}))
    with uow:
        change_participation(uow=uow, member_id="ann", caller=staff, changes={"opted_in": False})

    assert uow.participants.get("ann").opted_in is False  # type: ignore[union-attr]


def test_participants_are_listed_a_page_at_a_time_and_only_in_a_known_region(
    uow: FakeMatchingUnitOfWork,
) -> None:
    participant(uow, "cat", region="wales")

    page = list_participants(uow=uow, page=PageRequest(number=2, size=2))
    with pytest.raises(errors.UnknownRegion) as refused:
        list_participants(uow=uow, page=PageRequest(), region="atlantis")

    assert ([p.member_id for p in page.items], page.total) == (["cat"], 3)
    assert refused.value.field == "region"
