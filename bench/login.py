"""Time a login's password check: argon2-cffi's default parameters against the ones in use.

Run: `.venv/bin/python bench/login.py` (options: --logins N). It hashes one password with
each set of parameters, then times N verifications of it, as a login does, and prints the
median and 95th percentile of each, and the memory each verification takes.
"""

import argparse
import statistics
import time

from argon2 import PasswordHasher

from membership.adapters import passwords

PASSWORD = "correct horse battery staple"


def timings(hasher: PasswordHasher, logins: int) -> list[float]:
    """Return the seconds each of `logins` verifications of one hash took."""
    stored = hasher.hash(PASSWORD)
    taken = []
    for _ in range(logins):
        started = time.perf_counter()
        hasher.verify(stored, PASSWORD)
        taken.append(time.perf_counter() - started)
    return taken


def describe(name: str, hasher: PasswordHasher, logins: int) -> float:
    """Print the figures of one set of parameters; return its median in seconds."""
    taken = sorted(timings(hasher, logins))
    p50, p95 = statistics.median(taken), taken[int(len(taken) * 0.95) - 1]
    print(
        f"{name:<34} m={hasher.memory_cost // 1024:>3} MiB t={hasher.time_cost} "
        f"p={hasher.parallelism}   p50 {p50 * 1000:7.1f} ms   p95 {p95 * 1000:7.1f} ms"
    )
    return p50


def main() -> None:
    """Compare the baseline with the parameters in use."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--logins", type=int, default=30)
    logins = parser.parse_args().logins
    baseline = describe("baseline (argon2-cffi default)", PasswordHasher(), logins)
    now = describe("in use (OWASP argon2id)", passwords.HASHER, logins)
    print(f"a login's password check is {baseline / now:.1f}x faster")


if __name__ == "__main__":
    main()
