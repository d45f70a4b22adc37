"""Applying to Q, withdrawing, and deciding applications, in memory."""

from datetime import timedelta
from typing import Any

import pytest

from membership.domain import errors
from membership.domain.model import ApplicationStatus
from membership.service_layer import applications, decisions
from qplatform.clock import FixedClock
from qplatform.config import Settings
from qplatform.errors import Forbidden
from qplatform.identity import PARTNER_REVIEWER, STAFF, Caller
from qplatform.paging import PageRequest
from tests.unit.membership.conftest import NOON
from tests.unit.membership.fakes import FakeMembershipUnitOfWork

STAFF_CALLER = Caller(member_id="staff-1", roles=frozenset({STAFF}))


def a_form(**changes: Any) -> applications.ApplicationForm:
    fields = {
        "name": "Asha Patel",
        "email": "Asha.Patel@Example.org ",
        "organisation": "Lancashire Teaching Hospitals",
        "job_title": "Improvement Lead",
        "region": "north-west-coast",
        "statement": "Led a programme on sepsis screening.",
        "consent_version": "2026-01",
    }
    return applications.ApplicationForm(**{**fields, **changes})


def apply(uow: FakeMembershipUnitOfWork, **changes: Any) -> applications.Receipt:
    with uow:
        return applications.submit_application(uow=uow, form=a_form(**changes))


def test_an_application_is_kept_in_the_open_wave_and_announced_without_the_email(
    uow: FakeMembershipUnitOfWork,
) -> None:
    receipt = apply(uow)
    [stored] = uow.applications.stored.values()
    assert stored.email == "asha.patel@example.org"
    assert stored.status == ApplicationStatus.SUBMITTED
    assert stored.submitted_at == stored.consented_at == NOON
    [wave] = uow.waves.stored
    [announced] = uow.events_of("application-submitted")
    assert announced["application_id"] == receipt.application.id
    assert announced["wave_id"] == wave and announced["region"] == "north-west-coast"
    assert "email" not in announced


def test_a_second_open_application_from_one_email_is_refused(
    uow: FakeMembershipUnitOfWork,
) -> None:
    apply(uow)
    with pytest.raises(errors.AlreadyApplied) as refused:
        apply(uow, email="asha.patel@example.org")
    assert refused.value.field == "email"
    assert len(uow.applications.stored) == 1
    assert len(uow.events_of("application-submitted")) == 1


def test_no_one_applies_where_no_wave_is_open(uow: FakeMembershipUnitOfWork) -> None:
    with pytest.raises(errors.NoOpenWave) as refused:
        apply(uow, region="west-midlands")
    assert refused.value.field == "region"
    assert not uow.applications.stored and not uow.published


def test_no_one_applies_once_the_wave_has_closed(
    uow: FakeMembershipUnitOfWork, clock: FixedClock
) -> None:
    clock.advance(timedelta(days=30))
    with pytest.raises(errors.NoOpenWave):
        apply(uow)


def test_an_applicant_withdraws_with_their_code_and_only_with_it(
    uow: FakeMembershipUnitOfWork, clock: FixedClock
) -> None:
    receipt = apply(uow)
    application_id = receipt.application.id
    with uow, pytest.raises(errors.WrongWithdrawalCode) as refused:
        applications.withdraw_application(uow=uow, application_id=application_id, code="guess")
    assert refused.value.field == "code"
    clock.advance(timedelta(hours=2))
    with uow:
        applications.withdraw_application(
            uow=uow, application_id=application_id, code=receipt.withdrawal_code
        )
    assert receipt.application.status == ApplicationStatus.WITHDRAWN
    assert receipt.application.decided_at == NOON + timedelta(hours=2)
    [withdrawn] = uow.events_of("application-withdrawn")
    assert withdrawn["application_id"] == application_id


def test_approving_makes_a_member_lists_them_and_mails_a_password_link(
    uow: FakeMembershipUnitOfWork, settings: Settings
) -> None:
    receipt = apply(uow)
    with uow:
        decisions.approve_application(
            uow=uow,
            settings=settings,
            application_id=receipt.application.id,
            caller=STAFF_CALLER,
        )
    [member] = uow.members.stored.values()
    assert member.joined_at == NOON and member.email == "asha.patel@example.org"
    assert list(uow.directory.entries) == [member.id]
    assert [link.member_id for link in uow.credentials.links] == [member.id]
    assert uow.events_of("member-joined")[0]["member_id"] == member.id
    [decided] = uow.events_of("application-decided")
    assert decided["decision"] == "approved" and decided["email"] == member.email
    [mailed] = uow.events_of("password-setup-requested")
    assert mailed["member_id"] == member.id and "token" not in mailed
    assert uow.tombstones  # the applicant's address is erased from the restricted stream


def test_a_partner_reviewer_decides_only_their_own_region(
    uow: FakeMembershipUnitOfWork,
) -> None:
    receipt = apply(uow)
    elsewhere = Caller(member_id="p", roles=frozenset({PARTNER_REVIEWER}), region="scotland")
    with uow, pytest.raises(errors.NotYourRegion):
        decisions.reject_application(
            uow=uow, application_id=receipt.application.id, caller=elsewhere, reason="no"
        )
    assert receipt.application.is_open
    assert not uow.events_of("application-rejected") and not uow.events_of("application-decided")


def test_a_rejection_records_the_reason_and_tells_the_applicant(
    uow: FakeMembershipUnitOfWork,
) -> None:
    receipt = apply(uow)
    with uow:
        decisions.reject_application(
            uow=uow,
            application_id=receipt.application.id,
            caller=STAFF_CALLER,
            reason="Apply again next wave.",
        )
    assert receipt.application.rejection_reason == "Apply again next wave."
    assert receipt.application.decided_at == NOON
    [decided] = uow.events_of("application-decided")
    assert decided["decision"] == "rejected" and decided["reason"] == "Apply again next wave."
    assert uow.events_of("application-rejected")[0]["application_id"] == receipt.application.id


def test_an_application_is_decided_once(uow: FakeMembershipUnitOfWork, settings: Settings) -> None:
    receipt = apply(uow)
    application_id = receipt.application.id
    with uow:
        decisions.reject_application(
            uow=uow, application_id=application_id, caller=STAFF_CALLER, reason="no"
        )
    with uow, pytest.raises(errors.ApplicationAlreadyDecided):
        decisions.approve_application(
            uow=uow, settings=settings, application_id=application_id, caller=STAFF_CALLER
        )
    assert not uow.members.stored


def test_a_partner_reviewer_lists_only_their_region_a_page_at_a_time(
    uow: FakeMembershipUnitOfWork, clock: FixedClock
) -> None:
    for n in range(3):
        apply(uow, email=f"nw{n}@example.org")
        clock.advance(timedelta(minutes=1))
    apply(uow, email="scot@example.org", region="scotland")
    reviewer = Caller(member_id="p", roles=frozenset({PARTNER_REVIEWER}), region="north-west-coast")
    with uow:
        page = applications.list_applications(
            uow=uow, caller=reviewer, page=PageRequest(number=2, size=2)
        )
    assert page.total == 3 and [a.email for a in page.items] == ["nw2@example.org"]
    with uow, pytest.raises(errors.NotYourRegion) as refused:
        applications.list_applications(
            uow=uow, caller=reviewer, page=PageRequest(), region="scotland"
        )
    assert refused.value.field == "region"
    assert issubclass(errors.NotYourRegion, Forbidden)
