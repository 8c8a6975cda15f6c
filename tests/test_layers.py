"""The layer builders: the right features, colours and popups for a state, and escaped text."""

from __future__ import annotations

import csv
import re

import folium
import pandas as pd

from kr_map import layers, model
from kr_map.loader import load


def rendered(group: folium.FeatureGroup) -> str:
    fmap = folium.Map(tiles=None)
    group.add_to(fmap)
    return fmap.get_root().render()


def children_of(group: folium.FeatureGroup, kind: type) -> list:
    return [c for c in group._children.values() if type(c) is kind]


def test_control_draws_one_marker_per_held_place_in_its_holders_colour(dataset):
    state = model.state_at(dataset, model.year(1990))
    group = layers.control_layer(state, dataset.factions)
    markers = [
        m for m in children_of(group, folium.CircleMarker) if "kr-control" in m.options["className"]
    ]
    assert len(markers) == len(state.control)
    pailin = next(m for m in markers if "kr-place-pailin" in m.options["className"])
    assert pailin.options["fillColor"] == dataset.faction_colour("khmer_rouge")


def test_a_change_of_hands_gets_a_ring_in_the_previous_holders_colour(dataset):
    state = model.state_at(dataset, model.year(1989))
    group = layers.control_layer(state, dataset.factions)
    rings = [
        m
        for m in children_of(group, folium.CircleMarker)
        if "kr-change-ring" in m.options["className"]
    ]
    pailin = next(r for r in rings if "kr-place-pailin" in r.options["className"])
    assert pailin.options["color"] == dataset.faction_colour("prk")


def test_approximate_places_are_drawn_dashed(dataset):
    state = model.state_at(dataset, model.year(1980))
    group = layers.control_layer(state, dataset.factions)
    for marker in children_of(group, folium.CircleMarker):
        if "kr-approximate" in marker.options["className"]:
            assert marker.options["dashArray"]


def test_battles_have_a_shape_per_kind_and_the_quote_in_the_popup(dataset):
    state = model.state_at(dataset, model.month(1994, 3))
    html = rendered(layers.battles_layer(state, dataset.factions))
    assert "kr-kind-" in html and "polygon points" in html
    assert "kr-quote" in html and "battle_of_pailin.txt" in html


def test_movements_are_arrows_with_distance_in_the_popup(dataset):
    state = model.state_at(dataset, model.year(1979))
    group = layers.movements_layer(state)
    lines = children_of(group, folium.PolyLine)
    assert len(lines) == len(state.movements) > 0
    heads = [m for m in children_of(group, folium.Marker)]
    assert len(heads) == len(lines)
    assert "km in a straight line (geodesic)" in rendered(group)


def test_more_people_make_wider_arrows():
    from kr_map.symbols import line_weight

    assert line_weight(None) < line_weight(1_000) < line_weight(100_000)


def test_layers_and_factions_can_be_switched_off(dataset):
    state = model.state_at(dataset, model.year(1994))
    groups = layers.frame_layers(state, dataset.factions, ["control"], {"rgc"})
    assert [g.layer_name for g in groups] == ["Control", "frame"]
    html = rendered(groups[0])
    assert "kr-faction-rgc" in html and "kr-faction-khmer_rouge" not in html


def test_every_frame_carries_its_period_for_the_browser(dataset):
    groups = layers.frame_layers(model.state_at(dataset, model.month(1994, 3)), dataset.factions)
    assert "kr-frame-1994-03" in rendered(groups[-1])


def test_text_from_the_csv_cannot_inject_html_or_script(data_copy):
    path = data_copy / "events.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    evil = "<script>alert(1)</script> `${alert(2)}` \\u0041 <img src=x onerror=alert(3)>"
    target = next(r for r in rows if r["place_id"] and r["kind"] == "capture")
    target["title"] = evil
    target["summary"] = evil
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    data = load(data_copy)
    year = int(target["start"][:4])
    state = model.state_at(data, model.year(year))
    html = "".join(rendered(g) for g in layers.frame_layers(state, data.factions))
    assert "alert(1)" in html.replace("&lt;script&gt;", "")  # the text is there, escaped
    assert "<script>alert(1)" not in html
    assert "<img src=x" not in html
    assert "`${alert(2)}`" not in html and "${alert" not in html
    assert "\\u0041" not in html


def test_too_many_markers_are_merged_so_the_browser_stays_fast(dataset):
    events = dataset.events[dataset.events["place_id"] != ""]
    many = pd.concat([events] * 40, ignore_index=True)
    many["place_lat"] = many["place_lat"] + [i * 0.001 for i in range(len(many))]
    many["place_id"] = [f"p{i}" for i in range(len(many))]
    many["kind"] = "battle"
    state = model.State(
        model.year(1994),
        dataset.control.iloc[0:0],
        many,
        dataset.movements.iloc[0:0],
        dataset.places.iloc[0:0],
    )
    group = layers.battles_layer(state, dataset.factions)
    count = len(children_of(group, folium.Marker))
    assert len(many) > layers.MAX_MARKERS >= count > 0
    assert re.search(r"kr-badge", rendered(group))


def test_every_frame_builds_with_and_without_a_faction_filter(dataset):
    from kr_map import timeline

    for frame in timeline.frames(monthly=model.dense_years(dataset)):
        period = model.month(frame.year, frame.month) if frame.month else model.year(frame.year)
        state = model.state_at(dataset, period)
        for chosen in (None, {"khmer_rouge", "rgc"}, set()):
            groups = layers.frame_layers(state, dataset.factions, faction_ids=chosen)
            assert groups[-1].layer_name == "frame", frame


def test_camps_show_their_geodesic_distance_from_the_cambodian_border(dataset):
    import json

    from kr_map import geo

    from .conftest import DATA

    borders = json.loads((DATA / "borders.geojson").read_text(encoding="utf-8"))
    camps = geo.with_border_distance(model.camp_spans(dataset), borders)
    khao_i_dang = camps.loc["khao_i_dang", "border_km"]
    assert 2 < khao_i_dang < 40  # a camp on the Thai side, near the border
    state = model.state_at(dataset, model.year(1980), camps)
    assert "km from the Cambodian border (geodesic)" in rendered(layers.camps_layer(state))
