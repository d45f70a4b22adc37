"""Bearer headers for the callers the tests play: staff, members, partner reviewers."""

from qplatform.config import Settings
from qplatform.web.auth import MEMBER, issue_access_token

STAFF = {"Authorization": "Bearer dev-staff-token"}


def bearer(member_id: str = "member-1", *roles: str, region: str | None = None) -> dict[str, str]:
    """Return headers carrying an access token signed with the default secret."""
    settings = Settings.from_env("tests", env={})
    token = issue_access_token(
        settings, member_id=member_id, roles=list(roles or (MEMBER,)), region=region
    )
    return {"Authorization": f"Bearer {token}"}
