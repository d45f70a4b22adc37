"""The slice through all four services, over HTTP and Kafka, with real processes."""

from functools import partial

from tests.e2e.flows import apply, approve, create_event, get
from tests.e2e.platform import Platform
from tests.notifications.smtp_server import SmtpServer
from tests.support.servers import Broker
from tests.support.topics import read_topic
from tests.support.waiting import wait_until


def welcomed(smtp: SmtpServer, email: str) -> int:
    return len([m for m in smtp.to(email) if m.message["Subject"] == "Welcome to Q"])


def welcomed_at_least_once(smtp: SmtpServer, email: str) -> bool:
    return welcomed(smtp, email) >= 1


def test_an_approved_applicant_is_welcomed_once_and_known_to_matching(
    platform: Platform, smtp: SmtpServer, topic_prefix: str, kafka_bootstrap: str
) -> None:
    applicant = apply(platform)
    member_id = approve(platform, applicant["id"])["member_id"]

    wait_until(lambda: welcomed(smtp, applicant["email"]) == 1, timeout=60, message="welcome")
    wait_until(
        lambda: get(platform, "matching", f"/participants/{member_id}").status_code == 200,
        timeout=30,
        message="matching's copy of the member",
    )
    # A later member's welcome proves the pipeline moved on; the first is still welcomed once.
    later = apply(platform)
    approve(platform, later["id"])
    wait_until(lambda: welcomed(smtp, later["email"]) == 1, timeout=60, message="second welcome")
    assert welcomed(smtp, applicant["email"]) == 1

    joined = read_topic(
        kafka_bootstrap,
        f"{topic_prefix}membership.member",
        until=lambda seen: any(r.key == member_id for r in seen),
    )
    assert all(applicant["email"] not in str(record.value) for record in joined)


def test_staff_create_an_event_and_it_is_published(
    platform: Platform, topic_prefix: str, kafka_bootstrap: str
) -> None:
    event = create_event(platform, "Spreading improvement across a region")
    seen = read_topic(
        kafka_bootstrap,
        f"{topic_prefix}events.event",
        until=lambda records: any(r.key == event["id"] for r in records),
    )
    mine = [r for r in seen if r.key == event["id"]]
    assert mine[0].headers["event-type"] == "event-created"
    assert mine[0].value is not None and mine[0].value["source"] == "events"


def test_approvals_while_the_broker_is_down_are_delivered_once_when_it_returns(
    platform: Platform, smtp: SmtpServer, broker: Broker
) -> None:
    applicants = [apply(platform) for _ in range(3)]
    broker.stop()
    try:
        decided = [approve(platform, applicant["id"]) for applicant in applicants]
        assert all(d["status"] == "approved" for d in decided)
        ready = get(platform, "membership", "/readyz")
        assert ready.status_code == 503 and ready.json()["checks"]["broker"] == "unreachable"
    finally:
        broker.start()
    for applicant in applicants:
        wait_until(
            partial(welcomed_at_least_once, smtp, applicant["email"]),
            timeout=120,
            message=f"welcome for {applicant['email']}",
        )
    marker = apply(platform)
    approve(platform, marker["id"])
    wait_until(lambda: welcomed(smtp, marker["email"]) == 1, timeout=60, message="marker welcome")
    assert [welcomed(smtp, a["email"]) for a in applicants] == [1, 1, 1]


def test_a_worker_killed_mid_flow_loses_and_repeats_nothing(
    platform: Platform, smtp: SmtpServer
) -> None:
    notifications = platform.services["notifications"]
    notifications.kill_worker()
    applicants = [apply(platform) for _ in range(3)]
    for applicant in applicants:
        approve(platform, applicant["id"])
    notifications.start_worker()
    for applicant in applicants:
        wait_until(
            partial(welcomed_at_least_once, smtp, applicant["email"]),
            timeout=90,
            message=f"welcome for {applicant['email']}",
        )
    membership = platform.services["membership"]
    membership.kill_worker()
    marker = apply(platform)
    approve(platform, marker["id"])
    membership.start_worker()
    wait_until(lambda: welcomed(smtp, marker["email"]) == 1, timeout=90, message="marker welcome")
    assert [welcomed(smtp, a["email"]) for a in applicants] == [1, 1, 1]
