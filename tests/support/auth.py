"""Bearer headers for the callers the tests play: staff, members, partner reviewers."""

from datetime import timedelta

from qplatform.config import Settings
from qplatform.web.auth import MEMBER, issue_access_token

STAFF = {"Authorization": "Bearer dev-staff-token"}
# Parametrized tests mint their headers when pytest collects them, so a token must outlive
# the whole run, however slow the machine, or a late test sees 401 where it expects 403.
TEST_TOKEN_LIFETIME = timedelta(hours=6)


def bearer(member_id: str = "member-1", *roles: str, region: str | None = None) -> dict[str, str]:
    """Return headers carrying an access token signed with the default secret."""
    settings = Settings.from_env("tests", env={})
    token = issue_access_token(
        settings,
        member_id=member_id,
        roles=list(roles or (MEMBER,)),
        region=region,
        ttl=TEST_TOKEN_LIFETIME,
    )
    return {"Authorization": f"Bearer {token}"}
