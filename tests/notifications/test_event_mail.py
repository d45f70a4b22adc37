"""Mail about other services' events, checked at a real SMTP server on loopback."""

import uuid
from datetime import UTC, datetime

import icalendar
import pytest

from notifications.domain.copies import KnownEvent
from notifications.domain.errors import EventNotKnown
from notifications.domain.model import Contact
from notifications.service_layer.dispatch import dispatch_pending
from qplatform.password_links import password_link_secret
from qplatform.runtime import Runtime
from tests.notifications.examples import (
    contact_recorded,
    delivery_for,
    envelope,
    event_created,
    handle,
    joining,
    messages_of,
    new_member_id,
)
from tests.notifications.smtp_server import ReceivedMail, SmtpServer
from tests.notifications.their_events import (
    event_cancelled,
    event_updated,
    match_made,
    password_setup_requested,
    registration,
)


def send_all(runtime: Runtime, server: SmtpServer) -> None:
    dispatch_pending(uow_factory=runtime.unit_of_work, delivery=delivery_for(server), limit=50)


def member(
    runtime: Runtime, email: str, name: str = "Asha Patel", consents: list[str] | None = None
) -> str:
    member_id = new_member_id()
    handle(runtime, contact_recorded(member_id, email, name, consents=consents))
    return member_id


def only(server: SmtpServer, address: str, subject_start: str) -> ReceivedMail:
    [mail] = [m for m in server.to(address) if m.message["Subject"].startswith(subject_start)]
    return mail


def q_event(runtime: Runtime) -> str:
    event_id = str(uuid.uuid4())
    handle(runtime, event_created(event_id))
    return event_id


def test_a_password_link_is_mailed_once_and_its_secret_is_not_kept(
    runtime: Runtime, smtp_server: SmtpServer
) -> None:
    member_id, setup_id = new_member_id(), str(uuid.uuid4())
    request = password_setup_requested(member_id, "asha@example.org", setup_id)
    handle(runtime, request, request)
    send_all(runtime, smtp_server)
    mail = only(smtp_server, "asha@example.org", "Set your Q password")
    secret = password_link_secret(runtime.settings.password_link_secret, setup_id)
    assert f"http://127.0.0.1:8080/set-password?token={secret}" in mail.text
    assert setup_id not in mail.text
    assert mail.message["List-Unsubscribe"] is None
    [message] = messages_of(runtime, member_id)
    assert secret not in f"{message.context}{message.body_text}{message.body_html}"


def test_an_older_password_request_keeps_the_contact_and_mails_nothing(
    runtime: Runtime, smtp_server: SmtpServer
) -> None:
    member_id = new_member_id()
    data = {
        "member_id": member_id,
        "email": "asha@example.org",
        "display_name": "Asha Patel",
        "consents": ["digest"],
        "token": "a-secret-from-before-version-2",
        "expires_at": datetime(2026, 11, 1, tzinfo=UTC),
    }
    handle(runtime, envelope("password-setup-requested", subject=member_id, data=data))
    send_all(runtime, smtp_server)
    assert smtp_server.to("asha@example.org") == []
    with runtime.unit_of_work() as uow:
        contact = uow.session.get(Contact, member_id)
        assert contact is not None and contact.email == "asha@example.org"


@pytest.mark.parametrize(
    ("event_type", "subject"),
    [
        ("registration-confirmed", "Your place at Improvement in mental health services"),
        ("waitlist-promoted", "A place at Improvement in mental health services is yours"),
    ],
)
def test_a_place_at_an_event_is_mailed_with_its_calendar_entry(
    runtime: Runtime, smtp_server: SmtpServer, event_type: str, subject: str
) -> None:
    event_id = q_event(runtime)
    member_id = member(runtime, "asha@example.org")
    handle(runtime, registration(event_type, event_id, member_id))
    send_all(runtime, smtp_server)
    mail = only(smtp_server, "asha@example.org", subject)
    assert "Thu 10 Dec 2026, 13:00" in mail.text
    assert mail.message["List-Unsubscribe"] is None
    calendar = mail.part("text/calendar")
    assert f"UID:{event_id}@q.health.org.uk" in calendar
    assert "DTSTART:20261210T130000Z" in calendar and "METHOD:PUBLISH" in calendar
    assert mail.message.get_content_type() == "multipart/mixed"


PLACES = [
    # region, venue, what "Where:" says and the calendar's LOCATION
    ("uclpartners", "Francis Crick Institute", "Francis Crick Institute, UCLPartners"),
    ("yorkshire-and-humber", None, "Yorkshire and Humber"),
    ("kent-surrey-sussex", "Brighton Dome", "Brighton Dome, Kent, Surrey and Sussex"),
]


@pytest.mark.parametrize(("region", "venue", "where"), PLACES)
def test_a_place_mail_and_its_calendar_entry_say_the_venue_and_what_it_is_about(
    runtime: Runtime, smtp_server: SmtpServer, region: str, venue: str | None, where: str
) -> None:
    event_id = str(uuid.uuid4())
    about = "A morning at the lab, then lunch; bring questions."
    created = event_created(
        event_id, title="Site visit", region=region, venue=venue, description=about
    )
    asha = member(runtime, "asha@example.org")
    handle(runtime, created, registration("registration-confirmed", event_id, asha))
    send_all(runtime, smtp_server)
    mail = only(smtp_server, "asha@example.org", "Your place at Site visit")
    assert f"Where: {where}" in mail.text.splitlines()
    assert f"Where: {where}</p>" in mail.html
    [entry] = icalendar.Calendar.from_ical(mail.part("text/calendar")).walk("VEVENT")
    assert str(entry["LOCATION"]) == where
    assert str(entry["DESCRIPTION"]) == about
    assert str(entry["UID"]) == f"{event_id}@q.health.org.uk"


def test_an_online_event_is_mailed_as_online_with_no_location(
    runtime: Runtime, smtp_server: SmtpServer
) -> None:
    event_id, asha = q_event(runtime), member(runtime, "asha@example.org")
    handle(runtime, registration("registration-confirmed", event_id, asha))
    send_all(runtime, smtp_server)
    mail = only(smtp_server, "asha@example.org", "Your place")
    assert "Where: online" in mail.text.splitlines()
    [entry] = icalendar.Calendar.from_ical(mail.part("text/calendar")).walk("VEVENT")
    assert "LOCATION" not in entry


def test_a_registration_for_an_event_not_yet_known_is_retried_later(runtime: Runtime) -> None:
    with pytest.raises(EventNotKnown):
        handle(runtime, registration("registration-confirmed", "no-such-event", new_member_id()))


def test_everyone_registered_hears_of_a_change_and_the_copy_follows_it(
    runtime: Runtime, smtp_server: SmtpServer
) -> None:
    event_id = q_event(runtime)
    asha, sam = member(runtime, "asha@example.org"), member(runtime, "sam@example.org")
    handle(runtime, event_updated(event_id, [asha, sam]))
    send_all(runtime, smtp_server)
    for address in ("asha@example.org", "sam@example.org"):
        mail = only(smtp_server, address, "Improvement in mental health services has changed")
        assert "Fri 11 Dec 2026, 13:00" in mail.text and "(starts_at)" in mail.text
        assert "DTSTART:20261211T130000Z" in mail.part("text/calendar")
    with runtime.unit_of_work() as uow:
        known = uow.session.get(KnownEvent, event_id)
        assert known is not None and known.starts_at.day == 11


def test_an_event_joining_a_series_is_no_news_to_its_registrants(
    runtime: Runtime, smtp_server: SmtpServer
) -> None:
    event_id = q_event(runtime)
    asha = member(runtime, "asha@example.org")
    handle(runtime, event_updated(event_id, [asha], changed=["series_id"]))
    handle(runtime, event_updated(event_id, [asha], changed=["series_id", "venue"]))
    send_all(runtime, smtp_server)
    [mail] = smtp_server.to("asha@example.org")
    assert mail.message["Subject"].startswith("Improvement in mental health services has changed")
    assert "(venue)" in mail.text and "series" not in mail.text


def test_everyone_registered_hears_of_a_cancellation_and_the_digest_forgets_it(
    runtime: Runtime, smtp_server: SmtpServer
) -> None:
    event_id = q_event(runtime)
    asha = member(runtime, "asha@example.org")
    handle(runtime, event_cancelled(event_id, [asha]))
    send_all(runtime, smtp_server)
    mail = only(smtp_server, "asha@example.org", "Improvement in mental health services is")
    assert "cancelled (Speaker unwell)" in mail.text
    assert "METHOD:CANCEL" in mail.part("text/calendar")
    with runtime.unit_of_work() as uow:
        assert uow.session.get(KnownEvent, event_id) is None


@pytest.mark.parametrize("change", ["cancelled", "updated"])
def test_a_change_to_an_event_never_opened_is_recorded_without_waiting(
    runtime: Runtime, smtp_server: SmtpServer, change: str
) -> None:
    never_opened = str(uuid.uuid4())
    changed = event_cancelled if change == "cancelled" else event_updated
    handle(runtime, changed(never_opened, []))
    send_all(runtime, smtp_server)
    assert smtp_server.messages == []


def test_both_members_of_a_coffee_match_are_introduced_with_each_others_address(
    runtime: Runtime, smtp_server: SmtpServer
) -> None:
    asha = member(runtime, "asha@example.org", "Asha Patel", consents=["coffee-trials"])
    sam = member(runtime, "sam@example.org", "Sam Okafor", consents=["coffee-trials"])
    handle(runtime, *joining(asha, "Asha Patel"), *joining(sam, "Sam Okafor"))
    handle(runtime, match_made([asha, sam]))
    send_all(runtime, smtp_server)
    to_asha = only(smtp_server, "asha@example.org", "Your coffee match")
    to_sam = only(smtp_server, "sam@example.org", "Your coffee match")
    assert "- Sam Okafor, Lancashire NHS Trust: sam@example.org" in to_asha.text.splitlines()
    assert "- Asha Patel, Lancashire NHS Trust: asha@example.org" in to_sam.text.splitlines()
    assert 'href="mailto:sam@example.org"' in to_asha.html
    for mail in (to_asha, to_sam):
        assert "directory" not in mail.text
        assert "Write to each other to arrange a time" in mail.text


def test_every_member_paired_is_told_even_after_turning_off_other_coffee_mail(
    runtime: Runtime, smtp_server: SmtpServer
) -> None:
    asha = member(runtime, "asha@example.org", consents=["coffee-trials"])
    quiet = member(runtime, "quiet@example.org", "Quiet Member", consents=[])
    handle(runtime, match_made([asha, quiet]))
    send_all(runtime, smtp_server)
    to_quiet = only(smtp_server, "quiet@example.org", "Your coffee match")
    assert "asha@example.org" in to_quiet.text
    assert "quiet@example.org" in only(smtp_server, "asha@example.org", "Your coffee match").text
