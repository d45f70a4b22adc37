"""Refuse what would make a service fail before a view sees it: deep JSON, endless pages."""

import re
from typing import Any, NoReturn

from flask import Flask, Request, Response, make_response, request
from flask.typing import ResponseReturnValue
from flask_smorest import Blueprint
from marshmallow import Schema, ValidationError
from webargs.flaskparser import FlaskParser
from werkzeug.exceptions import MethodNotAllowed

from qplatform.web.errors import error_body

MAX_JSON_DEPTH = 32
MAX_BODY_BYTES = 1024 * 1024
# A page past this would ask the database for an offset beyond its integers.
MAX_PAGE = 1_000_000
_STRINGS = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKETS = re.compile(rb"[\[\]{}]")


def guard(app: Flask, blueprints: list[Blueprint]) -> None:
    """Bound bodies, JSON nesting and page numbers; say which methods a path allows."""
    app.config["MAX_CONTENT_LENGTH"] = MAX_BODY_BYTES
    app.before_request(_refuse_deep_json)
    app.register_error_handler(MethodNotAllowed, _method_not_allowed)
    for blueprint in blueprints:
        # flask-smorest's documented hook for parsing page arguments; read on each request.
        blueprint.PAGINATION_ARGUMENTS_PARSER = BoundedPages()


def json_depth(body: bytes) -> int:
    """Return how deep arrays and objects nest in `body`, without parsing it."""
    depth = deepest = 0
    for bracket in _BRACKETS.findall(_STRINGS.sub(b"", body)):
        depth += 1 if bracket in (b"[", b"{") else -1
        deepest = max(deepest, depth)
    return deepest


class BoundedPages(FlaskParser):
    """Parse page arguments, refusing a page number no list could reach."""

    def parse(self, argmap: Any, req: Request | None = None, **kwargs: Any) -> Any:
        found = super().parse(argmap, req, **kwargs)
        if getattr(found, "page", 0) > MAX_PAGE:
            self._refuse_page(req or request)
        return found

    def _refuse_page(self, req: Request) -> NoReturn:
        problem = ValidationError({"query": {"page": [f"Must be at most {MAX_PAGE:,}."]}})
        self.handle_error(problem, req, Schema(), error_status_code=None, error_headers=None)


def _refuse_deep_json() -> ResponseReturnValue | None:
    # Parsing recursion ends in a RecursionError long before a deep body runs out of bytes.
    if not request.is_json or json_depth(request.get_data(cache=True)) <= MAX_JSON_DEPTH:
        return None
    return error_body(400, f"The JSON body nests deeper than {MAX_JSON_DEPTH} levels.")


def _method_not_allowed(error: MethodNotAllowed) -> Response:
    allowed = ", ".join(sorted(error.valid_methods or ()))
    response = make_response(error_body(405, f"This path allows {allowed}."))
    response.headers["Allow"] = allowed
    return response
