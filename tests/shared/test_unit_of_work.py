from pathlib import Path

import pytest
from sqlalchemy import func, select

from qplatform.config import Settings
from qplatform.errors import EventContractViolation
from qplatform.runtime import Runtime
from tests.shared.toy import PLUMBING, build_runtime, member_joined


@pytest.fixture
def runtime(tmp_path: Path) -> Runtime:
    settings = Settings.from_env("toy", env={}, database_url=f"sqlite:///{tmp_path}/toy.db")
    return build_runtime(settings)


def outbox_rows(runtime: Runtime) -> int:
    with runtime.engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(PLUMBING.outbox)).scalar_one()


def test_staged_events_reach_the_outbox_when_the_unit_commits(runtime: Runtime) -> None:
    with runtime.unit_of_work() as uow:
        uow.publish("member-joined", subject="m-1", data=member_joined("m-1"))
        uow.commit()
    assert outbox_rows(runtime) == 1


def test_staged_events_vanish_when_the_unit_does_not_commit(runtime: Runtime) -> None:
    with runtime.unit_of_work() as uow:
        uow.publish("member-joined", subject="m-1", data=member_joined("m-1"))
    assert outbox_rows(runtime) == 0


def test_an_event_that_breaks_its_schema_is_never_staged(runtime: Runtime) -> None:
    with runtime.unit_of_work() as uow, pytest.raises(EventContractViolation):
        uow.publish("member-joined", subject="m-1", data={"member_id": "m-1"})
    assert outbox_rows(runtime) == 0


def test_a_handled_event_is_remembered(runtime: Runtime) -> None:
    with runtime.unit_of_work() as uow:
        envelope = uow.publish("member-joined", subject="m-1", data=member_joined("m-1"))
        uow.record_handled(envelope)
        uow.commit()
    with runtime.unit_of_work() as uow:
        assert uow.has_handled(envelope.id)
        assert not uow.has_handled("another-id")
