"""A coffee round snapshots who is eligible, pairs them, records the round and announces it."""

from collections.abc import Callable
from datetime import date
from itertools import combinations

from sqlalchemy import select

from matching.adapters.repositories.participants import NeverPairs
from matching.adapters.repositories.rounds import CoffeeRounds
from matching.domain.model import Participant
from qplatform.db.unit_of_work import UnitOfWork
from qplatform.events import Envelope
from tests.matching.rounds_support import groups_of, join_members, published, run_round

Handle = Callable[[Envelope], None]
UoW = Callable[[], UnitOfWork]


def _change(uow: UoW, member_id: str, **changes: object) -> None:
    with uow() as unit:
        participant = unit.session.get_one(Participant, member_id)
        participant.change(dict(changes), at=unit.clock.now())
        unit.commit()


def test_a_round_pairs_everyone_and_announces_each_match_and_its_figures(
    handle: Handle, uow: UoW
) -> None:
    members = join_members(handle, 10)

    coffee_round = run_round(uow)

    groups = groups_of(uow, coffee_round.id)
    assert sorted(m for g in groups for m in g) == sorted(members)
    assert {len(g) for g in groups} == {2}
    [completed] = published(uow, "coffee-round-completed")
    assert completed["key"] == coffee_round.id
    assert completed["data"] | {"completed_at": None, "round_id": None} == {
        "round_id": None,
        "completed_at": None,
        "number": 1,
        "seed": 7,
        "participants": 10,
        "pairs": 5,
        "trios": 0,
        "unmatched": 0,
        "repeats": 0,
        "format_clashes": 0,
        "cross_organisation_share": coffee_round.cross_organisation_share,
        "cross_region_share": coffee_round.cross_region_share,
        "preference_hits": coffee_round.preference_hits,
    }
    assert {e["key"] for e in published(uow, "match-made")} == {coffee_round.id}


def test_an_odd_count_makes_one_trio_and_its_members_are_not_in_the_next_trio(
    handle: Handle, uow: UoW
) -> None:
    join_members(handle, 11)

    first = run_round(uow, month=1)
    second = run_round(uow, month=2)

    [trio] = [g for g in groups_of(uow, first.id) if len(g) == 3]
    [next_trio] = [g for g in groups_of(uow, second.id) if len(g) == 3]
    assert not set(trio) & set(next_trio)


def test_members_who_opted_out_paused_or_skip_sit_the_round_out_and_skipping_lasts_one_round(
    handle: Handle, uow: UoW
) -> None:
    out, paused, skipping, *_ = join_members(handle, 9)
    _change(uow, out, opted_in=False)
    _change(uow, paused, paused_until=date(2027, 2, 15))
    _change(uow, skipping, skip_next_round=True)

    january = run_round(uow, month=1)
    february = run_round(uow, month=2)
    march = run_round(uow, month=3)

    def placed(round_id: str) -> set[str]:
        return {m for g in groups_of(uow, round_id) for m in g}

    assert not {out, paused, skipping} & placed(january.id)
    assert skipping in placed(february.id) and paused not in placed(february.id)
    assert paused in placed(march.id) and out not in placed(march.id)


def test_a_quarterly_member_is_matched_every_third_round(handle: Handle, uow: UoW) -> None:
    quarterly, *_ = join_members(handle, 7)
    _change(uow, quarterly, frequency="quarterly")

    rounds = [run_round(uow, month=m) for m in range(1, 6)]

    taking_part = [any(quarterly in g for g in groups_of(uow, r.id)) for r in rounds]
    assert taking_part == [True, False, False, True, False]


def test_twelve_monthly_rounds_never_pair_a_do_not_pair_nor_repeat_within_six_rounds(
    handle: Handle, uow: UoW
) -> None:
    members = join_members(handle, 16)
    with uow() as unit:
        NeverPairs(unit.session).replace(members[0], members[1:4])
        unit.commit()

    rounds = [run_round(uow, month=m, seed=m) for m in range(1, 13)]

    history = [[tuple(g) for g in groups_of(uow, r.id)] for r in rounds]
    for number, groups in enumerate(history):
        recent = {
            frozenset(p)
            for past in history[max(0, number - 6) : number]
            for g in past
            for p in combinations(g, 2)
        }
        for group in groups:
            assert not {members[0]} < set(group) or not set(group) & set(members[1:4])
            assert not {frozenset(p) for p in combinations(group, 2)} & recent
    assert all(r.repeats == 0 for r in rounds)


def test_members_wanting_fewer_rounds_wait_their_turn_even_with_no_cooldown(
    handle: Handle, uow: UoW
) -> None:
    every_other, quarterly, *_ = join_members(handle, 8)
    _change(uow, every_other, frequency="every-two-months")
    _change(uow, quarterly, frequency="quarterly")
    with uow() as unit:
        CoffeeRounds(unit.session).schedule().cooldown = 0
        unit.commit()

    rounds = [run_round(uow, month=m) for m in range(1, 6)]

    def taking_part(member: str) -> list[bool]:
        return [any(member in g for g in groups_of(uow, r.id)) for r in rounds]

    assert taking_part(every_other) == [True, False, True, False, True]
    assert taking_part(quarterly) == [True, False, False, True, False]
    assert all(r.cooldown == 0 for r in rounds)


def test_the_left_over_flag_follows_each_members_last_round_taken_part_in(
    handle: Handle, uow: UoW
) -> None:
    join_members(handle, 7)
    first = run_round(uow, month=1)
    [trio] = [g for g in groups_of(uow, first.id) if len(g) == 3]
    sitting_out, *back = trio
    _change(uow, sitting_out, skip_next_round=True)
    join_members(handle, 1)

    second = run_round(uow, month=2)

    [next_trio] = [g for g in groups_of(uow, second.id) if len(g) == 3]
    with uow() as unit:
        flagged = {
            p.member_id for p in unit.session.scalars(select(Participant)) if p.left_over_last_time
        }
    assert not set(back) & set(next_trio)
    assert flagged == {sitting_out, *next_trio}
