"""Members given console roles by staff through membership's API, as the console's tests need."""

from typing import Any

import requests

from tests.website.people import STAFF, Member, member
from tests.website.site import Site


def appointed(site: Site, name: str, role: str | None, region: str = "scotland") -> Member:
    """Make a member and give them `role` (none for a plain member); they log in afterwards."""
    made = member(site, name, region)
    if role is not None:
        body: dict[str, Any] = {"region": region} if role == "partner-reviewer" else {}
        path = f"{site.url}/membership/members/{made.member_id}/roles/{role}"
        response = requests.put(path, json=body, headers=STAFF, timeout=10)
        assert response.status_code == 200, response.text
    return made
