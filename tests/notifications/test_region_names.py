"""Mail names each region as membership's staff last named it, not from a fixed table."""

import uuid
from datetime import UTC, datetime

import icalendar
import pytest

from notifications.domain.digest import Month
from notifications.service_layer.digests import queue_digests
from notifications.service_layer.dispatch import dispatch_pending
from qplatform.runtime import Runtime
from tests.notifications.examples import (
    contact_recorded,
    delivery_for,
    event_created,
    handle,
    joining,
    new_member_id,
)
from tests.notifications.smtp_server import ReceivedMail, SmtpServer
from tests.notifications.their_events import region_named, registration

DECEMBER = Month(2026, 12)
NOVEMBER_JOIN = datetime(2026, 11, 15, tzinfo=UTC)


def send_all(runtime: Runtime, server: SmtpServer) -> None:
    dispatch_pending(uow_factory=runtime.unit_of_work, delivery=delivery_for(server), limit=50)


def member_in(runtime: Runtime, region: str, email: str = "asha@example.org") -> str:
    member_id = new_member_id()
    handle(
        runtime,
        *joining(member_id, "Asha Patel", region=region, joined_at=NOVEMBER_JOIN),
        contact_recorded(member_id, email, "Asha Patel"),
    )
    return member_id


def site_visit(runtime: Runtime, region: str) -> str:
    event_id, starts = str(uuid.uuid4()), datetime(2026, 12, 9, 10, tzinfo=UTC)
    created = event_created(
        event_id, title="Site visit", region=region, venue="Town Hall", starts_at=starts
    )
    handle(runtime, created)
    return event_id


def digest_of(runtime: Runtime, server: SmtpServer, address: str) -> ReceivedMail:
    with runtime.unit_of_work() as uow:
        queue_digests(uow=uow, month=DECEMBER)
    send_all(runtime, server)
    [mail] = [m for m in server.to(address) if m.message["Subject"].startswith("Q-mun")]
    return mail


NAMINGS = [
    # what staff did, the region, the name they gave it
    ("renamed a starting region", "yorkshire-and-humber", "Yorkshire and the Humber"),
    ("added a region", "isle-of-man", "Isle of Man"),
    ("named a region with capitals of its own", "uclpartners", "UCLPartners London"),
]


@pytest.mark.parametrize(("what", "region", "name"), NAMINGS)
def test_the_digest_names_a_region_as_staff_last_named_it(
    runtime: Runtime, smtp_server: SmtpServer, what: str, region: str, name: str
) -> None:
    member_in(runtime, region)
    site_visit(runtime, region)
    handle(runtime, region_named(region, "An earlier name"), region_named(region, name))
    mail = digest_of(runtime, smtp_server, "asha@example.org")
    assert f"Events coming up in {name} and online:" in mail.text
    assert f"Site visit (webinar), Wed 09 Dec 2026, 10:00, {name}" in mail.text
    assert f"New members in {name}: 1" in mail.text
    assert f"<h2>New members in {name}: 1</h2>" in mail.html
    assert "An earlier name" not in mail.text


@pytest.mark.parametrize(("what", "region", "name"), NAMINGS)
def test_a_place_mail_and_its_calendar_entry_name_the_region_as_staff_did(
    runtime: Runtime, smtp_server: SmtpServer, what: str, region: str, name: str
) -> None:
    handle(runtime, region_named(region, name))
    event_id, asha = site_visit(runtime, region), member_in(runtime, region)
    handle(runtime, registration("registration-confirmed", event_id, asha))
    send_all(runtime, smtp_server)
    [mail] = [m for m in smtp_server.to("asha@example.org") if "place" in m.message["Subject"]]
    assert f"Where: Town Hall, {name}" in mail.text.splitlines()
    [entry] = icalendar.Calendar.from_ical(mail.part("text/calendar")).walk("VEVENT")
    assert str(entry["LOCATION"]) == f"Town Hall, {name}"


def test_a_region_never_announced_keeps_the_name_it_started_with(
    runtime: Runtime, smtp_server: SmtpServer
) -> None:
    member_in(runtime, "kent-surrey-sussex")
    handle(runtime, region_named("yorkshire-and-humber", "Yorkshire and the Humber"))
    mail = digest_of(runtime, smtp_server, "asha@example.org")
    assert "New members in Kent, Surrey and Sussex: 1" in mail.text
