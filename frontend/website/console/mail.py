"""Mail: staff write, preview and queue the month's digest, and follow delivery and bounces.

Every read and action is notifications' own staff route, through the gateway.
"""

from datetime import UTC, datetime
from typing import Any

from flask import flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from website.console import STAFF, blp
from website.console.access import console_page
from website.console.reading import read, read_all
from website.forms import Form
from website.gateway import ApiError
from website.signed_in import member_api, member_id, member_page, member_reads

PAGE = {"section": "console"}
OPPORTUNITY_ROWS = 4
STATES = [
    (state, state.capitalize())
    for state in ("queued", "sending", "sent", "uncertain", "failed", "bounced")
]


@blp.get("/mail")
@console_page(STAFF)
def mail() -> ResponseReturnValue:
    """Show a month's editorial and opportunities (next month's unless asked), and its preview."""
    month = request.args.get("month") or _next_month()
    return _digest_page(month, None)


@blp.post("/mail/edition")
@console_page(STAFF)
def save_edition() -> ResponseReturnValue:
    """Save the month's editorial and opportunities, then show the preview."""
    form = Form(dict(request.form))
    month = form.value("month")
    body = {
        "month": month,
        "editorial": form.value("editorial"),
        "opportunities": _opportunities(form),
    }
    try:
        member_api("PUT", "/notifications/digests/edition", json=body)
    except ApiError as error:
        if error.status >= 500:
            raise
        return _digest_page(month, form.refused(error, labels=_LABELS)), 422
    flash("The editorial and opportunities are saved. The preview below shows them.")
    return redirect(url_for("console.mail", month=month, _anchor="preview"))


@blp.post("/mail/queue")
@console_page(STAFF)
def queue_digest() -> ResponseReturnValue:
    """Queue the month's digest for every member who wants it."""
    month = request.form.get("month", "")
    try:
        run = member_api("POST", "/notifications/digests", json={"month": month})
    except ApiError as error:
        if error.status >= 500:
            raise
        return _digest_page(month, Form({"month": month}).refused(error, labels=_LABELS)), 422
    flash(f"The digest of {run['month']} is queued for {run['messages']} members.")
    return redirect(url_for("console.messages", state="queued"))


@blp.get("/mail/messages")
@console_page(STAFF)
def messages() -> ResponseReturnValue:
    """List mail, newest first, in one delivery state or for one member."""
    form = Form({"state": request.args.get("state", ""), "member": request.args.get("member", "")})
    params: dict[str, Any] = {"page": request.args.get("page", 1, type=int), "page_size": 50}
    if form.value("member").strip():
        params["member_id"] = form.value("member").strip()
    elif form.value("state"):
        params["state"] = form.value("state")
    try:
        listed, pages = member_page("/notifications/messages", params=params)
    except ApiError as error:
        if error.status >= 500:
            raise
        listed, pages = [], {}
        form.refused(error, labels={"member_id": "Member", "state": "Delivery state"})
        form.errors = {"member" if k == "member_id" else k: v for k, v in form.errors.items()}
    return render_template(
        "console/mail/messages.html",
        messages=listed,
        pages=pages,
        form=form,
        states=STATES,
        title="Mail and its delivery",
        **PAGE,
    )


@blp.get("/mail/bounces")
@console_page(STAFF)
def bounces() -> ResponseReturnValue:
    """List the mail that came back and the addresses it suppressed."""
    reported, suppressed = read_all(
        read("/notifications/bounces"), read("/notifications/suppressions")
    )
    return render_template(
        "console/mail/bounces.html",
        bounces=reported,
        suppressions=suppressed,
        title="Bounces and suppressions",
        **PAGE,
    )


_LABELS = {"month": "Month", "editorial": "Editorial", "opportunities": "Opportunities"}


def _digest_page(month: str, form: Form | None) -> str:
    edition, preview = member_reads(
        read("/notifications/digests/edition", month=month),
        read("/notifications/digests/preview", month=month, member_id=member_id()),
    )
    if isinstance(edition, ApiError):
        if edition.status >= 500 or form is None:
            raise edition
        edition = {"editorial": "", "opportunities": []}
    if form is None:
        form = Form({"month": month, "editorial": edition["editorial"]})
        for index, item in enumerate(edition["opportunities"]):
            for name in ("title", "description", "url"):
                form.values[f"opportunity-{index}-{name}"] = item.get(name) or ""
    return render_template(
        "console/mail/digest.html",
        form=form,
        month=month,
        rows=range(OPPORTUNITY_ROWS),
        preview=None if isinstance(preview, ApiError) else preview,
        title="The monthly digest",
        **PAGE,
    )


def _next_month() -> str:
    # A digest goes out at the start of its month, so staff write the coming one.
    today = datetime.now(UTC)
    return f"{today.year + today.month // 12:04d}-{today.month % 12 + 1:02d}"


def _opportunities(form: Form) -> list[dict[str, Any]]:
    found = []
    for index in range(OPPORTUNITY_ROWS):
        item = {
            n: form.value(f"opportunity-{index}-{n}").strip()
            for n in ("title", "description", "url")
        }
        if any(item.values()):
            found.append({**item, "url": item["url"] or None})
    return found
