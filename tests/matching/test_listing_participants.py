"""Listing participants a page at a time, in one of Q's regions."""

from collections.abc import Callable
from datetime import UTC, datetime

import pytest

from matching.domain.errors import UnknownRegion
from matching.service_layer.participants import list_participants
from qplatform.db.unit_of_work import UnitOfWork
from qplatform.events import Envelope
from qplatform.paging import PageRequest
from tests.matching.member_events import member_joined

Handle = Callable[[Envelope], None]


def test_participants_come_oldest_member_first_across_pages(
    handle: Handle, uow: Callable[[], UnitOfWork]
) -> None:
    events = [member_joined(joined_at=datetime(2026, 11, day, tzinfo=UTC)) for day in (3, 1, 2)]
    for event in events:
        handle(event)

    with uow() as unit:
        pages = [list_participants(uow=unit, page=PageRequest(n, 2)) for n in (1, 2)]

    order = [p.member_id for page in pages for p in page.items]
    assert order == [events[1].subject, events[2].subject, events[0].subject]
    assert {page.total for page in pages} == {3}


@pytest.mark.parametrize("region", ["atlantis", "", "Scotland"])
def test_listing_in_a_region_q_does_not_have_is_refused(
    uow: Callable[[], UnitOfWork], region: str
) -> None:
    with uow() as unit, pytest.raises(UnknownRegion) as refused:
        list_participants(uow=unit, page=PageRequest(1, 10), region=region)

    assert refused.value.field == "region"
