"""The platform's public APIs, reached only through the gateway, as the member calling them."""

import contextvars
import json
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

import requests
from flask import g, has_request_context, request
from prometheus_client import Histogram

GATEWAY_LATENCY = Histogram(
    "qp_website_gateway_seconds",
    "Time the website waited on the gateway, per API call.",
    ["method"],
)


T = TypeVar("T")
# Set inside a batch: its calls overlap, so the batch, not each call, counts the time waited.
_IN_BATCH: contextvars.ContextVar[bool] = contextvars.ContextVar("in_batch", default=False)


class ApiError(Exception):
    """The gateway answered with an error: its status, message and the fields at fault."""

    def __init__(self, status: int, message: str, fields: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.fields = fields or {}


class GatewayUnreachable(ApiError):
    """The gateway did not answer at all."""


class Gateway:
    """A pooled HTTP client of the gateway's APIs."""

    def __init__(self, base_url: str, timeout: float, concurrency: int = 6) -> None:
        self.base_url = base_url
        self.timeout = timeout
        self._http = requests.Session()
        self._kept: dict[str, tuple[float, Any]] = {}
        # Threads start on first use, so a worker forked after this holds none it cannot use.
        self._pool = ThreadPoolExecutor(max_workers=concurrency, thread_name_prefix="gateway")

    def together(self, calls: Sequence[Callable[[], T]]) -> list[T | ApiError]:
        """Run independent calls at once; return each one's result or its ApiError, in order."""
        started = time.perf_counter()
        futures = [self._pool.submit(_in_batch(call)) for call in calls]
        try:
            return [_outcome(future.result) for future in futures]
        finally:
            if has_request_context():
                g.gateway_seconds = g.get("gateway_seconds", 0.0) + time.perf_counter() - started

    def call(
        self,
        method: str,
        path: str,
        *,
        token: str | None = None,
        json: Any = None,
        params: dict[str, Any] | None = None,
    ) -> Any:
        """Call the API at `path`; return its JSON body, or raise ApiError."""
        response = self._send(method, path, token=token, json=json, params=params)
        if response.status_code >= 400:
            raise _error_of(response)
        if response.status_code == 204 or not response.content:
            return None
        if "json" not in response.headers.get("Content-Type", ""):
            return response.text
        return response.json()

    def reference(self, path: str, max_age: float = 300.0) -> Any:
        """GET a public list that rarely changes (regions, expertise), kept for `max_age` s."""
        now = time.monotonic()
        kept = self._kept.get(path)
        if kept is not None and now - kept[0] < max_age:
            return kept[1]
        found = self.call("GET", path)
        self._kept[path] = (now, found)
        return found

    def page(
        self, path: str, *, token: str | None = None, params: dict[str, Any] | None = None
    ) -> tuple[list[Any], dict[str, Any]]:
        """GET one page of a list; return its items and the pagination the API reports."""
        response = self._send("GET", path, token=token, params=params)
        if response.status_code >= 400:
            raise _error_of(response)
        pagination = json.loads(response.headers.get("X-Pagination") or "{}")
        return response.json(), pagination

    def _send(self, method: str, path: str, *, token: str | None, **options: Any) -> Any:
        headers = {"X-Request-ID": g.get("request_id", "")}
        # The gateway's per-client limits then count the member, not the website.
        if has_request_context() and "X-Forwarded-For" in request.headers:
            headers["X-Forwarded-For"] = request.headers["X-Forwarded-For"]
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
        started = time.perf_counter()
        try:
            return self._http.request(
                method, f"{self.base_url}{path}", headers=headers, timeout=self.timeout, **options
            )
        except requests.RequestException as error:
            raise GatewayUnreachable(
                503, "The platform is not answering; retry shortly."
            ) from error
        finally:
            elapsed = time.perf_counter() - started
            GATEWAY_LATENCY.labels(method).observe(elapsed)
            if not _IN_BATCH.get():
                g.gateway_seconds = g.get("gateway_seconds", 0.0) + elapsed


def _in_batch(call: Callable[[], T]) -> Callable[[], T]:
    # The call runs in a pool thread with a copy of this request's context (its `g`, session
    # and request id), which each call needs alone: one context cannot be entered twice.
    context = contextvars.copy_context()
    context.run(_IN_BATCH.set, True)
    return lambda: context.run(call)


def _outcome(result: Callable[[], T]) -> T | ApiError:
    try:
        return result()
    except ApiError as error:
        return error


def _error_of(response: requests.Response) -> ApiError:
    try:
        body = response.json()
    except ValueError:
        body = {}
    message = body.get("message") or response.reason or "The request failed."
    return ApiError(response.status_code, str(message), _fields(body.get("errors") or {}))


def _fields(errors: dict[str, Any]) -> dict[str, str]:
    # Errors come as {"json": {"field": ["message"]}}, or nested per list item.
    found: dict[str, str] = {}
    for location in errors.values():
        if isinstance(location, dict):
            for name, problems in location.items():
                found[name] = _first_message(problems)
    return found


def _first_message(problems: Any) -> str:
    if isinstance(problems, list) and problems:
        return _first_message(problems[0])
    if isinstance(problems, dict) and problems:
        return _first_message(next(iter(problems.values())))
    return str(problems)
