"""Use cases of counting who came to Q's events, for the community figures staff report."""

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import func, select

from events.domain.model import Event
from events.domain.registrations import Attendance, Registration, RegistrationStatus
from qplatform.db.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class AttendanceFigures:
    """Places taken and attendance recorded, per kind of event and per pillar."""

    by_kind: dict[str, dict[str, int]]
    by_pillar: dict[str, dict[str, int]]


def attendance_figures(*, uow: UnitOfWork) -> AttendanceFigures:
    """Count confirmed places, attended and no-shows per kind and per pillar."""
    query = (
        select(Event.kind, Event.pillar, Registration.attendance, func.count())
        .join(Event, Event.id == Registration.event_id)
        .where(Registration.status == RegistrationStatus.CONFIRMED)
        .group_by(Event.kind, Event.pillar, Registration.attendance)
    )
    by_kind: dict[str, dict[str, int]] = defaultdict(_empty)
    by_pillar: dict[str, dict[str, int]] = defaultdict(_empty)
    for kind, pillar, attendance, count in uow.session.execute(query):
        for tally in (by_kind[kind], by_pillar[pillar]):
            tally["confirmed"] += count
            if attendance is not None:
                tally[_column(Attendance(attendance))] += count
    return AttendanceFigures(by_kind=dict(by_kind), by_pillar=dict(by_pillar))


def _empty() -> dict[str, int]:
    return {"confirmed": 0, "attended": 0, "no_show": 0}


def _column(attendance: Attendance) -> str:
    return "attended" if attendance is Attendance.ATTENDED else "no_show"
