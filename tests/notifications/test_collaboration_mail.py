"""Mail about the Lab and surveys, checked at a real SMTP server on loopback."""

import uuid
from datetime import UTC, date, datetime

import pytest

from notifications.domain.digest import Month
from notifications.service_layer.digests import queue_digests
from notifications.service_layer.dispatch import dispatch_pending
from qplatform.events import Envelope
from qplatform.runtime import Runtime
from tests.notifications.examples import (
    contact_recorded,
    delivery_for,
    envelope,
    handle,
    joining,
    new_member_id,
)
from tests.notifications.smtp_server import SmtpServer

SURVEY = str(uuid.uuid4())
COHORT = str(uuid.uuid4())


def survey_event(event_type: str, member_id: str, anonymous: bool) -> Envelope:
    data = {"survey_id": SURVEY, "title": "Your first month", "member_id": member_id}
    return envelope(
        event_type,
        subject=SURVEY,
        data={**data, "anonymous": anonymous},
        source="collaboration",
    )


def member(runtime: Runtime, email: str, consents: list[str]) -> str:
    member_id = new_member_id()
    handle(runtime, contact_recorded(member_id, email, "Morag Innes", consents=consents))
    return member_id


def sent(runtime: Runtime, server: SmtpServer, address: str) -> list[tuple[str, str]]:
    dispatch_pending(uow_factory=runtime.unit_of_work, delivery=delivery_for(server), limit=50)
    return [(m.message["Subject"], m.text) for m in server.to(address)]


@pytest.mark.parametrize(
    ("event_type", "subject", "says"),
    [
        ("survey-invitation-sent", "A survey from Q: Your first month", "would like to hear"),
        ("survey-reminder-requested", "Reminder, a survey from Q: Your first month", "not yet"),
    ],
)
def test_survey_mail_goes_once_to_members_who_take_community_news(
    runtime: Runtime, smtp_server: SmtpServer, event_type: str, subject: str, says: str
) -> None:
    keen = member(runtime, "keen@example.org", ["community-news"])
    quiet = member(runtime, "quiet@example.org", ["digest"])
    first = survey_event(event_type, keen, anonymous=True)
    handle(runtime, first, first, survey_event(event_type, quiet, anonymous=True))
    [(got_subject, text)] = sent(runtime, smtp_server, "keen@example.org")
    assert got_subject == subject
    assert says in text
    assert f"http://127.0.0.1:8080/surveys/{SURVEY}" in text
    assert sent(runtime, smtp_server, "quiet@example.org") == []


def test_an_anonymous_survey_says_so_in_its_invitation(
    runtime: Runtime, smtp_server: SmtpServer
) -> None:
    named = member(runtime, "named@example.org", ["community-news"])
    anonymous = member(runtime, "anon@example.org", ["community-news"])
    handle(runtime, survey_event("survey-invitation-sent", named, anonymous=False))
    handle(runtime, survey_event("survey-invitation-sent", anonymous, anonymous=True))
    [(_, plain)] = sent(runtime, smtp_server, "named@example.org")
    [(_, secret)] = sent(runtime, smtp_server, "anon@example.org")
    assert "anonymous" not in plain
    assert "Your answers are anonymous" in secret


def test_a_selected_participant_hears_whatever_mail_they_chose(
    runtime: Runtime, smtp_server: SmtpServer
) -> None:
    participant = member(runtime, "lab@example.org", [])
    data = {
        "cohort_id": COHORT,
        "problem": "Waiting times in outpatients",
        "member_id": participant,
        "region": "scotland",
        "selected_at": datetime(2026, 12, 1, 9, tzinfo=UTC),
    }
    handle(
        runtime,
        envelope("lab-participant-selected", subject=COHORT, data=data, source="collaboration"),
    )
    [(subject, text)] = sent(runtime, smtp_server, "lab@example.org")
    assert subject == "You have a place in the Q Lab: Waiting times in outpatients"
    assert f"http://127.0.0.1:8080/lab/{COHORT}" in text


def test_every_participant_is_reminded_of_an_approaching_milestone_once(
    runtime: Runtime, smtp_server: SmtpServer
) -> None:
    participants = [member(runtime, f"p{i}@example.org", []) for i in range(2)]
    data = {
        "cohort_id": COHORT,
        "milestone_id": str(uuid.uuid4()),
        "problem": "Waiting times in outpatients",
        "title": "Problem mapped",
        "due_on": date(2027, 3, 1),
        "member_ids": participants,
    }
    reminder = envelope(
        "lab-milestone-approaching", subject=COHORT, data=data, source="collaboration"
    )
    handle(runtime, reminder, reminder)
    for i in range(2):
        [(subject, text)] = sent(runtime, smtp_server, f"p{i}@example.org")
        assert subject == "Due Monday 01 March 2027: Problem mapped"
        assert "Post your team's progress update" in text


def test_the_digest_tells_lab_news_new_resources_and_the_surveys_still_open_to_the_member(
    runtime: Runtime, smtp_server: SmtpServer
) -> None:
    member_id = new_member_id()
    november, october = datetime(2026, 11, 10, tzinfo=UTC), datetime(2026, 10, 10, tzinfo=UTC)
    handle(
        runtime,
        *joining(member_id, "Asha Patel", region="scotland", joined_at=november),
        contact_recorded(member_id, "asha@example.org", "Asha Patel", consents=["digest"]),
    )
    opened = {"cohort_id": COHORT, "problem": "Waiting times in outpatients"}
    opened |= {"starts_on": date(2027, 1, 11), "months": 10, "capacity": 12, "opened_at": november}
    closed = {
        "cohort_id": COHORT,
        "participants": 6,
        "teams": 2,
        "outputs": 2,
        "closed_at": november,
    }
    for event_type, data in (("lab-cohort-opened", opened), ("lab-cohort-closed", closed)):
        handle(runtime, envelope(event_type, subject=COHORT, data=data, source="collaboration"))
    for title, at in (("Reverse the problem", november), ("An old guide", october)):
        resource = {"resource_id": str(uuid.uuid4()), "title": title, "kind": "caps-card"}
        resource |= {"pillar": "learn", "topics": [], "at": at}
        handle(
            runtime,
            envelope("resource-published", subject=title, data=resource, source="collaboration"),
        )
    handle(runtime, survey_event("survey-invitation-sent", member_id, anonymous=False))
    closing = {"survey_id": "closed-survey", "title": "A closed one", "member_id": member_id}
    handle(
        runtime,
        envelope("survey-invitation-sent", subject="s", data={**closing, "anonymous": False}),
        envelope(
            "survey-closed",
            subject="s",
            data={
                "survey_id": "closed-survey",
                "audience_size": 1,
                "responses": 0,
                "closed_at": november,
            },
        ),
    )
    with runtime.unit_of_work() as uow:
        assert queue_digests(uow=uow, month=Month(2026, 12)) == 1
    [(_, text)] = [
        m for m in sent(runtime, smtp_server, "asha@example.org") if "Q-municate" in m[0]
    ]
    lines = text.splitlines()
    assert "- Waiting times in outpatients: opened" in lines
    assert "- Waiting times in outpatients: closed; its outputs are open to every member" in lines
    assert "- Reverse the problem" in lines
    assert "An old guide" not in text
    assert "- Your first month" in lines
    assert "A closed one" not in text
