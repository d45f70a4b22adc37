"""Which tokens a service refuses from the endings of access that membership announces."""

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from qplatform.config import Settings
from qplatform.events import Envelope
from qplatform.messaging.handlers import ReceivedEvent
from qplatform.revocations import ACCESS_ENDINGS, is_revoked, with_access_endings
from qplatform.runtime import Runtime
from tests.shared.toy import build_runtime

T = datetime(2026, 12, 2, 9, tzinfo=UTC)
BEFORE, AFTER = T - timedelta(microseconds=1), T + timedelta(microseconds=1)


@pytest.fixture
def runtime(tmp_path: Path) -> Runtime:
    settings = Settings.from_env("toy", env={}, database_url=f"sqlite:///{tmp_path}/toy.db")
    return build_runtime(settings)


def ended(runtime: Runtime, event_type: str, data: dict[str, object]) -> None:
    envelope = Envelope.new(
        type=event_type,
        version=1,
        source="membership",
        subject="m-1",
        correlation_id="c",
        data={},
    )
    with runtime.unit_of_work() as uow:
        with_access_endings({})[(event_type, 1)](uow, ReceivedEvent(envelope, data))
        uow.commit()


def refused(runtime: Runtime, issued_at: datetime, session_id: str = "s-1") -> bool:
    with runtime.engine.connect() as connection:
        return is_revoked(
            connection,
            runtime.tables,
            member_id="m-1",
            session_id=session_id,
            issued_at=issued_at,
        )


@pytest.mark.parametrize(
    ("event_type", "data", "refused_before", "refused_after"),
    [
        ("member-left", {"member_id": "m-1", "left_at": T}, True, False),
        (
            "member-role-changed",
            {"member_id": "m-1", "granted": False, "changed_at": T},
            True,
            False,
        ),
        (
            "member-role-changed",
            {"member_id": "m-1", "granted": True, "changed_at": T},
            False,
            False,
        ),
        ("session-ended", {"member_id": "m-1", "session_id": "s-1", "ended_at": T}, True, False),
        ("session-ended", {"member_id": "m-1", "session_id": "s-2", "ended_at": T}, False, False),
    ],
)
def test_tokens_issued_before_access_ended_are_refused_and_later_ones_are_not(
    runtime: Runtime,
    event_type: str,
    data: dict[str, object],
    refused_before: bool,
    refused_after: bool,
) -> None:
    ended(runtime, event_type, data)
    assert (refused(runtime, BEFORE), refused(runtime, AFTER)) == (refused_before, refused_after)


def test_a_later_ending_moves_the_line_and_an_earlier_one_does_not(runtime: Runtime) -> None:
    later = {"member_id": "m-1", "granted": False, "changed_at": T + timedelta(minutes=5)}
    ended(runtime, "member-role-changed", later)
    ended(runtime, "member-role-changed", {"member_id": "m-1", "granted": False, "changed_at": T})
    assert refused(runtime, AFTER, session_id="other")


def test_a_services_own_handler_runs_too_in_the_same_unit_of_work(runtime: Runtime) -> None:
    seen: list[str] = []
    combined = with_access_endings({("member-left", 1): lambda uow, event: seen.append("own")})
    envelope = Envelope.new(
        type="member-left",
        version=1,
        source="membership",
        subject="m-1",
        correlation_id="c",
        data={},
    )
    with runtime.unit_of_work() as uow:
        combined[("member-left", 1)](
            uow, ReceivedEvent(envelope, {"member_id": "m-1", "left_at": T})
        )
        uow.commit()
    assert seen == ["own"] and refused(runtime, BEFORE)
    assert set(ACCESS_ENDINGS) <= set(combined)
