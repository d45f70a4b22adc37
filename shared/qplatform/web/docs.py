"""The API reference page: ReDoc, vendored in the package, rendering the service's spec.

Its URLs are relative, so the page works both on the service's own port (/docs) and
behind the gateway (/<service>/docs), and it loads nothing from another origin.
"""

from pathlib import Path

from flask import Blueprint, Response, render_template_string, send_from_directory
from flask.typing import ResponseReturnValue

STATIC = Path(__file__).resolve().parent / "static"
REDOC = "redoc.standalone.js"
PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }}</title>
<style>body{margin:0;padding:0}</style>
</head>
<body>
<redoc spec-url="openapi.json" lazy-rendering></redoc>
<script src="docs/redoc.standalone.js"></script>
</body>
</html>
"""


def blueprint(title: str) -> Blueprint:
    """Return the blueprint serving the docs page of the API called `title`."""
    docs = Blueprint("api_docs", __name__)

    @docs.get("/docs")
    def page() -> ResponseReturnValue:
        """Show the API reference."""
        return render_template_string(PAGE, title=title)

    @docs.get(f"/docs/{REDOC}")
    def redoc() -> Response:
        """Serve the vendored ReDoc bundle."""
        return send_from_directory(STATIC, REDOC, mimetype="text/javascript", max_age=86400)

    return docs
