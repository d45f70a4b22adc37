"""Search the member directory; see and keep the list of improvement expertise."""

import base64
import binascii
import json
from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint

from membership.adapters.directory import DirectoryQuery
from membership.domain.directory import ExpertiseArea
from membership.domain.errors import BadCursor
from membership.entrypoints.api.profile_schemas import (
    DirectoryArgsSchema,
    DirectoryPageSchema,
    ExpertiseSchema,
)
from membership.service_layer import profiles
from qplatform.web.app import runtime
from qplatform.web.auth import require_staff

blp = Blueprint("directory", __name__, url_prefix="", description="The member directory.")


@blp.route("/directory")
class DirectorySearch(MethodView):
    @blp.arguments(DirectoryArgsSchema, location="query")
    @blp.response(200, DirectoryPageSchema)
    def get(self, args: dict[str, Any]) -> dict[str, Any]:
        """Search members by name, organisation, bio and expertise, with filters and counts."""
        query = DirectoryQuery(
            text=args["q"],
            region=args.get("region"),
            expertise=args.get("expertise"),
            role=args.get("role"),
            organisation=args.get("organisation"),
            limit=args["limit"],
            after=_decoded(args["cursor"]) if "cursor" in args else None,
        )
        with runtime().unit_of_work() as uow:
            page, items = profiles.search_directory(uow=uow, query=query)
        return {
            "items": items,
            "total": page.total,
            "facets": page.facets,
            "next_cursor": _encoded(page.next_after) if page.next_after else None,
        }


@blp.route("/expertise")
class ExpertiseList(MethodView):
    @blp.response(200, ExpertiseSchema(many=True))
    def get(self) -> list[ExpertiseArea]:
        """List the areas of improvement expertise members choose from."""
        with runtime().unit_of_work() as uow:
            return profiles.list_expertise(uow=uow)

    @blp.arguments(ExpertiseSchema)
    @blp.response(201, ExpertiseSchema)
    @blp.doc(security=[{"bearer": []}])
    def post(self, body: dict[str, str]) -> ExpertiseArea:
        """Add an area of expertise (staff only)."""
        require_staff()
        with runtime().unit_of_work() as uow:
            return profiles.add_expertise(uow=uow, slug=body["slug"], name=body["name"])


def _encoded(after: tuple[str, str]) -> str:
    return base64.urlsafe_b64encode(json.dumps(list(after)).encode()).decode()


def _decoded(cursor: str) -> tuple[str, str]:
    try:
        name, member_id = json.loads(base64.urlsafe_b64decode(cursor.encode()))
        return str(name), str(member_id)
    except (ValueError, TypeError, binascii.Error):
        raise BadCursor("the cursor is not one this directory gave", field="cursor") from None
