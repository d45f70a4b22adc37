"""Fixtures of collaboration's fast tier: a fake unit of work on a clock that stands still."""

from datetime import UTC, datetime
from typing import Any

import pytest

from qplatform.clock import FixedClock
from qplatform.identity import MEMBER, STAFF, Caller
from tests.unit.collaboration.fakes import FakeCollaborationUnitOfWork

NOW = datetime(2027, 3, 1, 9, 30, tzinfo=UTC)
STAFF_CALLER = Caller(roles=frozenset({STAFF}))


def member(member_id: str) -> Caller:
    """Return a signed-in member with no other role."""
    return Caller(member_id=member_id, roles=frozenset({MEMBER}))


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


@pytest.fixture
def uow(clock: FixedClock) -> Any:
    """Return collaboration's unit of work over in-memory repositories."""
    return FakeCollaborationUnitOfWork(clock)
