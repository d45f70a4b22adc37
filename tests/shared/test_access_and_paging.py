"""Who may call an operation is declared once: the check and the OpenAPI both come from it.

And every list route pages the same way: `page`/`page_size` in, `X-Pagination` out.
"""

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields

from qplatform.config import Settings
from qplatform.identity import CONNECTOR, MEMBER, STAFF, issue_access_token
from qplatform.paging import MAX_PAGE_SIZE, PAGE_SIZE, Page
from qplatform.web.access import ANYONE, requires
from qplatform.web.app import create_service_app
from qplatform.web.auth import current_caller
from qplatform.web.pagination import answer, page_request, paged
from tests.shared.toy import build_runtime

blp = Blueprint("toy_access", __name__)
NUMBERS = [{"value": n} for n in range(1, 46)]


class NameSchema(Schema):
    name = fields.String(required=True)


class NumberSchema(Schema):
    value = fields.Integer()


@blp.route("/open")
class Open(MethodView):
    @requires(ANYONE)
    @blp.response(200)
    def get(self) -> dict[str, str]:
        """Greet anyone."""
        return {"hello": "anyone"}


@blp.route("/members-only")
class MembersOnly(MethodView):
    @requires(MEMBER)
    @blp.response(200)
    def get(self) -> dict[str, Any]:
        """Greet a signed-in member by id."""
        return {"hello": current_caller().member_id}


@blp.route("/staff-only")
class StaffOnly(MethodView):
    @requires(STAFF)
    @blp.arguments(NameSchema)
    @blp.response(200)
    def post(self, body: dict[str, str]) -> dict[str, str]:
        """Greet staff by the name given."""
        return {"hello": body["name"]}


@blp.route("/connectors")
class Connectors(MethodView):
    @requires(CONNECTOR)
    @blp.response(200)
    def get(self) -> dict[str, str]:
        """Greet Connectors."""
        return {"hello": "connector"}


@blp.route("/numbers")
class Numbers(MethodView):
    @requires(ANYONE)
    @blp.response(200, NumberSchema(many=True))
    @paged(blp)
    def get(self, pagination_parameters: Any) -> Any:
        """List the numbers, a page at a time."""
        asked = page_request(pagination_parameters)
        items = NUMBERS[asked.offset : asked.offset + asked.size]
        return answer(pagination_parameters, Page(items=items, total=len(NUMBERS)))


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    folder: Path = tmp_path_factory.mktemp("access")
    settings = Settings.from_env(
        "toy", env={}, database_url=f"sqlite:///{folder}/toy.db", kafka_bootstrap="127.0.0.1:1"
    )
    runtime = build_runtime(settings)
    yield create_service_app(runtime, title="Toy", description="A toy.", blueprints=[blp])
    runtime.close()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


def bearer(app: Flask, *roles: str) -> dict[str, str]:
    token = issue_access_token(app.config["QP_SETTINGS"], member_id="m-1", roles=list(roles))
    return {"Authorization": f"Bearer {token}"}


@pytest.mark.parametrize(
    ("method", "path", "roles", "status"),
    [
        ("get", "/open", None, 200),
        ("get", "/members-only", None, 401),
        ("get", "/members-only", (MEMBER,), 200),
        ("get", "/connectors", (MEMBER,), 403),
        ("get", "/connectors", (MEMBER, CONNECTOR), 200),
        ("get", "/connectors", (STAFF,), 200),
        ("post", "/staff-only", (MEMBER,), 403),
        ("post", "/staff-only", (STAFF,), 200),
    ],
)
def test_each_operation_admits_exactly_the_roles_it_declares(
    app: Flask, client: FlaskClient, method: str, path: str, roles: tuple[str] | None, status: int
) -> None:
    headers = bearer(app, *roles) if roles else {}
    response = getattr(client, method)(path, headers=headers, json={"name": "Asha"})
    assert response.status_code == status, response.json


def test_a_caller_without_the_role_learns_nothing_of_what_the_request_should_hold(
    app: Flask, client: FlaskClient
) -> None:
    response = client.post("/staff-only", headers=bearer(app, MEMBER), json={"nonsense": 1})
    assert response.status_code == 403
    assert "name" not in json.dumps(response.json)


def test_the_openapi_states_the_roles_the_check_enforces(client: FlaskClient) -> None:
    paths = client.get("/openapi.json").json["paths"]

    assert paths["/open"]["get"]["security"] == []
    assert paths["/open"]["get"]["x-required-roles"] == ["anyone"]
    assert paths["/members-only"]["get"]["security"] == [{"bearer": []}]
    assert paths["/members-only"]["get"]["x-required-roles"] == ["member"]
    assert paths["/staff-only"]["post"]["x-required-roles"] == ["staff"]
    assert paths["/connectors"]["get"]["x-required-roles"] == ["connector"]
    assert paths["/connectors"]["get"]["description"].endswith(
        "**Who may call:** connector (staff always may)."
    )
    assert paths["/open"]["get"]["description"].endswith("**Who may call:** anyone.")


def test_declaring_no_role_or_an_unknown_one_is_refused_at_import() -> None:
    with pytest.raises(ValueError, match="declare"):
        requires()
    with pytest.raises(ValueError, match="declare"):
        requires("superuser")


def test_a_list_pages_with_the_platform_defaults(client: FlaskClient) -> None:
    response = client.get("/numbers")

    assert response.json == NUMBERS[:PAGE_SIZE]
    header = json.loads(response.headers["X-Pagination"])
    assert header["total"] == len(NUMBERS)
    assert header["page"] == 1
    assert header["next_page"] == 2
    assert header["last_page"] == 3


def test_a_caller_chooses_the_page_and_its_size(client: FlaskClient) -> None:
    response = client.get("/numbers?page=3&page_size=10")

    assert response.json == NUMBERS[20:30]
    assert json.loads(response.headers["X-Pagination"])["previous_page"] == 2


def test_a_page_bigger_than_the_limit_is_refused_naming_the_field(client: FlaskClient) -> None:
    response = client.get(f"/numbers?page_size={MAX_PAGE_SIZE + 1}")

    assert response.status_code == 422
    assert "page_size" in json.dumps(response.json)
