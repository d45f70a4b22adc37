"""Each member's digest follows their groups and interests, not only their region."""

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from flask.testing import FlaskClient

from notifications.domain.copies import KnownMember
from notifications.domain.digest import Month
from notifications.service_layer.digests import queue_digests
from notifications.service_layer.dispatch import dispatch_pending
from qplatform.events import Envelope
from qplatform.runtime import Runtime
from tests.notifications.examples import (
    contact_recorded,
    delivery_for,
    event_created,
    handle,
    member_joined,
    new_member_id,
    profile_recorded,
)
from tests.notifications.smtp_server import SmtpServer
from tests.notifications.their_events import (
    group_created,
    group_place,
    post_published,
)
from tests.support.auth import STAFF

DECEMBER = Month(2026, 12)


def on(day: int, month: int = 11) -> datetime:
    return datetime(2026, month, day, 9, tzinfo=UTC)


def member(runtime: Runtime, name: str, **profile: object) -> str:
    member_id = new_member_id()
    email = f"{name.split()[0].lower()}@example.org"
    handle(
        runtime,
        member_joined(member_id, joined_at=on(1, 10)),
        contact_recorded(member_id, email, name),
        profile_recorded(member_id, name, joined_at=on(1, 10), **profile),
    )
    return member_id


def group(
    runtime: Runtime, name: str, topics: list[str], *joiners: tuple[str, datetime]
) -> Envelope:
    created = group_created(name, topics, joiners[0][0], joiners[0][1])
    handle(runtime, created)
    handle(runtime, *(group_place("group-member-joined", created, m, at) for m, at in joiners))
    return created


@pytest.fixture
def community(runtime: Runtime) -> dict[str, str]:
    people = {
        "asha": member(runtime, "Asha Patel", interests=["Mental health"], expertise=["frailty"]),
        "sam": member(runtime, "Sam Okafor", interests=None, tags=["digital"]),
        "priya": member(runtime, "Priya Shah"),
        "dev": member(runtime, "Dev Rao"),
    }
    asha, sam, priya, dev = people.values()
    frailty = group(
        runtime, "Frailty improvers", ["Frailty"], (asha, on(1, 10)), (priya, on(5)), (dev, on(6))
    )
    handle(runtime, group_place("group-member-left", frailty, dev, on(20)))
    group(runtime, "Digital champions", ["digital"], (sam, on(10)))
    group(runtime, "Mental health in primary care", ["mental-health"], (priya, on(12)))
    for day in range(1, 11):
        starts = on(day, 12) + timedelta(hours=4)
        handle(runtime, event_created(str(uuid.uuid4()), title=f"Webinar {day}", starts_at=starts))
    handle(
        runtime,
        event_created(
            str(uuid.uuid4()),
            title="Crisis care lab",
            starts_at=on(20, 12),
            topics=["mental health"],
        ),
        post_published("Digital front doors", on(2), topics=["Digital"]),
        *(post_published(f"Blog {n}", on(3 + n)) for n in range(5)),
    )
    return people


def digest_texts(runtime: Runtime, server: SmtpServer) -> dict[str, str]:
    with runtime.unit_of_work() as uow:
        queue_digests(uow=uow, month=DECEMBER)
    dispatch_pending(uow_factory=runtime.unit_of_work, delivery=delivery_for(server), limit=20)
    return {
        mail.rcpt_tos[0].split("@")[0]: mail.text
        for mail in server.messages
        if mail.message["Subject"].startswith("Q-municate")
    }


def test_members_with_other_groups_and_interests_get_other_digests(
    runtime: Runtime, smtp_server: SmtpServer, community: dict[str, str]
) -> None:
    texts = digest_texts(runtime, smtp_server)
    asha, sam = texts["asha"], texts["sam"]
    assert "Frailty improvers: 1 joined, 2 members in all" in asha
    assert "Frailty improvers" not in sam
    assert "Digital champions: 1 joined, 1 member in all" in sam
    assert "Digital champions" not in asha
    assert "New groups on your interests:\n- Mental health in primary care" in asha.replace(
        "\r", ""
    )
    assert "New groups on your interests" not in sam
    assert "Crisis care lab (webinar), Sun 20 Dec 2026, 09:00, online [on your interests]" in asha
    assert "Crisis care lab" not in sam and "Webinar 10" in sam and "Webinar 10" not in asha
    assert "Digital front doors (blog) [on your interests]" in sam
    assert "Digital front doors" not in asha and "Blog 0" in asha
    assert "New groups on your interests" not in texts["priya"]


def test_the_preview_shows_the_members_own_groups_and_picks(
    client: FlaskClient, community: dict[str, str]
) -> None:
    preview = client.get(
        f"/digests/preview?member_id={community['asha']}&month=2026-12", headers=STAFF
    ).get_json()
    assert "Frailty improvers" in preview["text"] and "Crisis care lab" in preview["text"]
    assert "<strong>on your interests</strong>" in preview["html"]


def test_a_newer_profile_replaces_the_copy_and_drops_what_is_hidden(runtime: Runtime) -> None:
    member_id = member(runtime, "Asha Patel", interests=["Mental health"], expertise=["Flow"])
    newer = {"interests": ["Mental health"], "tags": ["Sepsis"], "expertise": None}
    handle(
        runtime,
        profile_recorded(member_id, "Asha Patel", region="scotland", organisation=None, **newer),
    )
    with runtime.unit_of_work() as uow:
        known = uow.session.get(KnownMember, member_id)
        assert known is not None
        assert (known.interests, known.region) == (["mental-health", "sepsis"], "scotland")
        assert (known.display_name, known.organisation) == ("Asha Patel", "")
