"""Members as pages name them: each one's name and region, read at once from membership."""

from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial
from typing import Any

from website.gateway import ApiError
from website.signed_in import gateway, member_reads

LEFT_Q = "A member who has left Q"


@dataclass(frozen=True)
class Person:
    """A member as a page names them, with their region's name when membership still has it."""

    member_id: str
    name: str
    region: str | None = None


def people(member_ids: Iterable[str]) -> dict[str, Person]:
    """Return each member by id, read at once as the signed-in member; one who left is named so."""
    wanted = list(dict.fromkeys(member_ids))
    if not wanted:
        return {}
    found = member_reads(*[partial(_profile, member_id) for member_id in wanted])
    for profile in found:
        if isinstance(profile, ApiError) and profile.status >= 500:
            raise profile
    regions = {r["slug"]: r["name"] for r in gateway().reference("/membership/regions")}
    return {
        member_id: _person(member_id, profile, regions)
        for member_id, profile in zip(wanted, found, strict=True)
    }


def names(member_ids: Iterable[str]) -> dict[str, str]:
    """Return each member's name by id, as `people` finds them."""
    return {member_id: person.name for member_id, person in people(member_ids).items()}


def _profile(member_id: str, token: str) -> dict[str, Any]:
    found: dict[str, Any] = gateway().call("GET", f"/membership/members/{member_id}", token=token)
    return found


def _person(member_id: str, profile: dict[str, Any] | ApiError, regions: dict[str, str]) -> Person:
    if isinstance(profile, ApiError):
        return Person(member_id, LEFT_Q)
    region = profile.get("region")
    return Person(member_id, str(profile["display_name"]), regions.get(region or "", region))
