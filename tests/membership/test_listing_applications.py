"""Staff page through applications, oldest first, by asking for each page in turn."""

import json

import pytest
from flask.testing import FlaskClient

from tests.membership.conftest import an_application
from tests.support.auth import STAFF


def test_staff_page_through_every_application_once_in_the_order_they_came(
    client: FlaskClient,
) -> None:
    sent = [
        client.post("/applications", json=an_application(email=f"a{n}@example.org")).json["id"]
        for n in range(7)
    ]
    seen: list[str] = []
    number: int | None = 1
    while number is not None:
        page = client.get(f"/applications?page={number}&page_size=3", headers=STAFF)
        assert page.status_code == 200, page.json
        seen += [application["id"] for application in page.json]
        pagination = json.loads(page.headers["X-Pagination"])
        assert pagination["total"] == 7 and pagination["total_pages"] == 3
        number = pagination.get("next_page")
    assert seen == sent


def test_a_page_of_applications_holds_a_hundred_unless_asked_otherwise(
    client: FlaskClient,
) -> None:
    client.post("/applications", json=an_application())
    page = client.get("/applications", headers=STAFF)
    assert json.loads(page.headers["X-Pagination"])["total"] == 1
    assert len(page.json) == 1


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("page_size=0", "page_size"),
        ("page_size=1001", "page_size"),
        ("page_size=x", "page_size"),
        ("page=0", "page"),
    ],
)
def test_a_bad_page_request_names_the_field(client: FlaskClient, query: str, field: str) -> None:
    response = client.get(f"/applications?{query}", headers=STAFF)
    assert response.status_code == 422
    named = [name for where in response.json["errors"].values() for name in where]
    assert named == [field]
