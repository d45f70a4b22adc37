"""Who is on the other end of a request: the client's address, as far as it can be trusted."""

import ipaddress
from collections.abc import Iterable

from flask import request

from qplatform.config import Settings


def client_address(settings: Settings) -> str:
    """Return the caller's address; behind a trusted gateway, the one the gateway saw."""
    peer = request.remote_addr or ""
    if not _among(peer, settings.trusted_proxies):
        return peer
    # Each proxy appends the address it was called from; anything left of the last address
    # that is not one of our own proxies was written by the client and proves nothing.
    forwarded = [a.strip() for a in request.headers.get("X-Forwarded-For", "").split(",")]
    for address in reversed([a for a in forwarded if a]):
        if not _among(address, settings.trusted_proxies):
            return address if _is_address(address) else peer
    return peer


def _among(address: str, networks: Iterable[str]) -> bool:
    if not _is_address(address):
        return False
    found = ipaddress.ip_address(address)
    return any(found in ipaddress.ip_network(network, strict=False) for network in networks)


def _is_address(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True
