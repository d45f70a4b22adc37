"""One person, one account: addresses in one form; names and addresses that mail can carry."""

from typing import Any

import pytest
from flask.testing import FlaskClient

from tests.membership.conftest import SQLITE_ONLY, a_wave, an_application, staged
from tests.membership.test_accounts_api import PASSWORD, member  # noqa: F401 (a fixture)
from tests.support.auth import STAFF

FIRST = "asha.patel@example.org"


@SQLITE_ONLY
@pytest.mark.parametrize(
    "variant",
    [
        "Asha.Patel@Example.ORG",
        "ASHA.PATEL@EXAMPLE.ORG",
        "  asha.patel@example.org  ",
        "\uff41sha.patel@example.org",  # a full-width letter a
        "asha.patel@\uff45xample.org",  # a full-width letter e
    ],
)
def test_a_variant_of_an_address_already_applying_cannot_apply_again(
    client: FlaskClient, variant: str
) -> None:
    assert client.post("/applications", json=an_application(email=FIRST)).status_code == 201
    again = client.post("/applications", json=an_application(email=variant))
    assert again.status_code == 409, again.json
    assert "email" in again.json["errors"]["json"]


@SQLITE_ONLY
def test_an_address_is_kept_in_its_one_form(client: FlaskClient) -> None:
    receipt = client.post("/applications", json=an_application(email="Asha.Patel@Example.ORG"))
    application = client.get(f"/applications/{receipt.json['id']}", headers=STAFF).json
    assert application["email"] == FIRST


@SQLITE_ONLY
@pytest.mark.parametrize(
    "address",
    [
        "\u0430sha.patel@example.org",  # a Cyrillic letter that reads as a Latin a
        "asha.patel@ex\u0430mple.org",
        "jos\u00e9@example.org",
        '"asha patel"@example.org',
        "asha@[192.0.2.1]",
        "asha\n@example.org",
        "asha@example.org\r\nBcc: everyone@example.org",
        "asha..patel@example.org",
    ],
)
def test_an_address_mail_cannot_deliver_or_that_passes_for_another_is_refused(
    client: FlaskClient, address: str
) -> None:
    answer = client.post("/applications", json=an_application(email=address))
    assert answer.status_code == 422, answer.json
    assert list(answer.json["errors"]["json"]) == ["email"]


@SQLITE_ONLY
@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("name", "Asha\nPatel"),
        ("name", "Asha\rPatel"),
        ("name", "Asha\x00Patel"),
        ("name", "Asha \u202eletaP"),
        ("organisation", "NHS\tTayside"),
        ("job_title", "Lead\u2028Improver"),
        ("consent_version", "2026-01\n"),
        ("statement", "Led sepsis screening improvement work\x1b[31m for years."),
    ],
)
def test_an_application_with_control_characters_is_refused_naming_the_field(
    client: FlaskClient, field: str, value: str
) -> None:
    answer = client.post("/applications", json=an_application(**{field: value}))
    assert answer.status_code == 422, answer.json
    assert field in answer.json["errors"]["json"]
    assert staged(client.application, "application-submitted") == []


@SQLITE_ONLY
def test_a_statement_keeps_its_paragraphs(client: FlaskClient) -> None:
    statement = "Led sepsis screening.\r\n\r\nThen\ttaught it across the region."
    assert client.post("/applications", json=an_application(statement=statement)).status_code == 201


@SQLITE_ONLY
@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"name": "Winter\nwave"}, "name"),
        ({"opens_on": "9999-12-31", "closes_on": "9999-12-31"}, "opens_on"),
        ({"closes_on": "0001-01-01"}, "closes_on"),
    ],
)
def test_a_wave_out_of_bounds_is_refused_naming_the_field(
    client: FlaskClient, changes: dict[str, Any], field: str
) -> None:
    answer = client.post("/waves", json=a_wave(**changes), headers=STAFF)
    assert answer.status_code == 422, answer.json
    assert field in answer.json["errors"]["json"]


@SQLITE_ONLY
def test_a_login_with_a_variant_of_the_address_reaches_the_same_account(
    client: FlaskClient,
    member: str,  # noqa: F811
) -> None:
    body = {"email": "ASHA.PATEL@\uff45xample.org", "password": PASSWORD}
    answer = client.post("/accounts/login", json=body)
    assert (answer.status_code, answer.json["member_id"]) == (200, member)
