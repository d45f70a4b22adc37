"""Staff change and close waves; reviewers follow their region's progress; Connectors welcome."""

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from qplatform.web.auth import CONNECTOR, PARTNER_REVIEWER
from tests.membership.conftest import SQLITE_ONLY, a_wave, an_application, counts, staged
from tests.support.auth import STAFF, bearer

SCOTTISH_REVIEWER = bearer("reviewer-1", PARTNER_REVIEWER, region="scotland")
WELSH_REVIEWER = bearer("reviewer-2", PARTNER_REVIEWER, region="wales")
TODAY = datetime.now(UTC).date()


def the_wave(client: FlaskClient) -> dict[str, Any]:
    wave: dict[str, Any] = client.get("/waves").json[0]
    return wave


def joined(client: FlaskClient, email: str, region: str = "scotland") -> str:
    receipt = client.post("/applications", json=an_application(email=email, region=region)).json
    approved = client.post(f"/applications/{receipt['id']}/approve", headers=STAFF)
    return str(approved.json["member_id"])


def test_staff_change_a_waves_target_and_dates_and_it_is_announced(
    client: FlaskClient, app: Flask
) -> None:
    wave = the_wave(client)
    later = (TODAY + timedelta(days=45)).isoformat()
    changed = client.patch(
        f"/waves/{wave['id']}", json={"target": 80, "closes_on": later}, headers=STAFF
    )
    assert changed.status_code == 200, changed.json
    assert (changed.json["target"], changed.json["last_day"]) == (80, later)
    [announced] = staged(app, "recruitment-wave-changed")
    assert (announced["target"], announced["closes_on"], announced["name"]) == (
        80,
        later,
        "Spring recruitment",
    )


def test_a_wave_closed_early_takes_no_more_applications(client: FlaskClient, app: Flask) -> None:
    wave = the_wave(client)
    closed = client.post(f"/waves/{wave['id']}/close", headers=STAFF)
    assert closed.status_code == 200
    assert closed.json["closed_on"] == TODAY.isoformat()
    assert closed.json["last_day"] == (TODAY - timedelta(days=1)).isoformat()
    [announced] = staged(app, "recruitment-wave-closed")
    assert announced == {
        "wave_id": wave["id"],
        "closed_on": TODAY.isoformat(),
        "last_day": (TODAY - timedelta(days=1)).isoformat(),
    }
    refused = client.post("/applications", json=an_application(region="scotland"))
    assert refused.status_code == 409
    assert "not recruiting" in refused.json["errors"]["json"]["region"][0]


def test_a_new_wave_may_open_where_one_was_closed_early(client: FlaskClient) -> None:
    client.post(f"/waves/{the_wave(client)['id']}/close", headers=STAFF)
    reopened = client.post("/waves", json=a_wave("scotland", starts_in=0), headers=STAFF)
    assert reopened.status_code == 201, reopened.json
    assert client.post("/applications", json=an_application(region="scotland")).status_code == 201


@SQLITE_ONLY
def test_a_closed_wave_is_neither_closed_again_nor_moved(client: FlaskClient, app: Flask) -> None:
    wave = the_wave(client)
    client.post(f"/waves/{wave['id']}/close", headers=STAFF)
    before = counts(app)
    again = client.post(f"/waves/{wave['id']}/close", headers=STAFF)
    moved = client.patch(
        f"/waves/{wave['id']}", json={"closes_on": TODAY.isoformat()}, headers=STAFF
    )
    assert (again.status_code, moved.status_code) == (409, 409)
    assert "closes_on" in moved.json["errors"]["json"]
    assert counts(app) == before


@SQLITE_ONLY
@pytest.mark.parametrize(
    ("change", "field", "status"),
    [
        ({"closes_on": "2000-01-01"}, "closes_on", 422),
        ({"target": 0}, "target", 422),
        ({"target": "many"}, "target", 422),
        ({"name": ""}, "name", 422),
        ({"regions": ["wales"]}, "regions", 422),
    ],
)
def test_a_bad_change_to_a_wave_is_refused_naming_the_field(
    client: FlaskClient, app: Flask, change: dict[str, Any], field: str, status: int
) -> None:
    wave = the_wave(client)
    before = counts(app)
    response = client.patch(f"/waves/{wave['id']}", json=change, headers=STAFF)
    assert response.status_code == status
    assert field in response.json["errors"]["json"]
    assert counts(app) == before
    assert the_wave(client)["target"] == 50


@SQLITE_ONLY
def test_a_wave_cannot_be_moved_onto_another_in_the_same_region(client: FlaskClient) -> None:
    later = client.post("/waves", json=a_wave("scotland", starts_in=40), headers=STAFF).json
    moved = client.patch(
        f"/waves/{later['id']}", json={"opens_on": TODAY.isoformat()}, headers=STAFF
    )
    assert moved.status_code == 409
    assert "regions" in moved.json["errors"]["json"]


def test_progress_counts_approvals_week_by_week_against_the_target(client: FlaskClient) -> None:
    joined(client, "a@x.org")
    joined(client, "b@x.org", region="north-west-coast")
    progress = client.get(f"/waves/{the_wave(client)['id']}/progress", headers=STAFF).json
    weeks = progress["approved_by_week"]
    monday = TODAY - timedelta(days=TODAY.weekday())
    assert weeks[-1] == {"week_starting": monday.isoformat(), "approved": 2, "approved_so_far": 2}
    assert all(date.fromisoformat(week["week_starting"]).weekday() == 0 for week in weeks)


def test_a_partner_reviewer_follows_only_their_regions_progress(client: FlaskClient) -> None:
    joined(client, "a@x.org")
    joined(client, "b@x.org", region="north-west-coast")
    joined(client, "c@x.org", region="north-west-coast")
    url = f"/waves/{the_wave(client)['id']}/progress"
    mine = client.get(url, headers=SCOTTISH_REVIEWER)
    assert mine.status_code == 200
    assert (mine.json["approved"], list(mine.json["by_region"])) == (1, ["scotland"])
    assert mine.json["approved_by_week"][-1]["approved_so_far"] == 1
    assert client.get(url, headers=WELSH_REVIEWER).status_code == 403


def test_a_connector_sees_who_joined_their_region_lately(client: FlaskClient) -> None:
    connector = joined(client, "connector@x.org")
    newcomer = joined(client, "new@x.org")
    joined(client, "elsewhere@x.org", region="north-west-coast")
    headers = bearer(connector, CONNECTOR)
    found = client.get("/members/newcomers?weeks=2", headers=headers)
    assert found.status_code == 200
    assert [person["id"] for person in found.json] == [newcomer, connector]
    assert {person["region"] for person in found.json} == {"scotland"}
    assert "email" not in found.json[0]
    other = client.get("/members/newcomers?region=north-west-coast", headers=headers)
    assert other.status_code == 403
    everyone = client.get("/members/newcomers", headers=STAFF).json
    assert len(everyone) == 3
