"""Matched members who have not said whether they met are asked once, in the fourth week."""

from datetime import UTC, datetime, timedelta

from notifications.service_layer.dispatch import dispatch_pending
from notifications.service_layer.feedback import queue_feedback_prompts
from qplatform.runtime import Runtime
from tests.notifications.examples import contact_recorded, delivery_for, handle, new_member_id
from tests.notifications.smtp_server import SmtpServer
from tests.notifications.their_events import match_feedback_recorded, match_made

MATCHED = datetime(2026, 12, 1, 9, tzinfo=UTC)


def ask(runtime: Runtime, now: datetime) -> int:
    with runtime.unit_of_work() as uow:
        return queue_feedback_prompts(uow=uow, now=now)


def test_only_members_who_have_not_answered_are_asked_once_in_the_fourth_week(
    runtime: Runtime, smtp_server: SmtpServer
) -> None:
    asha, sam = new_member_id(), new_member_id()
    for member_id, name in [(asha, "asha"), (sam, "sam")]:
        handle(
            runtime, contact_recorded(member_id, f"{name}@example.org", consents=["coffee-trials"])
        )
    made = match_made([asha, sam], matched_at=MATCHED)
    handle(runtime, made, match_feedback_recorded(made, sam))
    assert ask(runtime, MATCHED + timedelta(days=20)) == 0
    assert ask(runtime, MATCHED + timedelta(days=21)) == 1
    assert ask(runtime, MATCHED + timedelta(days=22)) == 0
    dispatch_pending(uow_factory=runtime.unit_of_work, delivery=delivery_for(smtp_server), limit=9)
    prompts = [m for m in smtp_server.messages if m.message["Subject"].startswith("Did you meet")]
    assert [m.rcpt_tos for m in prompts] == [["asha@example.org"]]
    assert f"/coffee/feedback/{made.data['match_id']}" in prompts[0].text


def test_a_match_over_five_weeks_old_is_not_asked_about(runtime: Runtime) -> None:
    handle(runtime, match_made([new_member_id(), new_member_id()], matched_at=MATCHED))
    assert ask(runtime, MATCHED + timedelta(days=36)) == 0
