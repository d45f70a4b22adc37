"""The month's digest is queued once, on its day and hour, for the members who want it."""

from datetime import UTC, datetime

import pytest

from notifications.domain.digest import Month
from notifications.domain.letters import DIGEST
from notifications.domain.model import MessageState
from notifications.service_layer.digests import queue_digests, queue_due_digest
from qplatform.errors import Conflict
from tests.unit.notifications.fakes import FakeNotificationsUnitOfWork
from tests.unit.notifications.world import a_member, a_unit_of_work

# Q's digest goes out on the 1st at eight; in December the UK keeps UTC.
DAY, HOUR = 1, 8
DUE = datetime(2026, 12, 1, 8, tzinfo=UTC)


def run_schedule_at(uow: FakeNotificationsUnitOfWork, moment: datetime) -> int:
    uow.clock.set(moment)  # type: ignore[attr-defined]
    with uow:
        return queue_due_digest(uow=uow, now=moment, day=DAY, hour=HOUR)


def a_community() -> FakeNotificationsUnitOfWork:
    uow = a_unit_of_work(DUE)
    a_member(uow, "asha", wants={DIGEST: True})
    a_member(uow, "sam", wants={DIGEST: True})
    a_member(uow, "kim", wants={DIGEST: False})
    return uow


def test_the_digest_is_not_queued_a_minute_before_its_hour() -> None:
    uow = a_community()
    assert run_schedule_at(uow, datetime(2026, 12, 1, 7, 59, tzinfo=UTC)) == 0
    assert uow.messages.of_template(DIGEST) == []
    assert uow.digest_runs.get("2026-12") is None


def test_the_digest_is_queued_at_its_hour_for_each_member_who_wants_it() -> None:
    uow = a_community()
    assert run_schedule_at(uow, DUE) == 2
    digests = uow.messages.of_template(DIGEST)
    assert sorted(m.member_id for m in digests) == ["asha", "sam"]
    assert {(m.state, m.category, m.created_at) for m in digests} == {
        (MessageState.QUEUED, DIGEST, DUE)
    }
    assert {m.subject for m in digests} == {digests[0].subject}
    assert "December 2026" in digests[0].subject
    run = uow.digest_runs.get("2026-12")
    assert run is not None and (run.messages, run.queued_at) == (2, DUE)
    assert uow.committed


def test_the_digest_is_queued_once_however_often_the_schedule_runs() -> None:
    uow = a_community()
    run_schedule_at(uow, DUE)
    assert run_schedule_at(uow, datetime(2026, 12, 1, 8, 1, tzinfo=UTC)) == 0
    assert run_schedule_at(uow, datetime(2026, 12, 2, 9, tzinfo=UTC)) == 0
    assert len(uow.messages.of_template(DIGEST)) == 2


@pytest.mark.parametrize(
    "moment",
    [
        datetime(2026, 12, 3, 23, 59, tzinfo=UTC),
        datetime(2026, 12, 2, 0, 0, tzinfo=UTC),
    ],
)
def test_a_worker_that_was_down_catches_up_within_three_days(moment: datetime) -> None:
    assert run_schedule_at(a_community(), moment) == 2


def test_a_digest_missed_by_more_than_three_days_waits_for_the_next_month() -> None:
    uow = a_community()
    assert run_schedule_at(uow, datetime(2026, 12, 4, 8, tzinfo=UTC)) == 0
    assert uow.messages.of_template(DIGEST) == []


def test_staff_cannot_queue_again_a_month_whose_digest_is_on_its_way() -> None:
    uow = a_community()
    run_schedule_at(uow, DUE)
    with uow, pytest.raises(Conflict) as refused:
        queue_digests(uow=uow, month=Month(2026, 12))
    assert refused.value.field == "month"
    assert len(uow.messages.of_template(DIGEST)) == 2


def test_a_run_that_reached_nobody_leaves_the_month_to_the_schedule() -> None:
    uow = a_unit_of_work(DUE)
    assert run_schedule_at(uow, DUE) == 0, "no members yet"
    a_member(uow, "asha", wants={DIGEST: True})
    assert run_schedule_at(uow, datetime(2026, 12, 1, 9, tzinfo=UTC)) == 1
    assert [m.member_id for m in uow.messages.of_template(DIGEST)] == ["asha"]


def test_in_summer_the_digest_keeps_its_hour_in_utc_an_hour_later_by_uk_clocks() -> None:
    uow = a_unit_of_work(datetime(2026, 7, 1, 7, tzinfo=UTC))
    a_member(uow, "asha", wants={DIGEST: True})
    # 08:30 in London is 07:30 UTC: QP_DIGEST_HOUR_UTC is not yet reached.
    assert run_schedule_at(uow, datetime(2026, 7, 1, 7, 30, tzinfo=UTC)) == 0
    assert run_schedule_at(uow, datetime(2026, 7, 1, 8, tzinfo=UTC)) == 1
    [digest] = uow.messages.of_template(DIGEST)
    assert "July 2026" in digest.subject
