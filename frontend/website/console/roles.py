"""Roles: staff appoint and remove Connectors, partner reviewers and staff."""

from collections.abc import Callable
from functools import partial
from typing import Any

from flask import flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from website.console import STAFF, blp
from website.console.access import console_page
from website.gateway import ApiError
from website.signed_in import gateway, member_api, member_reads

ROLES = [
    ("connector", "Connector"),
    ("partner-reviewer", "Partner reviewer"),
    ("staff", "Staff"),
]
NAMES = dict(ROLES)
HOLDERS_SHOWN = 100


@blp.get("/roles")
@console_page(STAFF)
def roles() -> ResponseReturnValue:
    """List who holds each role, and find a member to appoint."""
    query = request.args.get("q", "").strip()
    api = gateway()
    reads: list[Callable[[str], Any]] = [partial(_holders, role) for role, _ in ROLES]
    if query:
        reads.append(partial(_people_named, query))
    found = member_reads(*reads)
    for result in found:
        if isinstance(result, ApiError):
            raise result
    holders = dict(zip([role for role, _ in ROLES], found[:3], strict=True))
    regions = api.reference("/membership/regions")
    return render_template(
        "console/roles.html",
        title="Roles",
        roles=ROLES,
        holders=holders,
        query=query,
        people=found[3] if query else None,
        regions=regions,
        names={region["slug"]: region["name"] for region in regions},
    )


@blp.post("/roles/<member_id>")
@console_page(STAFF)
def appoint(member_id: str) -> ResponseReturnValue:
    """Give a member a role; a partner reviewer also gets their region."""
    role = request.form.get("role", "")
    body: dict[str, Any] = {}
    if role == "partner-reviewer":
        body["region"] = request.form.get("region", "")
    if role not in NAMES:
        flash("Choose a role to appoint them to.")
    else:
        try:
            member = member_api("PUT", f"/membership/members/{member_id}/roles/{role}", json=body)
        except ApiError as error:
            if error.status >= 500 or error.status == 403:
                raise
            flash(f"Not appointed: {error.fields.get('region') or error.message}")
        else:
            flash(f"{member['display_name']} is now {_a(NAMES[role])}.")
    return redirect(url_for("console.roles"))


@blp.post("/roles/<member_id>/<role>/remove")
@console_page(STAFF)
def remove(member_id: str, role: str) -> ResponseReturnValue:
    """Take a role away from a member; their sessions with it end at once."""
    if role not in NAMES:
        return redirect(url_for("console.roles"))
    try:
        member = member_api("DELETE", f"/membership/members/{member_id}/roles/{role}")
    except ApiError as error:
        if error.status >= 500 or error.status == 403:
            raise
        flash(f"Not removed: {error.message}")
    else:
        flash(f"{member['display_name']} is no longer {_a(NAMES[role])}.")
    return redirect(url_for("console.roles"))


def _holders(role: str, token: str) -> list[dict[str, Any]]:
    api = gateway()
    params = {"role": role, "page_size": HOLDERS_SHOWN}
    found: list[dict[str, Any]] = api.call(
        "GET", "/membership/directory", token=token, params=params
    )
    if role == "partner-reviewer":
        # The directory shows where a member lives, not the region they decide for.
        for holder in found:
            profile = api.call("GET", f"/membership/members/{holder['id']}/profile", token=token)
            holder["reviewer_region"] = profile.get("reviewer_region")
    return found


def _people_named(query: str, token: str) -> list[dict[str, Any]]:
    params = {"q": query, "page_size": 20}
    found: list[dict[str, Any]] = gateway().call(
        "GET", "/membership/directory", token=token, params=params
    )
    return found


def _a(role_name: str) -> str:
    return "staff" if role_name == "Staff" else f"a {role_name.lower()}"
