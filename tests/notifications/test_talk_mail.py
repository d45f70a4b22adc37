"""Mail about talks: a request reaches the speaker, the answer reaches the organiser."""

import uuid
from datetime import UTC, datetime

from notifications.service_layer import preferences
from qplatform.events import Envelope
from qplatform.runtime import Runtime
from tests.notifications.examples import (
    contact_recorded,
    envelope,
    handle,
    messages_of,
    new_member_id,
    profile_recorded,
)
from tests.notifications.smtp_server import SmtpServer
from tests.notifications.test_event_mail import only, send_all

SUBJECT = "Measuring for improvement in mental health"
TALK = str(uuid.uuid4())


def _talk_event(type: str, **data: object) -> Envelope:
    base = {"talk_id": TALK, "subject": SUBJECT, "at": datetime.now(UTC), **data}
    return envelope(type, subject=TALK, data=base, source="events")


def offered(speaker_id: str) -> Envelope:
    return _talk_event(
        "talk-offered", speaker_id=speaker_id, format="either", regions=[], topics=["measurement"]
    )


def requested(speaker_id: str, requester_id: str, request_id: str) -> Envelope:
    ids = {"speaker_id": speaker_id, "requester_id": requester_id, "request_id": request_id}
    return _talk_event("talk-requested", event_id=None, **ids)


def answered(asked: Envelope, answer: str) -> Envelope:
    ids = {name: asked.data[name] for name in ("speaker_id", "requester_id", "request_id")}
    return _talk_event("talk-request-answered", event_id=None, answer=answer, **ids)


def _member(runtime: Runtime, email: str, name: str, organisation: str) -> str:
    member_id = new_member_id()
    handle(runtime, contact_recorded(member_id, email, name, consents=["digest"]))
    handle(runtime, profile_recorded(member_id, name, organisation=organisation))
    return member_id


def test_the_speaker_is_mailed_a_request_once_with_the_link_to_answer_it(
    runtime: Runtime, smtp_server: SmtpServer
) -> None:
    speaker = _member(runtime, "sam@example.org", "Sam Okafor", "NHS Scotland")
    organiser = _member(runtime, "asha@example.org", "Asha Patel", "Lancashire NHS Trust")
    request_id = str(uuid.uuid4())
    asked = requested(speaker, organiser, request_id)
    handle(runtime, offered(speaker), asked, asked)
    send_all(runtime, smtp_server)
    mail = only(smtp_server, "sam@example.org", "Asha Patel asks you to give your talk")
    assert f'Asha Patel (Lancashire NHS Trust) asks you to give your talk "{SUBJECT}".' in mail.text
    assert f"http://127.0.0.1:8080/talks/requests/{request_id}" in mail.text
    assert "requests to give the talks you offer" in mail.text
    assert mail.message["List-Unsubscribe"] is not None
    [message] = messages_of(runtime, speaker)
    assert (message.template, message.category) == ("talk-requested", "talk-requests")


def test_a_speaker_who_stopped_talk_requests_is_not_mailed_them(
    runtime: Runtime, smtp_server: SmtpServer
) -> None:
    speaker = _member(runtime, "sam@example.org", "Sam Okafor", "NHS Scotland")
    organiser = _member(runtime, "asha@example.org", "Asha Patel", "Lancashire NHS Trust")
    handle(runtime, offered(speaker))
    with runtime.unit_of_work() as uow:
        preferences.change_preferences(
            uow=uow, member_id=speaker, changes={"talk-requests": False}, source="test"
        )
    handle(runtime, offered(speaker), requested(speaker, organiser, str(uuid.uuid4())))
    send_all(runtime, smtp_server)
    assert smtp_server.to("sam@example.org") == []
    assert messages_of(runtime, speaker) == []


def test_members_get_talk_requests_only_once_they_offer_a_talk(runtime: Runtime) -> None:
    member_id = _member(runtime, "sam@example.org", "Sam Okafor", "NHS Scotland")
    with runtime.unit_of_work() as uow:
        assert preferences.preferences_of(uow=uow, member_id=member_id)["talk-requests"] is False
    handle(runtime, offered(member_id))
    with runtime.unit_of_work() as uow:
        assert preferences.preferences_of(uow=uow, member_id=member_id)["talk-requests"] is True


def test_the_organiser_is_mailed_the_speakers_answer(
    runtime: Runtime, smtp_server: SmtpServer
) -> None:
    speaker = _member(runtime, "sam@example.org", "Sam Okafor", "NHS Scotland")
    organiser = _member(runtime, "asha@example.org", "Asha Patel", "Lancashire NHS Trust")
    asked = requested(speaker, organiser, str(uuid.uuid4()))
    handle(runtime, offered(speaker), asked, answered(asked, "declined"))
    send_all(runtime, smtp_server)
    mail = only(smtp_server, "asha@example.org", "Sam Okafor declined your request for a talk")
    assert f'Sam Okafor (NHS Scotland) declined your request for the talk "{SUBJECT}".' in mail.text
    assert mail.message["List-Unsubscribe"] is None
