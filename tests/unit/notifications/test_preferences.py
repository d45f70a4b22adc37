"""Members choose which mail they get, in the app or through a link in a mail."""

from datetime import UTC, datetime

import pytest

from notifications.adapters.links import UnsubscribeLinks
from notifications.domain.errors import InvalidLink, UnknownCategory
from notifications.service_layer.preferences import change_preferences, preferences_of, unsubscribe
from tests.unit.notifications.world import a_member, a_unit_of_work

NOW = datetime(2026, 12, 5, 10, 30, tzinfo=UTC)
LINKS = UnsubscribeLinks("unit-test-secret", "https://q.example.org")


def token_for(member_id: str, category: str) -> str:
    return LINKS.url(member_id, category).rsplit("/", 1)[1]


def test_a_member_who_never_consented_gets_no_category_of_mail() -> None:
    uow = a_unit_of_work(NOW)
    with uow:
        chosen = preferences_of(uow=uow, member_id="asha")
    assert set(chosen.values()) == {False}
    assert "digest" in chosen and "talk-requests" in chosen


def test_a_member_changes_their_choices_and_the_time_is_recorded() -> None:
    uow = a_unit_of_work(NOW)
    a_member(uow, "asha", wants={"digest": True, "events": True})
    with uow:
        chosen = change_preferences(
            uow=uow, member_id="asha", changes={"digest": False}, source="member"
        )
    assert (chosen["digest"], chosen["events"]) == (False, True)
    stored = uow.preferences.get("asha", "digest")
    assert stored is not None
    assert (stored.subscribed, stored.source, stored.changed_at) == (False, "member", NOW)
    assert uow.committed


def test_a_category_that_does_not_exist_is_refused_by_name() -> None:
    uow = a_unit_of_work(NOW)
    with uow, pytest.raises(UnknownCategory) as refused:
        change_preferences(uow=uow, member_id="asha", changes={"gossip": True}, source="member")
    assert refused.value.field == "gossip"
    assert not uow.committed


def test_a_signed_link_unsubscribes_its_member_from_its_category_only() -> None:
    uow = a_unit_of_work(NOW)
    a_member(uow, "asha", wants={"digest": True, "events": True})
    with uow:
        category = unsubscribe(uow=uow, links=LINKS, token=token_for("asha", "digest"))
    assert category == "digest"
    digest, events = uow.preferences.get("asha", "digest"), uow.preferences.get("asha", "events")
    assert digest is not None and events is not None
    assert (digest.subscribed, digest.source, digest.changed_at) == (False, "unsubscribe link", NOW)
    assert events.subscribed is True


@pytest.mark.parametrize(
    "token",
    [
        token_for("asha", "transactional"),
        UnsubscribeLinks("another-secret", "https://q.example.org")
        .url("asha", "digest")
        .rsplit("/", 1)[1],
        "not-a-token",
    ],
    ids=["a category members cannot leave", "signed by someone else", "garbled"],
)
def test_an_unsubscribe_link_we_did_not_sign_for_a_category_is_refused(token: str) -> None:
    uow = a_unit_of_work(NOW)
    a_member(uow, "asha", wants={"digest": True})
    with uow, pytest.raises(InvalidLink) as refused:
        unsubscribe(uow=uow, links=LINKS, token=token)
    assert refused.value.field == "token"
    stored = uow.preferences.get("asha", "digest")
    assert stored is not None and stored.subscribed is True
    assert not uow.committed
