"""Staff keep the regions and schedule recruitment waves; applications need an open wave."""

from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.membership.conftest import SQLITE_ONLY, a_wave, an_application, counts, staged
from tests.support.auth import STAFF, bearer


def test_the_starting_regions_are_listed_for_anyone(client: FlaskClient) -> None:
    slugs = {region["slug"] for region in client.get("/regions").json}
    assert {"scotland", "north-west-coast", "uclpartners", "west-midlands"} <= slugs


def test_staff_add_a_region_and_a_wave_can_then_recruit_there(client: FlaskClient) -> None:
    added = client.post(
        "/regions", json={"slug": "isle-of-man", "name": "Isle of Man"}, headers=STAFF
    )
    assert added.status_code == 201
    assert client.post("/waves", json=a_wave("isle-of-man"), headers=STAFF).status_code == 201
    response = client.post("/applications", json=an_application(region="isle-of-man"))
    assert response.status_code == 201


def test_a_retired_region_takes_no_applications(client: FlaskClient) -> None:
    renamed = client.patch(
        "/regions/scotland", json={"name": "Alba", "active": False}, headers=STAFF
    )
    assert renamed.json == {"slug": "scotland", "name": "Alba", "active": False}
    response = client.post("/applications", json=an_application(region="scotland"))
    assert response.status_code == 422
    assert "region" in response.json["errors"]["json"]


def test_an_application_outside_an_open_wave_is_refused_saying_so(
    client: FlaskClient, app: Flask
) -> None:
    client.post("/waves", json=a_wave("wales", starts_in=10), headers=STAFF)
    before = counts(app)
    for region in ("wales", "west-midlands"):
        response = client.post("/applications", json=an_application(region=region))
        assert response.status_code == 409
        assert "not recruiting" in response.json["errors"]["json"]["region"][0]
    assert counts(app) == before


def test_a_closed_wave_takes_no_more_applications(client: FlaskClient) -> None:
    client.post("/waves", json=a_wave("wales", starts_in=-20, lasts=10), headers=STAFF)
    assert client.post("/applications", json=an_application(region="wales")).status_code == 409


def test_waves_may_not_overlap_in_a_region(client: FlaskClient, app: Flask) -> None:
    before = counts(app)
    response = client.post("/waves", json=a_wave("scotland", "wales", starts_in=5), headers=STAFF)
    assert response.status_code == 409
    assert counts(app) == before


def test_a_scheduled_wave_is_announced_and_listed(client: FlaskClient, app: Flask) -> None:
    [announcement] = staged(app, "recruitment-wave-scheduled")
    assert (announcement["target"], announcement["regions"]) == (
        50,
        ["north-west-coast", "scotland"],
    )
    [wave] = client.get("/waves").json
    assert wave["regions"] == ["north-west-coast", "scotland"]


def test_staff_follow_a_waves_progress_per_region(client: FlaskClient) -> None:
    wave_id = client.get("/waves").json[0]["id"]
    ids = [
        client.post("/applications", json=an_application(email=f"a{n}@x.org", region=region)).json
        for n, region in enumerate(["scotland", "scotland", "north-west-coast"])
    ]
    client.post(f"/applications/{ids[0]['id']}/approve", headers=STAFF)
    client.post(f"/applications/{ids[1]['id']}/reject", json={"reason": "x"}, headers=STAFF)
    progress = client.get(f"/waves/{wave_id}/progress", headers=STAFF).json
    assert (progress["applied"], progress["approved"], progress["target"]) == (3, 1, 50)
    assert progress["awaiting_decision"] == 1
    assert progress["by_region"]["scotland"] == {"approved": 1, "rejected": 1}
    assert progress["by_region"]["north-west-coast"] == {"submitted": 1}


@SQLITE_ONLY
@pytest.mark.parametrize(
    ("body", "field"),
    [
        (a_wave(closes_on="2000-01-01"), "closes_on"),
        (a_wave(target=0), "target"),
        (a_wave(target="ten"), "target"),
        (a_wave(regions=[]), "regions"),
        (a_wave("atlantis"), "regions"),
        (a_wave(opens_on="soon"), "opens_on"),
        ({k: v for k, v in a_wave().items() if k != "partner"}, "partner"),
        (a_wave(name=""), "name"),
    ],
)
def test_a_bad_wave_is_refused_naming_the_field(
    client: FlaskClient, app: Flask, body: dict[str, Any], field: str
) -> None:
    before = counts(app)
    response = client.post("/waves", json=body, headers=STAFF)
    assert response.status_code == 422
    assert field in response.json["errors"]["json"]
    assert counts(app) == before


@SQLITE_ONLY
@pytest.mark.parametrize(
    ("body", "field", "status"),
    [
        ({"slug": "Not A Slug", "name": "x"}, "slug", 422),
        ({"slug": "wales", "name": "Wales again"}, "slug", 409),
        ({"slug": "cornwall"}, "name", 422),
    ],
)
def test_a_bad_region_is_refused_naming_the_field(
    client: FlaskClient, body: dict[str, str], field: str, status: int
) -> None:
    response = client.post("/regions", json=body, headers=STAFF)
    assert response.status_code == status
    assert field in response.json["errors"]["json"]


@SQLITE_ONLY
def test_only_staff_keep_regions_and_waves(client: FlaskClient) -> None:
    member = bearer("m-1")
    assert (
        client.post("/regions", json={"slug": "x", "name": "X"}, headers=member).status_code == 403
    )
    assert client.patch("/regions/wales", json={"name": "W"}).status_code == 401
    assert client.post("/waves", json=a_wave("wales"), headers=member).status_code == 403
    assert client.get("/waves/nope/progress", headers=member).status_code == 403
    assert client.get("/waves/nope/progress", headers=STAFF).status_code == 404


def test_staff_see_members_per_region_and_joins_per_month(client: FlaskClient) -> None:
    for n, region in enumerate(["scotland", "scotland", "north-west-coast"]):
        receipt = client.post(
            "/applications", json=an_application(email=f"{n}@x.org", region=region)
        )
        client.post(f"/applications/{receipt.json['id']}/approve", headers=STAFF)
    figures = client.get("/members/figures", headers=STAFF).json
    assert figures["members_per_region"] == {"scotland": 2, "north-west-coast": 1}
    assert list(figures["joins_per_month"].values()) == [3]
