"""What the fault suite does to the platform, and how it counts every effect."""

import os
import signal
import subprocess
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import requests
from sqlalchemy import bindparam, create_engine, text

from tests.e2e.platform import BIN, Platform
from tests.notifications.smtp_server import SmtpServer
from tests.support.auth import STAFF, bearer
from tests.support.servers import Broker, Postgres
from tests.support.waiting import wait_until

WELCOME = "Welcome to Q"
PASSWORD = "Set your Q password"
# Where each service keeps one row per member who joined.
MEMBER_ROWS = {
    "events": "members",
    "matching": "participants",
    "notifications": "contacts",
    "collaboration": "members",
}
LAB_PROBLEM = "Handovers between wards"
LAB_PLACE = f"You have a place in the Q Lab: {LAB_PROBLEM}"
# Where collaboration keeps what a member did once: applied to a cohort, answered a survey.
ONCE_PER_MEMBER = {
    "cohort": "SELECT count(*) FROM lab_applications WHERE cohort_id = :id AND member_id IN :ids",
    "survey": "SELECT count(*) FROM survey_responses WHERE survey_id = :id AND member_id IN :ids",
}


@dataclass
class Harness:
    """The running platform, the servers under it, and every HTTP status it answered."""

    platform: Platform
    smtp: SmtpServer
    broker: Broker
    postgres: Postgres
    database_urls: dict[str, str]
    prefix: str
    log_dir: Path
    statuses: Counter[int] = field(default_factory=Counter)
    addresses: set[str] = field(default_factory=set)
    members: dict[str, str] = field(default_factory=dict)

    def request(self, method: str, service: str, path: str, **options: Any) -> requests.Response:
        """Send a request, again while it answers 503 with Retry-After; never accept a 500."""

        # A list, because a response to a 4xx is falsy and wait_until waits for truth.
        def answered() -> list[requests.Response]:
            try:
                response = requests.request(
                    method, f"{self.platform.url(service)}{path}", timeout=10, **options
                )
            except requests.RequestException:
                return []
            self.statuses[response.status_code] += 1
            assert response.status_code < 500 or response.status_code == 503, response.text
            if response.status_code == 503:
                assert response.headers.get("Retry-After"), "a 503 says when to come back"
                assert response.json()["code"] == 503
                return []
            return [response]

        return wait_until(answered, timeout=90, interval=0.2, message=path)[0]

    def join(self, count: int) -> dict[str, str]:
        """Apply and approve `count` people; return each member id with its address."""
        self._open_wave()
        joined = {}
        for _ in range(count):
            email = f"m-{uuid.uuid4().hex[:10]}@example.org"
            form = {
                "name": "Asha Patel",
                "email": email,
                "organisation": "NHS Tayside",
                "job_title": "Improvement Lead",
                "region": "scotland",
                "consent_version": "2026-01",
                "statement": "Ran a quality improvement collaborative.",
            }
            applied = self.request("POST", "membership", "/applications", json=form)
            assert applied.status_code == 201, applied.text
            path = f"/applications/{applied.json()['id']}/approve"
            approved = self.request("POST", "membership", path, headers=STAFF)
            assert approved.status_code in (200, 409), approved.text
            if approved.status_code == 409:  # the first try was applied before its answer was lost
                approved = self.request(
                    "GET", "membership", f"/applications/{applied.json()['id']}", headers=STAFF
                )
            joined[approved.json()["member_id"]] = email
        return joined

    def _open_wave(self) -> None:
        today = datetime.now(UTC).date()
        body = {
            "name": "Scotland fault wave",
            "partner": "Q",
            "regions": ["scotland"],
            "target": 5000,
            "opens_on": str(today - timedelta(days=1)),
            "closes_on": str(today + timedelta(days=30)),
        }
        opened = self.request("POST", "membership", "/waves", json=body, headers=STAFF)
        assert opened.status_code in (201, 409), opened.text

    def open_cohort(self) -> str:
        """Open a Lab cohort as staff; return its id."""
        starts = datetime.now(UTC).date() + timedelta(days=30)
        form = {"problem": LAB_PROBLEM, "statement": "Why is news lost at handover?"}
        form |= {"how_to_apply": "Say what you bring.", "starts_on": str(starts), "months": 9}
        opened = self.request(
            "POST", "collaboration", "/cohorts", json={**form, "capacity": 50}, headers=STAFF
        )
        assert opened.status_code == 201, opened.text
        return str(opened.json()["id"])

    def apply_and_select(self, cohort_id: str, member_ids: list[str]) -> None:
        """Have each member apply to the cohort and staff select them, each exactly once."""
        for member_id in member_ids:
            path = f"/cohorts/{cohort_id}/applications"
            body = {"statement": "I ran handover audits."}
            applied = self.request(
                "POST", "collaboration", path, json=body, headers=bearer(member_id)
            )
            # 409: an earlier try was applied before its answer was lost.
            assert applied.status_code in (201, 409), applied.text
            path, body = f"/cohorts/{cohort_id}/participants", {"member_id": member_id}
            selected = self.request("POST", "collaboration", path, json=body, headers=STAFF)
            assert selected.status_code in (200, 409), selected.text

    def open_survey(self) -> dict[str, Any]:
        """Write and open a one-question survey to everyone; return it with its questions."""
        question = {"kind": "single-choice", "prompt": "Useful?", "options": ["Yes", "No"]}
        form = {"title": "Your month in Q", "audience": "everyone", "questions": [question]}
        written = self.request("POST", "collaboration", "/surveys", json=form, headers=STAFF)
        assert written.status_code == 201, written.text
        survey_id = written.json()["id"]
        opened = self.request("POST", "collaboration", f"/surveys/{survey_id}/open", headers=STAFF)
        assert opened.status_code in (200, 409), opened.text
        shown = self.request("GET", "collaboration", f"/surveys/{survey_id}", headers=STAFF)
        return dict(shown.json())

    def answer(self, survey: dict[str, Any], member_ids: list[str]) -> None:
        """Have each member answer the survey, exactly once."""
        (question,) = survey["questions"]
        body = {"answers": {question["id"]: {"choices": ["Yes"]}}}
        path = f"/surveys/{survey['id']}/responses"
        for member_id in member_ids:
            answered = self.request(
                "POST", "collaboration", path, json=body, headers=bearer(member_id)
            )
            assert answered.status_code in (201, 409), answered.text

    def once_per_member(self, kind: str, id: str, member_ids: list[str]) -> int:
        """Count what collaboration keeps of `member_ids` for the cohort or survey `id`."""
        query = text(ONCE_PER_MEMBER[kind]).bindparams(bindparam("ids", expanding=True))
        engine = create_engine(self.database_urls["collaboration"])
        try:
            with engine.connect() as connection:
                found = connection.execute(query, {"id": id, "ids": member_ids}).scalar_one()
                return int(found)
        finally:
            engine.dispose()

    def mails(self, email: str, subject: str) -> int:
        """Count the mails with `subject` the SMTP server took for `email`."""
        return sum(1 for mail in self.smtp.to(email) if mail.message["Subject"] == subject)

    def rows(self, service: str, member_ids: list[str]) -> int:
        """Count the members among `member_ids` that `service` keeps a row for."""
        table = MEMBER_ROWS[service]
        query = text(f"SELECT count(*) FROM {table} WHERE member_id IN :ids").bindparams(
            bindparam("ids", expanding=True)
        )
        engine = create_engine(self.database_urls[service])
        try:
            with engine.connect() as connection:
                return int(connection.execute(query, {"ids": member_ids}).scalar_one())
        finally:
            engine.dispose()

    def every_effect_once(self, joined: dict[str, str], timeout: float = 120) -> None:
        """Wait until each member has every effect, and note any mail that came twice."""
        self.addresses |= set(joined.values())
        ids = list(joined)
        self.members |= joined

        def complete() -> bool:
            mails = [(self.mails(e, WELCOME), self.mails(e, PASSWORD)) for e in joined.values()]
            if any(w == 0 or p == 0 for w, p in mails):
                return False
            return all(self.rows(service, ids) == len(ids) for service in MEMBER_ROWS)

        wait_until(complete, timeout=timeout, interval=0.5, message="every effect of every member")

    def known_members(self, count: int) -> dict[str, str]:
        """Return `count` members every service knows: joined by an earlier fault, or now."""
        if len(self.members) < count:
            self.every_effect_once(self.join(count - len(self.members)))
        return dict(list(self.members.items())[:count])

    def doubled_mails(self) -> dict[str, int]:
        """Return each address that got a mail more than once, and how many copies."""
        counts = {
            f"{email} {subject}": self.mails(email, subject)
            for email in self.addresses
            for subject in (WELCOME, PASSWORD, LAB_PLACE)
        }
        return {name: count for name, count in counts.items() if count > 1}

    def workers_up(self) -> list[str]:
        """Return the services whose worker or web process has exited."""
        down = []
        for name, processes in self.platform.services.items():
            for kind, popen in (("worker", processes.worker), ("web", processes.web)):
                if popen is None or popen.poll() is not None:
                    down.append(f"{name} {kind}")
        return down

    def extra_worker(self, service: str) -> subprocess.Popen[bytes]:
        """Start a second worker of `service` (a second relay and consumer in its group)."""
        env = dict(self.platform.services[service].env)
        env["QP_WORKER_METRICS_PORT"] = "0"
        with open(self.log_dir / f"{service}-extra-worker.log", "ab") as out:
            return subprocess.Popen(
                [str(BIN / "qp-worker"), service],
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def sigkill_worker(self, service: str) -> None:
        """Kill a worker as a crash would, and start it again as its supervisor would."""
        processes = self.platform.services[service]
        processes.kill_worker()
        processes.start_worker()


def stop_process(popen: subprocess.Popen[bytes]) -> int:
    """Stop a process we started, and return its exit status."""
    if popen.poll() is None:
        os.killpg(popen.pid, signal.SIGTERM)
        popen.wait(timeout=30)
    return int(popen.returncode)
