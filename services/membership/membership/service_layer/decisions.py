"""Use cases of deciding applications: staff any, a partner reviewer their own region."""

from membership.domain.model import Application, Member
from membership.service_layer.accounts import send_password_link
from membership.service_layer.applications import announce_closed, visible_application
from membership.service_layer.profiles import list_in_directory, record_profile
from membership.service_layer.unit_of_work import MembershipUnitOfWork
from qplatform.config import Settings
from qplatform.events.contracts.topics import APPLICANT_CONTACTS
from qplatform.identity import Caller


def approve_application(
    *, uow: MembershipUnitOfWork, settings: Settings, application_id: str, caller: Caller
) -> Application:
    """Make the applicant a member, welcome them publicly and mail them a password link."""
    application = visible_application(uow=uow, application_id=application_id, caller=caller)
    member = application.approve(uow.clock.now())
    uow.members.add(member)
    uow.flush()
    uow.publish(
        "application-approved",
        subject=application.id,
        data={
            "application_id": application.id,
            "member_id": member.id,
            "decided_at": application.decided_at,
        },
    )
    _tell_applicant(uow, application, "approved")
    _announce_member(uow, member)
    list_in_directory(uow, member)
    send_password_link(uow, settings, member)
    uow.commit()
    return application


def reject_application(
    *, uow: MembershipUnitOfWork, application_id: str, caller: Caller, reason: str
) -> Application:
    """Turn an application down, and tell the applicant why."""
    application = visible_application(uow=uow, application_id=application_id, caller=caller)
    application.reject(reason, uow.clock.now())
    announce_closed(uow, "application-rejected", application)
    _tell_applicant(uow, application, "rejected")
    uow.commit()
    return application


def _tell_applicant(uow: MembershipUnitOfWork, application: Application, decision: str) -> None:
    # The address travels only on the restricted stream; the tombstone right after it
    # lets compaction forget the address once notifications has read it.
    uow.publish(
        "application-decided",
        subject=application.id,
        data={
            "application_id": application.id,
            "email": application.email,
            "display_name": application.name,
            "decision": decision,
            "reason": application.rejection_reason,
            "decided_at": application.decided_at,
        },
    )
    uow.publish_tombstone(APPLICANT_CONTACTS, subject=application.id)


def _announce_member(uow: MembershipUnitOfWork, member: Member) -> None:
    # The public stream names nobody; what services show of the member is restricted.
    uow.publish(
        "member-joined",
        version=2,
        subject=member.id,
        data={"member_id": member.id, "region": member.region, "joined_at": member.joined_at},
    )
    record_profile(uow, member)
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
