"""Reports from the player are untrusted input: only known, well-formed parts are taken."""

from kr_map.reports import Report, read_report

KEYS = ["1989", "1989-10", "1990"]
LAYERS = ("zones", "control", "battles")
FACTIONS = ("khmer_rouge", "rgc")


def read(value):
    return read_report(value, KEYS, LAYERS, FACTIONS)


def test_a_release_report_gives_the_frame_layers_and_factions_in_their_own_order():
    report = read({"frame": "1989-10", "layers": ["battles", "zones"], "factions": ["rgc"],
                   "revealed": None})  # fmt: skip
    assert report == Report(frame="1989-10", layers=("zones", "battles"), factions=("rgc",))


def test_unknown_frames_layers_and_factions_are_dropped():
    report = read({"frame": "2050", "layers": ["nope", 3], "factions": "rgc", "revealed": "1979"})
    assert report == Report(layers=())


def test_story_keys_give_a_step_and_nothing_else():
    assert read({"story": 1, "frame": "1990"}) == Report(story_step=1)
    assert read({"story": True}).story_step is None
    assert read({"story": 7}).story_step is None


def test_anything_that_is_not_an_object_is_ignored():
    for value in (None, [], "1989", 3, {"frame": ["1989"]}):
        assert read(value).frame is None
