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

# The names members read, as staff first gave them; mail says these, never the slugs.
REGION_NAMES = {
    "scotland": "Scotland",
    "wales": "Wales",
    "northern-ireland": "Northern Ireland",
    "north-west-coast": "North West Coast",
    "west-midlands": "West Midlands",
    "yorkshire-and-humber": "Yorkshire and Humber",
    "uclpartners": "UCLPartners",
    "north-east-north-cumbria": "North East North Cumbria",
    "east-midlands": "East Midlands",
    "south-west": "South West",
    "kent-surrey-sussex": "Kent, Surrey and Sussex",
    "oxford": "Oxford",
    "wessex": "Wessex",
    "eastern": "Eastern",
}
