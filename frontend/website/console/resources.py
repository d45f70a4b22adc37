"""Resources: staff publish or decline members' suggestions, and publish resources directly.

Every read and action is collaboration's own staff route, through the gateway.
"""

from flask import flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from website.console import STAFF, blp
from website.console.access import console_page
from website.forms import Form
from website.gateway import ApiError
from website.signed_in import member_api
from website.views.collaborate import KINDS, PILLARS, resource_body

PAGE = {"section": "console"}
DONE = {
    "publish": "is published in the library",
    "decline": "is declined; the member who suggested it is told why",
}


@blp.get("/resources")
@console_page(STAFF)
def resources() -> ResponseReturnValue:
    """List the suggestions waiting, and offer the form that publishes a resource."""
    return _resources(Form())


@blp.post("/resources")
@console_page(STAFF)
def publish_resource() -> ResponseReturnValue:
    """Publish a resource straight to the library; show the API's refusal beside each field."""
    form = Form(dict(request.form))
    try:
        published = member_api("POST", "/collaboration/resources", json=resource_body(form))
    except ApiError as error:
        if error.status >= 500:
            raise
        return _resources(form.refused(error)), 422
    flash(f"'{published['title']}' is published in the library.")
    return redirect(url_for("console.resources"))


@blp.post("/resources/<resource_id>/<any(publish, decline):decision>")
@console_page(STAFF)
def moderate_resource(resource_id: str, decision: str) -> ResponseReturnValue:
    """Publish a member's suggestion, or decline it saying why; the member is told the reason."""
    path = f"/collaboration/resources/{resource_id}/moderation"
    # On a page of many suggestions, each reason field is its own suggestion's.
    field = f"reason-{resource_id}"
    form = Form({field: request.form.get("reason", "")})
    body = {"decision": decision}
    if decision == "decline":
        body["reason"] = form.value(field).strip()
    try:
        decided = member_api("POST", path, json=body)
    except ApiError as error:
        if error.status >= 500:
            raise
        if "reason" not in error.fields:
            flash(f"Not done: {error.message}")
            return redirect(url_for("console.resources"))
        form.refused(error, labels={"reason": "Reason"})
        form.errors = {field if name == "reason" else name: m for name, m in form.errors.items()}
        return _resources(form), 422
    flash(f"'{decided['title']}' {DONE[decision]}.")
    return redirect(url_for("console.resources"))


def _resources(form: Form) -> str:
    waiting = member_api(
        "GET", "/collaboration/resources/suggestions/waiting", params={"page_size": 100}
    )
    return render_template(
        "console/resources.html",
        waiting=waiting,
        form=form,
        pillars=PILLARS,
        kinds=KINDS,
        title="Resources",
        **PAGE,
    )
