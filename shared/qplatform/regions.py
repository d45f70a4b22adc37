"""Q's regions: the slugs every service and every event uses for where members work."""

REGIONS = (
    "scotland",
    "wales",
    "northern-ireland",
    "north-west-coast",
    "west-midlands",
    "yorkshire-and-humber",
    "uclpartners",
    "north-east-north-cumbria",
    "east-midlands",
    "south-west",
    "kent-surrey-sussex",
    "oxford",
    "wessex",
    "eastern",
)
