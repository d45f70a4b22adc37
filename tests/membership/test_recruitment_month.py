"""A month of recruitment at Q's scale: 352 applicants across five regions, decided and counted."""

from collections import Counter
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from qplatform.web.auth import PARTNER_REVIEWER
from tests.membership.conftest import a_wave, an_application
from tests.membership.responses import body, total
from tests.support.auth import STAFF, bearer

# Applicants per region in the month.
APPLICANTS = {
    "scotland": 81,
    "north-west-coast": 77,
    "west-midlands": 70,
    "yorkshire-and-humber": 64,
    "uclpartners": 60,
}
# The month's waves: the regions each recruits in, its partner and its target.
WAVES = {
    "Scotland": (["scotland"], "NHS Education for Scotland", 80),
    "The North": (
        ["north-west-coast", "yorkshire-and-humber"],
        "Health Innovation North",
        150,
    ),
    "West Midlands": (["west-midlands"], "West Midlands Academic Health Science Network", 60),
    "London": (["uclpartners"], "UCLPartners", 70),
}


@pytest.fixture
def database_backend() -> str:
    """Walk the month on SQLite: the counting rules do not depend on the database."""
    return "sqlite"


def outcome(n: int) -> str:
    """Decide the n-th applicant of a region: most approved, some turned down, a few not."""
    if n % 11 == 3:
        return "rejected"
    if n % 17 == 5:
        return "withdrawn"
    if n % 13 == 7:
        return "submitted"
    return "approved"


def open_waves(client: FlaskClient) -> dict[str, str]:
    """Open the month's waves as staff; return their ids by name."""
    waves = {}
    for name, (regions, partner, target) in WAVES.items():
        wave = a_wave(*regions, name=f"{name} spring", partner=partner, target=target)
        opened = client.post("/waves", json=wave, headers=STAFF)
        assert opened.status_code == 201, body(opened)
        waves[name] = body(opened)["id"]
    return waves


def apply_and_decide(client: FlaskClient, region: str, n: int) -> str:
    """Take the n-th applicant of a region through to their outcome; return it."""
    form = an_application(email=f"applicant-{n}@{region}.example.org", region=region)
    receipt = client.post("/applications", json=form)
    assert receipt.status_code == 201, body(receipt)
    application, wanted = body(receipt)["id"], outcome(n)
    # The region's partner reviewer decides odd applicants, staff the even ones.
    decider = bearer(f"partner-{region}", PARTNER_REVIEWER, region=region) if n % 2 else STAFF
    if wanted == "approved":
        decided = client.post(f"/applications/{application}/approve", headers=decider)
    elif wanted == "rejected":
        reason = {"reason": "Not enough improvement experience yet."}
        decided = client.post(f"/applications/{application}/reject", json=reason, headers=decider)
    elif wanted == "withdrawn":
        code = {"code": body(receipt)["withdrawal_code"]}
        decided = client.post(f"/applications/{application}/withdraw", json=code)
    else:
        return wanted
    assert decided.status_code == 200, body(decided)
    return wanted


def test_a_month_of_352_applicants_across_five_regions_adds_up(app: Flask) -> None:
    client = app.test_client()
    waves = open_waves(client)
    outcomes = {
        region: Counter(apply_and_decide(client, region, n) for n in range(count))
        for region, count in APPLICANTS.items()
    }
    assert sum(sum(c.values()) for c in outcomes.values()) == 352

    for name, (regions, _, target) in WAVES.items():
        progress = body(client.get(f"/waves/{waves[name]}/progress", headers=STAFF))
        counted = sum((outcomes[region] for region in regions), Counter[str]())
        assert progress_figures(progress) == expected_figures(counted, target)
        assert progress["by_region"] == {region: dict(outcomes[region]) for region in regions}
        queue = f"/applications?status=submitted&wave_id={waves[name]}"
        assert len(body(client.get(queue, headers=STAFF))) == counted["submitted"]

    approved = {region: counted["approved"] for region, counted in outcomes.items()}
    figures = body(client.get("/members/figures", headers=STAFF))
    assert figures["members_per_region"] == approved
    assert sum(figures["joins_per_month"].values()) == sum(approved.values())
    assert total(client.get("/directory?page_size=1")) == sum(approved.values())
    assert body(client.get("/directory/facets"))["facets"]["region"] == approved


def test_a_partner_reviewer_sees_only_their_regions_applicants(app: Flask) -> None:
    client = app.test_client()
    open_waves(client)
    for region in APPLICANTS:
        for n in range(3):
            form = an_application(email=f"p{n}@{region}.example.org", region=region)
            client.post("/applications", json=form)
    reviewer = bearer("partner-scotland", PARTNER_REVIEWER, region="scotland")
    seen = body(client.get("/applications?status=submitted", headers=reviewer))
    assert Counter(a["region"] for a in seen) == {"scotland": 3}
    assert len(body(client.get("/applications?status=submitted", headers=STAFF))) == 15


def progress_figures(progress: dict[str, Any]) -> dict[str, int]:
    names = ("applied", "approved", "rejected", "withdrawn", "awaiting_decision", "target")
    return {name: progress[name] for name in names}


def expected_figures(counted: Counter[str], target: int) -> dict[str, int]:
    return {
        "applied": sum(counted.values()),
        "approved": counted["approved"],
        "rejected": counted["rejected"],
        "withdrawn": counted["withdrawn"],
        "awaiting_decision": counted["submitted"],
        "target": target,
    }
