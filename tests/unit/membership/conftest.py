from datetime import UTC, date, datetime

import pytest

from membership.domain.recruitment import RecruitmentWave
from membership.service_layer import recruitment
from qplatform.clock import FixedClock
from qplatform.config import Settings
from tests.unit.membership.fakes import FakeMembershipUnitOfWork

NOON = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOON)


@pytest.fixture
def uow(clock: FixedClock) -> FakeMembershipUnitOfWork:
    """Return membership in memory, recruiting in North West Coast and Scotland this month."""
    fake = FakeMembershipUnitOfWork(clock)
    wave = RecruitmentWave(
        name="Spring recruitment",
        partner="Health Innovation North West Coast",
        regions=["north-west-coast", "scotland"],
        opens_on=date(2026, 3, 1),
        closes_on=date(2026, 3, 31),
        target=50,
    )
    with fake:
        recruitment.schedule_wave(uow=fake, wave=wave)  # type: ignore[arg-type]
    fake.published.clear()
    return fake


@pytest.fixture
def settings() -> Settings:
    return Settings.from_env("membership", env={})
