"""Exchange: news and blogs, comments under them, writing a post, flagging a comment."""

from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from website.forms import Form
from website.gateway import ApiError
from website.signed_in import api, gateway, member_api, member_id, member_page, members_only

blp = Blueprint("exchange", __name__, url_prefix="/exchange")
PAGE = {"section": "exchange"}
KINDS = [("blog", "Blog"), ("news", "News")]
PILLARS = [
    ("connect", "Connect"),
    ("exchange", "Exchange"),
    ("learn", "Learn"),
    ("collaborate", "Collaborate"),
]


@blp.get("")
def posts() -> ResponseReturnValue:
    """List published posts, newest first."""
    params = {"page": request.args.get("page", 1, type=int)}
    listed, pages = gateway().page("/events/posts", params=params)
    return render_template(
        "exchange/posts.html", posts=listed, pages=pages, title="News and blogs", **PAGE
    )


@blp.route("/posts/<post_id>", methods=["GET", "POST"])
def post(post_id: str) -> ResponseReturnValue:
    """Show a post and, to members, its comments; take a new comment."""
    shown = api("GET", f"/events/posts/{post_id}")
    form = Form(dict(request.form))
    if request.method == "POST":
        if member_id() is None:
            return redirect(url_for("account.login", next=request.path))
        try:
            member_api(
                "POST", f"/events/posts/{post_id}/comments", json={"text": form.value("text")}
            )
        except ApiError as error:
            if error.status >= 500 or error.status == 404:
                raise
            form.refused(error, labels={"text": "Comment"})
        else:
            flash("Your comment is posted.")
            return redirect(url_for("exchange.post", post_id=post_id, _anchor="comments"))
    thread = None
    if member_id() is not None and shown.get("status") == "published":
        thread = member_api("GET", f"/events/posts/{post_id}/comments")
    return render_template(
        "exchange/post.html", post=shown, thread=thread, form=form, title=shown["title"], **PAGE
    )


@blp.post("/comments/<comment_id>/flag")
@members_only
def flag(comment_id: str) -> ResponseReturnValue:
    """Flag a comment for the team to look at."""
    member_api("POST", f"/events/comments/{comment_id}/flag")
    flash("Thank you. The team will look at the comment.")
    return redirect(_back())


@blp.route("/write", methods=["GET", "POST"])
@members_only
def write() -> ResponseReturnValue:
    """Write a post in Markdown, preview it, and send it to the team."""
    form = Form({"kind": "blog", "pillar": "exchange", **request.form})
    preview = None
    if request.method == "POST":
        form.require("title", "body", labels={"body": "post"})
        if not form.errors:
            try:
                draft = _save_draft(form)
                form.values["draft_id"] = draft["id"]
                if request.form.get("action") == "submit":
                    member_api("POST", f"/events/posts/{draft['id']}/submit")
                    flash(f"“{draft['title']}” is sent to the team, who publish it after a check.")
                    return redirect(url_for("exchange.mine"))
                preview = draft["body_html"]
            except ApiError as error:
                if error.status >= 500:
                    raise
                form.refused(error, labels={"body": "Post"})
    return render_template(
        "exchange/write.html",
        form=form,
        preview=preview,
        kinds=KINDS,
        pillars=PILLARS,
        title="Write a post",
        **PAGE,
    )


@blp.get("/mine")
@members_only
def mine() -> ResponseReturnValue:
    """List my posts in every state, with any reason for a rejection."""
    listed, _ = member_page("/events/posts/mine", params={"page_size": 50})
    return render_template("exchange/mine.html", posts=listed, title="My posts", **PAGE)


def _save_draft(form: Form) -> Any:
    body: dict[str, Any] = {
        "title": form.value("title").strip(),
        "body": form.value("body"),
        "pillar": form.value("pillar"),
        "topics": [t.strip() for t in form.value("topics").split(",") if t.strip()],
    }
    if form.value("draft_id"):
        return member_api("PATCH", f"/events/posts/{form.value('draft_id')}", json=body)
    return member_api("POST", "/events/posts", json={**body, "kind": form.value("kind")})


def _back() -> str:
    target = request.form.get("back", "")
    return (
        target
        if target.startswith("/") and not target.startswith("//")
        else url_for("exchange.posts")
    )
