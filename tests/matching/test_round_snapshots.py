"""Each round stores who was eligible as its pairing saw them; seed and snapshot repeat it."""

import json
from collections.abc import Callable
from typing import Any

from flask.testing import FlaskClient

from matching.adapters.repositories.participants import NeverPairs
from matching.adapters.repositories.rounds import Matches
from matching.domain.model import Participant
from matching.service_layer.handlers import remove_participant
from matching.service_layer.round_audit import audit_round, replay_round
from qplatform.db.unit_of_work import UnitOfWork
from qplatform.events import Envelope
from tests.matching.member_events import member_left, received
from tests.matching.rounds_support import join_members, run_round

Handle = Callable[[Envelope], None]
UoW = Callable[[], UnitOfWork]


def _leave(uow: UoW, member_id: str) -> None:
    with uow() as unit:
        remove_participant(unit, received(member_left(member_id)))
        unit.commit()


def _stored_groups(uow: UoW, round_id: str) -> set[frozenset[str]]:
    with uow() as unit:
        return Matches(unit.session).groups_of_round(round_id)


def _a_year_of_rounds(handle: Handle, uow: UoW, months: int) -> list[str]:
    members = join_members(handle, 15)
    with uow() as unit:
        NeverPairs(unit.session).replace(members[0], members[1:4])
        unit.session.get_one(Participant, members[5]).meeting_format = "in-person"
        unit.session.get_one(Participant, members[6]).prefers_other_region = True
        unit.commit()
    return [run_round(uow, month=m, seed=100 + m).id for m in range(1, months + 1)]


def test_pairing_a_stored_snapshot_again_with_its_seed_gives_the_stored_pairs(
    handle: Handle, uow: UoW
) -> None:
    round_ids = _a_year_of_rounds(handle, uow, months=6)

    for round_id in round_ids:
        with uow() as unit:
            again = replay_round(uow=unit, round_id=round_id)
        assert {frozenset(g) for g in again.groups} == _stored_groups(uow, round_id)


def test_rounds_stay_repeatable_after_members_in_them_leave_and_are_anonymised(
    handle: Handle, uow: UoW
) -> None:
    round_ids = _a_year_of_rounds(handle, uow, months=4)
    with uow() as unit:
        leavers = [p.member_id for p in unit.session.query(Participant).limit(2)]
    for leaver in leavers:
        _leave(uow, leaver)

    for round_id in round_ids:
        with uow() as unit:
            audit = audit_round(uow=unit, round_id=round_id)
        assert (audit.same_groups, audit.eligible) == (True, 15)


def test_staff_read_a_rounds_snapshot_with_what_the_pairing_used_in_pairing_order(
    client: FlaskClient, staff: dict[str, str], coffee_round: dict[str, Any]
) -> None:
    response = client.get(f"/rounds/{coffee_round['id']}/snapshot", headers=staff)
    rows = json.loads(response.data)

    assert response.status_code == 200
    assert [r["position"] for r in rows] == list(range(6))
    assert [r["member_id"] for r in rows] == sorted(r["member_id"] for r in rows)
    assert {r["organisation"] for r in rows} == {f"Trust {n}" for n in range(5)}
    assert set(rows[0]) >= {"region", "meeting_format", "never", "left_over_last_time"}
    audit = json.loads(client.get(f"/rounds/{coffee_round['id']}/audit", headers=staff).data)
    assert (audit["same_groups"], audit["eligible"], audit["groups"]) == (True, 6, 3)


def test_a_member_who_leaves_is_anonymised_in_every_snapshot_too(
    client: FlaskClient, staff: dict[str, str], coffee_round: dict[str, Any], uow: UoW
) -> None:
    url = f"/rounds/{coffee_round['id']}/snapshot"
    leaver = json.loads(client.get(url, headers=staff).data)[2]

    _leave(uow, leaver["member_id"])

    after = json.loads(client.get(url, headers=staff).data)[2]
    assert after["member_id"].startswith("former-member-")
    assert (after["organisation"], after["organisation_code"]) == ("", leaver["organisation_code"])
    with uow() as unit:
        assert any(after["member_id"] in g for g in Matches(unit.session).history(after_round=0)[0])


def test_a_round_not_yet_run_has_no_snapshot_to_audit(
    client: FlaskClient, staff: dict[str, str]
) -> None:
    requested = json.loads(client.post("/rounds", json={}, headers=staff).data)

    response = client.get(f"/rounds/{requested['id']}/audit", headers=staff)

    assert response.status_code == 409
    assert json.loads(client.get(f"/rounds/{requested['id']}/snapshot", headers=staff).data) == []
