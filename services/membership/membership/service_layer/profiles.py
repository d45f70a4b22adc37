"""Use cases of members' profiles and the directory that lists them."""

from typing import Any

from sqlalchemy import func, select

from membership.adapters.directory import Directory, DirectoryPage, DirectoryQuery
from membership.adapters.storage import hold
from membership.domain import errors
from membership.domain.directory import MAX_BIT, ExpertiseArea, entry_for
from membership.domain.model import Member, now
from membership.service_layer.members import get_member
from membership.service_layer.recruitment import active_region
from qplatform.db.unit_of_work import UnitOfWork
from qplatform.identity import Caller


def list_in_directory(uow: UnitOfWork, member: Member) -> None:
    """Write the member's directory entry from the fields they show."""
    directory = Directory(uow.session)
    directory.save(entry_for(member, directory.areas()))


def record_profile(uow: UnitOfWork, member: Member) -> None:
    """Put what the member shows on the restricted profile topic, which a tombstone erases."""
    uow.publish(
        "member-profile-recorded",
        subject=member.id,
        data={
            "member_id": member.id,
            "joined_at": member.joined_at,
            "coffee_trials": "coffee-trials" in member.mail_categories,
            **member.public_view(),
        },
    )


def own_profile(*, uow: UnitOfWork, member_id: str, caller: Caller, lock: bool = False) -> Member:
    """Return a member's whole profile, to the member themselves or staff; `lock` to change it."""
    if not caller.is_staff and caller.member_id != member_id:
        raise errors.NotYourProfile("only the member and staff see or edit this profile")
    return get_member(uow=uow, member_id=member_id, lock=lock)


def update_profile(
    *, uow: UnitOfWork, member_id: str, caller: Caller, changes: dict[str, Any]
) -> Member:
    """Change a profile and announce the public fields that changed."""
    member = own_profile(uow=uow, member_id=member_id, caller=caller, lock=True)
    _check_expertise(uow, changes.get("expertise") or [])
    if "region" in changes:
        active_region(uow, changes["region"])
    before = member.public_view()
    for name, value in changes.items():
        setattr(member, name, value)
    after = member.public_view()
    changed = sorted(name for name in after if after[name] != before[name])
    list_in_directory(uow, member)
    if changed:
        data = {"region": after["region"]} if "region" in changed else {}
        uow.publish(
            "member-profile-updated",
            version=2,
            subject=member.id,
            data={"member_id": member.id, "changed_fields": changed, "updated_at": now(), **data},
        )
        record_profile(uow, member)
    uow.commit()
    return member


def search_directory(
    *, uow: UnitOfWork, query: DirectoryQuery
) -> tuple[DirectoryPage, list[dict[str, object]]]:
    """Search the directory; return the page and the public profiles on it."""
    page = Directory(uow.session).search(query)
    return page, public_profiles(uow, page.member_ids)


def public_profiles(uow: UnitOfWork, member_ids: list[str]) -> list[dict[str, object]]:
    """Return the public profiles of members, in the order given."""
    found = {m.id: m for m in uow.session.scalars(select(Member).where(Member.id.in_(member_ids)))}
    return [{"member_id": i, **found[i].public_view()} for i in member_ids if i in found]


def list_expertise(*, uow: UnitOfWork) -> list[ExpertiseArea]:
    """Return the controlled list of improvement expertise."""
    return sorted(uow.session.query(ExpertiseArea).all(), key=lambda area: area.name)


def add_expertise(*, uow: UnitOfWork, slug: str, name: str) -> ExpertiseArea:
    """Add an area to the controlled list of expertise."""
    hold(uow.session, "expertise")
    if uow.session.get(ExpertiseArea, slug):
        raise errors.ExpertiseExists(f"expertise '{slug}' already exists", field="slug")
    bit = uow.session.scalar(select(func.max(ExpertiseArea.bit)))
    next_bit = 0 if bit is None else bit + 1
    if next_bit > MAX_BIT:
        raise errors.ExpertiseListFull("the expertise list is full; use tags", field="slug")
    area = ExpertiseArea(slug=slug, name=name, bit=next_bit)
    uow.session.add(area)
    uow.commit()
    return area


def _check_expertise(uow: UnitOfWork, areas: list[str]) -> None:
    known = set(Directory(uow.session).areas())
    unknown = sorted(set(areas) - known)
    if unknown:
        raise errors.UnknownExpertise(
            f"not on the expertise list: {', '.join(unknown)}; use tags for others",
            field="expertise",
        )
