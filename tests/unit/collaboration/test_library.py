"""The library's use cases: publish, suggest, moderate, save, rate, search."""

from typing import Any

import pytest

from collaboration.domain import errors
from collaboration.service_layer import library
from qplatform.errors import Forbidden
from qplatform.paging import PageRequest
from tests.unit.collaboration.conftest import NOW, STAFF_CALLER, member


def a_resource(**changes: Any) -> dict[str, Any]:
    return {
        "title": "Run a PDSA cycle",
        "summary": "Small tests of change.",
        "pillar": "learn",
        "kind": "guide",
        "topics": ["pdsa"],
        "link": None,
        "body": "Plan, **do**, study, act.",
        **changes,
    }


def test_staff_publish_a_resource_at_once_and_announce_it(uow: Any) -> None:
    resource = library.add(uow=uow, form=a_resource(), caller=STAFF_CALLER)
    assert (resource.status, resource.published_at, resource.suggested_by) == (
        "published",
        NOW,
        None,
    )
    assert "<strong>do</strong>" in (resource.body_html or "")
    assert [e["resource_id"] for e in uow.events_of("resource-published")] == [resource.id]


def test_a_members_suggestion_waits_for_moderation_and_no_one_finds_it(uow: Any) -> None:
    resource = library.add(uow=uow, form=a_resource(), caller=member("m0"))
    assert (resource.status, resource.suggested_by, resource.published_at) == (
        "suggested",
        "m0",
        None,
    )
    assert library.search(uow=uow, args={}, page=PageRequest()).total == 0
    assert uow.events_of("resource-published") == []
    assert [e["title"] for e in uow.events_of("resource-suggested")] == ["Run a PDSA cycle"]
    library.moderate(uow=uow, resource_id=resource.id, accept=True)
    assert library.search(uow=uow, args={}, page=PageRequest()).total == 1


@pytest.mark.parametrize(
    "change", [{"link": "https://example.org/x"}, {"body": None}], ids=["both", "neither"]
)
def test_a_resource_needs_a_link_or_a_body_but_not_both(uow: Any, change: dict[str, Any]) -> None:
    with pytest.raises(errors.RuleBroken) as refused:
        library.add(uow=uow, form=a_resource(**change), caller=STAFF_CALLER)
    assert refused.value.field == "link"
    assert uow.resources.rows == {} and uow.published == []


def test_a_members_new_rating_replaces_their_last(uow: Any) -> None:
    resource = library.add(uow=uow, form=a_resource(), caller=STAFF_CALLER)
    for rater, stars in (("m0", 2), ("m0", 4), ("m1", 5)):
        library.rate(uow=uow, resource_id=resource.id, member_id=rater, stars=stars)
    assert library.ratings(uow=uow, resource_ids=[resource.id]) == {resource.id: (4.5, 2)}
    assert [e["rating"] for e in uow.events_of("resource-rated")] == [2, 4, 5]


def test_saving_a_resource_twice_keeps_and_announces_it_once(uow: Any) -> None:
    resource = library.add(uow=uow, form=a_resource(), caller=STAFF_CALLER)
    for _ in range(2):
        library.favourite(uow=uow, resource_id=resource.id, member_id="m0")
    saved = library.favourites(uow=uow, owner_id="m0", caller=member("m0"), page=PageRequest())
    assert [r.id for r in saved.items] == [resource.id]
    assert len(uow.events_of("resource-favourited")) == 1


def test_members_see_only_their_own_favourites(uow: Any) -> None:
    with pytest.raises(Forbidden):
        library.favourites(uow=uow, owner_id="m0", caller=member("m1"), page=PageRequest())
    assert (
        library.favourites(uow=uow, owner_id="m0", caller=STAFF_CALLER, page=PageRequest()).total
        == 0
    )


def test_search_pages_what_it_finds_and_counts_the_facets_of_all_of_it(uow: Any) -> None:
    for title in ("A", "B", "C"):
        library.add(uow=uow, form=a_resource(title=title), caller=STAFF_CALLER)
    found = library.search(uow=uow, args={"kind": "guide"}, page=PageRequest(number=2, size=2))
    assert ([r.title for r in found.items], found.total) == (["C"], 3)
    assert found.facets.topic == {"pdsa": 3}


def test_declining_a_suggestion_needs_a_reason_and_tells_who_suggested_it(uow: Any) -> None:
    resource = library.add(uow=uow, form=a_resource(), caller=member("m0"))
    with pytest.raises(errors.RuleBroken) as refused:
        library.moderate(uow=uow, resource_id=resource.id, accept=False, reason="  ")
    assert refused.value.field == "reason"
    assert resource.status == "suggested"
    library.moderate(uow=uow, resource_id=resource.id, accept=False, reason="We hold one. ")
    assert resource.status == "declined"
    (declined,) = uow.events_of("resource-suggestion-declined")
    assert (declined["suggested_by"], declined["reason"]) == ("m0", "We hold one.")
    assert (declined["title"], declined["declined_at"]) == ("Run a PDSA cycle", NOW.isoformat())
