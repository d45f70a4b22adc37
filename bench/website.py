"""Time the website's main pages for many members browsing at once, and weigh each page.

Usage: `.venv/bin/python bench/website.py [--members N] [--browsers N] [--seconds S]`.
It runs the platform, the website and the gateway as `tests/website` does (the test broker
and PostgreSQL on QP_TEST_KAFKA_PORT and QP_TEST_POSTGRES_PORT, started if need be), loads
N members into the directory, then lets simulated members log in and browse the main pages
for S seconds. It prints, per page, the p50 and p95 of the website's server time and of the
part of it spent waiting on the gateway's APIs (from each response's Server-Timing), and the
page's weight: its HTML with the CSS and JavaScript it loads, uncompressed.
"""

import argparse
import random
import re
import statistics
import sys
import threading
import time
import uuid
from collections import defaultdict
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import requests
from sqlalchemy import create_engine

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.directory_search import _load  # noqa: E402
from tests.notifications.smtp_server import SmtpServer  # noqa: E402
from tests.support.servers import Broker, Postgres, port_open  # noqa: E402
from tests.website.people import PASSWORD, Member, as_staff, member  # noqa: E402
from tests.website.site import Site, running_site  # noqa: E402

BUDGET_MS = 150.0
BUDGET_KB = 150.0
TIMING = re.compile(r"(\w+);dur=([\d.]+)")
ASSET = re.compile(r'(?:href|src)="(/static/[^"]+\.(?:css|js))"')


def main() -> None:
    """Start everything, load the members, browse, and print the figures."""
    args = _arguments()
    broker, postgres = Broker(), Postgres()
    started = [
        s for s, port in ((broker, broker.port), (postgres, postgres.port)) if not port_open(port)
    ]
    for server in started:
        server.start()
    prefix = f"bench{uuid.uuid4().hex[:8]}."
    broker.open_prefix(prefix)
    log_dir = ROOT / ".run" / "bench-website"
    log_dir.mkdir(parents=True, exist_ok=True)
    try:
        with SmtpServer() as smtp, running_site(broker, postgres, smtp, prefix, log_dir) as site:
            print(f"loading {args.members:,} members into the directory...", flush=True)
            engine = create_engine(postgres.url("membership"))
            _load(engine, args.members)
            engine.dispose()
            people, paths = _setting(site, args.browsers)
            print(f"{len(people)} members browse for {args.seconds} s...", flush=True)
            samples = _browse(site, people, paths, args.seconds)
            _report(_logged_in(site, people[0]), site, samples, paths)
    finally:
        broker.delete_topics(prefix)
        for server in started:
            server.stop()


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=10_000)
    parser.add_argument("--browsers", type=int, default=20)
    parser.add_argument("--seconds", type=int, default=60)
    return parser.parse_args()


def _setting(site: Site, browsers: int) -> tuple[list[Member], dict[str, list[str]]]:
    """Make the browsing members, some events and posts; return the pages to visit."""
    people = [member(site, f"Browsing Member {n}") for n in range(browsers)]
    events = [as_staff(site, "POST", "/events/events", json=_event(n))["id"] for n in range(30)]
    posts = [_published_post(site, people[n % len(people)], n) for n in range(10)]
    profiles = [p.member_id for p in people]
    paths = {
        "home": ["/"],
        "directory": ["/connect"],
        "directory search": ["/connect?q=Patel", "/connect?q=sepsis&region=scotland"],
        "profile": [f"/connect/members/{m}" for m in profiles],
        "events": ["/learn/events", "/learn/events?kind=webinar"],
        "event": [f"/learn/events/{e}" for e in events],
        "posts": ["/exchange"],
        "post": [f"/exchange/posts/{p}" for p in posts],
        "notifications": ["/me/notifications"],
        "coffee": ["/coffee"],
    }
    return people, paths


def _event(n: int) -> dict[str, Any]:
    day = 1 + n % 27
    return {
        "title": f"Improvement webinar {n}",
        "kind": "webinar",
        "pillar": "learn",
        "capacity": 100,
        "starts_at": f"2030-03-{day:02d}T13:00:00+00:00",
        "ends_at": f"2030-03-{day:02d}T14:00:00+00:00",
        "timezone": "Europe/London",
    }


def _published_post(site: Site, author: Member, n: int) -> str:
    body = {"title": f"Notes {n}", "kind": "blog", "pillar": "exchange", "body": "**Hi** " * 80}
    draft = requests.post(f"{site.url}/events/posts", json=body, headers=author.headers, timeout=10)
    post_id = str(draft.json()["id"])
    requests.post(f"{site.url}/events/posts/{post_id}/submit", headers=author.headers, timeout=10)
    as_staff(site, "POST", f"/events/posts/{post_id}/publish")
    return post_id


def _browse(
    site: Site, people: list[Member], paths: dict[str, list[str]], seconds: int
) -> dict[str, list[tuple[float, float]]]:
    samples: dict[str, list[tuple[float, float]]] = defaultdict(list)
    lock = threading.Lock()
    # Logging in hashes a password on purpose slowly: do it before the clock starts.
    sessions = [_logged_in(site, person) for person in people]
    deadline = time.monotonic() + seconds

    def browse(session: requests.Session, seed: int) -> None:
        rng = random.Random(seed)
        while time.monotonic() < deadline:
            page = rng.choice(list(paths))
            response = session.get(f"{site.url}{rng.choice(paths[page])}", timeout=30)
            assert response.status_code == 200, (page, response.status_code)
            timing = dict(TIMING.findall(response.headers.get("Server-Timing", "")))
            with lock:
                samples[page].append((float(timing["app"]), float(timing["gateway"])))

    _together([partial(browse, s, n) for n, s in enumerate(sessions)])
    return samples


def _logged_in(site: Site, person: Member) -> requests.Session:
    session = requests.Session()
    form = session.get(f"{site.url}/login", timeout=10).text
    token = re.search(r'name="csrf_token" value="([^"]+)"', form)
    assert token is not None
    body = {"csrf_token": token[1], "email": person.email, "password": PASSWORD}
    assert session.post(f"{site.url}/login", data=body, timeout=10).status_code == 200
    return session


def _together(jobs: list[Callable[[], None]]) -> None:
    failures: list[BaseException] = []

    def run(job: Callable[[], None]) -> None:
        try:
            job()
        except BaseException as error:
            failures.append(error)

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise failures[0]


def _report(
    session: requests.Session,
    site: Site,
    samples: dict[str, list[tuple[float, float]]],
    paths: dict[str, list[str]],
) -> None:
    print(
        f"\n{'page':<18}{'requests':>9}{'p50 ms':>9}{'p95 ms':>9}"
        f"{'API p50':>9}{'API p95':>9}{'own p95':>9}{'weight KB':>11}"
    )
    worst_ms, worst_kb = 0.0, 0.0
    for page, timings in sorted(samples.items()):
        total = [t for t, _ in timings]
        api = [a for _, a in timings]
        own = [t - a for t, a in timings]
        weight = _weight(session, site, paths[page][0])
        worst_ms, worst_kb = max(worst_ms, _p(total, 95)), max(worst_kb, weight)
        print(
            f"{page:<18}{len(timings):>9}{_p(total, 50):>9.1f}{_p(total, 95):>9.1f}"
            f"{_p(api, 50):>9.1f}{_p(api, 95):>9.1f}{_p(own, 95):>9.1f}{weight:>11.1f}"
        )
    print(
        f"\nworst p95 {worst_ms:.1f} ms (budget {BUDGET_MS:.0f}); "
        f"heaviest page {worst_kb:.1f} KB (budget {BUDGET_KB:.0f})"
    )


def _weight(session: requests.Session, site: Site, path: str) -> float:
    """Return the page's HTML, CSS and JavaScript in KB, uncompressed, as a member loads it."""
    html = session.get(f"{site.url}{path}", timeout=10).content
    assets = set(ASSET.findall(html.decode()))
    size = len(html) + sum(len(session.get(f"{site.url}{a}", timeout=10).content) for a in assets)
    return size / 1024


def _p(samples: list[float], percentile: int) -> float:
    if len(samples) < 2:
        return samples[0] if samples else 0.0
    return statistics.quantiles(samples, n=100, method="inclusive")[percentile - 1]


if __name__ == "__main__":
    main()
