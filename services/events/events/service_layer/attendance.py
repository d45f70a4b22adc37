"""Use cases of counting who came to Q's events, for the community figures staff report."""

from collections import defaultdict
from dataclasses import dataclass

from events.domain.registrations import Attendance
from events.service_layer.unit_of_work import EventsUnitOfWork


@dataclass(frozen=True)
class AttendanceFigures:
    """Places taken and attendance recorded, per kind of event and per pillar."""

    by_kind: dict[str, dict[str, int]]
    by_pillar: dict[str, dict[str, int]]


def attendance_figures(*, uow: EventsUnitOfWork) -> AttendanceFigures:
    """Count confirmed places, attended and no-shows per kind and per pillar."""
    by_kind: dict[str, dict[str, int]] = defaultdict(_empty)
    by_pillar: dict[str, dict[str, int]] = defaultdict(_empty)
    for kind, pillar, attendance, count in uow.registrations.confirmed_tallies():
        for tally in (by_kind[kind], by_pillar[pillar]):
            tally["confirmed"] += count
            if attendance is not None:
                tally[_column(attendance)] += count
    return AttendanceFigures(by_kind=dict(by_kind), by_pillar=dict(by_pillar))


def _empty() -> dict[str, int]:
    return {"confirmed": 0, "attended": 0, "no_show": 0}


def _column(attendance: Attendance) -> str:
    return "attended" if attendance is Attendance.ATTENDED else "no_show"
