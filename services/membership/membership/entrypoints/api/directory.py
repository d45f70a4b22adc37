"""Search the member directory; see and keep the list of improvement expertise."""

from collections.abc import Sequence
from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint
from flask_smorest.pagination import PaginationParameters

from membership.adapters.repositories.directory import DirectoryQuery
from membership.domain.directory import ExpertiseArea
from membership.entrypoints.api.profile_schemas import (
    DirectoryArgsSchema,
    DirectoryFacetsSchema,
    ExpertiseSchema,
    PublicProfileSchema,
)
from membership.service_layer import profiles
from qplatform.identity import STAFF
from qplatform.paging import PageRequest
from qplatform.web.access import ANYONE, requires
from qplatform.web.app import runtime
from qplatform.web.pagination import answer, page_request, paged

blp = Blueprint("directory", __name__, url_prefix="", description="The member directory.")


def _query(args: dict[str, Any], page: PageRequest | None = None) -> DirectoryQuery:
    return DirectoryQuery(
        text=args["q"],
        region=args.get("region"),
        expertise=args.get("expertise"),
        role=args.get("role"),
        organisation=args.get("organisation"),
        page=page or PageRequest(),
    )


@blp.route("/directory")
class DirectorySearch(MethodView):
    @requires(ANYONE)
    @blp.arguments(DirectoryArgsSchema, location="query")
    @blp.response(200, PublicProfileSchema(many=True))
    @paged(blp)
    def get(
        self, args: dict[str, Any], pagination_parameters: PaginationParameters
    ) -> Sequence[dict[str, object]]:
        """Search members by name, organisation, bio and expertise, with filters."""
        query = _query(args, page_request(pagination_parameters))
        with runtime().unit_of_work() as uow:
            page, _ = profiles.search_directory(uow=uow, query=query)
        return answer(pagination_parameters, page)


@blp.route("/directory/facets")
class DirectoryFacets(MethodView):
    @requires(ANYONE)
    @blp.arguments(DirectoryArgsSchema, location="query")
    @blp.response(200, DirectoryFacetsSchema)
    def get(self, args: dict[str, Any]) -> dict[str, Any]:
        """Count the members a directory search matches, per region and per expertise."""
        with runtime().unit_of_work() as uow:
            return {"facets": profiles.directory_facets(uow=uow, query=_query(args))}


@blp.route("/expertise")
class ExpertiseList(MethodView):
    @requires(ANYONE)
    @blp.response(200, ExpertiseSchema(many=True))
    @paged(blp, long=True)
    def get(self, pagination_parameters: PaginationParameters) -> Sequence[ExpertiseArea]:
        """List the areas of improvement expertise members choose from."""
        with runtime().unit_of_work() as uow:
            page = profiles.list_expertise(uow=uow, page=page_request(pagination_parameters))
        return answer(pagination_parameters, page)

    @requires(STAFF)
    @blp.arguments(ExpertiseSchema)
    @blp.response(201, ExpertiseSchema)
    def post(self, body: dict[str, str]) -> ExpertiseArea:
        """Add an area of expertise (staff only)."""
        with runtime().unit_of_work() as uow:
            return profiles.add_expertise(uow=uow, slug=body["slug"], name=body["name"])
