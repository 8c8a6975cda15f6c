"""The faction colours survive greyscale and colour-vision deficiency, with a second channel.

Thresholds (stated here, checked on the shipped factions.csv):
- factions that existed at the same time differ in CIELAB lightness by >= 10 (L* units),
  so a greyscale print or a washed-out projector keeps them apart;
- every pair stays >= 15 apart in CAM02-UCS under simulated deuteranomaly and
  protanomaly (100 % severity), and >= 5 under tritanomaly, the rarest;
- every faction has its own mark (letters drawn in its places), whose ink has a
  contrast of at least 4.5:1 with the fill.
"""

from __future__ import annotations

import itertools

import colorspacious as cs
import numpy as np
import pandas as pd
import pytest

from kr_map import symbols

LIGHTNESS_GAP = 10
CVD_GAP = {"deuteranomaly": 15, "protanomaly": 15, "tritanomaly": 5}


def rgb(colour: str) -> list[float]:
    return [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]


def lightness(colour: str) -> float:
    return float(cs.cspace_convert(rgb(colour), "sRGB1", "CIELab")[0])


def seen_with(colour: str, kind: str) -> np.ndarray:
    simulated = cs.cspace_convert(
        rgb(colour), {"name": "sRGB1+CVD", "cvd_type": kind, "severity": 100}, "sRGB1"
    )
    return cs.cspace_convert(np.clip(simulated, 0, 1), "sRGB1", "CAM02-UCS")


def coexisting(factions: pd.DataFrame) -> list[tuple[str, str]]:
    start = factions["first_t0"].fillna(pd.Timestamp("1900-01-01"))
    end = factions["last_t0"].fillna(pd.Timestamp("2100-01-01"))
    return [
        (a, b)
        for a, b in itertools.combinations(factions.index, 2)
        if start[a] <= end[b] and start[b] <= end[a]
    ]


def test_factions_of_the_same_years_differ_in_lightness(dataset):
    colours = dataset.factions["colour"]
    pairs = coexisting(dataset.factions)
    assert ("khmer_rouge", "rgc") in pairs
    gaps = {pair: abs(lightness(colours[pair[0]]) - lightness(colours[pair[1]])) for pair in pairs}
    worst = min(gaps, key=gaps.get)
    assert gaps[worst] >= LIGHTNESS_GAP, f"{worst}: only {gaps[worst]:.1f} L* apart"


@pytest.mark.parametrize("kind", sorted(CVD_GAP))
def test_every_pair_stays_apart_under_colour_vision_deficiency(dataset, kind):
    colours = dataset.factions["colour"]
    for a, b in itertools.combinations(dataset.factions.index, 2):
        distance = float(np.linalg.norm(seen_with(colours[a], kind) - seen_with(colours[b], kind)))
        assert distance >= CVD_GAP[kind], f"{a} and {b}: {distance:.1f} under {kind}"


def test_every_faction_has_its_own_readable_mark(dataset):
    factions = dataset.factions
    marks = [symbols.faction_mark(f, str(r["short_name"])) for f, r in factions.iterrows()]
    assert len(set(marks)) == len(marks)
    for colour in factions["colour"]:
        assert symbols.contrast_ratio(colour, symbols.ink_on(colour)) >= 4.5
