"""Creating an event: Q's rules, and the event-created announcement staged with it."""

import json
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from sqlalchemy import select

from events.adapters.storage import PLUMBING
from events.domain import errors
from events.domain.model import EventStatus
from events.service_layer import programme
from qplatform.events.contracts.events import KINDS, PILLARS
from qplatform.runtime import Runtime
from tests.events.examples import SOON, STAFF_CALLER, details, rows


def test_a_staff_event_is_published_and_kept(runtime: Runtime) -> None:
    with runtime.unit_of_work() as uow:
        created = programme.create_event(
            uow=uow, caller=STAFF_CALLER, details=details(region="scotland")
        )
    with runtime.unit_of_work() as uow:
        kept = programme.get_event(uow=uow, event_id=created.id)
    assert kept.status is EventStatus.PUBLISHED
    assert (kept.title, kept.region, kept.capacity) == (
        "Improvement in mental health services",
        "scotland",
        100,
    )
    assert kept.starts_at == SOON
    assert kept.created_at <= datetime.now(UTC)


def test_creating_a_staff_event_stages_event_created_then_event_published(runtime: Runtime) -> None:
    with runtime.unit_of_work() as uow:
        event = programme.create_event(uow=uow, caller=STAFF_CALLER, details=details())
    with runtime.engine.connect() as connection:
        staged, published = connection.execute(
            select(PLUMBING.outbox).order_by(PLUMBING.outbox.c.id)
        ).all()
    assert published.event_type == "event-published"
    envelope = json.loads(staged.payload)
    assert (staged.event_type, staged.key) == ("event-created", event.id)
    assert staged.topic == runtime.settings.topic("events.event")
    assert (envelope["source"], envelope["subject"], envelope["version"]) == ("events", event.id, 1)
    assert envelope["data"] == {
        "event_id": event.id,
        "title": event.title,
        "kind": "webinar",
        "pillar": "learn",
        "region": None,
        "starts_at": SOON.isoformat(),
        "ends_at": (SOON + timedelta(hours=1)).isoformat(),
        "timezone": "Europe/London",
        "capacity": 100,
        "venue": None,
        "description": event.description,
        "status": "published",
        "organiser_id": None,
        "topics": [],
        "series_id": None,
    }


def test_times_given_in_a_local_offset_are_kept_in_utc(runtime: Runtime) -> None:
    summer = timezone(timedelta(hours=1))
    starts = datetime(2031, 7, 1, 14, 0, tzinfo=summer)
    with runtime.unit_of_work() as uow:
        event = programme.create_event(
            uow=uow,
            caller=STAFF_CALLER,
            details=details(starts_at=starts, ends_at=starts + timedelta(hours=2)),
        )
    assert event.starts_at == datetime(2031, 7, 1, 13, 0, tzinfo=UTC)
    assert event.starts_at.tzinfo is UTC


def test_a_title_is_trimmed_and_a_blank_description_is_dropped(runtime: Runtime) -> None:
    with runtime.unit_of_work() as uow:
        event = programme.create_event(
            uow=uow,
            caller=STAFF_CALLER,
            details=details(title="  Coffee and QI  ", description="   "),
        )
    assert (event.title, event.description) == ("Coffee and QI", None)


NAIVE = SOON.replace(tzinfo=None)

BROKEN_RULES: list[tuple[str, dict[str, Any], type[errors.InvalidInput], str]] = [
    ("blank title", {"title": "   "}, errors.InvalidTitle, "title"),
    ("overlong title", {"title": "Q" * 201}, errors.InvalidTitle, "title"),
    (
        "overlong description",
        {"description": "x" * 10_001},
        errors.DescriptionTooLong,
        "description",
    ),
    ("unknown kind", {"kind": "lecture"}, errors.UnknownKind, "kind"),
    ("unknown pillar", {"pillar": "share"}, errors.UnknownPillar, "pillar"),
    ("unknown region", {"region": "atlantis"}, errors.UnknownRegion, "region"),
    ("start without zone", {"starts_at": NAIVE}, errors.InvalidSchedule, "starts_at"),
    (
        "end without zone",
        {"ends_at": NAIVE + timedelta(hours=1)},
        errors.InvalidSchedule,
        "ends_at",
    ),
    ("ends when it starts", {"ends_at": SOON}, errors.InvalidSchedule, "ends_at"),
    (
        "ends before it starts",
        {"ends_at": SOON - timedelta(minutes=1)},
        errors.InvalidSchedule,
        "ends_at",
    ),
    ("unknown time zone", {"timezone": "Mars/Olympus"}, errors.UnknownTimezone, "timezone"),
    ("lower-case time zone", {"timezone": "europe/london"}, errors.UnknownTimezone, "timezone"),
    ("path as time zone", {"timezone": "../etc/passwd"}, errors.UnknownTimezone, "timezone"),
    ("no places", {"capacity": 0}, errors.InvalidCapacity, "capacity"),
    ("negative places", {"capacity": -3}, errors.InvalidCapacity, "capacity"),
]


@pytest.mark.parametrize(
    ("changes", "error", "field"),
    [case[1:] for case in BROKEN_RULES],
    ids=[case[0] for case in BROKEN_RULES],
)
def test_an_event_breaking_a_rule_is_refused_and_nothing_is_written(
    runtime: Runtime, changes: dict[str, Any], error: type[errors.InvalidInput], field: str
) -> None:
    with runtime.unit_of_work() as uow, pytest.raises(error) as refused:
        programme.create_event(uow=uow, caller=STAFF_CALLER, details=details(**changes))
    assert refused.value.field == field
    assert rows(runtime.engine) == (0, 0)


def test_every_kind_and_pillar_of_the_contract_is_accepted(runtime: Runtime) -> None:
    with runtime.unit_of_work() as uow:
        for kind, pillar in zip(KINDS, PILLARS * 2, strict=False):
            programme.create_event(
                uow=uow, caller=STAFF_CALLER, details=details(kind=kind, pillar=pillar)
            )
    assert rows(runtime.engine) == (len(KINDS), 2 * len(KINDS))
