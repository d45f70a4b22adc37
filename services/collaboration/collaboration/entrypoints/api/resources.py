"""The resources library: members search, save and rate; staff publish; members suggest."""

from collections.abc import Sequence
from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint
from flask_smorest.pagination import PaginationParameters

from collaboration.domain.resources import SUGGESTED, Resource
from collaboration.entrypoints.api import resource_schemas as s
from collaboration.entrypoints.api.callers import member_id
from collaboration.service_layer import library
from qplatform.identity import MEMBER, STAFF
from qplatform.web.access import requires
from qplatform.web.app import runtime
from qplatform.web.auth import current_caller
from qplatform.web.pagination import answer, page_request, paged

blp = Blueprint("resources", __name__, url_prefix="/resources", description="Resources.")


def _rated(
    found: Sequence[Resource], ratings: dict[str, tuple[float, int]]
) -> list[dict[str, Any]]:
    shown = []
    for resource in found:
        average, count = ratings.get(resource.id, (None, 0))
        shown.append({**resource.columns(), "rating": average, "ratings": count})
    return shown


@blp.route("")
class ResourceList(MethodView):
    @requires(MEMBER)
    @blp.arguments(s.ResourceSearchArgsSchema, location="query")
    @blp.response(200, s.RatedResourceSchema(many=True))
    @paged(blp)
    def get(
        self, args: dict[str, Any], pagination_parameters: PaginationParameters
    ) -> list[dict[str, Any]]:
        """Search the library by words, pillar, kind and topic."""
        page = page_request(pagination_parameters)
        with runtime().unit_of_work() as uow:
            found = library.search(uow=uow, args=args, page=page)
            ratings = library.ratings(uow=uow, resource_ids=[r.id for r in found.items])
        return _rated(list(answer(pagination_parameters, found.page())), ratings)

    @requires(MEMBER)
    @blp.arguments(s.ResourceFormSchema)
    @blp.response(201, s.ResourceSchema)
    def post(self, form: dict[str, Any]) -> Resource:
        """Publish a resource (staff), or suggest one for moderation (members)."""
        with runtime().unit_of_work() as uow:
            return library.add(uow=uow, form=form, caller=current_caller())


@blp.route("/facets")
class ResourceFacets(MethodView):
    @requires(MEMBER)
    @blp.arguments(s.ResourceSearchArgsSchema, location="query")
    @blp.response(200, s.FoundFacetsSchema)
    def get(self, args: dict[str, Any]) -> dict[str, Any]:
        """Count the resources a library search matches, per pillar, kind and topic."""
        with runtime().unit_of_work() as uow:
            return {"facets": library.facets(uow=uow, args=args)}


@blp.route("/suggestions/waiting")
class Suggestions(MethodView):
    @requires(STAFF)
    @blp.arguments(s.ResourceSearchArgsSchema, location="query")
    @blp.response(200, s.RatedResourceSchema(many=True))
    @paged(blp)
    def get(
        self, args: dict[str, Any], pagination_parameters: PaginationParameters
    ) -> list[dict[str, Any]]:
        """List members' suggestions awaiting moderation (staff)."""
        page = page_request(pagination_parameters)
        with runtime().unit_of_work() as uow:
            found = library.search(uow=uow, args=args, page=page, status=SUGGESTED)
        return _rated(list(answer(pagination_parameters, found.page())), {})


@blp.route("/<resource_id>")
class ResourceItem(MethodView):
    @requires(MEMBER)
    @blp.response(200, s.RatedResourceSchema)
    def get(self, resource_id: str) -> dict[str, Any]:
        """Show a resource with its average rating."""
        with runtime().unit_of_work() as uow:
            resource = library.get(uow=uow, resource_id=resource_id, caller=current_caller())
            ratings = library.ratings(uow=uow, resource_ids=[resource_id])
        return _rated([resource], ratings)[0]


@blp.route("/<resource_id>/moderation")
class Moderation(MethodView):
    @requires(STAFF)
    @blp.arguments(s.ModerationSchema)
    @blp.response(200, s.ResourceSchema)
    def post(self, form: dict[str, str], resource_id: str) -> Resource:
        """Publish a member's suggestion, or decline it saying why (staff)."""
        accept = form["decision"] == "publish"
        with runtime().unit_of_work() as uow:
            return library.moderate(
                uow=uow, resource_id=resource_id, accept=accept, reason=form["reason"]
            )


@blp.route("/<resource_id>/favourite")
class Favourite(MethodView):
    @requires(MEMBER)
    @blp.response(204)
    def put(self, resource_id: str) -> None:
        """Save a resource to your favourites."""
        saver = member_id()
        with runtime().unit_of_work() as uow:
            library.favourite(uow=uow, resource_id=resource_id, member_id=saver)

    @requires(MEMBER)
    @blp.response(204)
    def delete(self, resource_id: str) -> None:
        """Remove a resource from your favourites; removing one you did not save does nothing."""
        saver = member_id()
        with runtime().unit_of_work() as uow:
            library.unfavourite(uow=uow, resource_id=resource_id, member_id=saver)


@blp.route("/<resource_id>/rating")
class RatingItem(MethodView):
    @requires(MEMBER)
    @blp.arguments(s.RatingFormSchema)
    @blp.response(204)
    def put(self, form: dict[str, int], resource_id: str) -> None:
        """Rate a resource 1 to 5; a new rating replaces your last."""
        rater = member_id()
        with runtime().unit_of_work() as uow:
            library.rate(uow=uow, resource_id=resource_id, member_id=rater, stars=form["stars"])


@blp.route("/favourites/<owner_id>")
class Favourites(MethodView):
    @requires(MEMBER)
    @blp.response(200, s.ResourceSchema(many=True))
    @paged(blp)
    def get(self, owner_id: str, pagination_parameters: PaginationParameters) -> Sequence[Resource]:
        """List the resources a member saved (that member, or staff)."""
        page = page_request(pagination_parameters)
        with runtime().unit_of_work() as uow:
            found = library.favourites(
                uow=uow, owner_id=owner_id, caller=current_caller(), page=page
            )
            return answer(pagination_parameters, found)
