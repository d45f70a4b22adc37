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

# The names the platform started with. Staff rename and add regions in membership, which
# announces each name (region-named); these stand only for a region never announced.
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
