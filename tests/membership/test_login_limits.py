"""Password guessing is slowed per client: no one can lock a member out, or spray accounts."""

from typing import Any

import argon2
import pytest
from argon2 import PasswordHasher
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from membership.adapters import passwords
from membership.domain.accounts import ADDRESS_ATTEMPTS, CLIENT_ATTEMPTS
from membership.domain.model import Member
from tests.membership.test_accounts_api import PASSWORD, member  # noqa: F401 (a fixture)

EMAIL = "asha.patel@example.org"
GATEWAY = "127.0.0.1"


def log_in(
    client: FlaskClient,
    *,
    via: str,
    email: str = EMAIL,
    password: str = PASSWORD,
    peer: str = GATEWAY,
) -> Any:
    """Log in as a client at address `via` would, through the gateway at `peer`."""
    return client.post(
        "/accounts/login",
        json={"email": email, "password": password},
        headers={"X-Forwarded-For": via},
        environ_base={"REMOTE_ADDR": peer},
    )


def test_guessing_from_one_client_never_locks_the_member_out_of_theirs(
    client: FlaskClient,
    member: str,  # noqa: F811
) -> None:
    for _ in range(ADDRESS_ATTEMPTS * 3):
        log_in(client, via="203.0.113.66", password="guess")
    assert log_in(client, via="203.0.113.66").status_code == 429
    assert log_in(client, via="198.51.100.7").status_code == 200


def test_a_client_spraying_many_addresses_is_stopped_at_every_address(
    client: FlaskClient,
    member: str,  # noqa: F811
) -> None:
    for n in range(CLIENT_ATTEMPTS):
        answer = log_in(client, via="203.0.113.66", email=f"someone{n}@example.org", password="x")
        assert answer.status_code == 401
    assert log_in(client, via="203.0.113.66").status_code == 429
    assert log_in(client, via="198.51.100.7").status_code == 200


@pytest.mark.parametrize(
    ("forwarded", "peer"),
    [
        # Addresses a client writes itself, left of what the gateway appended, prove nothing.
        (["10.0.0.{n}, 203.0.113.66"], GATEWAY),
        # A load balancer in front of the gateway adds its own private address.
        (["198.51.100.{n}, 203.0.113.66, 10.1.2.3"], "10.4.5.6"),
        # A caller that is not the gateway cannot name another client at all.
        (["198.51.100.{n}"], "203.0.113.66"),
    ],
)
def test_a_client_cannot_escape_the_limit_by_forging_forwarded_addresses(
    client: FlaskClient,
    member: str,  # noqa: F811
    forwarded: list[str],
    peer: str,
) -> None:
    for n in range(ADDRESS_ATTEMPTS):
        via = forwarded[0].format(n=n)
        assert log_in(client, via=via, password="guess", peer=peer).status_code == 401
    assert log_in(client, via=forwarded[0].format(n=99), peer=peer).status_code == 429


def test_a_successful_login_forgets_only_that_clients_failures(
    client: FlaskClient,
    member: str,  # noqa: F811
) -> None:
    for _ in range(ADDRESS_ATTEMPTS - 1):
        log_in(client, via="198.51.100.7", password="typo")
    assert log_in(client, via="198.51.100.7").status_code == 200
    for _ in range(ADDRESS_ATTEMPTS - 1):
        assert log_in(client, via="198.51.100.7", password="typo").status_code == 401
    assert log_in(client, via="198.51.100.7").status_code == 200


def _stored_hash(app: Flask) -> str:
    with app.extensions["qplatform"].engine.connect() as connection:
        return str(connection.scalar(select(Member.password_hash)))


def test_a_hash_made_with_older_parameters_is_replaced_at_the_next_login(
    client: FlaskClient,
    app: Flask,
    member: str,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    before = argon2.extract_parameters(_stored_hash(app))
    newer = PasswordHasher(time_cost=2, memory_cost=16, parallelism=1)
    monkeypatch.setattr(passwords, "HASHER", newer)
    assert log_in(client, via="198.51.100.7").status_code == 200
    after = argon2.extract_parameters(_stored_hash(app))
    assert (before.time_cost, before.memory_cost) == (1, 8)
    assert (after.time_cost, after.memory_cost, after.type) == (2, 16, argon2.Type.ID)
    assert log_in(client, via="198.51.100.7").status_code == 200
    assert log_in(client, via="198.51.100.7", password="wrong").status_code == 401
