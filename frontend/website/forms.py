"""What a form shows again after a refusal: the values given and an error per field."""

from dataclasses import dataclass, field
from typing import Any

from website.gateway import ApiError

GENERAL = "_form"


@dataclass
class Form:
    """A form's values and errors, keyed by the API's own field names."""

    values: dict[str, Any] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)

    def value(self, name: str, default: Any = "") -> Any:
        """Return the value given for `name`, or `default`."""
        return self.values.get(name, default)

    def refused(self, error: ApiError, labels: dict[str, str] | None = None) -> "Form":
        """Take the API's refusal: each named field's message, or one for the whole form."""
        labels = labels or {}
        for name, message in error.fields.items():
            self.errors[name] = (
                f"{labels.get(name, name.replace('_', ' ').capitalize())}: {message}"
            )
        if not error.fields:
            self.errors[GENERAL] = error.message
        return self

    def require(self, *names: str, labels: dict[str, str] | None = None) -> "Form":
        """Mark every named field left empty as missing."""
        labels = labels or {}
        for name in names:
            if not str(self.values.get(name, "")).strip():
                label = labels.get(name, name.replace("_", " "))
                self.errors[name] = f"Enter your {label.lower()}"
        return self
