"""Use cases of members' profiles and the directory that lists them."""

from typing import Any

from membership.adapters.repositories.directory import DirectoryQuery
from membership.domain import errors
from membership.domain.directory import MAX_BIT, ExpertiseArea, entry_for
from membership.domain.model import Member
from membership.service_layer.members import get_member
from membership.service_layer.recruitment import active_region
from membership.service_layer.unit_of_work import MembershipUnitOfWork
from qplatform.identity import Caller
from qplatform.paging import Page, PageRequest


def list_in_directory(uow: MembershipUnitOfWork, member: Member) -> None:
    """Write the member's directory entry from the fields they show."""
    uow.directory.save(entry_for(member, uow.directory.areas()))


def record_profile(uow: MembershipUnitOfWork, member: Member) -> None:
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


def own_profile(
    *, uow: MembershipUnitOfWork, member_id: str, caller: Caller, lock: bool = False
) -> Member:
    """Return a member's whole profile, to the member themselves or staff; `lock` to change it."""
    caller.ensure_may_act_for(member_id, "see or edit this profile")
    return get_member(uow=uow, member_id=member_id, lock=lock)


def update_profile(
    *, uow: MembershipUnitOfWork, member_id: str, caller: Caller, changes: dict[str, Any]
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
            data={
                "member_id": member.id,
                "changed_fields": changed,
                "updated_at": uow.clock.now(),
                **data,
            },
        )
        record_profile(uow, member)
    uow.commit()
    return member


def search_directory(
    *, uow: MembershipUnitOfWork, query: DirectoryQuery
) -> tuple[Page[dict[str, object]], dict[str, dict[str, int]]]:
    """Search the directory; return a page of the public profiles found, and the facets."""
    found = uow.directory.search(query)
    return Page(public_profiles(uow, found.member_ids), found.total), found.facets


def directory_facets(
    *, uow: MembershipUnitOfWork, query: DirectoryQuery
) -> dict[str, dict[str, int]]:
    """Count a directory search's matches per region and per expertise."""
    return uow.directory.search(query).facets


def public_profiles(uow: MembershipUnitOfWork, member_ids: list[str]) -> list[dict[str, object]]:
    """Return the public profiles of members, in the order given."""
    found = {m.id: m for m in uow.members.with_ids(member_ids)}
    return [{"member_id": i, **found[i].public_view()} for i in member_ids if i in found]


def list_expertise(*, uow: MembershipUnitOfWork, page: PageRequest) -> Page[ExpertiseArea]:
    """Return a page of the controlled list of improvement expertise, by name."""
    areas = uow.expertise.all()
    return Page(areas[page.offset : page.offset + page.size], len(areas))


def add_expertise(*, uow: MembershipUnitOfWork, slug: str, name: str) -> ExpertiseArea:
    """Add an area to the controlled list of expertise."""
    uow.hold("expertise")
    if uow.expertise.get(slug):
        raise errors.ExpertiseExists(f"expertise '{slug}' already exists", field="slug")
    bit = uow.expertise.highest_bit()
    next_bit = 0 if bit is None else bit + 1
    if next_bit > MAX_BIT:
        raise errors.ExpertiseListFull("the expertise list is full; use tags", field="slug")
    area = ExpertiseArea(slug=slug, name=name, bit=next_bit)
    uow.expertise.add(area)
    uow.commit()
    return area


def _check_expertise(uow: MembershipUnitOfWork, areas: list[str]) -> None:
    known = set(uow.directory.areas())
    unknown = sorted(set(areas) - known)
    if unknown:
        raise errors.UnknownExpertise(
            f"not on the expertise list: {', '.join(unknown)}; use tags for others",
            field="expertise",
        )
