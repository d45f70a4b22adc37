"""A reader of every topic, restricted and dead-letter ones included, can act as nobody.

After members join, set passwords, log in, refresh, log out, take places and leave, every
string found anywhere on any topic (keys, headers, every value, and the pieces of each) is
tried as a set-password secret, a refresh token and a bearer token against the real
services. None works, while the live secrets that were mailed still do.
"""

import json
import re
from collections.abc import Iterator
from typing import Any

from tests.e2e.flows import apply, approve, create_event
from tests.e2e.member_flows import (
    PASSWORD,
    Account,
    call,
    join,
    leave,
    log_in,
    password_link_token,
    register_for,
)
from tests.e2e.platform import Platform
from tests.notifications.smtp_server import SmtpServer
from tests.support.servers import Broker
from tests.support.topics import Seen, read_every_topic

PIECES = re.compile(r"[\s/?&=#:;,<>\"'()\[\]{}]+")
OWN_ROUTES = {
    "membership": "/members/{member_id}/profile",
    "events": "/events/mine",
    "matching": "/participation/{member_id}",
    "notifications": "/me/preferences",
}


def strings_in(value: Any) -> Iterator[str]:
    """Yield every string inside a decoded JSON value."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from strings_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings_in(item)


def candidates(records: list[Seen]) -> set[str]:
    """Return every string a reader finds in `records`, whole and cut into pieces."""
    found: set[str] = set()
    for record in records:
        texts = [record.key or "", *record.headers.values()]
        if record.value is not None:
            texts += strings_in(record.value)
        elif record.raw is not None:
            texts.append(record.raw.decode(errors="replace"))
        for text in texts:
            found.add(text)
            found.update(PIECES.split(text))
    return {text for text in found if len(text) >= 8}


def what_it_unlocks(platform: Platform, member_id: str, secret: str) -> list[str]:
    """Try `secret` every way a stolen one could be used; return the ways that worked."""
    worked = []
    body = {"token": secret, "password": PASSWORD}
    if call(platform, "POST", "/accounts/password", json=body).status_code == 204:
        worked.append("set-password")
    refresh = {"refresh_token": secret}
    if call(platform, "POST", "/accounts/refresh", json=refresh).status_code == 200:
        worked.append("refresh")
    headers = {"Authorization": f"Bearer {secret}"}
    for service, route in OWN_ROUTES.items():
        path = route.format(member_id=member_id)
        if call(platform, "GET", path, service=service, headers=headers).status_code != 401:
            worked.append(f"bearer at {service}")
    return worked


def a_month_of_accounts(platform: Platform, smtp: SmtpServer) -> tuple[Account, str]:
    """Join, refresh, log out and in, register, leave; return a member and a pending email."""
    asha = join(platform, smtp, region="wales")
    renewed = call(
        platform, "POST", "/accounts/refresh", json={"refresh_token": asha.refresh_token}
    )
    assert renewed.status_code == 200, renewed.text
    spent = {"refresh_token": renewed.json()["refresh_token"]}
    assert call(platform, "POST", "/accounts/logout", json=spent).status_code == 204
    again = log_in(platform, asha.email).json()
    asha = Account(asha.member_id, asha.email, again["access_token"], again["refresh_token"])
    register_for(platform, asha, create_event(platform, "Flow in emergency care")["id"])
    leave(platform, join(platform, smtp, region="wales"))
    pending = apply(platform, region="wales")
    approve(platform, pending["id"])
    password_link_token(smtp, pending["email"])  # its request is on the stream by now
    return asha, str(pending["email"])


def test_no_string_on_any_topic_sets_a_password_refreshes_or_authenticates(
    shared_platform: Platform, shared_smtp: SmtpServer, broker: Broker, shared_prefix: str
) -> None:
    asha, pending_email = a_month_of_accounts(shared_platform, shared_smtp)
    topics = read_every_topic(broker.bootstrap, shared_prefix)
    assert topics[f"{shared_prefix}membership.member-contact"], "the restricted topic was read"
    found = set().union(*(candidates(records) for records in topics.values()))

    unlocked = {
        s: w for s in sorted(found) if (w := what_it_unlocks(shared_platform, asha.member_id, s))
    }

    assert unlocked == {}, json.dumps(unlocked, indent=2)
    assert len(found) > 100
    # The secrets that were mailed are live, and on no topic.
    mailed = password_link_token(shared_smtp, pending_email)
    assert mailed not in found and asha.refresh_token not in found
    set_password = {"token": mailed, "password": PASSWORD}
    assert call(shared_platform, "POST", "/accounts/password", json=set_password).status_code == 204
    for service, route in OWN_ROUTES.items():
        path = route.format(member_id=asha.member_id)
        answer = call(shared_platform, "GET", path, service=service, headers=asha.headers)
        assert answer.status_code != 401, service
