"""Staff page through applications, oldest first, by following each page's next link."""

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
    page = client.get("/applications?limit=3", headers=STAFF)
    while True:
        assert page.status_code == 200, page.json
        seen += [application["id"] for application in page.json]
        if "Link" not in page.headers:
            break
        following = page.headers["Link"].split(">")[0].lstrip("<")
        assert 'rel="next"' in page.headers["Link"] and "limit=3" in following
        page = client.get(following, headers=STAFF)
    assert seen == sent


@pytest.mark.parametrize(
    ("query", "field"),
    [("limit=0", "limit"), ("limit=501", "limit"), ("limit=x", "limit"), ("after=nope", "after")],
)
def test_a_bad_page_request_names_the_field(client: FlaskClient, query: str, field: str) -> None:
    response = client.get(f"/applications?{query}", headers=STAFF)
    assert response.status_code == 422
    named = [name for where in response.json["errors"].values() for name in where]
    assert named == [field]
