"""Use cases of a member's data: handing it all over, and erasing it when they leave."""

from datetime import datetime
from typing import Any

from membership.service_layer import groups
from membership.service_layer.profiles import own_profile
from membership.service_layer.unit_of_work import MembershipUnitOfWork
from qplatform.events.contracts.topics import (
    APPLICANT_CONTACTS,
    MEMBER_CONTACTS,
    MEMBER_PROFILES,
)
from qplatform.identity import Caller
from qplatform.revocations import revoke_member

PROFILE_FIELDS = [
    "id",
    "email",
    "display_name",
    "organisation",
    "job_title",
    "region",
    "mail_categories",
    "joined_at",
    "roles",
    "reviewer_region",
    "bio",
    "expertise",
    "tags",
    "interests",
    "links",
    "shown_groups",
]
APPLICATION_FIELDS = [
    "id",
    "name",
    "email",
    "organisation",
    "job_title",
    "region",
    "statement",
    "consent_version",
    "consented_at",
    "mail_categories",
    "status",
    "submitted_at",
    "decided_at",
    "wave_id",
    "rejection_reason",
]


def export_member(*, uow: MembershipUnitOfWork, member_id: str, caller: Caller) -> dict[str, Any]:
    """Return everything membership holds about a member."""
    member = own_profile(uow=uow, member_id=member_id, caller=caller)
    applications = uow.applications.of_member(member.id)
    sessions = uow.credentials.refresh_tokens_of(member.id)
    return {
        "profile": {name: _plain(getattr(member, name)) for name in PROFILE_FIELDS},
        "applications": [
            {name: _plain(getattr(a, name)) for name in APPLICATION_FIELDS} for a in applications
        ],
        "account": {
            "has_password": member.password_hash is not None,
            "sessions": [
                {
                    name: _plain(getattr(t, name))
                    for name in ("issued_at", "expires_at", "revoked_at")
                }
                for t in sessions
            ],
        },
    }


def erase_member(*, uow: MembershipUnitOfWork, member_id: str, caller: Caller) -> None:
    """Erase a member who leaves Q, keeping only anonymous facts about their application."""
    member = own_profile(uow=uow, member_id=member_id, caller=caller, lock=True)
    applications = uow.applications.with_email(member.email)
    for application in applications:
        application.anonymise()
    uow.forget_events_about([a.id for a in applications], [APPLICANT_CONTACTS])
    uow.forget_events_about([member.id], [MEMBER_CONTACTS, MEMBER_PROFILES])
    uow.directory.remove(member.id)
    uow.credentials.erase(member.id)
    groups.forget_member(uow, member.id)
    uow.members.remove(member)
    left_at = uow.clock.now()
    revoke_member(uow, member_id, before=left_at)
    uow.publish("member-left", subject=member_id, data={"member_id": member_id, "left_at": left_at})
    uow.publish_tombstone(MEMBER_CONTACTS, subject=member_id)
    uow.publish_tombstone(MEMBER_PROFILES, subject=member_id)
    uow.commit()


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime) else value
