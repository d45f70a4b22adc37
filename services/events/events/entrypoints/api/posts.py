"""Members write news items and blogs in Markdown; staff moderate; anyone reads published ones."""

from collections.abc import Sequence
from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint
from flask_smorest.pagination import PaginationParameters
from marshmallow import Schema, fields, validate

from events.domain.posts import BODY_MAX, Post, PostKind, PostStatus
from events.domain.rules import TITLE_MAX, TOPICS_MAX
from events.entrypoints.api.callers import member_id
from events.entrypoints.api.schemas import RejectionSchema
from events.service_layer import writing
from events.service_layer.writing import ShownPost
from qplatform.events.contracts.events import PILLARS
from qplatform.identity import MEMBER, STAFF
from qplatform.web.access import ANYONE, requires
from qplatform.web.app import runtime
from qplatform.web.auth import current_caller
from qplatform.web.pagination import answer, page_request, paged
from qplatform.web.validators import OneLine

blp = Blueprint("posts", __name__, url_prefix="/posts", description="News items and blogs.")


class PostFormSchema(Schema):
    """A post as its author writes it; the body is Markdown."""

    kind = fields.String(required=True, validate=validate.OneOf([k.value for k in PostKind]))
    title = fields.String(
        required=True, validate=[validate.Length(min=1, max=TITLE_MAX), OneLine()]
    )
    body = fields.String(required=True, validate=validate.Length(min=1, max=BODY_MAX))
    pillar = fields.String(required=True, validate=validate.OneOf(PILLARS))
    topics = fields.List(
        fields.String(validate=validate.Length(min=1, max=40)),
        load_default=list,
        validate=validate.Length(max=TOPICS_MAX),
    )


class PostRevisionSchema(Schema):
    """What an author changes in a draft; the rest stays."""

    title = fields.String(validate=[validate.Length(min=1, max=TITLE_MAX), OneLine()])
    body = fields.String(validate=validate.Length(min=1, max=BODY_MAX))
    pillar = fields.String(validate=validate.OneOf(PILLARS))
    topics = fields.List(fields.String(), validate=validate.Length(max=TOPICS_MAX))


class PostSchema(Schema):
    """A post: its Markdown and the sanitized HTML to show."""

    id = fields.String()
    kind = fields.Function(lambda post: post.kind.value)
    title = fields.String()
    body_markdown = fields.String()
    body_html = fields.String(metadata={"description": "Sanitized; safe to show as is."})
    pillar = fields.String()
    topics = fields.List(fields.String(), attribute="topic_list")
    author_id = fields.String(allow_none=True)
    status = fields.Function(lambda post: post.status.value)
    rejection_reason = fields.String(allow_none=True)
    created_at = fields.AwareDateTime()
    published_at = fields.AwareDateTime(allow_none=True)


class OwnPostQueryArgsSchema(Schema):
    """Which of an author's own posts to list; every state unless narrowed."""

    status = fields.List(
        fields.String(validate=validate.OneOf([status.value for status in PostStatus])),
        metadata={"description": "Repeat to list several states, such as draft and rejected."},
    )


class ShownPostSchema(PostSchema):
    """A post with its author's display name."""

    author_name = fields.String(allow_none=True)


@blp.route("")
class PostList(MethodView):
    @requires(ANYONE)
    @blp.response(200, PostSchema(many=True))
    @paged(blp)
    def get(self, pagination_parameters: PaginationParameters) -> Sequence[Post]:
        """List published posts, newest first."""
        with runtime().unit_of_work() as uow:
            page = writing.posts_with_status(
                uow=uow, status=PostStatus.PUBLISHED, page=page_request(pagination_parameters)
            )
        return answer(pagination_parameters, page)

    @requires(MEMBER)
    @blp.arguments(PostFormSchema)
    @blp.response(201, PostSchema)
    def post(self, form: dict[str, Any]) -> Post:
        """Start a draft (members)."""
        author_id = member_id()
        with runtime().unit_of_work() as uow:
            return writing.draft_post(uow=uow, author_id=author_id, text=form)


@blp.route("/mine")
class MyPosts(MethodView):
    @requires(MEMBER)
    @blp.arguments(OwnPostQueryArgsSchema, location="query")
    @blp.response(200, PostSchema(many=True))
    @paged(blp)
    def get(
        self, args: dict[str, Any], pagination_parameters: PaginationParameters
    ) -> Sequence[Post]:
        """List the calling member's own posts in any state, newest first."""
        author_id = member_id()
        statuses = tuple(PostStatus(s) for s in args.get("status") or PostStatus)
        with runtime().unit_of_work() as uow:
            page = writing.posts_of_author(
                uow=uow,
                author_id=author_id,
                statuses=statuses,
                page=page_request(pagination_parameters),
            )
        return answer(pagination_parameters, page)


@blp.route("/<post_id>")
class PostItem(MethodView):
    @requires(ANYONE)
    @blp.response(200, ShownPostSchema)
    def get(self, post_id: str) -> ShownPost:
        """Show a published post, or an unpublished one to its author and staff."""
        with runtime().unit_of_work() as uow:
            return writing.show_post(uow=uow, post_id=post_id, caller=current_caller())

    @requires(MEMBER)
    @blp.arguments(PostRevisionSchema)
    @blp.response(200, PostSchema)
    def patch(self, form: dict[str, Any], post_id: str) -> Post:
        """Change a draft or rejected post (its author)."""
        caller = current_caller()
        with runtime().unit_of_work() as uow:
            return writing.revise_post(uow=uow, post_id=post_id, caller=caller, text=form)


@blp.route("/<post_id>/submit")
class PostSubmission(MethodView):
    @requires(MEMBER)
    @blp.response(200, PostSchema)
    def post(self, post_id: str) -> Post:
        """Send a draft to staff for moderation (its author)."""
        caller = current_caller()
        with runtime().unit_of_work() as uow:
            return writing.submit_post(uow=uow, post_id=post_id, caller=caller)


@blp.route("/<post_id>/publish")
class PostPublication(MethodView):
    @requires(STAFF)
    @blp.response(200, PostSchema)
    def post(self, post_id: str) -> Post:
        """Publish a submitted post (staff only)."""
        with runtime().unit_of_work() as uow:
            return writing.publish_post(uow=uow, post_id=post_id)


@blp.route("/<post_id>/reject")
class PostRejection(MethodView):
    @requires(STAFF)
    @blp.arguments(RejectionSchema)
    @blp.response(200, PostSchema)
    def post(self, form: dict[str, Any], post_id: str) -> Post:
        """Send a submitted post back to its author with a reason (staff only)."""
        with runtime().unit_of_work() as uow:
            return writing.reject_post(uow=uow, post_id=post_id, reason=form["reason"])


class PostHidingSchema(Schema):
    """Why staff take a post down; its author is told."""

    reason = fields.String(validate=[validate.Length(min=1, max=500), OneLine()])


@blp.route("/<post_id>/hidden")
class PostVisibility(MethodView):
    @requires(STAFF)
    @blp.arguments(PostHidingSchema, required=False)
    @blp.response(200, PostSchema)
    def put(self, form: dict[str, Any], post_id: str) -> Post:
        """Take a published post down, saying why if staff wish; its author is told (staff)."""
        with runtime().unit_of_work() as uow:
            return writing.hide_post(uow=uow, post_id=post_id, reason=form.get("reason"))

    @requires(STAFF)
    @blp.response(200, PostSchema)
    def delete(self, post_id: str) -> Post:
        """Show a hidden post to members again; its author is told (staff only)."""
        with runtime().unit_of_work() as uow:
            return writing.restore_post(uow=uow, post_id=post_id)
