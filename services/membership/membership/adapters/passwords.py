"""Password hashes: argon2id with the parameters OWASP recommends for a web server.

OWASP's Password Storage Cheat Sheet lists equally strong argon2id settings that trade memory
for passes; 19 MiB, 2 passes, 1 lane (its first choice) checks a password in a sixth of the
time argon2-cffi's default (64 MiB, 3 passes, 4 lanes) took on two shared cores (bench/login.py)
and keeps a gunicorn worker per core within a small server's memory. Hashes made with other
parameters still verify, and are replaced at the member's next successful login.
"""

from functools import cache

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError

HASHER = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1, type=Type.ID)


def hashed(password: str) -> str:
    """Return the hash to store of `password`."""
    return HASHER.hash(password)


def matches(password_hash: str | None, password: str) -> bool:
    """Tell whether `password` is the one `password_hash` was made from."""
    # An unknown email is checked against a decoy, so it costs as long as a wrong password.
    try:
        return HASHER.verify(password_hash or _decoy(), password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def outdated(password_hash: str) -> bool:
    """Tell whether `password_hash` was made with other parameters than today's."""
    return HASHER.check_needs_rehash(password_hash)


@cache
def _decoy() -> str:
    return HASHER.hash("decoy password that matches nobody")
