"""One-click unsubscribe links (RFC 8058): a POST unsubscribes, a GET only asks."""

from flask import Response
from flask.views import MethodView
from flask_smorest import Blueprint

from notifications.adapters.templates import render_page
from notifications.bootstrap import build_links
from notifications.service_layer import preferences
from qplatform.web.access import ANYONE, requires
from qplatform.web.app import runtime

blp = Blueprint(
    "unsubscribe",
    __name__,
    url_prefix="/unsubscribe",
    description="Signed links in mail that stop one category of mail, without signing in.",
)


def _html(page: str) -> Response:
    return Response(page, status=200, mimetype="text/html")


@blp.route("/<token>")
class UnsubscribeLink(MethodView):
    @requires(ANYONE)
    @blp.doc(responses={"200": {"description": "A page asking to confirm (HTML)."}})
    def get(self, token: str) -> Response:
        """Ask the member to confirm; mail scanners follow links, so this changes nothing."""
        _, category = preferences.read_link(links=build_links(runtime().settings), token=token)
        return _html(render_page("confirm", category=category))

    @requires(ANYONE)
    @blp.doc(responses={"200": {"description": "A page saying it is done (HTML)."}})
    def post(self, token: str) -> Response:
        """Unsubscribe at once from the link's category (one-click, RFC 8058)."""
        with runtime().unit_of_work() as uow:
            category = preferences.unsubscribe(
                uow=uow, links=build_links(runtime().settings), token=token
            )
        return _html(render_page("done", category=category))
