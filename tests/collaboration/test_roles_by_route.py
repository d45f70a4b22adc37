"""Every collaboration route, walked by every kind of caller, answers with the expected status."""

from collections.abc import Callable
from typing import Any

import pytest
from flask.testing import FlaskClient

from tests.collaboration.lab_world import a_cohort, apply_and_select, open_cohort
from tests.collaboration.survey_world import a_survey, answers, opened
from tests.support.auth import STAFF

CALLERS = ("anonymous", "member", "other member", "staff")
ANY_MEMBER = (401, 200, 200, 200)
STAFF_ONLY = (401, 403, 403, 200)
OWNER_OR_STAFF = (401, 200, 403, 200)


@pytest.fixture
def world(client: FlaskClient, join: Callable[..., dict[str, str]]) -> dict[str, Any]:
    """Make a cohort whose team the member leads, a resource and an open survey."""
    members = {f"m{i}": join(f"m{i}") for i in range(3)}
    other = join("other")
    cohort = open_cohort(client)
    apply_and_select(client, cohort, members)
    form = {"name": "A", "lead_member_id": "m0", "member_ids": ["m0", "m1", "m2"]}
    team = client.post(f"/cohorts/{cohort}/teams", json=form, headers=STAFF).json["id"]
    resource = client.post(
        "/resources",
        json={"title": "T", "summary": "S", "pillar": "learn", "kind": "tool", "body": "B"},
        headers=STAFF,
    ).json["id"]
    survey = opened(client)
    headers = {"anonymous": {}, "member": members["m0"], "other member": other, "staff": STAFF}
    return {
        "cohort": cohort,
        "team": team,
        "resource": resource,
        "survey": survey,
        "headers": headers,
    }


ROUTES: list[tuple[str, str, Any, tuple[int, ...]]] = [
    ("GET", "/cohorts", None, ANY_MEMBER),
    ("POST", "/cohorts", a_cohort(), (401, 403, 403, 201)),
    ("GET", "/cohorts/{cohort}", None, ANY_MEMBER),
    ("GET", "/cohorts/{cohort}/applications", None, STAFF_ONLY),
    # The member applied already; staff speak for no member.
    ("POST", "/cohorts/{cohort}/applications", {"statement": "Me"}, (401, 409, 201, 403)),
    ("POST", "/cohorts/{cohort}/participants", {"member_id": "nobody"}, (401, 403, 403, 422)),
    ("GET", "/cohorts/{cohort}/teams", None, ANY_MEMBER),
    # Everyone selected is in a team already.
    (
        "POST",
        "/cohorts/{cohort}/teams",
        {"name": "B", "lead_member_id": "m0", "member_ids": ["m0", "m1", "m2"]},
        (401, 409, 403, 409),
    ),
    ("GET", "/cohorts/{cohort}/milestones", None, ANY_MEMBER),
    (
        "POST",
        "/cohorts/{cohort}/milestones",
        {"title": "Half way", "due_on": "2027-06-01"},
        (401, 403, 403, 201),
    ),
    (
        "POST",
        "/cohorts/{cohort}/teams/{team}/updates",
        {"title": "Week one", "body": "Met."},
        (401, 201, 403, 201),
    ),
    ("GET", "/cohorts/{cohort}/updates", None, OWNER_OR_STAFF),
    ("GET", "/cohorts/{cohort}/outputs", None, ANY_MEMBER),
    ("GET", "/resources", None, ANY_MEMBER),
    (
        "POST",
        "/resources",
        {"title": "T", "summary": "S", "pillar": "learn", "kind": "tool", "body": "B"},
        (401, 201, 201, 201),
    ),
    ("GET", "/resources/facets", None, ANY_MEMBER),
    ("GET", "/resources/suggestions/waiting", None, STAFF_ONLY),
    ("GET", "/resources/{resource}", None, ANY_MEMBER),
    ("POST", "/resources/{resource}/moderation", {"decision": "publish"}, (401, 403, 403, 409)),
    ("PUT", "/resources/{resource}/favourite", None, (401, 204, 204, 403)),
    ("PUT", "/resources/{resource}/rating", {"stars": 4}, (401, 204, 204, 403)),
    ("DELETE", "/resources/{resource}/favourite", None, (401, 204, 204, 403)),
    ("GET", "/resources/favourites/m0", None, OWNER_OR_STAFF),
    ("GET", "/surveys", None, STAFF_ONLY),
    ("POST", "/surveys", a_survey(), (401, 403, 403, 201)),
    ("GET", "/surveys/invitations/mine", None, (401, 200, 200, 403)),
    ("GET", "/surveys/audiences/size?audience=region&audience_value=scotland", None, STAFF_ONLY),
    ("GET", "/surveys/{survey}", None, ANY_MEMBER),
    ("GET", "/surveys/{survey}/results", None, STAFF_ONLY),
    ("PUT", "/surveys/{survey}/cycle", {"notes": {"plan": "Ask"}}, STAFF_ONLY),
    ("POST", "/surveys/{survey}/responses", "answers", (401, 201, 201, 403)),
    ("POST", "/surveys/{survey}/reminders", None, (401, 403, 403, 202)),
    ("POST", "/surveys/{survey}/open", None, (401, 403, 403, 409)),
    ("POST", "/surveys/{survey}/close", None, STAFF_ONLY),
    # Staff close it last, so no one else may.
    ("POST", "/cohorts/{cohort}/close", None, STAFF_ONLY),
]


def test_each_caller_gets_the_expected_status_on_every_route(
    client: FlaskClient, world: dict[str, Any]
) -> None:
    # One world walked in the table's order: each route's statuses hold after the ones above.
    survey = world["survey"]
    ids = {k: world[k] for k in ("cohort", "team", "resource")}
    mismatches = []
    for method, path, body, expected in ROUTES:
        url = path.format(**ids, survey=survey["id"])
        sent = answers(survey) if body == "answers" else body
        got = []
        for caller in CALLERS:
            response = client.open(url, method=method, json=sent, headers=world["headers"][caller])
            got.append(response.status_code)
            if response.status_code >= 400:
                assert response.json["message"], (caller, response.json)
        if tuple(got) != expected:
            mismatches.append((method, path, dict(zip(CALLERS, got, strict=True))))
    assert mismatches == []


def test_no_route_is_left_out_of_the_table(client: FlaskClient) -> None:
    spec = client.get("/openapi.json").json
    documented = {
        (method.upper(), path)
        for path, operations in spec["paths"].items()
        for method in operations
        if method in ("get", "put", "post", "delete", "patch")
    }
    names = {"{cohort}": "{cohort_id}", "{team}": "{team_id}", "{resource}": "{resource_id}"}
    names |= {"{survey}": "{survey_id}", "/m0": "/{owner_id}"}
    walked = set()
    for method, path, _, _ in ROUTES:
        for short, name in names.items():
            path = path.replace(short, name)
        walked.add((method, path.split("?")[0]))
    assert documented == walked


def roles_by_table(expected: tuple[int, ...]) -> list[str]:
    """Return the roles a row of the table implies: staff when every member is refused."""
    by_caller = dict(zip(CALLERS, expected, strict=True))
    if by_caller["anonymous"] != 401:
        return ["anyone"]
    if by_caller["member"] == by_caller["other member"] == 403 != by_caller["staff"]:
        return ["staff"]
    return ["member"]


def test_the_roles_each_operation_declares_agree_with_the_table(client: FlaskClient) -> None:
    spec = client.get("/openapi.json").json
    names = {"{cohort}": "{cohort_id}", "{team}": "{team_id}", "{resource}": "{resource_id}"}
    names |= {"{survey}": "{survey_id}", "/m0": "/{owner_id}"}
    disagreements = []
    for method, path, _, expected in ROUTES:
        for short, name in names.items():
            path = path.replace(short, name)
        operation = spec["paths"][path.split("?")[0]][method.lower()]
        declared = operation.get("x-required-roles")
        if declared != roles_by_table(expected):
            disagreements.append((method, path, declared, roles_by_table(expected)))
        assert operation["security"] == [{"bearer": []}], (method, path)
    assert disagreements == []
