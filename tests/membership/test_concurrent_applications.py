"""Requests that race each other still leave one application per email, decided once."""

from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from werkzeug.test import TestResponse

from membership.domain.directory import DirectoryTally
from tests.membership.conftest import an_application, counts
from tests.membership.racing import at_once
from tests.membership.responses import body
from tests.support.auth import STAFF


@pytest.fixture
def database_backend() -> str:
    """Race on PostgreSQL, where web workers really do run transactions side by side."""
    return "postgres"


def test_the_same_email_sent_at_once_makes_one_application(app: Flask, client: FlaskClient) -> None:
    form = an_application(email="twice@example.org")

    def apply(other: FlaskClient) -> TestResponse:
        return other.post("/applications", json=form)

    statuses = at_once(app, *[apply] * 6)
    assert statuses == {201: 1, 409: 5}
    assert counts(app)[0] == 1


@pytest.mark.parametrize("withdrawing", [False, True])
def test_an_application_decided_at_once_by_several_is_decided_once(
    app: Flask, client: FlaskClient, withdrawing: bool
) -> None:
    receipt = body(client.post("/applications", json=an_application()))
    path = f"/applications/{receipt['id']}"

    def approve(other: FlaskClient) -> TestResponse:
        return other.post(f"{path}/approve", headers=STAFF)

    def withdraw(other: FlaskClient) -> TestResponse:
        return other.post(f"{path}/withdraw", json={"code": receipt["withdrawal_code"]})

    requests = [approve, approve, approve, *([withdraw] if withdrawing else [])]
    statuses = at_once(app, *requests)
    assert statuses[200] == 1 and statuses[500] == 0
    status = body(client.get(path, headers=STAFF))["status"]
    assert counts(app)[1] == (1 if status == "approved" else 0)


def test_different_applications_approved_at_once_all_become_members(
    app: Flask, client: FlaskClient
) -> None:
    receipts = [
        body(client.post("/applications", json=an_application(email=f"racer{n}@example.org")))
        for n in range(6)
    ]

    def approver(application_id: str) -> Callable[[FlaskClient], TestResponse]:
        def approve(other: FlaskClient) -> TestResponse:
            return other.post(f"/applications/{application_id}/approve", headers=STAFF)

        return approve

    statuses = at_once(app, *[approver(receipt["id"]) for receipt in receipts])

    assert statuses == {200: 6}
    assert counts(app)[1] == 6
    assert _listed_in_region(app, an_application()["region"]) == 6


def _listed_in_region(app: Flask, region: str) -> int:
    tallies = DirectoryTally.__table__
    with app.extensions["qplatform"].engine.connect() as connection:
        found = connection.execute(
            select(tallies.c.members).where(tallies.c.region == region, tallies.c.area == "")
        ).scalar_one()
    return int(found)
