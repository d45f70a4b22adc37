"""A month of community life, told as events that pass through the catalog's schemas."""

import functools
import random
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from qplatform.errors import EventContractViolation
from qplatform.events import CATALOG, Envelope, EventSpec
from qplatform.events.json_schema import example_data

REGIONS = [
    "scotland",
    "north-west-coast",
    "west-midlands",
    "yorkshire-and-humber",
    "ucl-partners",
    "north-east-north-cumbria",
]
FIRST = ["Asha", "Tom", "Mairi", "Kwame", "Ruth", "Imran", "Elin", "Joe", "Priya", "Sean"]
LAST = ["Patel", "Reid", "Campbell", "Mensah", "Evans", "Khan", "Jones", "Murphy", "Shah"]
ORGANISATIONS = ["NHS Lothian", "Lancashire NHS Trust", "Sandwell CCG", "Leeds Teaching Hospitals"]
JOBS = ["Improvement Lead", "Nurse Consultant", "GP", "Data Analyst", "Service Manager"]


@functools.cache
def _examples(spec: EventSpec) -> dict[str, Any]:
    return spec.deserialise(example_data(spec))


@dataclass
class Member:
    """A member as the generator remembers them."""

    id: str
    region: str
    joined_at: datetime


@dataclass
class Activity:
    """Events of one month, appended in the order things happen to each aggregate."""

    rng: random.Random
    start: datetime
    events: list[Envelope] = field(default_factory=list)
    members: list[Member] = field(default_factory=list)
    waves: dict[str, str] = field(default_factory=dict)

    @property
    def end(self) -> datetime:
        return (self.start + timedelta(days=32)).replace(day=1)

    def new_id(self) -> str:
        """Return a reproducible random UUID."""
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def moment(self, after: datetime | None = None, within: timedelta | None = None) -> datetime:
        """Return a random time in the month (or in `within` after `after`)."""
        low = after or self.start
        span = within or (self.end - low)
        return low + timedelta(seconds=self.rng.uniform(0, span.total_seconds()))

    def emit(
        self, type: str, at: datetime, data: dict[str, Any], source: str, version: int = 1
    ) -> bool:
        """Record an event of `type` if the catalog has it and it falls in the month."""
        try:
            spec = CATALOG.spec(type, version)
        except EventContractViolation:
            return False  # the platform does not publish this yet
        if at >= self.end:
            return False
        # Fields added since this generator was written take their documented example.
        data = {**_examples(spec), **data}
        subject = str(data[spec.topic.key.replace(" ", "_")])
        self.events.append(
            Envelope(
                id=self.new_id(),
                type=type,
                version=version,
                source=source,
                time=at,
                subject=subject,
                correlation_id=self.new_id(),
                data=spec.serialise(data),
            )
        )
        return True

    def wave(self, name: str, partner: str, regions: list[str], target: int) -> None:
        """Schedule a recruitment wave that runs for the month."""
        wave_id = self.new_id()
        for region in regions:
            self.waves[region] = wave_id
        data = {
            "wave_id": wave_id,
            "name": name,
            "partner": partner,
            "regions": regions,
            "opens_on": self.start.date(),
            "closes_on": (self.end - timedelta(days=1)).date(),
            "target": target,
        }
        self.emit("recruitment-wave-scheduled", self.start, data, "membership")

    def recruit(self) -> None:
        """Take applications in every region; staff decide most within days."""
        for region in REGIONS:
            size = 130 if region in self.waves else 25
            for _ in range(int(size * self.rng.uniform(0.7, 1.3))):
                self.application(region)

    def application(self, region: str) -> None:
        """Take one application and, usually, decide it."""
        application_id, submitted = self.new_id(), self.moment()
        data: dict[str, Any] = {
            "application_id": application_id,
            "region": region,
            "submitted_at": submitted,
        }
        wave_id = self.waves.get(region)
        if wave_id:
            data["wave_id"] = wave_id
        self.emit("application-submitted", submitted, data, "membership", version=2)
        decided = self.moment(submitted, timedelta(days=6))
        outcome = self.rng.random()
        if outcome < 0.8:
            self.join(application_id, region, decided)
        elif wave_id and outcome < 0.9:
            decision = {"application_id": application_id, "region": region, "wave_id": wave_id}
            kind = "application-rejected" if outcome < 0.86 else "application-withdrawn"
            self.emit(kind, decided, {**decision, "decided_at": decided}, "membership")

    def join(self, application_id: str, region: str, at: datetime) -> None:
        """Approve an application: a member joins, their contact goes to notifications."""
        member_id = self.new_id()
        approval = {"application_id": application_id, "member_id": member_id, "decided_at": at}
        if not self.emit("application-approved", at, approval, "membership"):
            return
        name = f"{self.rng.choice(FIRST)} {self.rng.choice(LAST)}"
        joined = {"member_id": member_id, "region": region, "joined_at": at}
        self.emit("member-joined", at, joined, "membership", version=2)
        profile = {
            **joined,
            "display_name": name,
            "organisation": self.rng.choice(ORGANISATIONS),
            "job_title": self.rng.choice(JOBS),
        }
        self.emit("member-profile-recorded", at, profile, "membership")
        self.members.append(Member(member_id, region, at))
        contact = {
            "member_id": member_id,
            "email": name.lower().replace(" ", ".") + f"{len(self.members)}@example.org",
            "display_name": name,
            "consents": ["digest", "coffee-trials"],
        }
        self.emit("member-contact-recorded", at, contact, "membership")
        self.notify(member_id, "welcome", "account", at + timedelta(minutes=2))
        if self.rng.random() < 0.05:
            role = {"member_id": member_id, "role": "connector", "granted": True}
            changed = at + timedelta(days=2)
            self.emit(
                "member-role-changed",
                changed,
                {**role, "region": region, "changed_at": changed},
                "membership",
            )

    def notify(self, member_id: str, template: str, category: str, at: datetime) -> None:
        """Send a member a message; a few fail."""
        data = {
            "message_id": self.new_id(),
            "member_id": member_id,
            "template": template,
            "category": category,
            "attempts": 1,
        }
        if self.rng.random() < 0.03:
            failure = {**data, "attempts": 3, "reason": "mailbox full", "failed_at": at}
            self.emit("notification-failed", at, failure, "notifications")
        else:
            self.emit("notification-sent", at, {**data, "sent_at": at}, "notifications")

    def members_by(self, at: datetime) -> list[Member]:
        """Return the members who had joined by `at`."""
        return [m for m in self.members if m.joined_at <= at]
