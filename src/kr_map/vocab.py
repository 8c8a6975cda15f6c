"""The closed vocabularies of the dataset: kinds, sides, layers and the map's region."""

from __future__ import annotations

from datetime import date

# The region every place must lie in: Cambodia, Thailand, Laos, Vietnam and their borders.
REGION_LAT = (5.0, 24.0)
REGION_LON = (97.0, 110.0)

# The day the war began: Democratic Kampuchea fell and the insurgency started (the infobox of
# seeds/khmer_rouge_insurgency.txt: "First Phase: January 7, 1979"). No holding starts before it.
WAR_START = date(1979, 1, 7)

# Does a row's quote say the fact itself, or does the seed only imply it (reasoning in `summary`)?
BASES = ("stated", "inferred")

FACTION_IDS = ("khmer_rouge", "kpnlf", "funcinpec", "prk", "vietnam", "rgc", "thailand", "untac")
SIDES = ("resistance", "government", "foreign", "international")

PLACE_KINDS = (
    "city", "town", "village", "camp", "base", "temple", "province", "region", "crossing",
    "mountain",
)  # fmt: skip
COORD_PRECISIONS = ("exact", "approximate")

# Violent kinds are drawn on the battles layer; the rest are shown as other events.
VIOLENT_EVENT_KINDS = (
    "battle", "offensive", "capture", "attack", "ambush", "shelling", "massacre", "bombing",
)  # fmt: skip
OTHER_EVENT_KINDS = (
    "withdrawal", "agreement", "election", "coup", "defection", "surrender", "negotiation",
    "founding", "death", "arrest", "camp", "political", "other",
)  # fmt: skip
EVENT_KINDS = VIOLENT_EVENT_KINDS + OTHER_EVENT_KINDS
# Events that a content note warns about before they are shown in the story.
DISTRESSING_EVENT_KINDS = ("massacre",)

MOVEMENT_KINDS = (
    "refugees", "displacement", "repatriation", "relocation", "retreat", "withdrawal", "defection",
)  # fmt: skip

# Map layers, in drawing order (bottom first). Names are used in URLs and story.csv.
LAYERS = ("zones", "control", "camps", "movements", "battles", "events")
LAYER_TITLES = {
    "zones": "Zones of control (approximate)",
    "control": "Control",
    "camps": "Border camps",
    "movements": "Refugee & troop movements",
    "battles": "Battles & violence",
    "events": "Other events",
}


def in_region(lat: float, lon: float) -> bool:
    """Return True when a coordinate lies inside the map's region."""
    return REGION_LAT[0] <= lat <= REGION_LAT[1] and REGION_LON[0] <= lon <= REGION_LON[1]
