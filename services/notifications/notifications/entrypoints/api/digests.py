"""The monthly digest: staff queue it now or preview it for any member."""

from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint

from notifications.bootstrap import build_links
from notifications.domain.digest import Month
from notifications.domain.edition import DigestEdition
from notifications.domain.letters import Letter
from notifications.entrypoints.api.digest_schemas import (
    DigestPreviewArgsSchema,
    DigestRunArgsSchema,
    DigestRunSchema,
    EditionArgsSchema,
    EditionSchema,
    LetterSchema,
)
from notifications.service_layer import digests, editions
from qplatform.identity import STAFF
from qplatform.web.access import requires
from qplatform.web.app import runtime

blp = Blueprint(
    "digests",
    __name__,
    url_prefix="/digests",
    description="The monthly Q-municate digest (staff only).",
)


@blp.route("")
class DigestRuns(MethodView):
    @requires(STAFF)
    @blp.arguments(DigestRunArgsSchema)
    @blp.response(201, DigestRunSchema)
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
    @requires(STAFF)
    @blp.arguments(DigestPreviewArgsSchema, location="query")
    @blp.response(200, LetterSchema)
    def get(self, args: dict[str, Any]) -> Letter:
        """Show the digest a member would get for a month, without sending it."""
        with runtime().unit_of_work() as uow:
            return digests.preview_digest(
                uow=uow,
                links=build_links(runtime().settings),
                member_id=args["member_id"],
                month=args["month"],
            )


@blp.route("/edition")
class DigestEditionView(MethodView):
    @requires(STAFF)
    @blp.arguments(EditionArgsSchema, location="query")
    @blp.response(200, EditionSchema)
    def get(self, args: dict[str, Any]) -> DigestEdition:
        """Show the editorial and opportunities written for a month's digest."""
        with runtime().unit_of_work() as uow:
            return editions.edition_of(uow=uow, month=args["month"])

    @requires(STAFF)
    @blp.arguments(EditionSchema)
    @blp.response(200, EditionSchema)
    def put(self, form: dict[str, Any]) -> DigestEdition:
        """Write a month's editorial and opportunities; refused (409) once it is queued."""
        month: Month = form["month"]
        with runtime().unit_of_work() as uow:
            return editions.write_edition(
                uow=uow,
                month=month,
                editorial=form["editorial"],
                opportunities=form["opportunities"],
            )
