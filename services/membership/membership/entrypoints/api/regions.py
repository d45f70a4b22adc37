"""Q's regions: anyone reads them, staff keep them."""

from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint

from membership.domain.recruitment import Region
from membership.entrypoints.api.recruitment_schemas import RegionChangeSchema, RegionSchema
from membership.service_layer import recruitment
from qplatform.web.app import runtime
from qplatform.web.auth import require_staff

blp = Blueprint("regions", __name__, url_prefix="/regions", description="Q's regions.")


@blp.route("")
class RegionList(MethodView):
    @blp.response(200, RegionSchema(many=True))
    def get(self) -> list[Region]:
        """List Q's regions, by name."""
        with runtime().unit_of_work() as uow:
            return recruitment.list_regions(uow=uow)

    @blp.arguments(RegionSchema)
    @blp.response(201, RegionSchema)
    @blp.doc(security=[{"bearer": []}])
    def post(self, body: dict[str, Any]) -> Region:
        """Add a region (staff only)."""
        require_staff()
        with runtime().unit_of_work() as uow:
            return recruitment.add_region(uow=uow, slug=body["slug"], name=body["name"])


@blp.route("/<slug>")
class RegionItem(MethodView):
    @blp.arguments(RegionChangeSchema)
    @blp.response(200, RegionSchema)
    @blp.doc(security=[{"bearer": []}])
    def patch(self, body: dict[str, Any], slug: str) -> Region:
        """Rename a region, or retire or restore it (staff only)."""
        require_staff()
        with runtime().unit_of_work() as uow:
            return recruitment.change_region(
                uow=uow, slug=slug, name=body.get("name"), active=body.get("active")
            )
