"""Connect: the member directory, profiles, and editing my own profile."""

from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from website.forms import Form
from website.gateway import ApiError
from website.signed_in import api, gateway, member_api, member_id, member_page, members_only

blp = Blueprint("connect", __name__, url_prefix="/connect")
PAGE = {"section": "connect"}
FILTERS = ("q", "region", "expertise")
PAGE_SIZE = 20
# Q has a handful of Connectors in each region; one page of the directory holds them all.
CONNECTORS_SHOWN = 100
VISIBILITY = [
    ("work", "My organisation and job title"),
    ("about", "My bio, expertise, interests and tags"),
    ("links", "My links"),
]
LABELS = {"display_name": "Name", "job_title": "Job title", "bio": "About me"}


@blp.get("")
def directory() -> ResponseReturnValue:
    """Search the directory as you type, narrowed by region and expertise, a page at a time."""
    args = {name: request.args[name] for name in FILTERS if request.args.get(name)}
    number = max(request.args.get("page", 1, type=int) or 1, 1)
    params = {**args, "page": number, "page_size": PAGE_SIZE}
    members, pages = _page("/membership/directory", params)
    context = {
        "members": members,
        "total": pages.get("total", len(members)),
        "next_page": pages.get("next_page"),
        "args": args,
        "title": "Member directory",
        **PAGE,
    }
    if request.headers.get("HX-Request") and request.headers.get("HX-Target") == "results":
        return render_template("connect/results.html", **context)
    # Only the whole page shows the filters, each option with how many members it finds.
    facets = api("GET", "/membership/directory/facets", params=args)["facets"]
    return render_template(
        "connect/directory.html",
        facets=facets,
        regions=_names("/membership/regions"),
        areas=_names("/membership/expertise"),
        **context,
    )


@blp.get("/connectors")
def connectors() -> ResponseReturnValue:
    """List the Connectors, those of the member's own region first, then by region."""
    found, pages = _page(
        "/membership/directory", {"role": "connector", "page_size": CONNECTORS_SHOWN}
    )
    me = member_id()
    home = member_api("GET", f"/membership/members/{me}/profile")["region"] if me else None
    regions = _names("/membership/regions")
    by_region: dict[str, list[dict[str, Any]]] = {}
    for connector in found:
        by_region.setdefault(connector["region"], []).append(connector)
    mine = by_region.pop(home, []) if home else []
    return render_template(
        "connect/connectors.html",
        mine=mine,
        home=regions.get(home or "", home),
        others=sorted(by_region.items(), key=lambda r: regions.get(r[0], r[0])),
        regions=regions,
        total=pages.get("total", len(found)),
        title="Connectors",
        **PAGE,
    )


@blp.get("/members/<member_id>")
def profile(member_id: str) -> ResponseReturnValue:
    """Show what a member lets the directory show."""
    shown = api("GET", f"/membership/members/{member_id}")
    areas = _names("/membership/expertise")
    return render_template(
        "connect/profile.html", member=shown, areas=areas, title=shown["display_name"], **PAGE
    )


@blp.route("/me", methods=["GET", "POST"])
@members_only
def edit_profile() -> ResponseReturnValue:
    """Change my profile and which parts of it others see."""
    me = member_id()
    current = member_api("GET", f"/membership/members/{me}/profile")
    form = Form(_as_form(current))
    if request.method == "POST":
        form = Form(dict(request.form))
        change = _change_of(request.form)
        try:
            member_api("PATCH", f"/membership/members/{me}/profile", json=change)
        except ApiError as error:
            if error.status >= 500:
                raise
            form.refused(error, labels=LABELS)
        else:
            flash("Your profile is saved.")
            return redirect(url_for("connect.profile", member_id=me))
        form.values["shown_groups"] = request.form.getlist("shown_groups")
        form.values["expertise"] = request.form.getlist("expertise")
    return render_template(
        "connect/edit_profile.html",
        form=form,
        visibility=VISIBILITY,
        areas=sorted(_names("/membership/expertise").items(), key=lambda a: a[1]),
        regions=sorted(_names("/membership/regions").items(), key=lambda r: r[1]),
        title="Edit your profile",
        **PAGE,
    )


def _as_form(profile: dict[str, Any]) -> dict[str, Any]:
    values: dict[str, Any] = {k: v for k, v in profile.items() if isinstance(v, str)}
    for name in ("tags", "interests", "links"):
        values[name] = "\n".join(profile.get(name) or [])
    values["expertise"] = profile.get("expertise") or []
    values["shown_groups"] = profile.get("shown_groups") or []
    return values


def _change_of(form: Any) -> dict[str, Any]:
    change: dict[str, Any] = {
        name: form.get(name, "").strip()
        for name in ("display_name", "organisation", "job_title", "region", "bio")
    }
    for name in ("tags", "interests", "links"):
        change[name] = [line.strip() for line in form.get(name, "").splitlines() if line.strip()]
    change["expertise"] = form.getlist("expertise")
    change["shown_groups"] = form.getlist("shown_groups")
    return change


def _page(path: str, params: dict[str, Any]) -> tuple[list[Any], dict[str, Any]]:
    if member_id() is not None:
        return member_page(path, params=params)
    return gateway().page(path, params=params)


def _names(path: str) -> dict[str, str]:
    return {item["slug"]: item["name"] for item in gateway().reference(path)}
