"""How things look: SVG symbols per event kind, sizes by people, movement colours.

Defined once, here: :func:`look` gathers every colour, mark, shape and size the
browser draws with and the player receives it as data (``look`` in its mount
options); the JavaScript never types a colour or a polygon of its own.
"""

from __future__ import annotations

import math
from typing import Any

from kr_map.i18n import N_, _

# Shapes in a 24x24 box, one per kind of violence, so symbols differ by shape and not
# only by colour (colour-blind readers, greyscale projectors).
SHAPE_POINTS = {
    "burst": "12,1 14.6,8 22,6 17,12 22,18 14.6,16 12,23 9.4,16 2,18 7,12 2,6 9.4,8",
    "triangle": "12,2 22.5,21 1.5,21",
    "square": "3,3 21,3 21,21 3,21",
    "diamond": "12,1 23,12 12,23 1,12",
    "cross": "9,2 15,2 15,9 22,9 22,15 15,15 15,22 9,22 9,15 2,15 2,9 9,9",
    "saltire": "5,1 12,8 19,1 23,5 16,12 23,19 19,23 12,16 5,23 1,19 8,12 1,5",
    "tent": "12,2 23,21 15,21 12,14 9,21 1,21",
    "dot": "12,4 17.7,6.3 20,12 17.7,17.7 12,20 6.3,17.7 4,12 6.3,6.3",
}

KIND_SHAPES = {
    "battle": "burst",
    "offensive": "triangle",
    "capture": "square",
    "attack": "diamond",
    "ambush": "diamond",
    "shelling": "cross",
    "bombing": "cross",
    "massacre": "saltire",
    "camp": "tent",
}
SHAPE_NAMES = {
    "burst": N_("battle"),
    "triangle": N_("offensive"),
    "square": N_("capture"),
    "diamond": N_("attack or ambush"),
    "cross": N_("shelling or bombing"),
    "saltire": N_("massacre"),
    "tent": N_("border camp"),
    "dot": N_("other event"),
}

# Movements are drawn in colours outside the faction palette (Paul Tol's indigo and a
# dark grey), so an arrow is never read as a faction.
PEOPLE_MOVEMENT_COLOUR = "#332288"
TROOP_MOVEMENT_COLOUR = "#444444"
TROOP_MOVEMENT_KINDS = ("retreat", "withdrawal", "defection")
# The second channel of a faction, beside its colour: a mark written in its places, so a
# greyscale print or a washed-out projector still tells the sides apart.
FACTION_MARKS = {
    "khmer_rouge": "KR", "kpnlf": "KP", "funcinpec": "F", "prk": "P",
    "vietnam": "V", "rgc": "G", "thailand": "T", "untac": "UN",
}  # fmt: skip
NEUTRAL_FILL = "#FFFFFF"
OUTLINE = "#111111"
MUTED = "#555555"  # legend samples that stand for any faction
# A movement's arrowhead, in a 22x22 box, drawn 24 px wide with a white edge.
ARROW_POINTS = "11,1 20,20 11,15 2,20"
# A movement whose destination the sources do not name, with no direction either: a small
# mark at its origin, pointing every way out.
OUTWARD_POINTS = "12,1 14.2,9.8 23,12 14.2,14.2 12,23 9.8,14.2 1,12 9.8,9.8"
# The strip under the slider, per kind: [dated within the frame, reaching beyond it].
STRIP_COLOURS = {
    "battles": ["#b2182b", "#f1a9a9"],
    "movements": ["#2166ac", "#a9c9e8"],
    "other": ["#404040", "#c4c4c4"],
    "unknown": ["#555555", "#bbbbbb"],
}
# Territory areas: each status reads in greyscale (solid, hatched, dashed, cross-hatched).
AREA_STATUSES = {
    "stated": {"fill": "solid", "fillOpacity": 0.35, "weight": 2, "dash": None,
               "legend": N_("area: source states it")},
    "inferred": {"fill": "hatch", "fillOpacity": 1, "weight": 1.5, "dash": None,
                 "legend": N_("hatched: inferred")},
    "after": {"fill": None, "fillOpacity": 0, "weight": 2, "dash": "6 5",
              "legend": N_("outline: past last mention")},
    "contested": {"fill": "cross", "fillOpacity": 1, "weight": 2, "dash": None,
                  "legend": N_("cross-hatched: contested")},
}  # fmt: skip
CONTESTED_INK = "#333333"


def shape_for(kind: str) -> str:
    """Return the name of the shape an event kind is drawn with."""
    return KIND_SHAPES.get(kind, "dot")


def symbol_size(people: float | None, *, base: int = 22) -> int:
    """Return a symbol's size in pixels: larger for more people involved, where known."""
    if people is None or not people > 0:
        return base
    return int(min(base + 4 * math.log10(people), base + 22))


def line_weight(people: float | None) -> float:
    """Return an arrow's stroke width in pixels by the number of people moving."""
    if people is None or not people > 0:
        return 3.0
    return round(min(2 + 2.2 * math.log10(people), 16), 1)


def movement_colour(kind: str) -> str:
    """Return the colour of a movement arrow: civilians indigo, troops dark grey."""
    return TROOP_MOVEMENT_COLOUR if kind in TROOP_MOVEMENT_KINDS else PEOPLE_MOVEMENT_COLOUR


def faction_mark(faction_id: str, short_name: str) -> str:
    """Return the one or two letters written in a faction's places (its second channel)."""
    if faction_id in FACTION_MARKS:
        return FACTION_MARKS[faction_id]
    letters = [word[0] for word in short_name.split() if word[:1].isalpha()]
    return "".join(letters[:2]).upper() or "?"


def relative_luminance(colour: str) -> float:
    """Return the WCAG relative luminance of a #RRGGBB colour."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast_ratio(a: str, b: str) -> float:
    """Return the WCAG contrast ratio of two #RRGGBB colours (1 to 21)."""
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def ink_on(fill: str) -> str:
    """Return black or white, whichever reads better on ``fill``."""
    return (
        "#000000"
        if contrast_ratio(fill, "#000000") >= contrast_ratio(fill, "#FFFFFF")
        else "#FFFFFF"
    )


def _legend_in_language(style: dict[str, Any]) -> dict[str, Any]:
    """Return an area style with its legend line in the language being spoken."""
    line = style["legend"]  # a name, not a literal: only the N_() marks above are extracted
    return {**style, "legend": _(line)}


def look() -> dict[str, Any]:
    """Return how the map looks, as JSON-ready data for the player: colours, marks, sizes,
    and the legend's names of shapes and area styles in the language being spoken."""
    return {
        "neutral": NEUTRAL_FILL,
        "outline": OUTLINE,
        "muted": MUTED,
        "shapes": {**SHAPE_POINTS, "outward": OUTWARD_POINTS},
        "shapeNames": {shape: _(name) for shape, name in SHAPE_NAMES.items()},
        "arrow": {"points": ARROW_POINTS, "box": 22, "size": 24, "edge": NEUTRAL_FILL},
        "movementColours": {"people": PEOPLE_MOVEMENT_COLOUR, "troops": TROOP_MOVEMENT_COLOUR},
        "openMove": {"opacities": [0.85, 0.6, 0.35, 0.12], "markSize": 18},
        "sizes": {"place": 40, "placePresent": 52, "camp": 24, "legend": 26, "legendShape": 24},
        "zone": {"weight": 2, "dash": "8 6", "fillOpacity": 0.18},
        "government": {"fillOpacity": 0.22},
        "hatch": {"gap": 7, "width": 4},
        "areas": {
            "statuses": {name: _legend_in_language(style) for name, style in AREA_STATUSES.items()},
            "contestedInk": CONTESTED_INK,
            "hatchWidth": 2,
        },
        "strip": {kind: list(colours) for kind, colours in STRIP_COLOURS.items()},
    }
