"""Access ends in every service within seconds of a member leaving, losing a role or logging out.

Each service learns it from membership's events through its real worker, so these run the
whole platform as real processes on the real broker and PostgreSQL.
"""

import time
from collections.abc import Callable

from tests.e2e.member_flows import Account, as_staff, call, join, leave, log_in
from tests.e2e.platform import Platform
from tests.notifications.smtp_server import SmtpServer
from tests.support.waiting import wait_until

WITHIN_SECONDS = 5.0
# A route of each service that any member may call with their own token.
OWN_ROUTES: dict[str, Callable[[str], str]] = {
    "membership": lambda member_id: f"/members/{member_id}/profile",
    "events": lambda member_id: "/events/mine",
    "matching": lambda member_id: f"/participation/{member_id}",
    "notifications": lambda member_id: "/me/preferences",
}


def status_everywhere(platform: Platform, member_id: str, access_token: str) -> dict[str, int]:
    """Return what each service answers the member's own route with `access_token`."""
    headers = {"Authorization": f"Bearer {access_token}"}
    return {
        service: call(
            platform, "GET", route(member_id), service=service, headers=headers
        ).status_code
        for service, route in OWN_ROUTES.items()
    }


def accepted_everywhere(platform: Platform, member_id: str, access_token: str) -> None:
    """Fail unless every service takes the token (whatever else it answers)."""
    answers = status_everywhere(platform, member_id, access_token)
    assert 401 not in answers.values(), answers


def refused_everywhere_within(
    platform: Platform, member_id: str, access_token: str, since: float
) -> float:
    """Wait until every service refuses the token; return how long after `since` that was."""

    def refused() -> bool:
        return set(status_everywhere(platform, member_id, access_token).values()) == {401}

    wait_until(refused, timeout=WITHIN_SECONDS, interval=0.1, message="every service to refuse")
    return time.monotonic() - since


def second_session(platform: Platform, account: Account) -> str:
    logged_in = log_in(platform, account.email)
    assert logged_in.status_code == 200, logged_in.text
    return str(logged_in.json()["access_token"])


def test_a_leavers_token_is_refused_by_every_service_within_five_seconds(
    shared_platform: Platform, shared_smtp: SmtpServer
) -> None:
    account = join(shared_platform, shared_smtp, region="wales")
    accepted_everywhere(shared_platform, account.member_id, account.access_token)
    left = time.monotonic()
    leave(shared_platform, account)
    took = refused_everywhere_within(shared_platform, account.member_id, account.access_token, left)
    assert took < WITHIN_SECONDS
    placed = call(
        shared_platform,
        "POST",
        "/events/x/registrations",
        service="events",
        headers=account.headers,
    )
    assert placed.status_code == 401


def test_a_logged_out_sessions_token_is_refused_everywhere_and_another_session_goes_on(
    shared_platform: Platform, shared_smtp: SmtpServer
) -> None:
    account = join(shared_platform, shared_smtp, region="wales")
    other = second_session(shared_platform, account)
    accepted_everywhere(shared_platform, account.member_id, account.access_token)
    out = time.monotonic()
    logout = {"refresh_token": account.refresh_token}
    assert call(shared_platform, "POST", "/accounts/logout", json=logout).status_code == 204
    refused_everywhere_within(shared_platform, account.member_id, account.access_token, out)
    accepted_everywhere(shared_platform, account.member_id, other)


def test_a_revoked_partner_reviewer_can_no_longer_list_applications(
    shared_platform: Platform, shared_smtp: SmtpServer
) -> None:
    account = join(shared_platform, shared_smtp, region="wales")
    role = f"/members/{account.member_id}/roles/partner-reviewer"
    granted = as_staff(shared_platform, "PUT", role, json={"region": "wales"})
    assert granted.status_code == 200, granted.text
    reviewer = second_session(shared_platform, account)
    reviewer_headers = {"Authorization": f"Bearer {reviewer}"}
    listed = call(shared_platform, "GET", "/applications", headers=reviewer_headers)
    assert listed.status_code == 200, listed.text

    revoked_at = time.monotonic()
    assert as_staff(shared_platform, "DELETE", role).status_code == 200
    assert (
        call(shared_platform, "GET", "/applications", headers=reviewer_headers).status_code == 401
    )
    refused_everywhere_within(shared_platform, account.member_id, reviewer, revoked_at)

    # The member logs in again and is a member still, but no longer a reviewer.
    again = {"Authorization": f"Bearer {second_session(shared_platform, account)}"}
    assert call(shared_platform, "GET", "/applications", headers=again).status_code == 403
    accepted_everywhere(shared_platform, account.member_id, again["Authorization"][7:])
