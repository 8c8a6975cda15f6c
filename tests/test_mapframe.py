"""The app's map frame: rendered once, each open writing only its options (kr_map/mapframe.py)."""

from __future__ import annotations

import base64
import dataclasses
import json
from pathlib import Path

import pytest
import streamlit_folium

from kr_map import mapframe, page_lang
from kr_map.basemap import base_map, load_borders
from kr_map.frames import script_json
from kr_map.player import Player, mount_options
from tests.hostile import PAYLOAD

BORDERS = load_borders(Path(__file__).resolve().parents[1] / "data" / "borders.geojson")
OPTIONS = {"docUrl": "../../app/static/kr-map/frames-x.json", "layers": ["control"], "start": 3}


def _map(player: Player, lang: str = "en"):
    fmap = base_map(BORDERS)
    player.add_to(fmap)
    page_lang.MapLanguage(lang).add_to(fmap)
    return fmap


def _frame(lang: str = "en") -> mapframe.MapFrame:
    return mapframe.render_frame(_map(Player(None, options_json=mapframe.OPTIONS_MARK), lang))


def _st_folium_arguments(monkeypatch, fmap, **kwargs) -> dict:
    sent: dict = {}
    monkeypatch.setattr(streamlit_folium, "_component_func", lambda **kw: sent.update(kw))
    streamlit_folium.st_folium(fmap, use_container_width=True, returned_objects=[], **kwargs)
    return sent


@pytest.mark.parametrize("lang", ["en", "km"])
def test_an_open_gives_the_component_what_st_folium_gave_it(monkeypatch, lang):
    expected = _st_folium_arguments(monkeypatch, _map(Player(OPTIONS), lang), key="map", height=620)

    given = mapframe.component_arguments(
        _frame(lang), mount_options(OPTIONS), key="map", height=620
    )

    for name in ("key", "on_change", "wrap_longitude"):  # the key is ours; see the next test
        expected.pop(name, None)
    given.pop("key")
    assert given == expected


def test_new_options_or_another_map_key_remount_the_map_and_the_same_ones_do_not():
    frame = _frame()

    def key(options: dict, map_key: str = "map") -> str:
        return mapframe.component_arguments(frame, mount_options(options), key=map_key, height=620)[
            "key"
        ]

    assert key(OPTIONS) == key(dict(OPTIONS))
    assert key(OPTIONS) != key({**OPTIONS, "start": 4})
    assert key(OPTIONS) != key(OPTIONS, "story_map")


def test_the_frame_is_rendered_the_same_every_time():
    assert _frame() == _frame()
    assert _frame("km").digest != _frame("en").digest


def test_hostile_option_text_reaches_the_script_as_inert_json():
    options = {**OPTIONS, "story": PAYLOAD}
    script = mapframe.component_arguments(_frame(), mount_options(options), key="map", height=620)[
        "script"
    ]

    written = script_json({**options, "look": json.loads(mount_options({}))["look"]})
    assert written in script
    assert "</script" not in script.lower()
    assert mapframe.OPTIONS_MARK not in script


def test_a_map_without_the_mark_is_refused():
    with pytest.raises(ValueError, match="mark exactly once"):
        mapframe.render_frame(_map(Player(OPTIONS)))


def test_served_scripts_are_one_file_the_frame_links_to_and_styles_stay_inline(tmp_path):
    frame = _frame()
    route = "../../app/static/"
    scripts = [base64.b64decode(link.split("base64,", 1)[1]) for link in frame.js_links]

    served = mapframe.served(frame, tmp_path, route)

    assert served.script == frame.script and served.header == frame.header
    assert served.css_links == frame.css_links  # not awaited by the frame: kept inline
    assert len(frame.js_links) > 1 and len(served.js_links) == 1  # one request, not one each
    (link,) = served.js_links
    assert not link.startswith("data:")
    body = (tmp_path / link.removeprefix(route)).read_bytes()
    assert body.split(b"\n;\n") == scripts  # every script, whole, in its order
    assert mapframe.served(frame, tmp_path, route) == served  # the same file, once


def test_a_script_from_elsewhere_keeps_its_place_between_the_joined_ones(tmp_path):
    frame = _frame()
    first, *rest = frame.js_links
    mixed = dataclasses.replace(frame, js_links=(first, "https://example.org/x.js", *rest))

    served = mapframe.served(mixed, tmp_path, "r/")

    assert len(served.js_links) == 3 and served.js_links[1] == "https://example.org/x.js"
    assert all(link.startswith("r/kr-map/asset-") for link in served.js_links[::2])


def test_a_folder_that_cannot_be_written_keeps_the_links_inline(tmp_path):
    blocked = tmp_path / "static"
    blocked.write_text("a file where the folder should be")

    assert mapframe.served(_frame(), blocked, "../../app/static/") == _frame()
