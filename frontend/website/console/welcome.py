"""Connectors' welcome: who joined their region in recent weeks, to say hello to."""

from flask import render_template, request
from flask.typing import ResponseReturnValue

from website.console import CONNECTOR, STAFF, blp
from website.console.access import caller_roles, console_page
from website.signed_in import gateway, member_api

WEEKS = (2, 4, 8, 12)


@blp.get("/welcome")
@console_page(STAFF, CONNECTOR)
def welcome() -> ResponseReturnValue:
    """List the members who joined the Connector's region lately, newest first."""
    weeks = request.args.get("weeks", type=int)
    weeks = weeks if weeks in WEEKS else 4
    # Every newcomer of the weeks chosen, on one page.
    params: dict[str, object] = {"weeks": weeks, "page_size": 500}
    staff = STAFF in caller_roles()
    if staff and request.args.get("region"):
        params["region"] = request.args["region"]
    newcomers = member_api("GET", "/membership/members/newcomers", params=params)
    regions = gateway().reference("/membership/regions")
    return render_template(
        "console/welcome.html",
        title="Connectors' welcome",
        newcomers=newcomers,
        weeks=weeks,
        choices=WEEKS,
        staff=staff,
        region=params.get("region", ""),
        regions=regions,
        names={region["slug"]: region["name"] for region in regions},
    )
