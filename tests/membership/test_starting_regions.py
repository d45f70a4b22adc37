from membership.domain.recruitment import STARTING_REGIONS
from qplatform.regions import REGIONS


def test_membership_starts_with_the_regions_every_service_knows() -> None:
    assert [slug for slug, _ in STARTING_REGIONS] == list(REGIONS)
