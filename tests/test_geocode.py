"""``kr-map geocode``: fills missing coordinates through a geopy geocoder, never the network.

The geocoder here is a fake with geopy's interface; geopy's RateLimiter runs for real on
a fake clock, so no test sleeps and none reaches a server.
"""

from __future__ import annotations

import argparse
import codecs
import csv
import io
import os
import signal
import socket

import geopy.extra.rate_limiter as rate_limiter
import pandas as pd
import pytest
from geopy.exc import GeocoderInsufficientPrivileges, GeocoderTimedOut, GeocoderUnavailable
from geopy.location import Location

from kr_map import atomic
from kr_map.geocode import (
    DEFAULT_USER_AGENT,
    REQUIRED_COLUMNS,
    USER_AGENT_ENV,
    GeocodingServiceUnreachable,
    Outcome,
    PlacesFileError,
    candidate_queries,
    fill_coordinates,
    geocode_places_file,
    read_places,
    resolve_user_agent,
)
from kr_map.geocode_cli import add_geocode_arguments, run_geocode

from .conftest import DATA

# Places of the insurgency (coordinates near enough for tests); Pailin and Anlong Veng
# still need coordinates. The `notes` column is not part of the schema: it must pass
# through untouched, like the unusual-but-valid cells (a trailing zero, a quoted comma,
# a doubled quote).
PLACES_CSV = (
    "place_id,name,lat,lon,kind,country,coord_source,coord_precision,aliases,notes\n"
    "phnom_penh,Phnom Penh,11.55640,104.9282,city,KH,geonames:1821306,exact,,"
    '"taken by Vietnam, 7 January 1979"\n'
    "pailin,Pailin,,,town,KH,,approximate,Pailin town;Krong Pailin,"
    '"the ""gem town"" held by the Khmer Rouge"\n'
    "anlong_veng,Anlong Veng,,,town,KH,,approximate,Anlong Vaeng;Anlong Veaeng,"
    "Ta Mok's last stronghold\n"
    "site_2,Site 2,13.7,102.7,camp,TH,manual: camp map in the seed,approximate,,\n"
)

# What the fake geocoder knows: query -> (lat, lon). "Anlong Veaeng" is the only
# spelling it knows for Anlong Veng, so the alias has to be tried.
GAZETTEER = {
    "Pailin": (12.84891, 102.60928),
    "Anlong Veaeng": (14.22972, 104.08333),
    "Phnom Penh": (11.56243, 104.91601),
    "Site 2": (13.75, 102.83),
}


class FakeGeocoder:
    """A geopy geocoder answering from a dict: offline, and it records every request."""

    def __init__(self, answers=None, *, error=None, clock=None):
        self.answers = dict(GAZETTEER if answers is None else answers)
        self.error = error
        self.clock = clock
        self.requests = []  # (query, keyword arguments)
        self.times = []

    @property
    def queries(self):
        return [query for query, _ in self.requests]

    def geocode(self, query, exactly_one=True, **kwargs):
        self.requests.append((query, {"exactly_one": exactly_one, **kwargs}))
        if self.clock is not None:
            self.times.append(self.clock.now)
        if self.error is not None:
            raise self.error
        if query not in self.answers:
            return None
        lat, lon = self.answers[query]
        raw = {"display_name": f"{query} (fake)", "lat": str(lat), "lon": str(lon)}
        return Location(f"{query} (fake)", (lat, lon), raw)


class FakeClock:
    """Stands in for the clock and sleep of geopy's RateLimiter: sleeping moves time on."""

    def __init__(self):
        self.now = 1000.0
        self.sleeps = []

    def timer(self):
        return self.now

    def sleep(self, seconds):
        self.sleeps.append(seconds)
        self.now += seconds


@pytest.fixture(autouse=True)
def clock(monkeypatch):
    """Every test runs the real RateLimiter on a fake clock: no test really sleeps."""
    fake = FakeClock()
    monkeypatch.setattr(rate_limiter, "default_timer", fake.timer)
    monkeypatch.setattr(rate_limiter, "sleep", fake.sleep)
    return fake


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Any attempt to open a connection or resolve a host fails, as on an offline machine."""

    def refuse(*args, **kwargs):
        raise OSError("network disabled in tests")

    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


@pytest.fixture
def places_file(tmp_path):
    path = tmp_path / "places.csv"
    path.write_bytes(PLACES_CSV.encode("utf-8"))
    return path


def rows(path):
    with path.open(encoding="utf-8", newline="") as file:
        return {row["place_id"]: row for row in csv.DictReader(file)}


def files_in(folder):
    return sorted(p.name for p in folder.iterdir())


def cli_args(*argv):
    parser = argparse.ArgumentParser(prog="kr-map geocode")
    add_geocode_arguments(parser)
    return parser.parse_args(list(argv))


def quiet(_line):
    pass


# --- filling ---------------------------------------------------------------------------


def test_fills_a_missing_pailin_from_the_geocoder(places_file):
    report = geocode_places_file(places_file, FakeGeocoder(), min_delay_seconds=0, out=quiet)

    pailin = rows(places_file)["pailin"]
    assert (pailin["lat"], pailin["lon"]) == ("12.8489", "102.6093")  # rounded to 4 dp
    assert pailin["coord_source"] == "nominatim: Pailin"
    assert pailin["coord_precision"] == "approximate"
    assert [p.place_id for p in report.filled] == ["pailin", "anlong_veng"]
    assert report.not_found == ()


def test_skips_places_that_already_have_coordinates(places_file):
    geocoder = FakeGeocoder()
    report = geocode_places_file(places_file, geocoder, min_delay_seconds=0, out=quiet)

    assert "Phnom Penh" not in geocoder.queries
    assert "Site 2" not in geocoder.queries
    assert [p.place_id for p in report.skipped] == ["phnom_penh", "site_2"]
    penh = rows(places_file)["phnom_penh"]
    assert (penh["lat"], penh["lon"], penh["coord_source"], penh["coord_precision"]) == (
        "11.55640",
        "104.9282",
        "geonames:1821306",
        "exact",
    )


def test_force_looks_up_every_place_again_and_overwrites(places_file):
    report = geocode_places_file(
        places_file, FakeGeocoder(), force=True, min_delay_seconds=0, out=quiet
    )

    penh = rows(places_file)["phnom_penh"]
    assert (penh["lat"], penh["lon"]) == ("11.5624", "104.9160")
    assert penh["coord_source"] == "nominatim: Phnom Penh"
    assert penh["coord_precision"] == "approximate"
    assert report.skipped == ()
    assert len(report.filled) == 4


def test_tries_each_alias_in_turn_when_the_name_is_not_found(places_file):
    geocoder = FakeGeocoder()
    geocode_places_file(places_file, geocoder, min_delay_seconds=0, out=quiet)

    tried = [q for q in geocoder.queries if q.startswith("Anlong")]
    assert tried == ["Anlong Veng", "Anlong Vaeng", "Anlong Veaeng"]
    anlong_veng = rows(places_file)["anlong_veng"]
    assert anlong_veng["coord_source"] == "nominatim: Anlong Veaeng"
    assert (anlong_veng["lat"], anlong_veng["lon"]) == ("14.2297", "104.0833")


def test_tries_name_and_country_last():
    assert candidate_queries("Pailin", "Pailin town; pailin ;", "KH") == [
        "Pailin",
        "Pailin town",
        "Pailin, Cambodia",
    ]
    assert candidate_queries("Aranyaprathet", "", "TH")[-1] == "Aranyaprathet, Thailand"


def test_rejects_a_match_outside_the_region_and_tries_the_next_query():
    places = read_places_text(
        "place_id,name,lat,lon,kind,country,coord_source,coord_precision,aliases\n"
        "phnom_malai,Phnom Malai,,,mountain,KH,,approximate,Malai\n"
    )
    # A namesake near Kuala Lumpur, south of the map's region, comes first.
    geocoder = FakeGeocoder({"Phnom Malai": (3.1390, 101.6869), "Malai": (13.4667, 102.6167)})

    filled, report = fill_coordinates(places, geocoder.geocode)

    assert filled.loc[0, "coord_source"] == "nominatim: Malai"
    assert (filled.loc[0, "lat"], filled.loc[0, "lon"]) == ("13.4667", "102.6167")
    assert "outside the region" in report.filled[0].rejected[0]


def test_a_place_found_only_outside_the_region_is_not_found_and_left_blank(places_file):
    answers = {**GAZETTEER, "Pailin": (48.8566, 2.3522)}
    lines = []
    report = geocode_places_file(
        places_file, FakeGeocoder(answers), min_delay_seconds=0, out=lines.append
    )

    assert [p.place_id for p in report.not_found] == ["pailin"]
    pailin = rows(places_file)["pailin"]
    assert (pailin["lat"], pailin["lon"], pailin["coord_source"]) == ("", "", "")
    assert any("outside the region" in line for line in lines)


def test_queries_ask_for_one_result_biased_to_cambodia_and_thailand(places_file):
    geocoder = FakeGeocoder()
    geocode_places_file(places_file, geocoder, min_delay_seconds=0, out=quiet)

    _, options = geocoder.requests[0]
    assert options["exactly_one"] is True
    assert {"kh", "th"} <= set(options["country_codes"])
    assert options["bounded"] is False
    (north, west), (south, east) = options["viewbox"]
    assert (south, west, north, east) == (5.0, 97.0, 24.0, 110.0)
    assert options["timeout"] > 0


def test_the_input_table_is_never_changed():
    places = read_places_text(PLACES_CSV)
    before = places.copy()

    filled, _ = fill_coordinates(places, FakeGeocoder().geocode)

    pd.testing.assert_frame_equal(places, before)
    assert filled.loc[1, "lat"] == "12.8489"


def read_places_text(text):
    return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)


# --- what is kept exactly ------------------------------------------------------------------


def test_extra_columns_and_untouched_cells_are_preserved_exactly(places_file):
    geocode_places_file(places_file, FakeGeocoder(), min_delay_seconds=0, out=quiet)

    before = PLACES_CSV.splitlines(keepends=True)
    after = places_file.read_text(encoding="utf-8").splitlines(keepends=True)
    assert after[0] == before[0]  # header: same columns, same order, extra `notes` kept
    assert after[1] == before[1]  # phnom_penh, skipped: byte for byte
    assert after[4] == before[4]  # site_2, skipped: byte for byte
    old, new = rows_from(PLACES_CSV), rows(places_file)
    for place_id in ("pailin", "anlong_veng"):
        written = {"lat", "lon", "coord_source", "coord_precision"}
        for column in old[place_id].keys() - written:
            assert new[place_id][column] == old[place_id][column], (place_id, column)
    assert new["pailin"]["notes"] == 'the "gem town" held by the Khmer Rouge'
    assert places_file.read_bytes().count(b"\r") == 0


def rows_from(text):
    return {row["place_id"]: row for row in csv.DictReader(io.StringIO(text))}


def test_force_with_the_same_answer_changes_nothing_and_writes_nothing(tmp_path, monkeypatch):
    path = tmp_path / "places.csv"
    path.write_text(
        "place_id,name,lat,lon,kind,country,coord_source,coord_precision,aliases\n"
        "pailin,Pailin,12.8489,102.6093,town,KH,nominatim: Pailin,approximate,\n",
        encoding="utf-8",
    )
    monkeypatch.setattr("kr_map.geocode.atomic_write_bytes", must_not_write)
    lines = []
    report = geocode_places_file(path, FakeGeocoder(), force=True, out=lines.append)
    assert lines[0] == "filled     pailin: 'Pailin' -> 12.8489, 102.6093 (unchanged)"
    assert not report.changed


def must_not_write(*args, **kwargs):
    raise AssertionError("wrote a file with nothing to change")


def test_nothing_to_fill_leaves_the_file_unwritten(places_file, monkeypatch):
    complete = places_file.parent / "complete.csv"
    complete.write_bytes(
        b"".join(PLACES_CSV.encode().splitlines(keepends=True)[i] for i in (0, 1, 4))
    )

    monkeypatch.setattr("kr_map.geocode.atomic_write_bytes", must_not_write)
    lines = []
    report = geocode_places_file(complete, FakeGeocoder(), out=lines.append)
    assert not report.changed
    assert "left as it was" in lines[-1]


# --- dry run, exit codes, the command line -------------------------------------------------


def test_dry_run_writes_nothing_but_says_what_would_change(places_file, capsys):
    code = run_geocode(cli_args("--places", str(places_file), "--dry-run"), geocoder=FakeGeocoder())

    assert code == 0
    assert places_file.read_bytes() == PLACES_CSV.encode()
    out = capsys.readouterr().out
    assert "filled     pailin: 'Pailin' -> 12.8489, 102.6093" in out
    assert "Dry run: 2 place(s) would change; nothing written" in out


def test_prints_a_line_per_place_then_a_summary(places_file, capsys):
    code = run_geocode(cli_args("--places", str(places_file)), geocoder=FakeGeocoder())

    assert code == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("skipped    phnom_penh: already has coordinates")
    assert out[1].startswith("filled     pailin:")
    assert out[2].startswith("filled     anlong_veng: 'Anlong Veaeng'")
    assert out[-2] == "2 filled, 0 not found, 2 skipped."
    assert out[-1] == f"Wrote {places_file}."


def test_exit_code_is_1_when_some_places_are_not_found_and_the_rest_is_written(places_file, capsys):
    answers = {"Pailin": GAZETTEER["Pailin"]}
    code = run_geocode(cli_args("--places", str(places_file)), geocoder=FakeGeocoder(answers))

    assert code == 1
    assert rows(places_file)["pailin"]["lat"] == "12.8489"
    assert rows(places_file)["anlong_veng"]["lat"] == ""
    out = capsys.readouterr().out
    assert "not found  anlong_veng: tried 'Anlong Veng', 'Anlong Vaeng', 'Anlong Veaeng'" in out


def test_default_arguments_follow_nominatims_policy():
    args = cli_args()
    assert args.places is None and args.data_dir is None
    assert args.min_delay == 1.0
    assert (args.force, args.dry_run, args.user_agent) == (False, False, None)


@pytest.mark.parametrize("delay", ["0.5", "0", "-1", "nan", "soon"])
def test_a_min_delay_under_one_second_is_refused(delay, capsys):
    with pytest.raises(SystemExit) as exit_info:
        cli_args("--min-delay", delay)
    assert exit_info.value.code == 2
    assert "--min-delay" in capsys.readouterr().err


def test_user_agent_comes_from_the_flag_then_the_environment_then_the_default():
    environ = {USER_AGENT_ENV: "teacher@example.org"}
    assert resolve_user_agent("me@example.org", environ) == "me@example.org"
    assert resolve_user_agent(None, environ) == "teacher@example.org"
    assert resolve_user_agent(None, {}) == DEFAULT_USER_AGENT
    assert resolve_user_agent("  ", {USER_AGENT_ENV: ""}) == DEFAULT_USER_AGENT


# --- the rate limit ------------------------------------------------------------------------


def test_requests_are_at_least_min_delay_apart_through_geopys_rate_limiter(places_file, clock):
    geocoder = FakeGeocoder(clock=clock)
    geocode_places_file(places_file, geocoder, min_delay_seconds=1.0, out=quiet)

    assert len(geocoder.times) == 4  # Pailin; Anlong Veng, Anlong Vaeng, Anlong Veaeng
    gaps = [b - a for a, b in zip(geocoder.times, geocoder.times[1:], strict=False)]
    assert all(gap >= 1.0 for gap in gaps)
    assert clock.sleeps == [1.0, 1.0, 1.0]


# --- failures: nothing is written ----------------------------------------------------------


@pytest.mark.parametrize("error", [GeocoderUnavailable("no route"), GeocoderTimedOut("slow")])
def test_an_unreachable_geocoder_aborts_and_leaves_the_file_byte_for_byte(
    places_file, capsys, error
):
    geocoder = FakeGeocoder(error=error)
    code = run_geocode(cli_args("--places", str(places_file)), geocoder=geocoder)

    assert code == 2
    assert places_file.read_bytes() == PLACES_CSV.encode()
    assert files_in(places_file.parent) == ["places.csv"]
    out, err = capsys.readouterr()
    assert "could not reach the geocoding service" in err
    assert f"no changes were written to {places_file}" in err
    assert "Traceback" not in err + out
    assert len(geocoder.requests) == 3  # geopy's RateLimiter tried twice more first
    assert out.count("trying again") == 2


def test_a_failure_after_some_places_were_found_still_writes_nothing(places_file):
    class FailsOnSecondPlace(FakeGeocoder):
        def geocode(self, query, exactly_one=True, **kwargs):
            if query.startswith("Anlong"):
                self.error = GeocoderUnavailable("connection reset")
            return super().geocode(query, exactly_one, **kwargs)

    with pytest.raises(GeocodingServiceUnreachable):
        geocode_places_file(places_file, FailsOnSecondPlace(), min_delay_seconds=0, out=quiet)
    assert places_file.read_bytes() == PLACES_CSV.encode()


def test_a_refused_user_agent_says_how_to_set_one(places_file, capsys):
    geocoder = FakeGeocoder(error=GeocoderInsufficientPrivileges("HTTP 403"))
    code = run_geocode(cli_args("--places", str(places_file)), geocoder=geocoder)

    assert code == 2
    err = capsys.readouterr().err
    assert "--user-agent" in err
    assert "no changes were written" in err
    assert places_file.read_bytes() == PLACES_CSV.encode()


def test_real_nominatim_on_an_offline_machine_fails_cleanly(places_file, capsys):
    args = cli_args("--places", str(places_file), "--user-agent", "tests@example.org")
    code = run_geocode(args)  # geopy's own Nominatim; the no_network fixture is the wall

    assert code == 2
    err = capsys.readouterr().err
    assert "could not reach the geocoding service" in err
    assert places_file.read_bytes() == PLACES_CSV.encode()


def test_a_crash_while_replacing_the_file_leaves_the_original_and_no_temp_file(
    places_file, monkeypatch, capsys
):
    def crash(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", crash)
    code = run_geocode(cli_args("--places", str(places_file)), geocoder=FakeGeocoder())

    assert code == 2
    assert places_file.read_bytes() == PLACES_CSV.encode()
    assert files_in(places_file.parent) == ["places.csv"]
    err = capsys.readouterr().err
    assert f"{places_file}: could not write it (No space left on device)" in err


def test_a_missing_required_column_names_the_file_and_the_column(tmp_path, capsys):
    path = tmp_path / "places.csv"
    path.write_text(PLACES_CSV.replace(",aliases,", ",other_names,", 1), encoding="utf-8")

    with pytest.raises(PlacesFileError, match=r"places\.csv: missing required column.*'aliases'"):
        read_places(path)
    assert run_geocode(cli_args("--places", str(path)), geocoder=FakeGeocoder()) == 2
    err = capsys.readouterr().err
    assert str(path) in err
    assert "'aliases'" in err


def test_a_missing_places_file_is_a_clear_error(tmp_path, capsys):
    path = tmp_path / "places.csv"
    code = run_geocode(cli_args("--places", str(path)), geocoder=FakeGeocoder())

    assert code == 2
    assert f"{path}: no such file" in capsys.readouterr().err


def test_required_columns_are_the_ones_geocoding_reads_or_writes():
    assert set(REQUIRED_COLUMNS) == {
        "place_id", "name", "lat", "lon", "country", "coord_source", "coord_precision",
        "aliases",
    }  # fmt: skip


def test_outcomes_name_what_happened(places_file):
    report = geocode_places_file(places_file, FakeGeocoder(), min_delay_seconds=0, out=quiet)
    assert [p.outcome for p in report.places] == [
        Outcome.SKIPPED,
        Outcome.FILLED,
        Outcome.FILLED,
        Outcome.SKIPPED,
    ]
    assert report.summary() == "2 filled, 0 not found, 2 skipped"


# --- which file: --data, KR_MAP_DATA, --places -------------------------------------------


def data_folder(tmp_path, text=PLACES_CSV):
    folder = tmp_path / "my_data"
    folder.mkdir()
    (folder / "places.csv").write_bytes(text.encode("utf-8"))
    return folder


def test_data_option_fills_the_places_file_of_that_folder(tmp_path, capsys):
    bundled = (DATA / "places.csv").read_bytes()
    folder = data_folder(tmp_path)
    code = run_geocode(cli_args("--data", str(folder)), geocoder=FakeGeocoder())

    assert code == 0
    assert rows(folder / "places.csv")["pailin"]["lat"] == "12.8489"
    assert (DATA / "places.csv").read_bytes() == bundled
    assert f"Wrote {folder / 'places.csv'}." in capsys.readouterr().out


def test_kr_map_data_is_the_default_folder(tmp_path, monkeypatch):
    bundled = (DATA / "places.csv").read_bytes()
    folder = data_folder(tmp_path)
    monkeypatch.setenv("KR_MAP_DATA", str(folder))

    assert run_geocode(cli_args(), geocoder=FakeGeocoder()) == 0
    assert rows(folder / "places.csv")["anlong_veng"]["lat"] == "14.2297"
    assert (DATA / "places.csv").read_bytes() == bundled


def test_the_kr_map_command_passes_data_through(tmp_path, monkeypatch):
    from kr_map import cli

    folder = data_folder(tmp_path)
    seen = []
    monkeypatch.setattr(
        "kr_map.geocode_cli.nominatim", lambda agent: seen.append(agent) or FakeGeocoder()
    )
    assert cli.main(["geocode", "--data", str(folder), "--user-agent", "t@example.org"]) == 0
    assert seen == ["t@example.org"]
    assert rows(folder / "places.csv")["pailin"]["lon"] == "102.6093"


def test_places_option_names_a_file_anywhere(tmp_path, places_file):
    folder = data_folder(tmp_path, PLACES_CSV.replace("Pailin,", "Nowhere,", 1))
    args = cli_args("--data", str(folder), "--places", str(places_file))
    assert run_geocode(args, geocoder=FakeGeocoder()) == 0
    assert rows(places_file)["pailin"]["lat"] == "12.8489"
    assert rows(folder / "places.csv")["pailin"]["lat"] == ""


def test_a_data_path_that_is_a_file_is_a_clear_error(places_file, capsys):
    code = run_geocode(cli_args("--data", str(places_file)), geocoder=FakeGeocoder())
    assert code == 2
    err = capsys.readouterr().err
    assert "could not read it" in err and "Traceback" not in err


# --- a spreadsheet's file keeps its BOM, line endings and untouched rows ------------------


def test_a_spreadsheet_file_keeps_its_bom_crlf_and_every_unchanged_row(places_file):
    original = codecs.BOM_UTF8 + PLACES_CSV.replace("\n", "\r\n").encode("utf-8")
    places_file.write_bytes(original)

    geocode_places_file(places_file, FakeGeocoder(), min_delay_seconds=0, out=quiet)

    after = places_file.read_bytes()
    assert after.startswith(codecs.BOM_UTF8) and after.count(codecs.BOM_UTF8) == 1
    old_lines, new_lines = original.split(b"\r\n"), after.split(b"\r\n")
    assert len(new_lines) == len(old_lines) and b"\n" not in after.replace(b"\r\n", b"")
    changed = [i for i, (a, b) in enumerate(zip(old_lines, new_lines, strict=True)) if a != b]
    assert changed == [2, 3]  # pailin and anlong_veng; header and other rows byte for byte
    assert new_lines[2].startswith(b"pailin,Pailin,12.8489,102.6093,town,KH,nominatim: Pailin,")


def test_a_file_without_a_final_newline_and_with_blank_lines_keeps_them(places_file):
    text = PLACES_CSV.replace("\n", "\n\n", 1).rstrip("\n")
    places_file.write_bytes(text.encode())
    geocode_places_file(places_file, FakeGeocoder(), min_delay_seconds=0, out=quiet)
    after = places_file.read_text(encoding="utf-8")
    assert after.startswith(PLACES_CSV.splitlines()[0] + "\n\n")
    assert not after.endswith("\n")
    assert after.endswith(PLACES_CSV.splitlines()[-1])


def test_a_latin1_places_file_is_refused_with_its_line(places_file, capsys):
    places_file.write_bytes(PLACES_CSV.replace("Pailin,", "Pa\u00eflin,", 1).encode("latin-1"))
    before = places_file.read_bytes()
    assert run_geocode(cli_args("--places", str(places_file)), geocoder=FakeGeocoder()) == 2
    assert f"{places_file}:3: is not UTF-8" in capsys.readouterr().err
    assert places_file.read_bytes() == before


def test_a_places_file_saved_with_semicolons_says_so_and_stays_as_it_was(places_file, capsys):
    """A spreadsheet set to French saves "CSV" with semicolons: said at the header, not as a
    row "with 2 cells" further down."""
    rows = list(csv.reader(io.StringIO(PLACES_CSV)))
    text = io.StringIO()
    csv.writer(text, delimiter=";", lineterminator="\r\n").writerows(rows)
    places_file.write_bytes(text.getvalue().encode("utf-8-sig"))
    before = places_file.read_bytes()
    assert run_geocode(cli_args("--places", str(places_file)), geocoder=FakeGeocoder()) == 2
    assert f"{places_file}:1: the columns are separated by semicolons" in capsys.readouterr().err
    assert places_file.read_bytes() == before


# --- interrupted runs leave no temporary file --------------------------------------------


def test_a_temp_file_left_by_a_killed_run_is_removed_next_time_and_reported(places_file, capsys):
    stale = places_file.parent / ".places.csv.k1ll3d00.tmp"
    stale.write_bytes(b"place_id,name,lat\npai")  # half a file, as SIGKILL leaves it
    assert run_geocode(cli_args("--places", str(places_file)), geocoder=FakeGeocoder()) == 0
    assert files_in(places_file.parent) == ["places.csv"]
    assert "note: removed .places.csv.k1ll3d00.tmp, left by an interrupted run" in (
        capsys.readouterr().out
    )


def test_a_dry_run_reports_a_stale_temp_file_but_leaves_it(places_file, capsys):
    stale = places_file.parent / ".places.csv.k1ll3d00.tmp"
    stale.write_bytes(b"x")
    run_geocode(cli_args("--places", str(places_file), "--dry-run"), geocoder=FakeGeocoder())
    assert stale.exists()
    assert "left by an interrupted run; a real run removes it" in capsys.readouterr().out


def test_a_kill_mid_write_leaves_the_original_and_no_temp_file(places_file, monkeypatch):
    real_fsync = atomic.os.fsync

    def killed_while_syncing(fd):
        real_fsync(fd)
        os.kill(os.getpid(), signal.SIGTERM)  # `kill <pid>` arrives mid-write

    monkeypatch.setattr(atomic.os, "fsync", killed_while_syncing)
    with pytest.raises(SystemExit) as stopped:
        run_geocode(cli_args("--places", str(places_file)), geocoder=FakeGeocoder())
    assert stopped.value.code == 128 + signal.SIGTERM
    assert places_file.read_bytes() == PLACES_CSV.encode()
    assert files_in(places_file.parent) == ["places.csv"]
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL


# --- the terminal ----------------------------------------------------------------------


def test_control_characters_in_place_names_never_reach_the_terminal(places_file, capsys):
    hostile = PLACES_CSV.replace("anlong_veng,", "\x1b]0;pwned\x07\x1b[2Janlong_veng,", 1)
    places_file.write_bytes(hostile.encode())
    answers = {"Pailin": GAZETTEER["Pailin"]}
    run_geocode(cli_args("--places", str(places_file)), geocoder=FakeGeocoder(answers))
    out, err = capsys.readouterr()
    assert "\x1b" not in out + err and "\x07" not in out + err
    assert "not found  \\x1b]0;pwned\\x07\\x1b[2Janlong_veng: tried" in out
