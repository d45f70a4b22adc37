"""A tombstone on the restricted contact topic erases what notifications knows of a member."""

from sqlalchemy import select

from notifications.domain.copies import KnownMember
from notifications.domain.groups import GroupPlace
from notifications.domain.model import Contact, MessageState
from notifications.domain.preferences import Preference
from notifications.service_layer.dispatch import dispatch_pending
from qplatform.config import Settings
from qplatform.runtime import Runtime
from tests.notifications.examples import (
    contact_recorded,
    delivery_for,
    handle,
    joining,
    member_joined,
    messages_of,
    new_member_id,
    profile_recorded,
    staged_events,
    tombstone,
)
from tests.notifications.smtp_server import SmtpServer
from tests.notifications.their_events import NOW, group_created, group_place, match_made


def erase(settings: Settings, runtime: Runtime, member_id: str) -> str:
    return tombstone(settings, runtime, "membership.member-contact", member_id)


def test_a_tombstone_deletes_the_contact_and_scrubs_and_stops_queued_mail(
    settings: Settings, runtime: Runtime, smtp_server: SmtpServer
) -> None:
    asha, sam = new_member_id(), new_member_id()
    for member_id, email in [(asha, "asha@example.org"), (sam, "sam@example.org")]:
        handle(runtime, member_joined(member_id), contact_recorded(member_id, email))
    dispatch_pending(uow_factory=runtime.unit_of_work, delivery=delivery_for(smtp_server), limit=5)
    frailty = group_created("Frailty improvers", ["frailty"], asha, NOW)
    handle(runtime, member_joined(asha), frailty)
    handle(runtime, *(group_place("group-member-joined", frailty, m, NOW) for m in (asha, sam)))
    assert erase(settings, runtime, asha) == "handled"
    with runtime.unit_of_work() as uow:
        assert uow.session.get(Contact, asha) is None
        assert uow.session.get(KnownMember, asha) is None
        assert uow.session.scalars(select(Preference).filter_by(member_id=asha)).all() == []
        assert uow.session.get(Contact, sam) is not None
        places = uow.session.scalars(select(GroupPlace.member_id)).all()
        assert places == [sam]
    sent, queued = messages_of(runtime, asha)
    assert sent.state == MessageState.SENT and sent.body_text == "" and sent.body_html is None
    assert sent.subject == queued.subject == "(erased)"
    assert sent.context == queued.context == {}
    assert (queued.state, queued.last_error) == (MessageState.FAILED, "the member was erased")
    assert [e["subject"] for e in staged_events(runtime, "notification-failed")] == [queued.id]
    assert erase(settings, runtime, asha) == "handled"


def test_erasure_removes_the_leaver_from_mail_that_names_them_to_others(
    settings: Settings, runtime: Runtime, smtp_server: SmtpServer
) -> None:
    niamh, asha, sam = new_member_id(), new_member_id(), new_member_id()
    for member_id, name in [(niamh, "Niamh Byrne"), (asha, "Asha Patel"), (sam, "Sam Okafor")]:
        email = f"{name.split()[0].lower()}@example.org"
        handle(runtime, *joining(member_id, name), contact_recorded(member_id, email, name))
    handle(runtime, match_made([niamh, asha]))
    dispatch_pending(uow_factory=runtime.unit_of_work, delivery=delivery_for(smtp_server), limit=9)
    handle(runtime, match_made([niamh, sam]))
    assert erase(settings, runtime, niamh) == "handled"
    told_asha = [m for m in messages_of(runtime, asha) if m.template == "coffee-introduction"]
    told_sam = [m for m in messages_of(runtime, sam) if m.template == "coffee-introduction"]
    assert told_asha[0].state == MessageState.SENT
    for message in (*told_asha, *told_sam):
        assert "Niamh" not in f"{message.body_text}{message.body_html}{message.context}"
    assert told_sam[0].state == MessageState.FAILED, "an introduction to no one is not sent"


def test_a_profile_tombstone_erases_the_copy_a_late_profile_made(
    settings: Settings, runtime: Runtime
) -> None:
    asha, sam = new_member_id(), new_member_id()
    handle(runtime, *joining(asha, "Asha Patel"), *joining(sam, "Sam Okafor"))
    assert erase(settings, runtime, asha) == "handled"
    # A profile record published before the erasure may still arrive after the contact's
    # tombstone; the profile topic's own tombstone follows it.
    handle(runtime, profile_recorded(asha, "Asha Patel"))
    assert tombstone(settings, runtime, "membership.member-profile", asha) == "handled"
    with runtime.unit_of_work() as uow:
        assert uow.session.get(KnownMember, asha) is None
        assert uow.session.get_one(KnownMember, sam).display_name == "Sam Okafor"
