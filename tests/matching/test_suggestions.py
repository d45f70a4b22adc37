"""Members see whom they might want to meet: shared expertise or interests, other places first."""

import json
from collections.abc import Callable
from typing import Any

import pytest
from flask.testing import FlaskClient

from matching.adapters.repositories.participants import NeverPairs
from matching.domain.model import Participant
from matching.domain.suggestions import Profile, suggest_people
from qplatform.db.unit_of_work import UnitOfWork
from qplatform.events import Envelope
from tests.matching.member_events import member_joined
from tests.support.auth import bearer

Handle = Callable[[Envelope], None]


def _profile(
    member_id: str, region: str = "wales", organisation: str = "Trust", **kw: Any
) -> Profile:
    return Profile(
        member_id=member_id,
        display_name=member_id.title(),
        region=region,
        organisation=organisation,
        expertise=frozenset(kw.get("expertise", ())),
        interests=frozenset(kw.get("interests", ())),
    )


def test_people_sharing_expertise_come_first_and_other_places_break_ties() -> None:
    me = _profile("me", expertise={"sepsis", "flow"}, interests={"mental health"})
    near = _profile("near", expertise={"sepsis"})
    far = _profile("far", region="scotland", organisation="Council", expertise={"sepsis"})
    both = _profile("both", expertise={"sepsis", "flow"})
    curious = _profile("curious", interests={"mental health"})
    stranger = _profile("stranger", expertise={"finance"})

    found = suggest_people(me, [near, far, both, curious, stranger, me])

    assert [s.member_id for s in found] == ["both", "far", "near", "curious"]
    assert found[1].reason == (
        "Shares your expertise in sepsis; works in another region and another organisation."
    )
    assert found[0].reason == "Shares your expertise in flow and sepsis."
    assert found[3].reason == "Is also interested in mental health."


def test_people_a_member_never_wants_to_meet_are_not_suggested() -> None:
    me = _profile("me", expertise={"sepsis"})
    avoided = _profile("avoided", expertise={"sepsis"})

    assert suggest_people(me, [avoided], avoided=["avoided"]) == []


@pytest.fixture
def members(handle: Handle, uow: Callable[[], UnitOfWork]) -> list[str]:
    """Return three members: the asker, one sharing an interest, one they avoid."""
    ids = []
    for region in ("wales", "scotland", "eastern"):
        event = member_joined(region=region)
        handle(event)
        ids.append(event.subject)
    with uow() as unit:
        for member_id in ids:
            unit.session.get_one(Participant, member_id).interests = ["sepsis"]
        NeverPairs(unit.session).replace(ids[0], [ids[2]])
        unit.commit()
    return ids


def test_a_member_sees_suggestions_with_reasons(client: FlaskClient, members: list[str]) -> None:
    me, other, _ = members

    response = client.get(f"/suggestions/{me}", headers=bearer(me))

    assert response.status_code == 200
    [suggestion] = json.loads(response.data)
    assert suggestion["member_id"] == other
    assert suggestion["reason"] == "Is also interested in sepsis; works in another region."


@pytest.mark.parametrize(
    ("query", "headers_of", "status"),
    [
        ("?limit=0", "me", 422),
        ("?limit=many", "me", 422),
        ("", "other", 403),
        ("", None, 401),
    ],
)
def test_suggestions_refuse_bad_limits_and_other_callers(
    client: FlaskClient,
    members: list[str],
    query: str,
    headers_of: str | None,
    status: int,
) -> None:
    me, other, _ = members
    headers = {"me": bearer(me), "other": bearer(other), None: {}}[headers_of]

    response = client.get(f"/suggestions/{me}{query}", headers=headers)

    assert response.status_code == status
    if status == 422:
        assert "limit" in json.loads(response.data)["errors"]["query"]
