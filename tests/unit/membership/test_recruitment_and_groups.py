"""Regions, recruitment waves, groups, profiles and password links, in memory."""

from datetime import date, timedelta

import pytest

from membership.domain import errors
from membership.domain.model import Member
from membership.domain.recruitment import RecruitmentWave
from membership.service_layer import groups, password_reset, profiles, recruitment
from qplatform.clock import FixedClock
from qplatform.config import Settings
from qplatform.errors import Forbidden
from qplatform.identity import MEMBER, STAFF, Caller
from tests.unit.membership.conftest import NOON
from tests.unit.membership.fakes import FakeMembershipUnitOfWork


def a_member(uow: FakeMembershipUnitOfWork, member_id: str, name: str) -> Member:
    member = Member(
        id=member_id,
        email=f"{member_id}@example.org",
        display_name=name,
        organisation="Q",
        job_title="Lead",
        region="scotland",
        mail_categories=[],
        joined_at=NOON,
        roles=[],
    )
    uow.members.add(member)
    return member


def as_member(member_id: str) -> Caller:
    return Caller(member_id=member_id, roles=frozenset({MEMBER}))


def test_a_wave_overlapping_another_in_a_region_is_refused(
    uow: FakeMembershipUnitOfWork,
) -> None:
    clash = RecruitmentWave(
        name="Late spring",
        partner="NHS Education for Scotland",
        regions=["scotland"],
        opens_on=date(2026, 3, 20),
        closes_on=date(2026, 4, 20),
        target=20,
    )
    with uow, pytest.raises(errors.WavesOverlap) as refused:
        recruitment.schedule_wave(uow=uow, wave=clash)
    assert refused.value.field == "regions"
    assert len(uow.waves.stored) == 1 and not uow.published


def test_a_wave_closed_early_takes_no_applications_from_that_day(
    uow: FakeMembershipUnitOfWork,
) -> None:
    [wave_id] = uow.waves.stored
    with uow:
        wave = recruitment.close_wave(uow=uow, wave_id=wave_id)
    assert wave.closed_on == NOON.date() and wave.last_day == NOON.date() - timedelta(days=1)
    [closed] = uow.events_of("recruitment-wave-closed")
    assert closed["wave_id"] == wave_id and closed["closed_on"] == "2026-03-10"


def test_a_new_region_is_named_to_every_service_and_a_taken_slug_refused(
    uow: FakeMembershipUnitOfWork,
) -> None:
    with uow:
        recruitment.add_region(uow=uow, slug="isle-of-man", name="Isle of Man")
    assert uow.events_of("region-named") == [
        {"slug": "isle-of-man", "name": "Isle of Man", "active": True}
    ]
    with uow, pytest.raises(errors.RegionExists) as refused:
        recruitment.add_region(uow=uow, slug="isle-of-man", name="Mann")
    assert refused.value.field == "slug"
    assert uow.regions.stored["isle-of-man"].name == "Isle of Man"


def test_weekly_approvals_run_from_the_wave_s_first_monday_to_today(
    clock: FixedClock,
) -> None:
    wave = RecruitmentWave(
        name="W",
        partner="P",
        regions=["scotland"],
        opens_on=date(2026, 3, 1),
        closes_on=date(2026, 3, 31),
        target=5,
    )
    approvals = [NOON - timedelta(days=1), NOON - timedelta(days=8)]
    weeks = recruitment.approvals_by_week(wave, approvals, clock.now().date())
    assert [(w["week_starting"], w["approved"], w["approved_so_far"]) for w in weeks] == [
        (date(2026, 2, 23), 0, 0),
        (date(2026, 3, 2), 1, 1),
        (date(2026, 3, 9), 1, 2),
    ]


def test_a_founder_starts_a_group_and_is_its_first_member(
    uow: FakeMembershipUnitOfWork,
) -> None:
    a_member(uow, "asha", "Asha Patel")
    with uow:
        group = groups.start_group(
            uow=uow, founder="asha", name="Frailty", purpose="Share.", topics=["frailty"]
        )
    assert group.created_at == NOON and uow.groups.place(group.id, "asha") is not None
    assert uow.events_of("group-created")[0]["created_by"] == "asha"
    [joined] = uow.events_of("group-member-joined")
    assert (joined["group_id"], joined["member_id"]) == (group.id, "asha")
    with uow, pytest.raises(errors.GroupExists) as refused:
        groups.start_group(uow=uow, founder="asha", name="Frailty", purpose="Again.", topics=[])
    assert refused.value.field == "name"


def test_only_the_member_or_staff_take_a_member_out_of_a_group(
    uow: FakeMembershipUnitOfWork,
) -> None:
    a_member(uow, "asha", "Asha Patel")
    a_member(uow, "ben", "Ben Ross")
    with uow:
        group = groups.start_group(uow=uow, founder="asha", name="Flow", purpose="S.", topics=[])
    with uow, pytest.raises(Forbidden):
        groups.leave_group(uow=uow, group_id=group.id, member_id="asha", caller=as_member("ben"))
    assert uow.groups.place(group.id, "asha") is not None
    with uow:
        staff = Caller(member_id="s", roles=frozenset({STAFF}))
        groups.leave_group(uow=uow, group_id=group.id, member_id="asha", caller=staff)
    assert uow.groups.place(group.id, "asha") is None
    assert uow.events_of("group-member-left")[0]["member_id"] == "asha"


def test_a_member_changes_their_profile_and_the_changed_public_fields_are_announced(
    uow: FakeMembershipUnitOfWork,
) -> None:
    a_member(uow, "asha", "Asha Patel")
    with uow:
        profiles.update_profile(
            uow=uow, member_id="asha", caller=as_member("asha"), changes={"bio": "Sepsis."}
        )
    [updated] = uow.events_of("member-profile-updated")
    assert updated["changed_fields"] == ["bio"] and updated["member_id"] == "asha"
    assert uow.events_of("member-profile-recorded")[0]["bio"] == "Sepsis."
    assert uow.directory.entries["asha"].member_id == "asha"


def test_another_member_may_not_change_a_profile(uow: FakeMembershipUnitOfWork) -> None:
    a_member(uow, "asha", "Asha Patel")
    with uow, pytest.raises(Forbidden):
        profiles.update_profile(
            uow=uow, member_id="asha", caller=as_member("ben"), changes={"bio": "Hacked."}
        )
    assert uow.members.stored["asha"].bio is None and not uow.published


def test_expertise_off_the_controlled_list_is_refused(uow: FakeMembershipUnitOfWork) -> None:
    a_member(uow, "asha", "Asha Patel")
    with uow, pytest.raises(errors.UnknownExpertise) as refused:
        profiles.update_profile(
            uow=uow, member_id="asha", caller=as_member("asha"), changes={"expertise": ["tarot"]}
        )
    assert refused.value.field == "expertise"


def test_password_links_are_mailed_at_most_three_times_an_hour(
    uow: FakeMembershipUnitOfWork, clock: FixedClock, settings: Settings
) -> None:
    a_member(uow, "asha", "Asha Patel")
    for _ in range(4):
        with uow:
            password_reset.request_password_link(
                uow=uow, settings=settings, email="ASHA@example.org"
            )
    assert len(uow.events_of("password-setup-requested")) == 3
    clock.advance(timedelta(hours=1, minutes=1))
    with uow:
        password_reset.request_password_link(uow=uow, settings=settings, email="asha@example.org")
    assert len(uow.events_of("password-setup-requested")) == 4


def test_no_link_goes_to_an_address_no_member_holds(
    uow: FakeMembershipUnitOfWork, settings: Settings
) -> None:
    with uow:
        password_reset.request_password_link(uow=uow, settings=settings, email="nobody@x.org")
    assert not uow.published and not uow.credentials.links
