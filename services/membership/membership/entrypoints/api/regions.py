"""Q's regions: anyone reads them, staff keep them."""

from collections.abc import Sequence
from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint
from flask_smorest.pagination import PaginationParameters

from membership.domain.recruitment import Region
from membership.entrypoints.api.recruitment_schemas import RegionChangeSchema, RegionSchema
from membership.service_layer import recruitment
from qplatform.identity import STAFF
from qplatform.web.access import ANYONE, requires
from qplatform.web.app import runtime
from qplatform.web.pagination import answer, page_request, paged

blp = Blueprint("regions", __name__, url_prefix="/regions", description="Q's regions.")


@blp.route("")
class RegionList(MethodView):
    @requires(ANYONE)
    @blp.response(200, RegionSchema(many=True))
    @paged(blp, long=True)
    def get(self, pagination_parameters: PaginationParameters) -> Sequence[Region]:
        """List Q's regions, by name."""
        with runtime().unit_of_work() as uow:
            page = recruitment.list_regions(uow=uow, page=page_request(pagination_parameters))
        return answer(pagination_parameters, page)

    @requires(STAFF)
    @blp.arguments(RegionSchema)
    @blp.response(201, RegionSchema)
    def post(self, body: dict[str, Any]) -> Region:
        """Add a region (staff only)."""
        with runtime().unit_of_work() as uow:
            return recruitment.add_region(uow=uow, slug=body["slug"], name=body["name"])


@blp.route("/<slug>")
class RegionItem(MethodView):
    @requires(STAFF)
    @blp.arguments(RegionChangeSchema)
    @blp.response(200, RegionSchema)
    def patch(self, body: dict[str, Any], slug: str) -> Region:
        """Rename a region, or retire or restore it (staff only)."""
        with runtime().unit_of_work() as uow:
            return recruitment.change_region(
                uow=uow, slug=slug, name=body.get("name"), active=body.get("active")
            )
