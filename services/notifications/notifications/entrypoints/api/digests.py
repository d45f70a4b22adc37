"""The monthly digest: staff queue it now or preview it for any member."""

from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint

from notifications.bootstrap import build_links
from notifications.domain.letters import Letter
from notifications.entrypoints.api.digest_schemas import (
    DigestPreviewArgsSchema,
    DigestRunArgsSchema,
    DigestRunSchema,
    LetterSchema,
)
from notifications.service_layer import digests
from qplatform.web.app import runtime
from qplatform.web.auth import require_staff

blp = Blueprint(
    "digests",
    __name__,
    url_prefix="/digests",
    description="The monthly Q-municate digest (staff only).",
)
blp.before_request(require_staff)


@blp.route("")
class DigestRuns(MethodView):
    @blp.arguments(DigestRunArgsSchema)
    @blp.response(201, DigestRunSchema)
    @blp.doc(security=[{"bearer": []}])
    def post(self, args: dict[str, Any]) -> dict[str, Any]:
        """Queue a month's digest for every member who wants it, now.

        Refused (409) once some of the month's digest has gone out or is on its way; a
        month whose digest reached nobody (no members yet, or every mail failed) can be
        sent again, to every member who has not had it.
        """
        with runtime().unit_of_work() as uow:
            count = digests.queue_digests(uow=uow, month=args["month"])
        return {"month": args["month"], "messages": count}


@blp.route("/preview")
class DigestPreview(MethodView):
    @blp.arguments(DigestPreviewArgsSchema, location="query")
    @blp.response(200, LetterSchema)
    @blp.doc(security=[{"bearer": []}])
    def get(self, args: dict[str, Any]) -> Letter:
        """Show the digest a member would get for a month, without sending it."""
        with runtime().unit_of_work() as uow:
            return digests.preview_digest(
                uow=uow,
                links=build_links(runtime().settings),
                member_id=args["member_id"],
                month=args["month"],
            )
