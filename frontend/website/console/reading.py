"""Reads a console page makes at once, each as the signed-in member, through the gateway."""

from collections.abc import Callable
from typing import Any

from website.gateway import ApiError
from website.signed_in import gateway, member_reads


def read(path: str, **params: Any) -> Callable[[str], Any]:
    """Return a GET of `path` with `params` that `member_reads` runs with the member's token."""
    return lambda token: gateway().call("GET", path, token=token, params=params or None)


def read_all(*reads: Callable[[str], Any]) -> list[Any]:
    """Run `reads` at once; return their bodies, or raise the first refusal among them."""
    found = member_reads(*reads)
    for result in found:
        if isinstance(result, ApiError):
            raise result
    return found
