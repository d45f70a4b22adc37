"""Members' Markdown and comments, made safe to show: no script, no remote image gets through."""

import html
from collections.abc import Sequence
from typing import Any

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token

_TAGS = {
    "p",
    "br",
    "hr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "strong",
    "em",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "a",
}
_ATTRIBUTES = {"a": {"href", "title"}}
_SCHEMES = {"http", "https", "mailto"}


def _image_as_link(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    # An image would be fetched from its server the moment a reader opens the post, telling
    # that server who read it and when; a link is fetched only if the reader chooses to.
    token = tokens[idx]
    alt = self.renderInlineAsText(token.children or [], options, env) or "image"
    src = html.escape(str(token.attrGet("src") or ""))
    return f'<a href="{src}">{html.escape(alt, quote=False)}</a>'


_MARKDOWN = MarkdownIt("commonmark", {"html": False, "linkify": False})
_MARKDOWN.add_render_rule("image", _image_as_link)


def rendered(markdown: str) -> str:
    """Render Markdown to HTML holding only harmless tags, attributes and link schemes."""
    return nh3.clean(
        _MARKDOWN.render(markdown),
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes=_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )


def plain(text: str) -> str:
    """Return `text` without tags, its characters escaped once for HTML, for comments."""
    # An ampersand is the member's own character, never the start of an entity; nh3 then drops
    # the tags and escapes the words between them, which unescaping gives back as written.
    words = html.unescape(nh3.clean(text.replace("&", "&amp;"), tags=set()))
    return html.escape(words, quote=False)
