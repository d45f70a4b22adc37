"""The events service's copy of members: names to show, and what leaving Q undoes."""

import pytest

from events.domain.members import FORMER_MEMBER
from events.service_layer import commenting, handlers, programme, registering, writing
from qplatform.events import Envelope
from qplatform.messaging.handlers import Handler
from qplatform.paging import PageRequest
from qplatform.runtime import Runtime
from tests.events.examples import STAFF_CALLER, details, member, staged
from tests.events.member_events import joined, left, received, renamed


def _handle(runtime: Runtime, handler: Handler, envelope: Envelope) -> None:
    with runtime.unit_of_work() as uow:
        handler(uow, received(envelope))
        uow.commit()


def _organiser_name(runtime: Runtime, event_id: str) -> str | None:
    with runtime.unit_of_work() as uow:
        return programme.show_event(uow=uow, event_id=event_id, caller=member("x")).organiser_name


@pytest.fixture
def event_id(runtime: Runtime) -> str:
    """Give a published event organised by member org."""
    with runtime.unit_of_work() as uow:
        event = programme.create_event(uow=uow, details=details(capacity=1), caller=member("org"))
        programme.publish_event(uow=uow, event_id=event.id)
    return event.id


def test_organisers_are_shown_by_the_name_they_joined_with(runtime: Runtime, event_id: str) -> None:
    _handle(runtime, handlers.name_member, joined("org", "Asha Patel"))
    assert _organiser_name(runtime, event_id) == "Asha Patel"


def test_a_changed_display_name_replaces_the_old_one(runtime: Runtime, event_id: str) -> None:
    _handle(runtime, handlers.name_member, joined("org", "Asha Patel"))
    _handle(runtime, handlers.name_member, renamed("org", "Asha Patel-Jones"))
    assert _organiser_name(runtime, event_id) == "Asha Patel-Jones"


def test_an_older_profile_update_arriving_late_is_ignored(runtime: Runtime, event_id: str) -> None:
    _handle(runtime, handlers.name_member, renamed("org", "Newest", later=5))
    _handle(runtime, handlers.name_member, renamed("org", "Older", later=2))
    assert _organiser_name(runtime, event_id) == "Newest"


def test_a_hidden_name_shows_the_member_unnamed(runtime: Runtime, event_id: str) -> None:
    _handle(runtime, handlers.name_member, joined("org", "Asha Patel"))
    _handle(runtime, handlers.name_member, renamed("org", None))
    assert _organiser_name(runtime, event_id) == handlers.UNNAMED


def test_the_profile_tombstone_erases_the_name(runtime: Runtime, event_id: str) -> None:
    _handle(runtime, handlers.name_member, joined("org", "Asha Patel"))
    with runtime.unit_of_work() as uow:
        handlers.unname_member(uow, "org")
        uow.commit()
    assert _organiser_name(runtime, event_id) == handlers.UNNAMED


def test_a_leaving_members_places_go_to_the_waitlist_and_their_words_lose_their_name(
    runtime: Runtime, event_id: str
) -> None:
    with runtime.unit_of_work() as uow:
        for member_id in ("ann", "bob"):
            registering.register(uow=uow, event_id=event_id, member_id=member_id)
        post = writing.draft_post(
            uow=uow,
            author_id="ann",
            text={"kind": "news", "title": "T", "body": "B", "pillar": "learn", "topics": []},
        )
        commenting.post_comment(uow=uow, on="event", on_id=event_id, author_id="ann", text="Hi")
    _handle(runtime, handlers.name_member, joined("ann", "Ann Lee"))
    _handle(runtime, handlers.forget_member, left("ann"))
    with runtime.unit_of_work() as uow:
        line = registering.registrants(
            uow=uow, event_id=event_id, caller=STAFF_CALLER, page=PageRequest()
        ).items
        (comment,) = commenting.comments_under(
            uow=uow, on="event", on_id=event_id, with_hidden=False
        )
        shown = writing.show_post(uow=uow, post_id=post.id, caller=STAFF_CALLER)
    assert [(r.member_id, r.status.value) for r in line] == [("bob", "confirmed")]
    assert (comment.author_id, comment.author_name) == (None, FORMER_MEMBER)
    assert (shown.author_id, shown.author_name) == (None, None)
    types = [(kind, data.get("member_id")) for kind, _, data in staged(runtime.engine)]
    assert ("registration-cancelled", "ann") in types and ("waitlist-promoted", "bob") in types
    assert "Ann Lee" not in str(staged(runtime.engine))
