"""Use cases of applying to Q and deciding applications."""

from dataclasses import dataclass, field
from datetime import UTC, datetime

from membership.adapters.storage import Applications, Members
from membership.domain import errors
from membership.domain.model import REGIONS, Application, Member
from qplatform.db.unit_of_work import UnitOfWork


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


def submit_application(*, uow: UnitOfWork, form: ApplicationForm) -> Application:
    """Record an application and announce it; one open application per email."""
    if form.region not in REGIONS:
        raise errors.UnknownRegion(f"unknown region '{form.region}'", field="region")
    email = form.email.strip().lower()
    if Applications(uow.session).open_for(email) or Members(uow.session).with_email(email):
        raise errors.AlreadyApplied(
            "this email already has an application or membership", field="email"
        )
    application = Application(
        name=form.name,
        email=email,
        organisation=form.organisation,
        job_title=form.job_title,
        region=form.region,
        statement=form.statement,
        consent_version=form.consent_version,
        consented_at=datetime.now(UTC),
        mail_categories=form.mail_categories,
    )
    Applications(uow.session).add(application)
    uow.session.flush()
    uow.publish(
        "application-submitted",
        subject=application.id,
        data={
            "application_id": application.id,
            "region": application.region,
            "organisation": application.organisation,
            "submitted_at": application.submitted_at,
        },
    )
    uow.commit()
    return application


def approve_application(*, uow: UnitOfWork, application_id: str) -> Application:
    """Make the applicant a member, welcome them publicly and pass their contact on."""
    application = get_application(uow=uow, application_id=application_id)
    member = application.approve()
    Members(uow.session).add(member)
    uow.session.flush()
    uow.publish(
        "application-approved",
        subject=application.id,
        data={
            "application_id": application.id,
            "member_id": member.id,
            "decided_at": application.decided_at,
        },
    )
    _announce_member(uow, member)
    uow.commit()
    return application


def get_application(*, uow: UnitOfWork, application_id: str) -> Application:
    """Return the application with `application_id`."""
    application = Applications(uow.session).get(application_id)
    if application is None:
        raise errors.ApplicationNotFound("no application with that id")
    return application


def get_member(*, uow: UnitOfWork, member_id: str) -> Member:
    """Return the member with `member_id`."""
    member = Members(uow.session).get(member_id)
    if member is None:
        raise errors.MemberNotFound("no member with that id")
    return member


def _announce_member(uow: UnitOfWork, member: Member) -> None:
    uow.publish(
        "member-joined",
        subject=member.id,
        data={
            "member_id": member.id,
            "display_name": member.display_name,
            "organisation": member.organisation,
            "job_title": member.job_title,
            "region": member.region,
            "joined_at": member.joined_at,
        },
    )
    # Contact details travel only on the restricted stream, which notifications reads.
    uow.publish(
        "member-contact-recorded",
        subject=member.id,
        data={
            "member_id": member.id,
            "email": member.email,
            "display_name": member.display_name,
            "consents": member.mail_categories,
        },
    )
