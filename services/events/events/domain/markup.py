"""Members' Markdown and comments, made safe to show (the platform's one sanitiser)."""

from qplatform.markup import plain, rendered

__all__ = ["plain", "rendered"]
