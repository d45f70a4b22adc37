"""Each flow is one trace, from the HTTP request through the outbox and Kafka to the mail.

Every real process exports its spans to an OTLP receiver in the test; the tests follow a
flow's trace back from the mail's send, span by span, across the broker hop.
"""

from collections.abc import Callable, Iterator
from functools import partial

import pytest
import requests

from tests.e2e.conftest import whole_platform
from tests.e2e.event_flows import Member, call, join, register, wait_for_mail
from tests.e2e.flows import STAFF, apply, approve, get
from tests.e2e.platform import Platform
from tests.notifications.smtp_server import SmtpServer
from tests.support.otlp import CLIENT, CONSUMER, PRODUCER, SERVER, OtlpReceiver, ReceivedSpan
from tests.support.servers import Broker, Postgres
from tests.support.waiting import wait_until

pytestmark = [pytest.mark.kafka, pytest.mark.postgres]


@pytest.fixture(scope="module")
def receiver() -> Iterator[OtlpReceiver]:
    with OtlpReceiver() as running:
        yield running


@pytest.fixture(scope="module")
def traced_platform(
    broker: Broker,
    postgres: Postgres,
    shared_smtp: SmtpServer,
    shared_prefix: str,
    receiver: OtlpReceiver,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Platform]:
    """Run every service exporting its spans to the receiver within a fifth of a second."""
    env = {"OTEL_EXPORTER_OTLP_ENDPOINT": receiver.endpoint, "OTEL_BSP_SCHEDULE_DELAY": "200"}
    log_dir = tmp_path_factory.mktemp("traced")
    with whole_platform(broker, postgres, shared_smtp, shared_prefix, log_dir, env) as running:
        yield running


def mail_span(
    receiver: OtlpReceiver, template: str, trace_id: str | None = None
) -> list[ReceivedSpan]:
    """Return the sends of `template` mail (of one trace, if given)."""
    return [
        span
        for span in receiver.spans()
        if span.name == "send mail"
        and span.says("qp.template", template)
        and trace_id in (None, span.trace_id)
    ]


def request_span(receiver: OtlpReceiver, service: str, method: str, path: str) -> ReceivedSpan:
    """Wait for the server span of the request `method path` to `service`; return it."""

    def found() -> list[ReceivedSpan]:
        return [
            span
            for span in receiver.spans()
            if span.service == service
            and span.kind == SERVER
            and method in span.attributes.values()
            and any(str(value).endswith(path) for value in span.attributes.values())
        ]

    return wait_until(found, timeout=30, message=f"the span of {method} {path}")[0]


def parent_of(receiver: OtlpReceiver, span: ReceivedSpan) -> ReceivedSpan:
    """Wait for the parent of `span` to arrive; return it."""

    def found() -> list[ReceivedSpan]:
        return [s for s in receiver.trace(span.trace_id) if s.span_id == span.parent_id]

    return wait_until(found, timeout=30, message=f"the parent of {span.name}")[0]


def follow_back(receiver: OtlpReceiver, span: ReceivedSpan) -> list[ReceivedSpan]:
    """Return `span` and its ancestors up to its trace's root, nearest first."""
    chain = [span]
    while chain[-1].parent_id:
        chain.append(parent_of(receiver, chain[-1]))
    return chain


def where(span: ReceivedSpan) -> tuple[str, str, str]:
    return span.service, span.process, span.kind


def assert_crosses_the_hop(
    chain: list[ReceivedSpan], *, origin: str, event_type: str, request: ReceivedSpan
) -> None:
    """Check a mail's chain: its send, the consumer, the relay's publish, then the request."""
    send, consumed, published = chain[0], chain[1], chain[2]
    assert where(send) == ("notifications", "worker", CLIENT)
    assert where(consumed) == ("notifications", "worker", CONSUMER)
    assert consumed.says("qp.event_type", event_type)
    assert where(published) == (origin, "worker", PRODUCER)
    assert published.says("qp.event_type", event_type)
    assert chain[3] == request, "the relay's publish continues the request that staged it"
    assert request.parent_id == "", "the request starts the trace"


def sent_in_trace(
    receiver: OtlpReceiver, template: str, trace_id: str
) -> Callable[[], list[ReceivedSpan]]:
    return partial(mail_span, receiver, template, trace_id)


def test_an_approval_and_its_welcome_mail_are_one_trace_across_the_broker(
    traced_platform: Platform, shared_smtp: SmtpServer, receiver: OtlpReceiver
) -> None:
    applicant = apply(traced_platform)
    approve(traced_platform, applicant["id"])
    request = request_span(
        receiver, "membership", "POST", f"/applications/{applicant['id']}/approve"
    )

    [send] = wait_until(
        sent_in_trace(receiver, "welcome", request.trace_id),
        timeout=60,
        message="the welcome's send",
    )
    chain = follow_back(receiver, send)
    assert_crosses_the_hop(chain, origin="membership", event_type="member-joined", request=request)
    assert len(chain) == 4
    assert [m.message["Subject"] for m in shared_smtp.to(applicant["email"])].count(
        "Welcome to Q"
    ) == 1


@pytest.fixture(scope="module")
def members(traced_platform: Platform, shared_smtp: SmtpServer) -> list[Member]:
    return join(traced_platform, shared_smtp, ["Asha Patel", "Ben Okafor"])


def test_a_registration_and_a_waitlist_promotion_each_trace_to_their_mail(
    traced_platform: Platform,
    shared_smtp: SmtpServer,
    receiver: OtlpReceiver,
    members: list[Member],
) -> None:
    first, second = members
    created = call(
        traced_platform,
        "POST",
        "/events",
        STAFF,
        {
            "title": "Spread and scale",
            "kind": "webinar",
            "pillar": "learn",
            "capacity": 1,
            "starts_at": "2030-03-04T13:00:00+00:00",
            "ends_at": "2030-03-04T14:00:00+00:00",
            "timezone": "Europe/London",
        },
    )
    assert created.status_code == 201, created.text
    event_id = created.json()["id"]
    assert register(traced_platform, first, event_id)["status"] == "confirmed"
    wait_for_mail(shared_smtp, first, "Your place at Spread and scale is confirmed")
    registered = request_span(receiver, "events", "POST", f"/events/{event_id}/registrations")
    [confirmed] = wait_until(
        sent_in_trace(receiver, "registration-confirmed", registered.trace_id),
        timeout=30,
        message="the confirmation's send",
    )
    assert_crosses_the_hop(
        follow_back(receiver, confirmed),
        origin="events",
        event_type="registration-confirmed",
        request=registered,
    )

    assert register(traced_platform, second, event_id)["status"] == "waitlisted"
    cancelled = call(
        traced_platform, "DELETE", f"/events/{event_id}/registrations/mine", first.headers
    )
    assert cancelled.ok, cancelled.text
    wait_for_mail(shared_smtp, second, "A place at Spread and scale is yours")
    freed = request_span(receiver, "events", "DELETE", f"/events/{event_id}/registrations/mine")
    [promoted] = wait_until(
        sent_in_trace(receiver, "waitlist-promoted", freed.trace_id),
        timeout=30,
        message="the promotion's send",
    )
    assert_crosses_the_hop(
        follow_back(receiver, promoted),
        origin="events",
        event_type="waitlist-promoted",
        request=freed,
    )


def introductions_linked_to(
    receiver: OtlpReceiver, coffee_round: ReceivedSpan
) -> list[ReceivedSpan] | None:
    """Return the introductions' sends once both arrived whose trace links to the round."""
    sends = mail_span(receiver, "coffee-introduction")
    if len(sends) < 2:
        return None
    cause = (coffee_round.trace_id, coffee_round.span_id)
    return [send for send in sends if cause in follow_back(receiver, send)[-1].links]


def test_a_coffee_round_links_the_traces_of_its_matches_and_their_introductions(
    traced_platform: Platform, shared_smtp: SmtpServer, receiver: OtlpReceiver
) -> None:
    emails = []
    for organisation in ("NHS Tayside", "NHS Lothian"):
        applicant = apply(
            traced_platform, organisation=organisation, mail_categories=["coffee-trials"]
        )
        member_id = approve(traced_platform, applicant["id"])["member_id"]
        emails.append(applicant["email"])
        wait_until(
            lambda member_id=member_id: (
                get(traced_platform, "matching", f"/participants/{member_id}").status_code == 200
            ),
            timeout=60,
            message="matching's copy of the member",
        )
    for email in emails:
        wait_until(
            lambda email=email: any(
                m.message["Subject"] == "Welcome to Q" for m in shared_smtp.to(email)
            ),
            timeout=60,
            message="the welcome, so notifications knows the address",
        )
    requested = requests.post(
        f"{traced_platform.url('matching')}/rounds", json={}, headers=STAFF, timeout=30
    )
    assert requested.status_code == 202, requested.text
    round_id = requested.json()["id"]
    request = request_span(receiver, "matching", "POST", "/rounds")

    [coffee_round] = wait_until(
        lambda: [s for s in receiver.spans() if s.says("qp.round_id", round_id)],
        timeout=60,
        message="the round's span",
    )
    assert where(coffee_round) == ("matching", "worker", "internal")
    assert coffee_round.parent_id == "", "a round is a trace of its own"
    assert coffee_round.links == ((request.trace_id, request.span_id),)

    introductions = wait_until(
        partial(introductions_linked_to, receiver, coffee_round),
        timeout=60,
        message="both introductions' sends",
    )
    assert len(introductions) == 2
    for send in introductions:
        chain = follow_back(receiver, send)
        assert send.trace_id != coffee_round.trace_id, "each match has a trace of its own"
        assert where(chain[1]) == ("notifications", "worker", CONSUMER)
        assert chain[1].says("qp.event_type", "match-made")
        assert where(chain[-1]) == ("matching", "worker", PRODUCER)
        assert chain[-1].links == ((coffee_round.trace_id, coffee_round.span_id),)
