"""Signed-in members comment under posts and events and flag comments; staff hide them."""

from collections.abc import Sequence
from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint
from flask_smorest.pagination import PaginationParameters
from marshmallow import Schema, fields, validate

from events.config import EventsConfig
from events.domain.posts import COMMENT_MAX, Comment
from events.entrypoints.api.callers import member_id
from events.service_layer import commenting
from events.service_layer.commenting import ShownComment
from qplatform.identity import MEMBER, STAFF
from qplatform.web.access import requires
from qplatform.web.app import runtime
from qplatform.web.auth import current_caller
from qplatform.web.pagination import answer, page_request, paged
from qplatform.web.validators import OneLine

blp = Blueprint("comments", __name__, description="Comments under posts and events.")


class CommentFormSchema(Schema):
    """A comment as a member writes it: plain text; any markup is removed."""

    text = fields.String(required=True, validate=validate.Length(min=1, max=COMMENT_MAX))


class CommentSchema(Schema):
    """A comment with its author's display name, never their email."""

    id = fields.String()
    on = fields.String()
    on_id = fields.String()
    author_name = fields.String()
    text = fields.String(metadata={"description": "Plain text, HTML-escaped: safe to show as is."})
    hidden = fields.Boolean()
    posted_at = fields.AwareDateTime()


class HidingSchema(Schema):
    """Why staff hide a comment; its author is told."""

    reason = fields.String(validate=[validate.Length(min=1, max=500), OneLine()])


class FlaggedCommentSchema(CommentSchema):
    """A comment as staff see it when moderating."""

    flags = fields.Integer()


class ThreadSchema(Schema):
    """The comments under a post or event, and the policy they are written under."""

    policy_url = fields.String()
    comments = fields.List(fields.Nested(CommentSchema))


def _thread(on: str, on_id: str) -> dict[str, Any]:
    caller = current_caller()
    with runtime().unit_of_work() as uow:
        comments = commenting.comments_under(
            uow=uow, on=on, on_id=on_id, with_hidden=caller.is_staff
        )
    policy_url = EventsConfig.of(runtime().settings).comments_policy_url
    return {"policy_url": policy_url, "comments": comments}


def _comment(on: str, on_id: str, form: dict[str, Any]) -> Comment:
    author_id = member_id()
    with runtime().unit_of_work() as uow:
        return commenting.post_comment(
            uow=uow, on=on, on_id=on_id, author_id=author_id, text=form["text"]
        )


@blp.route("/posts/<on_id>/comments")
class PostComments(MethodView):
    @requires(MEMBER)
    @blp.response(200, ThreadSchema)
    def get(self, on_id: str) -> dict[str, Any]:
        """List the comments under a published post, with the comments policy (members)."""
        return _thread("post", on_id)

    @requires(MEMBER)
    @blp.arguments(CommentFormSchema)
    @blp.response(201, CommentSchema)
    def post(self, form: dict[str, Any], on_id: str) -> Comment:
        """Comment under a published post (members)."""
        return _comment("post", on_id, form)


@blp.route("/events/<on_id>/comments")
class EventComments(MethodView):
    @requires(MEMBER)
    @blp.response(200, ThreadSchema)
    def get(self, on_id: str) -> dict[str, Any]:
        """List the comments under a published event, with the comments policy (members)."""
        return _thread("event", on_id)

    @requires(MEMBER)
    @blp.arguments(CommentFormSchema)
    @blp.response(201, CommentSchema)
    def post(self, form: dict[str, Any], on_id: str) -> Comment:
        """Comment under a published event (members)."""
        return _comment("event", on_id, form)


@blp.route("/comments/<comment_id>/flag")
class CommentFlag(MethodView):
    @requires(MEMBER)
    @blp.response(204)
    def post(self, comment_id: str) -> None:
        """Flag a comment for staff to look at (members)."""
        flagger = current_caller().member_id or "staff"
        with runtime().unit_of_work() as uow:
            commenting.flag_comment(uow=uow, comment_id=comment_id, member_id=flagger)


@blp.route("/comments/flagged")
class FlaggedComments(MethodView):
    @requires(STAFF)
    @blp.response(200, FlaggedCommentSchema(many=True))
    @paged(blp)
    def get(self, pagination_parameters: PaginationParameters) -> Sequence[ShownComment]:
        """List flagged comments, most flagged first (staff only)."""
        with runtime().unit_of_work() as uow:
            page = commenting.flagged_comments(uow=uow, page=page_request(pagination_parameters))
        return answer(pagination_parameters, page)


@blp.route("/comments/<comment_id>/hidden")
class CommentVisibility(MethodView):
    @requires(STAFF)
    @blp.arguments(HidingSchema, required=False)
    @blp.response(200, FlaggedCommentSchema)
    def put(self, form: dict[str, Any], comment_id: str) -> Comment:
        """Hide a comment from members, saying why if staff wish; its author is told (staff)."""
        return _hide(comment_id, hidden=True, reason=form.get("reason"))

    @requires(STAFF)
    @blp.response(200, FlaggedCommentSchema)
    def delete(self, comment_id: str) -> Comment:
        """Restore a hidden comment (staff only)."""
        return _hide(comment_id, hidden=False)


def _hide(comment_id: str, *, hidden: bool, reason: str | None = None) -> Comment:
    with runtime().unit_of_work() as uow:
        return commenting.hide_comment(uow=uow, comment_id=comment_id, hidden=hidden, reason=reason)
