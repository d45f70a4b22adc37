"""Write mail from the Jinja2 templates shipped in the package."""

from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from notifications.domain.letters import CATEGORY_LABELS, Letter


@cache
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("notifications", "templates"),
        autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=False),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_subject(template: str, context: dict[str, Any]) -> str:
    """Return the subject line of `template` for `context`."""
    subject = _environment().get_template(f"{template}/subject.txt").render(context)
    return " ".join(subject.split())


def render(
    template: str, context: dict[str, Any], *, category: str, unsubscribe_url: str | None
) -> Letter:
    """Return the subject, plain text and HTML of `template` for `context`."""
    full = {
        **context,
        "unsubscribe_url": unsubscribe_url,
        "category_label": CATEGORY_LABELS.get(category, category),
    }
    environment = _environment()
    return Letter(
        subject=render_subject(template, context),
        text=environment.get_template(f"{template}/body.txt").render(full).strip() + "\n",
        html=environment.get_template(f"{template}/body.html").render(full),
    )


def render_page(name: str, *, category: str) -> str:
    """Return one of the HTML pages that unsubscribe links open."""
    page = _environment().get_template(f"pages/{name}.html")
    return page.render(category_label=CATEGORY_LABELS.get(category, category))
