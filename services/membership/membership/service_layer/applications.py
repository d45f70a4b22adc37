"""Use cases of applying to Q, withdrawing, and finding applications."""

import hmac
from dataclasses import asdict, dataclass, field

from membership.domain import errors
from membership.domain.accounts import digest, new_secret
from membership.domain.model import Application
from membership.service_layer.recruitment import active_region
from membership.service_layer.unit_of_work import MembershipUnitOfWork
from qplatform.identity import Caller
from qplatform.paging import Page, PageRequest


@dataclass(frozen=True)
class ApplicationForm:
    """What an applicant tells Q about themselves."""

    name: str
    email: str
    organisation: str
    job_title: str
    region: str
    statement: str
    consent_version: str
    mail_categories: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Receipt:
    """The submitted application, and the code that lets the applicant withdraw it."""

    application: Application
    withdrawal_code: str


def submit_application(*, uow: MembershipUnitOfWork, form: ApplicationForm) -> Receipt:
    """Record an application in the wave open for its region; one open application per email."""
    active_region(uow, form.region)
    moment = uow.clock.now()
    wave = uow.waves.open_for(form.region, moment.date())
    if wave is None:
        raise errors.NoOpenWave(
            f"Q is not recruiting in '{form.region}' today; no recruitment wave is open there",
            field="region",
        )
    email = form.email.strip().lower()
    uow.hold(f"application:{email}")
    if uow.applications.open_for(email) or uow.members.with_email(email):
        raise errors.AlreadyApplied(
            "this email already has an application or membership", field="email"
        )
    code = new_secret()
    application = Application(
        **{**asdict(form), "email": email},
        consented_at=moment,
        submitted_at=moment,
        wave_id=wave.id,
        withdrawal_code_hash=digest(code),
    )
    uow.applications.add(application)
    uow.flush()
    uow.publish(
        "application-submitted",
        version=2,
        subject=application.id,
        data={
            "application_id": application.id,
            "region": application.region,
            "submitted_at": application.submitted_at,
            "wave_id": wave.id,
        },
    )
    uow.commit()
    return Receipt(application, code)


def withdraw_application(
    *, uow: MembershipUnitOfWork, application_id: str, code: str
) -> Application:
    """Withdraw an open application, given the code its applicant received."""
    application = get_application(uow=uow, application_id=application_id, lock=True)
    expected = application.withdrawal_code_hash or ""
    if not hmac.compare_digest(digest(code), expected):
        raise errors.WrongWithdrawalCode("the withdrawal code does not match", field="code")
    application.withdraw(uow.clock.now())
    announce_closed(uow, "application-withdrawn", application)
    uow.commit()
    return application


def announce_closed(uow: MembershipUnitOfWork, event_type: str, application: Application) -> None:
    """Publish that an application was closed without a member."""
    uow.publish(
        event_type,
        subject=application.id,
        data={
            "application_id": application.id,
            "region": application.region,
            "wave_id": application.wave_id,
            "decided_at": application.decided_at,
        },
    )


def get_application(
    *, uow: MembershipUnitOfWork, application_id: str, lock: bool = False
) -> Application:
    """Return the application with `application_id`; `lock` it to change it."""
    application = uow.applications.get(application_id, lock=lock)
    if application is None:
        raise errors.ApplicationNotFound("no application with that id")
    return application


def visible_application(
    *, uow: MembershipUnitOfWork, application_id: str, caller: Caller, lock: bool = True
) -> Application:
    """Return an application the caller may decide: staff any, a partner reviewer their region.

    It is locked for the decision unless `lock` is false, so two deciders cannot both decide.
    """
    application = get_application(uow=uow, application_id=application_id, lock=lock)
    if not caller.is_staff and caller.region != application.region:
        raise errors.NotYourRegion("partner reviewers decide only their own region's applications")
    return application


def list_applications(
    *,
    uow: MembershipUnitOfWork,
    caller: Caller,
    page: PageRequest,
    status: str | None = None,
    region: str | None = None,
    wave_id: str | None = None,
) -> Page[Application]:
    """Return a page of the applications a caller may see; partner reviewers see their region."""
    if not caller.is_staff:
        if region and region != caller.region:
            raise errors.NotYourRegion(
                "partner reviewers see only their own region", field="region"
            )
        region = caller.region or "-"
    return uow.applications.listed(page, status=status, region=region, wave_id=wave_id)
