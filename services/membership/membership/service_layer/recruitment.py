"""Use cases of keeping Q's regions and running recruitment waves."""

from dataclasses import dataclass
from datetime import UTC, date, datetime

from membership.adapters.recruitment import Regions, Waves
from membership.adapters.storage import Applications, hold
from membership.domain import errors
from membership.domain.recruitment import RecruitmentWave, Region
from qplatform.db.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class WaveProgress:
    """How far a wave has got towards its target."""

    wave: RecruitmentWave
    applied: int
    approved: int
    rejected: int
    withdrawn: int
    by_region: dict[str, dict[str, int]]

    @property
    def target(self) -> int:
        return self.wave.target

    @property
    def awaiting_decision(self) -> int:
        return self.applied - self.approved - self.rejected - self.withdrawn


def today() -> date:
    """Return today's date in UTC, the calendar waves open and close on."""
    return datetime.now(UTC).date()


def list_regions(*, uow: UnitOfWork) -> list[Region]:
    """Return every region, by name."""
    return Regions(uow.session).all()


def add_region(*, uow: UnitOfWork, slug: str, name: str) -> Region:
    """Add a region to Q's list."""
    hold(uow.session, f"region:{slug}")
    if Regions(uow.session).get(slug):
        raise errors.RegionExists(f"region '{slug}' already exists", field="slug")
    region = Region(slug=slug, name=name, active=True)
    Regions(uow.session).add(region)
    _announce(uow, region)
    uow.commit()
    return region


def change_region(*, uow: UnitOfWork, slug: str, name: str | None, active: bool | None) -> Region:
    """Rename a region, or retire or restore it."""
    region = Regions(uow.session).get(slug)
    if region is None:
        raise errors.RegionNotFound(f"no region '{slug}'")
    region.name = name if name is not None else region.name
    region.active = active if active is not None else region.active
    _announce(uow, region)
    uow.commit()
    return region


def _announce(uow: UnitOfWork, region: Region) -> None:
    # Mail names regions as staff do, so every change reaches the services that name them.
    data = {"slug": region.slug, "name": region.name, "active": region.active}
    uow.publish("region-named", subject=region.slug, data=data)


def active_region(uow: UnitOfWork, slug: str) -> Region:
    """Return the active region `slug`, or refuse it as the applicant's region."""
    region = Regions(uow.session).get(slug)
    if region is None or not region.active:
        raise errors.UnknownRegion(f"unknown region '{slug}'", field="region")
    return region


def schedule_wave(*, uow: UnitOfWork, wave: RecruitmentWave) -> RecruitmentWave:
    """Schedule a wave, refusing unknown regions and overlaps with another wave."""
    wave.check()
    for slug in wave.regions:
        if Regions(uow.session).get(slug) is None:
            raise errors.UnknownRegion(f"unknown region '{slug}'", field="regions")
    hold(uow.session, "waves")
    clash = next((w for w in Waves(uow.session).all() if w.overlaps(wave)), None)
    if clash is not None:
        raise errors.WavesOverlap(
            f"wave '{clash.name}' already recruits there on some of those days", field="regions"
        )
    Waves(uow.session).add(wave)
    uow.session.flush()
    uow.publish("recruitment-wave-scheduled", subject=wave.id, data=_wave_data(wave))
    uow.commit()
    return wave


def list_waves(*, uow: UnitOfWork) -> list[RecruitmentWave]:
    """Return every wave, soonest first."""
    return Waves(uow.session).all()


def get_wave(*, uow: UnitOfWork, wave_id: str) -> RecruitmentWave:
    """Return the wave with `wave_id`."""
    wave = Waves(uow.session).get(wave_id)
    if wave is None:
        raise errors.WaveNotFound("no recruitment wave with that id")
    return wave


def wave_progress(*, uow: UnitOfWork, wave_id: str) -> WaveProgress:
    """Count a wave's applications by outcome, overall and per region."""
    wave = get_wave(uow=uow, wave_id=wave_id)
    by_region: dict[str, dict[str, int]] = {slug: {} for slug in wave.regions}
    totals: dict[str, int] = {}
    for region, status, count in Applications(uow.session).tally(wave_id):
        by_region.setdefault(region, {})[status] = count
        totals[status] = totals.get(status, 0) + count
    return WaveProgress(
        wave=wave,
        applied=sum(totals.values()),
        approved=totals.get("approved", 0),
        rejected=totals.get("rejected", 0),
        withdrawn=totals.get("withdrawn", 0),
        by_region=by_region,
    )


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
