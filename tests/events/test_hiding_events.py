"""Staff take a published event down and show it again; its organiser is told each time."""

import pytest
from flask.testing import FlaskClient

from events.domain import errors
from events.domain.model import EventStatus
from events.domain.registrations import RegistrationStatus
from events.service_layer import programme, registering
from qplatform.paging import PageRequest
from qplatform.runtime import Runtime
from tests.events.conftest import STAFF
from tests.events.examples import details, form, member, staged, staged_types
from tests.support.auth import bearer

ANN = bearer("ann")
ORGANISER = bearer("org")


def _published(runtime: Runtime) -> str:
    with runtime.unit_of_work() as uow:
        event = programme.create_event(uow=uow, details=details(), caller=member("member-1"))
    with runtime.unit_of_work() as uow:
        programme.publish_event(uow=uow, event_id=event.id)
    return event.id


def _hide(runtime: Runtime, event_id: str) -> None:
    with runtime.unit_of_work() as uow:
        programme.hide_event(uow=uow, event_id=event_id, reason="Sells a product")


def test_a_hidden_event_leaves_the_listing_keeps_its_places_and_takes_no_more(
    runtime: Runtime,
) -> None:
    event_id = _published(runtime)
    with runtime.unit_of_work() as uow:
        registering.register(uow=uow, event_id=event_id, member_id="member-2")
    _hide(runtime, event_id)
    with runtime.unit_of_work() as uow:
        assert programme.upcoming_events(uow=uow, page=PageRequest()).total == 0
        assert programme.get_event(uow=uow, event_id=event_id).status is EventStatus.HIDDEN
    with runtime.unit_of_work() as uow, pytest.raises(errors.EventNotOpen):
        registering.register(uow=uow, event_id=event_id, member_id="member-3")
    with runtime.unit_of_work() as uow:
        kept = uow.registrations.of(event_id, "member-2")
        assert kept is not None and kept.status is RegistrationStatus.CONFIRMED
    kind, key, data = staged(runtime.engine)[-1]
    assert (kind, key, data["organiser_id"], data["reason"], data["title"]) == (
        "event-hidden",
        event_id,
        "member-1",
        "Sells a product",
        details().title,
    )


def test_a_restored_event_is_listed_again_and_announced(runtime: Runtime) -> None:
    event_id = _published(runtime)
    _hide(runtime, event_id)
    with runtime.unit_of_work() as uow:
        programme.restore_event(uow=uow, event_id=event_id)
    with runtime.unit_of_work() as uow:
        assert programme.upcoming_events(uow=uow, page=PageRequest()).total == 1
    assert staged_types(runtime.engine)[-2:] == ["event-hidden", "event-restored"]
    assert staged(runtime.engine)[-1][2]["organiser_id"] == "member-1"


@pytest.mark.parametrize("change", ["hide", "restore"])
def test_only_a_published_event_hides_and_only_a_hidden_one_restores(
    runtime: Runtime, change: str
) -> None:
    with runtime.unit_of_work() as uow:
        event = programme.create_event(uow=uow, details=details(), caller=member("member-1"))
    with runtime.unit_of_work() as uow, pytest.raises(errors.AlreadyDecided):
        if change == "hide":
            programme.hide_event(uow=uow, event_id=event.id, reason="late")
        else:
            programme.restore_event(uow=uow, event_id=event.id)
    assert staged_types(runtime.engine) == ["event-created"]


def _published_over_http(client: FlaskClient) -> str:
    event_id = str(client.post("/events", json=form(), headers=ORGANISER).get_json()["id"])
    assert client.post(f"/moderation/events/{event_id}/publish", headers=STAFF).status_code == 200
    return event_id


@pytest.mark.parametrize(
    "body",
    [{}, {"reason": ""}, {"reason": "x" * 501}, {"reason": "two\nlines"}, {"reason": 7}],
    ids=["missing", "empty", "overlong", "two lines", "a number"],
)
def test_hiding_without_a_fit_reason_gets_a_4xx_naming_it_and_changes_nothing(
    client: FlaskClient, body: dict[str, object]
) -> None:
    event_id = _published_over_http(client)
    answer = client.put(f"/moderation/events/{event_id}/hidden", json=body, headers=STAFF)
    assert 400 <= answer.status_code < 500
    assert "reason" in answer.get_json()["errors"]["json"]
    assert client.get(f"/events/{event_id}", headers=ANN).get_json()["status"] == "published"


def test_members_lose_sight_of_a_hidden_event_that_staff_list_and_restore(
    client: FlaskClient,
) -> None:
    event_id = _published_over_http(client)
    hidden = client.put(
        f"/moderation/events/{event_id}/hidden", json={"reason": "Sells a product"}, headers=STAFF
    )
    assert hidden.get_json()["status"] == "hidden"
    assert client.get(f"/events/{event_id}", headers=ANN).status_code == 404
    assert client.get(f"/events/{event_id}", headers=ORGANISER).status_code == 200
    assert client.get("/events", headers=ANN).get_json() == []
    listed = client.get("/moderation/events?status=hidden", headers=STAFF).get_json()
    assert [e["id"] for e in listed] == [event_id]
    assert client.delete(f"/moderation/events/{event_id}/hidden", headers=STAFF).status_code == 200
    assert [e["id"] for e in client.get("/events", headers=ANN).get_json()] == [event_id]
    again = client.delete(f"/moderation/events/{event_id}/hidden", headers=STAFF)
    assert again.status_code == 409
