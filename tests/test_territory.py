"""The territory layer: areas near held places, inside Cambodia, kept clear of others' places,
contested where two sides meet, and the same every time."""

import shapely
from shapely.geometry import shape

from kr_map import land as lands
from kr_map import territory
from kr_map.loader import borders_beside

from .conftest import DATA

OUTLINE = territory.country_outline(borders_beside(DATA))
PAILIN = (12.849, 102.6093)
BATTAMBANG_CITY = ("battambang", 13.1027, 103.1982)


def held(place_id, lat, lon, faction, status="stated", kind="base"):
    return territory.Holding(place_id, place_id, kind, lat, lon, faction, status)


def test_the_same_holdings_always_give_the_same_areas():
    holdings = [held("pailin", *PAILIN, "khmer_rouge"), held("bp", 13.0, 103.0, "khmer_rouge",
                                                              kind="province")]  # fmt: skip
    first = territory.areas(holdings, [BATTAMBANG_CITY], OUTLINE)
    again = territory.areas(list(reversed(holdings)), [BATTAMBANG_CITY], OUTLINE)
    assert [a.geometry for a in first] == [a.geometry for a in again]


def test_an_area_stays_inside_cambodia_and_within_its_reach():
    (area,) = territory.areas([held("pailin", *PAILIN, "khmer_rouge")], [], OUTLINE)
    drawn = shape(area.geometry)
    kh = territory.country_outline(borders_beside(DATA))
    assert drawn.area > 0
    # back in degrees: every vertex within the outline (0.01 degree of rounding allowed)
    outline_deg = shapely.transform(kh, lambda xy: xy / territory._KM_PER_DEGREE)
    assert outline_deg.buffer(0.01).covers(drawn)
    reach_deg = territory.REACH_KM["base"] / territory._KM_PER_LAT + 0.01
    assert drawn.bounds[3] <= PAILIN[0] + reach_deg


def test_a_province_area_is_kept_clear_of_a_city_the_side_is_not_recorded_holding():
    (area,) = territory.areas(
        [held("battambang_province", 13.0, 103.0, "khmer_rouge", kind="province")],
        [BATTAMBANG_CITY],
        OUTLINE,
    )
    assert not territory.covers(area.geometry, 13.1027, 103.1982)
    assert territory.covers(area.geometry, 13.0, 103.0)


def test_two_sides_meeting_make_contested_ground_that_covers_neither_place():
    holdings = [held("a", 13.0, 103.0, "khmer_rouge", kind="province"),
                held("b", 13.0, 103.45, "rgc", kind="province")]  # fmt: skip
    areas = territory.areas(holdings, [], OUTLINE)
    contested = [a for a in areas if a.status == "contested"]
    assert len(contested) == 1 and contested[0].factions == ("khmer_rouge", "rgc")
    for area in areas:
        assert not territory.covers(area.geometry, 13.0, 103.0) or area.factions == ("khmer_rouge",)
        assert not territory.covers(area.geometry, 13.0, 103.45) or area.factions == ("rgc",)


def test_an_area_after_the_last_mention_gives_way_to_another_sides_live_area():
    holdings = [held("a", 13.0, 103.0, "khmer_rouge", status="after", kind="province"),
                held("b", 13.0, 103.45, "rgc", kind="province")]  # fmt: skip
    areas = {(a.factions, a.status): a for a in territory.areas(holdings, [], OUTLINE)}
    assert set(areas) == {(("khmer_rouge",), "after"), (("rgc",), "stated")}
    after = shape(areas[(("khmer_rouge",), "after")].geometry)
    live = shape(areas[(("rgc",), "stated")].geometry)
    # only the seam left by simplifying each outline (0.3 km) is shared
    assert after.intersection(live).area < 0.01 * min(after.area, live.area)


def test_documents_built_at_once_in_two_threads_draw_the_same_areas(dataset):
    """The app builds one language's document beside another's: the areas they share
    (kept per country and towns) must come out as a build alone draws them."""
    from concurrent.futures import ThreadPoolExecutor

    from kr_map import frames, model

    periods = [frames.period_of(f) for f in frames.frame_sequence(dataset)]
    states = model.Frames(dataset, periods)
    borders = borders_beside(DATA)

    def draw() -> list:
        land = lands.Land(dataset.places, borders)
        return [land.areas_of(states.held_records(i)) for i in range(len(periods))]

    lands.forget()
    alone = draw()
    lands.forget()
    with ThreadPoolExecutor(2) as pool:
        together = [job.result() for job in [pool.submit(draw), pool.submit(draw)]]
    assert together[0] == alone and together[1] == alone


def _facing(depths: list[float], far: float) -> shapely.Polygon:
    """A polygon 2 km wide reaching to ``far`` from an edge that zigzags through ``depths``."""
    edge = [(i * 0.25, d) for i, d in enumerate(depths)]
    return shapely.Polygon([(0, far), *edge, (edge[-1][0], far)])


def test_polygons_close_enough_to_meet_are_simplified_together_as_in_one_area():
    """An area's polygons are simplified one by one only where they lie apart: two jagged
    polygons 100 m apart are simplified together, as simplifying the whole area does (alone,
    one of them would come out otherwise)."""
    upper = _facing([-0.336, -0.042, -0.21, -0.143, -0.041, -0.103, -0.087, -0.262, -0.001], 2)
    lower = _facing([-0.443, -0.355, -0.502, -0.289, -0.297, -0.217, -0.437, -0.409, -0.319], -4)
    far = shapely.box(100, 100, 102, 102)
    area = shapely.MultiPolygon([upper, lower, far])
    whole = territory.geojson_of(area)
    assert [territory.geojson_of(p)["coordinates"] for p in (upper, lower)] != whole["coordinates"][
        :2
    ]
    memo: dict = {}
    assert territory.from_groups(territory.polygon_groups(area, memo), memo) == whole
    assert (
        territory.from_groups(territory.polygon_groups(area, memo), memo) == whole
    )  # again, from what it kept
