"""Staff's names for regions leave membership with the change that made them, for mail to say."""

from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from qplatform.errors import EventContractViolation
from qplatform.events import CATALOG
from tests.membership.conftest import counts, outbox, staged
from tests.support.auth import STAFF

CHANGES = [
    # what staff do, the method, path and body, and the region-named it stages
    (
        "add a region",
        ("post", "/regions", {"slug": "isle-of-man", "name": "Isle of Man"}),
        {"slug": "isle-of-man", "name": "Isle of Man", "active": True},
    ),
    (
        "rename a region",
        ("patch", "/regions/yorkshire-and-humber", {"name": "Yorkshire and the Humber"}),
        {"slug": "yorkshire-and-humber", "name": "Yorkshire and the Humber", "active": True},
    ),
    (
        "retire a region",
        ("patch", "/regions/wales", {"active": False}),
        {"slug": "wales", "name": "Wales", "active": False},
    ),
]


@pytest.mark.parametrize(("what", "request_", "announced"), CHANGES)
def test_a_change_staff_make_to_a_region_is_staged_with_it_on_the_region_topic(
    client: FlaskClient,
    app: Flask,
    what: str,
    request_: tuple[str, str, dict[str, Any]],
    announced: dict[str, Any],
) -> None:
    method, path, body = request_
    response = getattr(client, method)(path, json=body, headers=STAFF)
    assert response.status_code in (200, 201)
    assert staged(app, "region-named") == [announced]
    [topic] = [topic for kind, topic, _ in outbox(app) if kind == "region-named"]
    prefix = app.config["QP_SETTINGS"].topic_prefix
    assert topic == f"{prefix}membership.region"


REFUSED = [
    # what staff try, the method, path and body, and the status they get
    ("rename a region there is not", ("patch", "/regions/atlantis", {"name": "Atlantis"}), 404),
    ("add a region twice", ("post", "/regions", {"slug": "wales", "name": "Cymru"}), 409),
    ("add a region with no name", ("post", "/regions", {"slug": "cornwall"}), 422),
]


@pytest.mark.parametrize(("what", "request_", "status"), REFUSED)
def test_a_refused_region_change_stages_nothing(
    client: FlaskClient,
    app: Flask,
    what: str,
    request_: tuple[str, str, dict[str, Any]],
    status: int,
) -> None:
    before = counts(app)
    method, path, body = request_
    assert getattr(client, method)(path, json=body, headers=STAFF).status_code == status
    assert counts(app) == before
    assert staged(app, "region-named") == []


def test_region_named_is_public_keyed_by_slug_and_carries_only_the_name_and_state() -> None:
    spec = CATALOG.spec("region-named", 1)
    assert (spec.topic.name, spec.topic.key, spec.topic.restricted) == (
        "membership.region",
        "region slug",
        False,
    )
    assert sorted(spec.schema().fields) == ["active", "name", "slug"]
    data = {"slug": "scotland", "name": "Alba", "active": True}
    assert spec.deserialise(spec.serialise(data)) == data


@pytest.mark.parametrize("missing", ["slug", "name", "active"])
def test_region_named_without_a_field_is_refused_naming_it(missing: str) -> None:
    data = {"slug": "scotland", "name": "Alba", "active": True}
    with pytest.raises(EventContractViolation, match=missing):
        CATALOG.spec("region-named", 1).serialise({k: v for k, v in data.items() if k != missing})
