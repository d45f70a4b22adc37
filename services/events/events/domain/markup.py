"""Members' Markdown and comments, made safe to show: no script gets through."""

import nh3
from markdown_it import MarkdownIt

_MARKDOWN = MarkdownIt("commonmark", {"html": False, "linkify": False})
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
    "img",
}
_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}}
_SCHEMES = {"http", "https", "mailto"}


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
    """Return `text` with every tag removed and the rest escaped, for comments."""
    return nh3.clean_text(nh3.clean(text, tags=set()))
