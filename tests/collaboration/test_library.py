"""The resources library: staff publish, members suggest, save and rate; search counts facets."""

import json
from collections.abc import Callable
from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select
from werkzeug.test import TestResponse

from collaboration.service_layer.seeding import caps_cards, seed_library
from qplatform.runtime import Runtime
from tests.support.auth import STAFF

Join = Callable[..., dict[str, str]]


def a_resource(**changes: Any) -> dict[str, Any]:
    return {
        "title": "Run a PDSA cycle",
        "summary": "A guide to small tests of change.",
        "pillar": "learn",
        "kind": "guide",
        "topics": ["pdsa"],
        "body": "Plan, **do**, study, act.",
        **changes,
    }


def total(response: TestResponse) -> int:
    found: int = json.loads(response.headers["X-Pagination"])["total"]
    return found


def publish(client: FlaskClient, **changes: Any) -> str:
    response = client.post("/resources", json=a_resource(**changes), headers=STAFF)
    assert response.status_code == 201, response.json
    return str(response.json["id"])


def test_search_finds_by_words_and_facets_and_counts_each_facet(
    client: FlaskClient, join: Join
) -> None:
    publish(client)
    publish(client, title="Map a pathway", kind="tool", topics=["flow", "pdsa"])
    publish(
        client,
        title="Coffee chats",
        pillar="connect",
        topics=["networks"],
        body=None,
        link="https://example.org/coffee",
    )
    member = join("m0")
    assert total(client.get("/resources", headers=member)) == 3
    facets = client.get("/resources/facets", headers=member).json["facets"]
    assert facets["pillar"] == {"learn": 2, "connect": 1}
    assert facets["topic"] == {"pdsa": 2, "flow": 1, "networks": 1}
    by_topic = client.get("/resources?topic=pdsa&kind=tool", headers=member).json
    assert [r["title"] for r in by_topic] == ["Map a pathway"]
    narrowed = client.get("/resources/facets?topic=pdsa&kind=tool", headers=member).json
    assert narrowed["facets"] == {
        "pillar": {"learn": 1},
        "kind": {"tool": 1},
        "topic": {"flow": 1, "pdsa": 1},
    }
    by_words = client.get("/resources?q=coffee", headers=member).json
    assert [r["link"] for r in by_words] == ["https://example.org/coffee"]


def test_a_members_suggestion_waits_for_moderation_before_anyone_finds_it(
    client: FlaskClient, join: Join
) -> None:
    member = join("m0")
    suggested = client.post("/resources", json=a_resource(title="My toolkit"), headers=member)
    assert suggested.json["status"] == "suggested"
    assert total(client.get("/resources", headers=member)) == 0
    assert client.get(f"/resources/{suggested.json['id']}", headers=member).status_code == 404
    waiting = client.get("/resources/suggestions/waiting", headers=STAFF).json
    assert [r["title"] for r in waiting] == ["My toolkit"]
    moderation = f"/resources/{suggested.json['id']}/moderation"
    published = client.post(moderation, json={"decision": "publish"}, headers=STAFF)
    assert published.json["status"] == "published"
    assert total(client.get("/resources", headers=member)) == 1


def test_members_save_favourites_and_rate_and_a_new_rating_replaces_theirs(
    client: FlaskClient, join: Join
) -> None:
    resource = publish(client)
    first, second = join("m0"), join("m1")
    assert client.put(f"/resources/{resource}/favourite", headers=first).status_code == 204
    assert client.put(f"/resources/{resource}/favourite", headers=first).status_code == 204
    client.put(f"/resources/{resource}/rating", json={"stars": 2}, headers=first)
    client.put(f"/resources/{resource}/rating", json={"stars": 4}, headers=first)
    client.put(f"/resources/{resource}/rating", json={"stars": 5}, headers=second)
    shown = client.get(f"/resources/{resource}", headers=second).json
    assert (shown["rating"], shown["ratings"]) == (4.5, 2)
    saved = client.get("/resources/favourites/m0", headers=first).json
    assert [r["id"] for r in saved] == [resource]
    assert client.get("/resources/favourites/m0", headers=second).status_code == 403
    assert client.delete(f"/resources/{resource}/favourite", headers=first).status_code == 204
    assert client.get("/resources/favourites/m0", headers=first).json == []


def test_a_resource_body_is_sanitised_as_posts_are(client: FlaskClient) -> None:
    resource = publish(client, body='<img src=x onerror="alert(1)"> [go](javascript:alert(1))')
    shown = client.get(f"/resources/{resource}", headers=STAFF).json
    assert "<img" not in shown["body_html"]
    assert 'href="javascript' not in shown["body_html"]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"pillar": "play"}, "pillar"),
        ({"kind": "poster"}, "kind"),
        ({"link": "javascript:alert(1)", "body": None}, "link"),
        ({"link": "https://example.org/x"}, "link"),
        ({"body": None}, "link"),
        ({"title": "two\nlines"}, "title"),
    ],
)
def test_a_resource_that_breaks_a_rule_is_refused_naming_the_field(
    client: FlaskClient, change: dict[str, Any], field: str
) -> None:
    response = client.post("/resources", json=a_resource(**change), headers=STAFF)
    assert response.status_code == 422, response.json
    assert field in response.json["errors"]["json"]
    assert total(client.get("/resources", headers=STAFF)) == 0


def test_the_library_is_seeded_with_the_caps_cards_once(
    client: FlaskClient, runtime: Runtime
) -> None:
    with runtime.unit_of_work() as uow:
        assert seed_library(uow=uow) == len(caps_cards())
    with runtime.unit_of_work() as uow:
        assert seed_library(uow=uow) == 0
    found = client.get("/resources?kind=caps-card&page_size=100", headers=STAFF)
    assert total(found) == len(caps_cards()) >= 8
    facets = client.get("/resources/facets?kind=caps-card", headers=STAFF).json["facets"]
    assert facets["pillar"] == {"learn": len(caps_cards())}
    assert "Reverse the problem" in [r["title"] for r in found.json]


@pytest.mark.parametrize(
    "reason", [None, "", "   ", "x" * 501], ids=["missing", "empty", "blank", "too long"]
)
def test_staff_decline_a_suggestion_only_saying_why_in_up_to_500_characters(
    client: FlaskClient, join: Join, reason: str | None
) -> None:
    suggested = client.post("/resources", json=a_resource(), headers=join("m0")).json
    moderation = f"/resources/{suggested['id']}/moderation"
    body = {"decision": "decline"} | ({} if reason is None else {"reason": reason})
    refused = client.post(moderation, json=body, headers=STAFF)
    assert refused.status_code == 422, refused.json
    assert "reason" in refused.json["errors"]["json"]
    waiting = client.get("/resources/suggestions/waiting", headers=STAFF).json
    assert [r["id"] for r in waiting] == [suggested["id"]]


def test_a_declined_suggestion_is_announced_with_its_reason_to_tell_the_member(
    client: FlaskClient, join: Join, runtime: Runtime
) -> None:
    suggested = client.post("/resources", json=a_resource(), headers=join("m0")).json
    reason = "The library already holds a guide to PDSA cycles."
    declined = client.post(
        f"/resources/{suggested['id']}/moderation",
        json={"decision": "decline", "reason": reason},
        headers=STAFF,
    )
    assert declined.json["status"] == "declined", declined.json
    with runtime.unit_of_work() as uow:
        outbox = uow.tables.outbox
        query = select(outbox.c.payload).where(
            outbox.c.event_type == "resource-suggestion-declined"
        )
        (payload,) = uow.session.scalars(query)
    data = json.loads(payload)["data"]
    assert (data["resource_id"], data["suggested_by"]) == (suggested["id"], "m0")
    assert (data["title"], data["reason"]) == ("Run a PDSA cycle", reason)
