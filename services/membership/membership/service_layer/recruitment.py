"""Use cases of keeping Q's regions and running recruitment waves."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from membership.domain import errors
from membership.domain.recruitment import RecruitmentWave, Region
from membership.service_layer.unit_of_work import MembershipUnitOfWork
from qplatform.identity import Caller
from qplatform.paging import Page, PageRequest


@dataclass(frozen=True)
class WaveProgress:
    """How far a wave has got towards its target."""

    wave: RecruitmentWave
    applied: int
    approved: int
    rejected: int
    withdrawn: int
    by_region: dict[str, dict[str, int]]
    approved_by_week: list[dict[str, object]]

    @property
    def target(self) -> int:
        return self.wave.target

    @property
    def awaiting_decision(self) -> int:
        return self.applied - self.approved - self.rejected - self.withdrawn


def today(uow: MembershipUnitOfWork) -> date:
    """Return today's date in UTC, the calendar waves open and close on."""
    return uow.clock.now().date()


def list_regions(*, uow: MembershipUnitOfWork, page: PageRequest) -> Page[Region]:
    """Return a page of the regions, by name."""
    return uow.regions.listed(page)


def add_region(*, uow: MembershipUnitOfWork, slug: str, name: str) -> Region:
    """Add a region to Q's list."""
    uow.hold(f"region:{slug}")
    if uow.regions.get(slug):
        raise errors.RegionExists(f"region '{slug}' already exists", field="slug")
    region = Region(slug=slug, name=name, active=True)
    uow.regions.add(region)
    _announce(uow, region)
    uow.commit()
    return region


def change_region(
    *, uow: MembershipUnitOfWork, slug: str, name: str | None, active: bool | None
) -> Region:
    """Rename a region, or retire or restore it."""
    region = uow.regions.get(slug)
    if region is None:
        raise errors.RegionNotFound(f"no region '{slug}'")
    region.name = name if name is not None else region.name
    region.active = active if active is not None else region.active
    _announce(uow, region)
    uow.commit()
    return region


def _announce(uow: MembershipUnitOfWork, region: Region) -> None:
    # Mail names regions as staff do, so every change reaches the services that name them.
    data = {"slug": region.slug, "name": region.name, "active": region.active}
    uow.publish("region-named", subject=region.slug, data=data)


def active_region(uow: MembershipUnitOfWork, slug: str) -> Region:
    """Return the active region `slug`, or refuse it as the applicant's region."""
    region = uow.regions.get(slug)
    if region is None or not region.active:
        raise errors.UnknownRegion(f"unknown region '{slug}'", field="region")
    return region


def schedule_wave(*, uow: MembershipUnitOfWork, wave: RecruitmentWave) -> RecruitmentWave:
    """Schedule a wave, refusing unknown regions and overlaps with another wave."""
    wave.check()
    for slug in wave.regions:
        if uow.regions.get(slug) is None:
            raise errors.UnknownRegion(f"unknown region '{slug}'", field="regions")
    uow.hold("waves")
    _refuse_overlaps(uow, wave)
    wave.created_at = uow.clock.now()
    uow.waves.add(wave)
    uow.flush()
    uow.publish("recruitment-wave-scheduled", subject=wave.id, data=_wave_data(wave))
    uow.commit()
    return wave


def list_waves(*, uow: MembershipUnitOfWork, page: PageRequest) -> Page[RecruitmentWave]:
    """Return a page of the waves, soonest first."""
    return uow.waves.listed(page)


def get_wave(*, uow: MembershipUnitOfWork, wave_id: str) -> RecruitmentWave:
    """Return the wave with `wave_id`."""
    wave = uow.waves.get(wave_id)
    if wave is None:
        raise errors.WaveNotFound("no recruitment wave with that id")
    return wave


def change_wave(
    *, uow: MembershipUnitOfWork, wave_id: str, changes: dict[str, object]
) -> RecruitmentWave:
    """Change a wave's name, partner, dates or target, refusing overlaps with another wave."""
    uow.hold("waves")
    wave = get_wave(uow=uow, wave_id=wave_id)
    wave.change(**changes)
    _refuse_overlaps(uow, wave)
    uow.publish("recruitment-wave-changed", subject=wave.id, data=_wave_data(wave))
    uow.commit()
    return wave


def close_wave(*, uow: MembershipUnitOfWork, wave_id: str) -> RecruitmentWave:
    """Close a wave early: from today on it takes no applications."""
    uow.hold("waves")
    wave = get_wave(uow=uow, wave_id=wave_id)
    wave.close_early(today(uow))
    data = {"wave_id": wave.id, "closed_on": wave.closed_on, "last_day": wave.last_day}
    uow.publish("recruitment-wave-closed", subject=wave.id, data=data)
    uow.commit()
    return wave


def _refuse_overlaps(uow: MembershipUnitOfWork, wave: RecruitmentWave) -> None:
    others = (w for w in uow.waves.all() if w.id != wave.id)
    clash = next((w for w in others if w.overlaps(wave)), None)
    if clash is not None:
        raise errors.WavesOverlap(
            f"wave '{clash.name}' already recruits there on some of those days", field="regions"
        )


def wave_progress(*, uow: MembershipUnitOfWork, wave_id: str, caller: Caller) -> WaveProgress:
    """Count a wave's applications by outcome, overall, per region and approvals by week.

    A partner reviewer sees only their own region's applications, of a wave recruiting there.
    """
    wave = get_wave(uow=uow, wave_id=wave_id)
    if not caller.is_staff and (caller.region is None or caller.region not in wave.regions):
        raise errors.NotYourRegion("partner reviewers see only waves recruiting in their region")
    only = None if caller.is_staff else caller.region
    by_region: dict[str, dict[str, int]] = {
        slug: {} for slug in wave.regions if only in (None, slug)
    }
    totals: dict[str, int] = {}
    for region, status, count in uow.applications.tally(wave_id):
        if only in (None, region):
            by_region.setdefault(region, {})[status] = count
            totals[status] = totals.get(status, 0) + count
    approvals = [
        decided
        for region, decided in uow.applications.approval_times(wave_id)
        if only in (None, region)
    ]
    return WaveProgress(
        wave=wave,
        applied=sum(totals.values()),
        approved=totals.get("approved", 0),
        rejected=totals.get("rejected", 0),
        withdrawn=totals.get("withdrawn", 0),
        by_region=by_region,
        approved_by_week=approvals_by_week(wave, approvals, today(uow)),
    )


def approvals_by_week(
    wave: RecruitmentWave, approvals: list[datetime], today: date
) -> list[dict[str, object]]:
    """Count approvals per week (from Monday), each with the running total, up to `today`."""
    last = max([min(wave.last_day, today), *(moment.date() for moment in approvals)])
    week = _monday(wave.opens_on)
    weeks: dict[date, int] = {}
    while week <= last:
        weeks[week] = 0
        week += timedelta(days=7)
    for moment in approvals:
        monday = _monday(moment.date())
        weeks[monday] = weeks.get(monday, 0) + 1
    rows, running = [], 0
    for monday, count in sorted(weeks.items()):
        running += count
        rows.append({"week_starting": monday, "approved": count, "approved_so_far": running})
    return rows


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _wave_data(wave: RecruitmentWave) -> dict[str, object]:
    return {
        "wave_id": wave.id,
        "name": wave.name,
        "partner": wave.partner,
        "regions": wave.regions,
        "opens_on": wave.opens_on,
        "closes_on": wave.closes_on,
        "target": wave.target,
    }
