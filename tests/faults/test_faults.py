"""Faults done to real processes on PostgreSQL: nothing lost, nothing doubled, no worker down.

Each test does one kind of fault to the module's one platform while people join, then counts
every effect of every person: the two mails at the SMTP server, and a row in each service's
database (one per member, by key). It fails on one effect lost, a 500, or a process that
exited; the last test fails on any mail that reached the SMTP server twice under any fault.
Collaboration's work (Lab applications, selections, survey answers) is counted the same way:
one row each in its database, one mail each at the SMTP server.
"""

import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
import requests

from qplatform.messaging.producer import EventProducer, Record
from qplatform.services import SERVICES
from tests.faults.harness import LAB_PLACE, Harness, stop_process
from tests.support.auth import STAFF, bearer
from tests.support.principals import ADMIN, signed_in_as
from tests.support.topics import read_topic
from tests.support.waiting import wait_until

# The platform starts in the first test's setup; each fault then gets its own bounded waits.
pytestmark = [pytest.mark.timeout(600)]

WEB_PROCESSES = 2  # gunicorn workers per service, as tests/e2e/platform.py starts them


@pytest.fixture(autouse=True)
def nothing_down_and_no_500(harness: Harness) -> Iterator[None]:
    """After each fault, every process still runs and no request met a 500."""
    yield
    assert harness.workers_up() == []
    assert harness.statuses[500] == 0


def test_broker_restarts_lose_and_double_nothing(harness: Harness) -> None:
    joined = harness.join(4)
    for _ in range(2):
        harness.broker.stop()
        joined |= harness.join(4)  # accepted while the broker is away
        harness.broker.start()
        joined |= harness.join(2)
    harness.every_effect_once(joined)


def test_a_database_outage_answers_503_and_loses_nothing(harness: Harness) -> None:
    joined = harness.join(4)  # their effects are under way when the database stops
    harness.postgres.stop()
    url = f"{harness.platform.url('membership')}/applications?page=1"
    away = requests.get(url, headers=STAFF, timeout=10)
    assert away.status_code == 503 and away.headers["Retry-After"]
    assert away.json()["code"] == 503
    restarter = threading.Thread(target=harness.postgres.start)
    restarter.start()
    joined |= harness.join(6)  # tried again while they answer 503
    restarter.join(timeout=120)
    harness.every_effect_once(joined)
    for service in SERVICES:
        log = (harness.log_dir / f"{service}-web.log").read_text()
        assert "Traceback" not in log
        # Once per outage and web process at most, not once per request.
        assert log.count("answering 503") <= WEB_PROCESSES


def test_workers_killed_mid_flow_lose_and_double_nothing(harness: Harness) -> None:
    joined = {}
    for service in SERVICES:
        joined |= harness.join(3)
        harness.sigkill_worker(service)
    joined |= harness.join(3)
    harness.every_effect_once(joined)


def test_two_relays_keep_each_applications_events_in_order(harness: Harness) -> None:
    second = harness.extra_worker("membership")
    try:
        joined = harness.join(12)
        harness.every_effect_once(joined)
    finally:
        assert stop_process(second) == 0, "a second worker stops cleanly on SIGTERM"
    records = read_topic(
        harness.platform.services["membership"].env["QP_KAFKA_BOOTSTRAP"],
        f"{harness.prefix}membership.application",
        until=lambda seen: (
            sum(r.headers.get("event-type") == "application-approved" for r in seen) >= len(joined)
        ),
    )
    first_type: dict[str, str] = {}
    for record in records:
        assert record.key is not None
        first_type.setdefault(record.key, record.headers["event-type"])
    assert set(first_type.values()) == {"application-submitted"}


def test_a_record_too_deep_to_parse_is_parked_by_every_consumer_and_the_stream_flows(
    harness: Harness,
) -> None:
    bootstrap = harness.platform.services["membership"].env["QP_KAFKA_BOOTSTRAP"]
    # Only the operator may write a record no service would: a poison one.
    producer = EventProducer(bootstrap, client_id="fault-suite", security=signed_in_as(ADMIN))
    poison = Record(f"{harness.prefix}membership.member", "poison", b"[" * 100_000, [])
    producer.send_all([poison])
    producer.close()
    joined = harness.join(4)
    harness.every_effect_once(joined)
    for service in ("events", "matching", "notifications", "collaboration"):
        parked = read_topic(
            bootstrap, f"{harness.prefix}dead-letter.{service}", until=lambda seen: seen
        )
        errors = [r.headers["dead-letter-error-type"] for r in parked if r.key == "poison"]
        assert errors == ["qplatform.messaging.record_limits.RecordRefused"]


def test_a_members_own_cancelled_pending_event_holds_up_no_confirmation(
    harness: Harness,
) -> None:
    joined = harness.join(3)
    harness.every_effect_once(joined)
    organiser, *others = list(joined)
    starts = datetime.now(UTC).replace(microsecond=0) + timedelta(days=7)
    form = {
        "kind": "site-visit",
        "pillar": "learn",
        "region": "scotland",
        "venue": "Ninewells Hospital, Dundee",
        "capacity": 10,
        "starts_at": starts.isoformat(),
        "ends_at": (starts + timedelta(hours=2)).isoformat(),
        "timezone": "Europe/London",
    }
    pending = harness.request(
        "POST",
        "events",
        "/events",
        json={**form, "title": "A pending visit"},
        headers=bearer(organiser),
    ).json()
    cancelled = harness.request(
        "POST",
        "events",
        f"/events/{pending['id']}/cancel",
        json={"reason": "Changed plans"},
        headers=bearer(organiser),
    )
    assert cancelled.status_code == 200, cancelled.text
    title = "An open visit"
    event = harness.request(
        "POST", "events", "/events", json={**form, "title": title}, headers=STAFF
    ).json()
    for member in others:
        placed = harness.request(
            "POST", "events", f"/events/{event['id']}/registrations", headers=bearer(member)
        )
        assert placed.status_code == 201, placed.text
    subject = f"Your place at {title} is confirmed"
    wait_until(
        lambda: all(harness.mails(joined[m], subject) == 1 for m in others),
        timeout=30,
        message="every confirmation mailed within seconds",
    )


def test_lab_and_survey_work_across_broker_and_worker_faults_happens_exactly_once(
    harness: Harness,
) -> None:
    # Every service knows them, collaboration too: a survey to everyone asks them.
    joined = harness.known_members(3)
    members = list(joined)
    cohort = harness.open_cohort()
    harness.broker.stop()
    harness.apply_and_select(cohort, members)  # accepted while the broker is away
    harness.broker.start()
    harness.sigkill_worker("collaboration")  # its relay may have sent them, or not yet
    harness.sigkill_worker("notifications")
    survey = harness.open_survey()
    harness.answer(survey, members)
    wait_until(
        lambda: all(harness.mails(email, LAB_PLACE) >= 1 for email in joined.values()),
        timeout=90,
        interval=0.5,
        message="every selected member told of their place",
    )
    assert {email: harness.mails(email, LAB_PLACE) for email in joined.values()} == dict.fromkeys(
        joined.values(), 1
    )
    assert harness.once_per_member("cohort", cohort, members) == len(members)
    assert harness.once_per_member("survey", survey["id"], members) == len(members)
    opened = harness.request("GET", "collaboration", f"/surveys/{survey['id']}", headers=STAFF)
    assert opened.json()["audience_size"] >= len(members)


def test_no_mail_reached_the_smtp_server_twice_under_any_fault(harness: Harness) -> None:
    assert harness.doubled_mails() == {}
