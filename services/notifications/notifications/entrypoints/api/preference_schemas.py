"""What the preference and feed routes take and give."""

from typing import Any

from marshmallow import Schema, ValidationError, fields, validates_schema

from notifications.domain.preferences import CATEGORIES


def _choice(category: str) -> fields.Boolean:
    return fields.Boolean(
        data_key=category, metadata={"description": f"Whether to get {category} mail."}
    )


class PreferencesSchema(Schema):
    """A member's choice per category of mail; transactional mail always goes."""

    digest = _choice("digest")
    coffee_trials = _choice("coffee-trials")
    events = _choice("events")
    community_news = _choice("community-news")
    talk_requests = _choice("talk-requests")

    @validates_schema
    def _not_empty(self, data: dict[str, Any], **_: Any) -> None:
        if not data:
            raise ValidationError("give at least one of " + ", ".join(CATEGORIES), "_schema")


def as_categories(data: dict[str, bool]) -> dict[str, bool]:
    """Return loaded choices keyed by category name."""
    return {name.replace("_", "-"): value for name, value in data.items()}


def as_attributes(choices: dict[str, bool]) -> dict[str, bool]:
    """Return choices keyed as the schema dumps them."""
    return {category.replace("-", "_"): value for category, value in choices.items()}


class NotificationSchema(Schema):
    """One notification in a member's in-app feed."""

    id = fields.String()
    template = fields.String()
    category = fields.String()
    subject = fields.String()
    text = fields.String(attribute="body_text")
    created_at = fields.AwareDateTime()
    read_at = fields.AwareDateTime(allow_none=True)


class UnreadCountSchema(Schema):
    unread = fields.Integer(metadata={"description": "Notifications not yet read."})
