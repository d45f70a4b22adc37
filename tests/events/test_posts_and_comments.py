"""Posts in Markdown rendered safe, moderated by staff; comments plain, flagged and hidden."""

import html
from html.parser import HTMLParser

import pytest

from events.domain import errors, markup
from events.domain.posts import PostStatus
from events.service_layer import commenting, writing
from qplatform.paging import PageRequest
from qplatform.runtime import Runtime
from tests.events.examples import STAFF_CALLER, member, staged, staged_types

TEXT = {"kind": "blog", "title": "Crisis care", "body": "**Bold** move", "pillar": "exchange"}


def _draft(runtime: Runtime, body: str = "**Bold** move", author: str = "ann") -> str:
    with runtime.unit_of_work() as uow:
        post = writing.draft_post(
            uow=uow, author_id=author, text={**TEXT, "body": body, "topics": ["data"]}
        )
    return post.id


def _published(runtime: Runtime) -> str:
    post_id = _draft(runtime)
    with runtime.unit_of_work() as uow:
        writing.submit_post(uow=uow, post_id=post_id, caller=member("ann"))
        writing.publish_post(uow=uow, post_id=post_id)
    return post_id


@pytest.mark.parametrize(
    "attack",
    [
        "<script>alert(1)</script>",
        "[click](javascript:alert(1))",
        '<img src=x onerror="alert(1)">',
        "<iframe src='https://evil.example'></iframe>",
        '<a href="#" onclick="alert(1)">x</a>',
        "![x](javascript:alert(1))",
        '<a href="javascript:alert(1)">x</a>',
        "[x](<javascript:alert(1)>)",
        "<svg onload=alert(1)>",
    ],
)
def test_no_script_gets_through_a_posts_markdown(attack: str) -> None:
    elements = _elements(markup.rendered(f"Hello\n\n{attack}"))
    assert not {tag for tag, _ in elements} & {"script", "iframe", "svg", "object", "embed"}
    attributes = [(name, value or "") for _, attrs in elements for name, value in attrs]
    assert not [name for name, _ in attributes if name.startswith("on")]
    assert not [value for _, value in attributes if "javascript" in value.lower()]


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, attrs))


def _elements(html: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    parser = _Elements()
    parser.feed(html)
    return parser.found


@pytest.mark.parametrize(
    ("markdown", "read", "link"),
    [
        (
            "![chart](https://tracker.example/p.gif?who=ann)",
            "chart",
            "https://tracker.example/p.gif?who=ann",
        ),
        ("See ![](http://tracker.example/1x1.png)", "See image", "http://tracker.example/1x1.png"),
        ('![a "b"](//tracker.example/p.gif)', 'a "b"', "//tracker.example/p.gif"),
    ],
)
def test_a_remote_image_in_a_post_becomes_a_link_the_reader_may_follow(
    markdown: str, read: str, link: str
) -> None:
    shown = markup.rendered(markdown)
    text, tags = _as_read(shown)
    assert (text.strip(), tags) == (read, ["p", "a"])
    assert [dict(attrs)["href"] for tag, attrs in _elements(shown) if tag == "a"] == [link]


def test_markdown_renders_to_html_with_safe_links() -> None:
    html = markup.rendered("# Title\n\n**bold** and [Q](https://q.health.org.uk)")
    assert "<h1>Title</h1>" in html and "<strong>bold</strong>" in html
    assert 'href="https://q.health.org.uk"' in html and 'rel="noopener' in html


def test_a_post_goes_from_draft_through_moderation_to_published(runtime: Runtime) -> None:
    post_id = _published(runtime)
    with runtime.unit_of_work() as uow:
        post = writing.get_post(uow=uow, post_id=post_id)
    assert post.status is PostStatus.PUBLISHED
    assert post.body_html == "<p><strong>Bold</strong> move</p>\n"
    kind, key, data = staged(runtime.engine)[-1]
    assert (kind, key, data["author_id"], data["topics"]) == (
        "post-published",
        post_id,
        "ann",
        ["data"],
    )


def test_a_rejected_post_goes_back_to_its_author_who_may_resubmit(runtime: Runtime) -> None:
    post_id = _draft(runtime)
    with runtime.unit_of_work() as uow:
        writing.submit_post(uow=uow, post_id=post_id, caller=member("ann"))
        writing.reject_post(uow=uow, post_id=post_id, reason="Needs sources")
        writing.revise_post(uow=uow, post_id=post_id, caller=member("ann"), text={"title": "v2"})
        post = writing.submit_post(uow=uow, post_id=post_id, caller=member("ann"))
    assert (post.status, post.title, post.rejection_reason) == (
        PostStatus.SUBMITTED,
        "v2",
        "Needs sources",
    )
    kind, key, data = staged(runtime.engine)[-1]
    assert (kind, key, data["author_id"], data["reason"]) == (
        "post-rejected",
        post_id,
        "ann",
        "Needs sources",
    )


def test_only_the_author_may_change_or_submit_a_post(runtime: Runtime) -> None:
    post_id = _draft(runtime)
    with runtime.unit_of_work() as uow, pytest.raises(errors.NotAllowed):
        writing.submit_post(uow=uow, post_id=post_id, caller=member("bob"))


def test_a_draft_cannot_be_published_before_it_is_submitted(runtime: Runtime) -> None:
    post_id = _draft(runtime)
    with runtime.unit_of_work() as uow, pytest.raises(errors.AlreadyDecided):
        writing.publish_post(uow=uow, post_id=post_id)


def test_an_unpublished_post_is_shown_only_to_its_author_and_staff(runtime: Runtime) -> None:
    post_id = _draft(runtime)
    with runtime.unit_of_work() as uow:
        assert writing.show_post(uow=uow, post_id=post_id, caller=member("ann")).id == post_id
        assert writing.show_post(uow=uow, post_id=post_id, caller=STAFF_CALLER).id == post_id
        with pytest.raises(errors.PostNotFound):
            writing.show_post(uow=uow, post_id=post_id, caller=member("bob"))


def _comment(runtime: Runtime, on_id: str, text: str, author: str = "bob") -> str:
    with runtime.unit_of_work() as uow:
        comment = commenting.post_comment(
            uow=uow, on="post", on_id=on_id, author_id=author, text=text
        )
    return comment.id


class _Reader(HTMLParser):
    """What a browser shows of a comment placed in a page: its text, and any tags it met."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text, self.tags = "", []  # type: tuple[str, list[str]]

    def handle_data(self, data: str) -> None:
        self.text += data

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)


def _as_read(html: str) -> tuple[str, list[str]]:
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return reader.text, reader.tags


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("Thank you, very useful.", "Thank you, very useful."),
        ("Fish & chips, AT&T, &amp; too", "Fish & chips, AT&T, &amp; too"),
        ("I <3 Q, and 2 < 3 > 1", "I <3 Q, and 2 < 3 > 1"),
        ('She said "yes" and it\'s done', 'She said "yes" and it\'s done'),
        ("Brilliant 🎉👏🏽 \u2013 merci, señora", "Brilliant 🎉👏🏽 \u2013 merci, señora"),
        ("First line\nSecond line", "First line\nSecond line"),
        ("  Great <script>alert(1)</script><b>work</b> & more  ", "Great work & more"),
        ('<img src=x onerror="alert(1)">Nice', "Nice"),
        ("&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;script&gt;alert(1)&lt;/script&gt;"),
    ],
)
def test_a_reader_sees_a_comment_as_written_without_its_markup(
    runtime: Runtime, written: str, read: str
) -> None:
    post_id = _published(runtime)
    _comment(runtime, post_id, written)
    with runtime.unit_of_work() as uow:
        (shown,) = commenting.comments_under(uow=uow, on="post", on_id=post_id, with_hidden=False)
    assert _as_read(shown.text) == (read, [])
    assert shown.text == html.escape(read, quote=False), "escaped once, and only where needed"
    assert staged(runtime.engine)[-1][0] == "comment-posted"
    assert "text" not in staged(runtime.engine)[-1][2]


@pytest.mark.parametrize("text", ["", "   ", "x" * 2001])
def test_a_blank_or_overlong_comment_is_refused(runtime: Runtime, text: str) -> None:
    post_id = _published(runtime)
    with pytest.raises(errors.InvalidText) as refused:
        _comment(runtime, post_id, text)
    assert refused.value.field == "text"


def test_comments_go_only_under_published_posts(runtime: Runtime) -> None:
    with pytest.raises(errors.PostNotFound):
        _comment(runtime, _draft(runtime), "First!")


def test_each_member_flags_once_and_staff_hide_then_restore_the_comment(runtime: Runtime) -> None:
    post_id = _published(runtime)
    comment_id = _comment(runtime, post_id, "Rude words")
    with runtime.unit_of_work() as uow:
        for flagger in ("ann", "ann", "cat"):
            commenting.flag_comment(uow=uow, comment_id=comment_id, member_id=flagger)
        assert [
            c.flags for c in commenting.flagged_comments(uow=uow, page=PageRequest()).items
        ] == [2]
        assert [c.id for c in commenting.flagged_comments(uow=uow, page=PageRequest()).items] == [
            comment_id
        ]
        commenting.hide_comment(uow=uow, comment_id=comment_id, hidden=True, reason="Rude")
        assert staged(runtime.engine)[-1][2]["reason"] == "Rude"
        assert commenting.comments_under(uow=uow, on="post", on_id=post_id, with_hidden=False) == []
        commenting.hide_comment(uow=uow, comment_id=comment_id, hidden=False)
        assert (
            len(commenting.comments_under(uow=uow, on="post", on_id=post_id, with_hidden=False))
            == 1
        )
    assert staged_types(runtime.engine)[-2:] == ["comment-hidden", "comment-restored"]
    assert staged(runtime.engine)[-1][2]["author_id"] == "bob"


def test_staff_hide_a_published_post_then_restore_it_and_its_author_is_named(
    runtime: Runtime,
) -> None:
    post_id = _published(runtime)
    with runtime.unit_of_work() as uow:
        writing.hide_post(uow=uow, post_id=post_id, reason="Names a patient")
        listed = writing.posts_with_status(uow=uow, status=PostStatus.PUBLISHED, page=PageRequest())
        assert listed.total == 0
        shown = writing.show_post(uow=uow, post_id=post_id, caller=member("ann"))
        assert shown.status is PostStatus.HIDDEN
        with pytest.raises(errors.PostNotFound):
            writing.show_post(uow=uow, post_id=post_id, caller=member("cat"))
    kind, key, data = staged(runtime.engine)[-1]
    assert (kind, key, data["author_id"], data["reason"]) == (
        "post-hidden",
        post_id,
        "ann",
        "Names a patient",
    )
    with runtime.unit_of_work() as uow:
        writing.restore_post(uow=uow, post_id=post_id)
        with pytest.raises(errors.AlreadyDecided):
            writing.restore_post(uow=uow, post_id=post_id)
    assert staged_types(runtime.engine)[-1] == "post-restored"
