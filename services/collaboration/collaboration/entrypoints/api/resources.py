"""The resources library: members search, save and rate; staff publish; members suggest."""

from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint

from collaboration.domain import errors
from collaboration.domain.resources import SUGGESTED, Resource
from collaboration.entrypoints.api import resource_schemas as s
from collaboration.entrypoints.api.callers import SECURED, member_id, require_member_first
from collaboration.service_layer import library
from qplatform.web.app import runtime
from qplatform.web.auth import require_member, require_staff

blp = Blueprint("resources", __name__, url_prefix="/resources", description="Resources.")
blp.before_request(require_member_first)


def _rated(found: list[Resource], ratings: dict[str, tuple[float, int]]) -> list[dict[str, Any]]:
    shown = []
    for resource in found:
        average, count = ratings.get(resource.id, (None, 0))
        shown.append({**resource.columns(), "rating": average, "ratings": count})
    return shown


@blp.route("")
class ResourceList(MethodView):
    @blp.arguments(s.ResourceSearchArgsSchema, location="query")
    @blp.response(200, s.FoundSchema)
    @blp.doc(**SECURED)
    def get(self, args: dict[str, Any]) -> dict[str, Any]:
        """Search the library by words, pillar, kind and topic, with facet counts."""
        with runtime().unit_of_work() as uow:
            found = library.search(uow=uow, args=args)
            ratings = library.ratings(uow=uow, resource_ids=[r.id for r in found.items])
        return {"items": _rated(found.items, ratings), "total": found.total, "facets": found.facets}

    @blp.arguments(s.ResourceFormSchema)
    @blp.response(201, s.ResourceSchema)
    @blp.doc(**SECURED)
    def post(self, form: dict[str, Any]) -> Resource:
        """Publish a resource (staff), or suggest one for moderation (members)."""
        caller = require_member()
        suggested_by = None if caller.is_staff else member_id()
        with runtime().unit_of_work() as uow:
            return library.add(uow=uow, form=form, suggested_by=suggested_by)


@blp.route("/suggestions/waiting")
class Suggestions(MethodView):
    @blp.arguments(s.ResourceSearchArgsSchema, location="query")
    @blp.response(200, s.FoundSchema)
    @blp.doc(**SECURED)
    def get(self, args: dict[str, Any]) -> dict[str, Any]:
        """List members' suggestions awaiting moderation (staff)."""
        require_staff()
        with runtime().unit_of_work() as uow:
            found = library.search(uow=uow, args=args, status=SUGGESTED)
        return {"items": _rated(found.items, {}), "total": found.total, "facets": found.facets}


@blp.route("/<resource_id>")
class ResourceItem(MethodView):
    @blp.response(200, s.RatedResourceSchema)
    @blp.doc(**SECURED)
    def get(self, resource_id: str) -> dict[str, Any]:
        """Show a resource with its average rating."""
        staff = require_member().is_staff
        with runtime().unit_of_work() as uow:
            resource = library.get(uow=uow, resource_id=resource_id, reader_is_staff=staff)
            ratings = library.ratings(uow=uow, resource_ids=[resource_id])
        return _rated([resource], ratings)[0]


@blp.route("/<resource_id>/moderation")
class Moderation(MethodView):
    @blp.arguments(s.ModerationSchema)
    @blp.response(200, s.ResourceSchema)
    @blp.doc(**SECURED)
    def post(self, form: dict[str, str], resource_id: str) -> Resource:
        """Publish or decline a member's suggestion (staff)."""
        require_staff()
        accept = form["decision"] == "publish"
        with runtime().unit_of_work() as uow:
            return library.moderate(uow=uow, resource_id=resource_id, accept=accept)


@blp.route("/<resource_id>/favourite")
class Favourite(MethodView):
    @blp.response(204)
    @blp.doc(**SECURED)
    def put(self, resource_id: str) -> None:
        """Save a resource to your favourites."""
        saver = member_id()
        with runtime().unit_of_work() as uow:
            library.favourite(uow=uow, resource_id=resource_id, member_id=saver)

    @blp.response(204)
    @blp.doc(**SECURED)
    def delete(self, resource_id: str) -> None:
        """Remove a resource from your favourites; removing one you did not save does nothing."""
        saver = member_id()
        with runtime().unit_of_work() as uow:
            library.unfavourite(uow=uow, resource_id=resource_id, member_id=saver)


@blp.route("/<resource_id>/rating")
class RatingItem(MethodView):
    @blp.arguments(s.RatingFormSchema)
    @blp.response(204)
    @blp.doc(**SECURED)
    def put(self, form: dict[str, int], resource_id: str) -> None:
        """Rate a resource 1 to 5; a new rating replaces your last."""
        rater = member_id()
        with runtime().unit_of_work() as uow:
            library.rate(uow=uow, resource_id=resource_id, member_id=rater, stars=form["stars"])


@blp.route("/favourites/<owner_id>")
class Favourites(MethodView):
    @blp.response(200, s.ResourceSchema(many=True))
    @blp.doc(**SECURED)
    def get(self, owner_id: str) -> list[Resource]:
        """List the resources a member saved (that member, or staff)."""
        caller = require_member()
        if not caller.is_staff and caller.member_id != owner_id:
            raise errors.NotYours("members see only their own favourites")
        with runtime().unit_of_work() as uow:
            return library.favourites(uow=uow, member_id=owner_id)
