"""The monthly digest: personal to each member's region, previewable, queued once a month."""

import uuid
from datetime import UTC, datetime

import pytest
from flask.testing import FlaskClient
from sqlalchemy import func, select

from notifications.domain.copies import DigestRun
from notifications.domain.digest import Month, digest_due
from notifications.service_layer.digests import queue_digests, queue_due_digest
from notifications.service_layer.dispatch import dispatch_pending
from qplatform.runtime import Runtime
from qplatform.tracing import flow
from tests.notifications.examples import (
    contact_recorded,
    delivery_for,
    event_created,
    handle,
    joining,
    messages_of,
    new_member_id,
)
from tests.notifications.smtp_server import ReceivedMail, SmtpServer
from tests.notifications.their_events import coffee_round_completed, post_published
from tests.support.auth import STAFF, bearer
from tests.support.spans import recording_spans

DECEMBER = Month(2026, 12)
NOVEMBER_JOIN = datetime(2026, 11, 15, tzinfo=UTC)


def member(runtime: Runtime, name: str, region: str, consents: list[str] | None = None) -> str:
    member_id = new_member_id()
    email = f"{name.split()[0].lower()}@example.org"
    handle(
        runtime,
        *joining(member_id, name, region=region, joined_at=NOVEMBER_JOIN),
        contact_recorded(member_id, email, name, consents=consents),
    )
    return member_id


def q_event(runtime: Runtime, title: str, region: str | None, starts: datetime) -> None:
    handle(
        runtime,
        event_created(
            str(uuid.uuid4()), title=title, region=region, starts_at=starts, ends_at=starts
        ),
    )


@pytest.fixture
def community(runtime: Runtime) -> dict[str, str]:
    q_event(runtime, "Online webinar on flow", None, datetime(2026, 12, 3, 13, tzinfo=UTC))
    q_event(
        runtime, "Salford site visit", "north-west-coast", datetime(2026, 12, 9, 10, tzinfo=UTC)
    )
    q_event(runtime, "Glasgow meet-up", "scotland", datetime(2026, 12, 10, 18, tzinfo=UTC))
    q_event(runtime, "Last month's talk", None, datetime(2026, 11, 20, 13, tzinfo=UTC))
    handle(
        runtime,
        post_published("What we learnt redesigning crisis care", datetime(2026, 11, 5, tzinfo=UTC)),
        post_published("An old blog", datetime(2026, 10, 5, tzinfo=UTC)),
        coffee_round_completed(11, datetime(2026, 11, 2, tzinfo=UTC), participants=1999),
        coffee_round_completed(12, datetime(2026, 12, 2, tzinfo=UTC), participants=2100),
    )
    return {
        "asha": member(runtime, "Asha Patel", "north-west-coast"),
        "sam": member(runtime, "Sam Okafor", "north-west-coast"),
        "iona": member(runtime, "Iona Reid", "scotland"),
        "quiet": member(runtime, "Quinn Quiet", "scotland", consents=[]),
    }


def digests_to(server: SmtpServer, address: str) -> list[ReceivedMail]:
    return [mail for mail in server.to(address) if mail.message["Subject"].startswith("Q-mun")]


def queue_december(runtime: Runtime) -> int:
    with runtime.unit_of_work() as uow:
        return queue_digests(uow=uow, month=DECEMBER)


def test_each_member_who_wants_it_gets_a_digest_of_their_region_and_online_events(
    runtime: Runtime, smtp_server: SmtpServer, community: dict[str, str]
) -> None:
    assert queue_december(runtime) == 3
    assert [m.template for m in messages_of(runtime, community["quiet"])] == ["welcome"]
    dispatch_pending(uow_factory=runtime.unit_of_work, delivery=delivery_for(smtp_server), limit=9)
    [asha] = digests_to(smtp_server, "asha@example.org")
    [iona] = digests_to(smtp_server, "iona@example.org")
    assert asha.message["Subject"] == "Q-municate: December 2026"
    assert asha.text.startswith("Dear Asha Patel,")
    assert "Online webinar on flow" in asha.text and "Salford site visit" in asha.text
    assert "Glasgow meet-up" not in asha.text and "Last month's talk" not in asha.text
    assert "Wed 09 Dec 2026, 10:00" in asha.text
    assert "New members in North West Coast: 2" in asha.text
    assert "What we learnt redesigning crisis care (blog)" in asha.text
    assert "An old blog" not in asha.text
    assert "round 11: 1999 members took part in 999 matches" in asha.text
    assert "Glasgow meet-up" in iona.text and "Salford site visit" not in iona.text
    assert "<li>Online webinar on flow (webinar)" in iona.html
    assert "New members in Scotland: 2" in iona.text and "Iona Reid" in iona.text


def test_a_month_is_queued_once(runtime: Runtime, community: dict[str, str]) -> None:
    queue_december(runtime)
    with pytest.raises(Exception, match="already queued"):
        queue_december(runtime)
    assert len(messages_of(runtime, community["asha"])) == 2  # welcome and digest


def test_staff_preview_any_members_digest_without_queueing_it(
    client: FlaskClient, runtime: Runtime, community: dict[str, str]
) -> None:
    response = client.get(
        f"/digests/preview?member_id={community['quiet']}&month=2026-12", headers=STAFF
    )
    assert response.status_code == 200
    letter = response.get_json()
    assert letter["subject"] == "Q-municate: December 2026"
    assert letter["text"].startswith("Dear Quinn Quiet,")
    assert "Glasgow meet-up" in letter["text"] and "/unsubscribe/" in letter["html"]
    assert [m.template for m in messages_of(runtime, community["quiet"])] == ["welcome"]


def test_staff_trigger_a_months_digest_once(client: FlaskClient, community: dict[str, str]) -> None:
    first = client.post("/digests", json={"month": "2026-12"}, headers=STAFF)
    again = client.post("/digests", json={"month": "2026-12"}, headers=STAFF)
    assert (first.status_code, first.get_json()) == (201, {"month": "2026-12", "messages": 3})
    assert again.status_code == 409
    assert "month" in again.get_json()["errors"]["json"]


@pytest.mark.parametrize("month", [None, "", "2026-13", "12-2026", "2026-1", 202612])
def test_a_bad_month_gets_a_4xx_naming_it_and_queues_nothing(
    refusing_client: FlaskClient, month: object
) -> None:
    body = {} if month is None else {"month": month}
    response = refusing_client.post("/digests", json=body, headers=STAFF)
    assert response.status_code == 422
    assert "month" in response.get_json()["errors"]["json"]
    runtime: Runtime = refusing_client.application.extensions["qplatform"]
    with runtime.unit_of_work() as uow:
        assert uow.session.scalar(select(func.count()).select_from(DigestRun)) == 0


@pytest.mark.parametrize(
    ("query", "status", "field"),
    [
        ("month=2026-12", 422, "member_id"),
        ("member_id=m1", 422, "month"),
        ("member_id=m1&month=2026-00", 422, "month"),
        ("member_id=no-such-member&month=2026-12", 404, None),
    ],
)
def test_a_bad_preview_gets_a_4xx(
    refusing_client: FlaskClient, query: str, status: int, field: str | None
) -> None:
    response = refusing_client.get(f"/digests/preview?{query}", headers=STAFF)
    assert response.status_code == status
    if field:
        assert field in response.get_json()["errors"]["query"]


@pytest.mark.parametrize("headers", [{}, bearer("member-1")])
@pytest.mark.parametrize(
    ("method", "path"),
    [("post", "/digests"), ("get", "/digests/preview?member_id=m&month=2026-12")],
)
def test_only_staff_handle_digests(
    refusing_client: FlaskClient, headers: dict[str, str], method: str, path: str
) -> None:
    response = getattr(refusing_client, method)(path, json={"month": "2026-12"}, headers=headers)
    assert response.status_code in (401, 403)


@pytest.mark.parametrize(
    ("moment", "due"),
    [
        (datetime(2026, 12, 1, 7, 59, tzinfo=UTC), None),
        (datetime(2026, 12, 1, 8, 0, tzinfo=UTC), "2026-12"),
        (datetime(2026, 12, 3, 23, 0, tzinfo=UTC), "2026-12"),
        (datetime(2026, 12, 4, 8, 0, tzinfo=UTC), None),
    ],
)
def test_the_digest_is_due_from_its_day_and_hour_for_three_days(
    moment: datetime, due: str | None
) -> None:
    month = digest_due(moment, day=1, hour=8)
    assert (month.name if month else None) == due


def test_the_schedule_queues_a_due_month_once(runtime: Runtime, community: dict[str, str]) -> None:
    moment = datetime(2026, 12, 1, 9, tzinfo=UTC)
    assert queue_december_if_due(runtime, moment) == 3
    assert queue_december_if_due(runtime, moment) == 0


def test_the_plain_text_digest_puts_each_listed_item_on_its_own_line(
    runtime: Runtime, smtp_server: SmtpServer, community: dict[str, str]
) -> None:
    queue_december(runtime)
    dispatch_pending(uow_factory=runtime.unit_of_work, delivery=delivery_for(smtp_server), limit=9)
    [asha] = digests_to(smtp_server, "asha@example.org")
    lines = asha.text.splitlines()
    assert "- Asha Patel, Lancashire NHS Trust" in lines
    assert "- Sam Okafor, Lancashire NHS Trust" in lines
    assert "- What we learnt redesigning crisis care (blog)" in lines
    assert not any(line.count("- ") > 1 for line in lines), asha.text


def test_a_run_that_reached_nobody_does_not_hold_the_month(
    runtime: Runtime, client: FlaskClient
) -> None:
    assert queue_december_if_due(runtime, datetime(2026, 12, 1, 9, tzinfo=UTC)) == 0, "no members"
    asha = member(runtime, "Asha Patel", "north-west-coast")
    assert queue_december_if_due(runtime, datetime(2026, 12, 1, 10, tzinfo=UTC)) == 1
    member(runtime, "Sam Okafor", "north-west-coast")
    response = client.post("/digests", json={"month": "2026-12"}, headers=STAFF)
    assert response.status_code == 409, "the month reached a member already"
    assert [m.template for m in messages_of(runtime, asha)] == ["welcome", "digest"]


def test_staff_send_a_month_whose_run_reached_nobody(runtime: Runtime, client: FlaskClient) -> None:
    with runtime.unit_of_work() as uow:
        assert queue_digests(uow=uow, month=DECEMBER) == 0
    sam = member(runtime, "Sam Okafor", "north-west-coast")
    response = client.post("/digests", json={"month": "2026-12"}, headers=STAFF)
    assert (response.status_code, response.get_json()) == (
        201,
        {"month": "2026-12", "messages": 1},
    )
    assert [m.template for m in messages_of(runtime, sam)] == ["welcome", "digest"]


def test_each_digest_mail_is_sent_in_a_trace_of_its_own_linked_to_the_run(
    runtime: Runtime, smtp_server: SmtpServer, community: dict[str, str]
) -> None:
    with recording_spans() as exported:
        with flow("scheduled digest"):
            assert queue_december(runtime) == 3
        dispatch_pending(
            uow_factory=runtime.unit_of_work, delivery=delivery_for(smtp_server), limit=20
        )
    spans = exported.get_finished_spans()
    [run] = [span for span in spans if span.name == "scheduled digest"]
    sends = [span for span in spans if (span.attributes or {}).get("qp.template") == "digest"]
    assert len(sends) == 3
    for send in sends:
        assert send.parent is None
        assert send.context.trace_id != run.context.trace_id
        assert [link.context.span_id for link in send.links] == [run.context.span_id]


def queue_december_if_due(runtime: Runtime, moment: datetime) -> int:
    with runtime.unit_of_work() as uow:
        return queue_due_digest(uow=uow, now=moment, day=1, hour=8)
