"""Members edit their own profiles; the directory shows only the field groups they choose."""

import json
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.membership.conftest import SQLITE_ONLY, an_application, counts, staged
from tests.membership.responses import total
from tests.support.auth import STAFF, bearer


def a_member(client: FlaskClient, name: str = "Asha Patel", **changes: Any) -> str:
    """Approve a new applicant and return their member id."""
    changes.setdefault("email", name.lower().replace(" ", ".") + "@example.org")
    form = an_application(name=name, **changes)
    receipt = client.post("/applications", json=form).json
    member_id: str = client.post(f"/applications/{receipt['id']}/approve", headers=STAFF).json[
        "member_id"
    ]
    return member_id


def test_a_member_edits_their_profile_and_the_public_changes_are_announced(
    client: FlaskClient, app: Flask
) -> None:
    member = a_member(client)
    changes = {
        "bio": "Sepsis improvement lead.",
        "expertise": ["patient-safety"],
        "tags": ["sepsis"],
    }
    response = client.patch(f"/members/{member}/profile", json=changes, headers=bearer(member))
    assert response.status_code == 200
    assert response.json["email"] == "asha.patel@example.org"
    [event] = staged(app, "member-profile-updated")
    assert event == {
        "member_id": member,
        "changed_fields": ["bio", "expertise", "tags"],
        "updated_at": event["updated_at"],
    }
    [_, changed] = staged(app, "member-profile-recorded")
    assert (changed["bio"], changed["expertise"]) == (
        "Sepsis improvement lead.",
        ["patient-safety"],
    )
    assert changed["organisation"] == "Lancashire Teaching Hospitals"


@SQLITE_ONLY
@pytest.mark.parametrize(
    ("headers", "status"),
    [({}, 401), (bearer("someone-else"), 403), (STAFF, 200)],
)
def test_only_the_member_and_staff_edit_a_profile(
    client: FlaskClient, app: Flask, headers: dict[str, str], status: int
) -> None:
    member = a_member(client)
    before = counts(app)
    response = client.patch(f"/members/{member}/profile", json={"bio": "x"}, headers=headers)
    assert response.status_code == status
    assert (counts(app) == before) == (status != 200)


def test_hidden_groups_leave_the_directory_and_the_public_profile(client: FlaskClient) -> None:
    member = a_member(client)
    client.patch(
        f"/members/{member}/profile",
        json={"shown_groups": ["about"], "bio": "Improvement coach."},
        headers=bearer(member),
    )
    public = client.get(f"/members/{member}").json
    assert (public["organisation"], public["bio"]) == (None, "Improvement coach.")
    assert "email" not in public
    assert total(client.get("/directory?q=lancashire")) == 0
    assert total(client.get("/directory?q=coach")) == 1


def test_the_directory_searches_filters_and_counts(client: FlaskClient) -> None:
    asha = a_member(client)
    ben = a_member(client, "Ben Ross", region="scotland", organisation="NHS Tayside")
    client.patch(f"/members/{asha}/profile", json={"expertise": ["lean"]}, headers=STAFF)
    client.patch(
        f"/members/{ben}/profile", json={"expertise": ["lean", "human-factors"]}, headers=STAFF
    )
    everyone = client.get("/directory").json
    assert [m["display_name"] for m in everyone] == ["Asha Patel", "Ben Ross"]
    tallied = client.get("/directory/facets").json["facets"]
    assert tallied["region"] == {"north-west-coast": 1, "scotland": 1}
    assert tallied["expertise"] == {"lean": 2, "human-factors": 1}
    scots = client.get("/directory?region=scotland").json
    assert [m["id"] for m in scots] == [ben]
    scots_tallied = client.get("/directory/facets?region=scotland").json["facets"]
    assert scots_tallied["region"] == {"north-west-coast": 1, "scotland": 1}
    assert total(client.get("/directory?q=flow")) == 2
    assert total(client.get("/directory?q=tayside ross")) == 1
    assert total(client.get("/directory?organisation=nhs%20tayside")) == 1
    assert client.get("/directory?expertise=human-factors").json[0]["id"] == ben
    assert total(client.get("/directory?q=50%25")) == 0


def test_browsing_counts_kept_in_step_match_counting_afresh(client: FlaskClient) -> None:
    asha = a_member(client)
    ben = a_member(client, "Ben Ross", region="scotland")
    a_member(client, "Cara Doyle", region="scotland")
    client.patch(f"/members/{asha}/profile", json={"expertise": ["lean"]}, headers=STAFF)
    client.patch(f"/members/{ben}/profile", json={"expertise": ["lean"]}, headers=STAFF)
    client.patch(f"/members/{ben}/profile", json={"shown_groups": ["work"]}, headers=STAFF)
    client.delete(f"/members/{asha}/membership", headers=STAFF)
    kept = client.get("/directory/facets").json["facets"]
    afresh = client.get("/directory/facets?role=member").json["facets"]
    assert kept == afresh == {"region": {"scotland": 2}, "expertise": {}}


def test_directory_pages_are_stable_and_complete(client: FlaskClient) -> None:
    names = ["Cara Doyle", "Ann Lee", "Ben Ross", "Ann Lee"]
    for n, name in enumerate(names):
        a_member(client, name, email=f"p{n}@x.org")
    seen: list[str] = []
    number: int | None = 1
    while number is not None:
        response = client.get(f"/directory?page={number}&page_size=1")
        seen += [m["id"] for m in response.json]
        pagination = json.loads(response.headers["X-Pagination"])
        assert pagination["total"] == 4
        number = pagination.get("next_page")
    assert len(set(seen)) == 4
    assert [client.get(f"/members/{i}").json["display_name"] for i in seen] == sorted(names)


@SQLITE_ONLY
@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"expertise": ["astrology"]}, "expertise"),
        ({"links": ["javascript:alert(1)"]}, "links"),
        ({"shown_groups": ["email"]}, "shown_groups"),
        ({"region": "atlantis"}, "region"),
        ({"bio": "x" * 1001}, "bio"),
        ({"display_name": ""}, "display_name"),
        ({"tags": ["x"] * 21}, "tags"),
    ],
)
def test_a_bad_profile_change_is_refused_naming_the_field(
    client: FlaskClient, app: Flask, body: dict[str, Any], field: str
) -> None:
    member = a_member(client)
    before = counts(app)
    response = client.patch(f"/members/{member}/profile", json=body, headers=bearer(member))
    assert response.status_code == 422
    assert field in response.json["errors"]["json"]
    assert counts(app) == before


@SQLITE_ONLY
@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("page_size=0", "page_size"),
        ("page_size=101", "page_size"),
        ("page_size=x", "page_size"),
        ("page=0", "page"),
        ("role=king", "role"),
    ],
)
def test_a_bad_directory_query_is_refused_naming_the_field(
    client: FlaskClient, query: str, field: str
) -> None:
    response = client.get(f"/directory?{query}")
    assert response.status_code == 422
    errors = response.json["errors"]
    assert field in errors.get("query", errors.get("json", {}))


def test_staff_extend_the_expertise_list(client: FlaskClient) -> None:
    body = {"slug": "health-economics", "name": "Health economics"}
    assert client.post("/expertise", json=body, headers=bearer("m")).status_code == 403
    assert client.post("/expertise", json=body, headers=STAFF).status_code == 201
    assert "health-economics" in {a["slug"] for a in client.get("/expertise").json}
