"""kr-map: the Streamlit page. Layout and widgets only; the logic lives in src/kr_map/.

Time lives in the browser: the map holds the player (src/kr_map/assets/player.js),
which switches frames with no server work. When the user lets go, the player
reports the frame, and only the `page_state` fragment reruns (address bar,
table of events, compare list); the map is not sent again.

The app follows the data: every full run takes the data folder's fingerprint
(`VERSION`), and everything cached is cached per version, so a saved change shows
(or its problems are listed) on the next page load, without a restart.
"""

from __future__ import annotations

import os
from html import escape
from pathlib import Path

import pandas as pd
import streamlit as st

from kr_map import (
    area_store,
    areas_apart,
    cache,
    frames,
    i18n,
    limits,
    mapframe,
    model,
    page,
    page_lang,
    presenter,
    story,
    timeline,
)
from kr_map.basemap import base_map
from kr_map.citation import metadata_tags
from kr_map.i18n import _
from kr_map.loader import Dataset, borders_beside, default_data_dir, default_seeds_dir, load
from kr_map.player import (
    STATIC_ROUTE_FROM_FRAME,
    Player,
    address_of,
    document_digest,
    publish,
    published_file,
    remove_stale,
)
from kr_map.problems import DataError
from kr_map.reading import folder_fingerprint
from kr_map.reports import install_report_guard, read_report
from kr_map.reveal import document_until, next_news_key
from kr_map.style import PAGE_CSS, PRESENT_CSS
from kr_map.vocab import FACTION_IDS, LAYERS


# ---------------------------------------------------------------- the page's language
def page_language() -> str:
    """Return the language of this session's page: the switch's, else ``?lang=``, else the
    browser's (``st.context.locale``, Accept-Language), else English."""
    if st.session_state.get("lang") not in i18n.LANGS:
        st.session_state.lang = i18n.language_for(
            st.query_params.get("lang"),
            st.context.locale,
            st.context.headers.get("Accept-Language"),
        )
    return st.session_state.lang


LANG = page_language()
with i18n.speaking(LANG):
    st.set_page_config(
        page_title=_("kr-map: the Khmer Rouge insurgency, 1979–1999"),
        page_icon="🗺️",
        layout="wide",
        initial_sidebar_state="auto",
    )
# The one folder the app writes to: Streamlit serves ./static/, the app writes the frames
# documents of the current data version in static/kr-map/ and removes older ones.
STATIC_DIR = Path(__file__).parent / "static"
# Data files that are links out of their folder are read only if the operator says so.
ALLOW_OUTSIDE = os.environ.get("KR_MAP_ALLOW_OUTSIDE", "") not in ("", "0")
install_report_guard()  # a malformed value from a browser is ignored, not a traceback


def data_version() -> str:
    """Return the data's fingerprint: saving any file of the data or seeds folder changes it."""
    data_dir = default_data_dir()
    return folder_fingerprint(data_dir, default_seeds_dir(data_dir))


def data_source() -> str:
    """Return a short name of the data folder, for the cache's file names."""
    return document_digest(str(default_data_dir().resolve()))[:8]


# ---------------------------------------------------------------- cached work, per version
def read_data() -> Dataset | DataError:
    """Return the dataset of the data folder, or its problems, worded in the language spoken."""
    try:
        limits.check_size(default_data_dir())  # too many rows: said at once, not after minutes
        return load(default_data_dir(), allow_outside=ALLOW_OUTSIDE)
    except DataError as error:
        return error


@st.cache_resource(show_spinner=False, max_entries=1)
def loaded(version: str) -> Dataset | DataError:
    """Return the dataset of this data version, or its problems in the default language
    (kept: not re-read per page; :func:`problems_in` words them in another)."""
    with i18n.speaking(i18n.DEFAULT_LANG):
        return read_data()


@st.cache_resource(show_spinner=False, max_entries=len(i18n.LANGS))
def problems_in(version: str, lang: str) -> Dataset | DataError:
    """Return the problems of data that has them, worded in ``lang``: the checks word each
    problem as they find it, so that language's page reads the folder again (only then)."""
    with i18n.speaking(lang):
        return read_data()


def dataset() -> Dataset:
    data = loaded(VERSION)
    if isinstance(data, DataError) and i18n.current() != i18n.DEFAULT_LANG:
        data = problems_in(VERSION, i18n.current())
    if isinstance(data, DataError):
        raise data
    return data


@st.cache_resource(show_spinner=False, max_entries=1)
def borders(version: str) -> dict:
    return borders_beside(default_data_dir(), ALLOW_OUTSIDE) or {"features": []}


@st.cache_resource(show_spinner=False, max_entries=1)
def disk_version(version: str) -> str:
    """Return the disk cache's version of this data version: a digest of every byte of the
    data and seeds folders and of kr-map's code (kr_map/cache.py)."""
    data_dir = default_data_dir()
    return cache.document_key(data_dir, default_seeds_dir(data_dir), follow_links=ALLOW_OUTSIDE)


def from_disk(version: str, build, *parts: str) -> dict:
    """Return a document kept on disk (kr_map/cache.py: a restart reads it instead of
    building it again); its key holds ``parts`` (the kind and the language), so one
    language never gets another's words, and all of them are kept side by side."""
    kept = disk_version(version)
    return cache.cached_document(cache.part_key(kept, *parts), build, data_source(), version=kept)


@st.cache_resource(show_spinner=False, max_entries=len(i18n.LANGS))
def document(version: str, lang: str) -> dict:
    """Return the frames document in ``lang``, from the disk cache when the data and code are
    the same: whole, or for a large dataset without its areas of control (``areasApart``),
    which :func:`areas_later` makes after the first map (kr_map/areas_apart.py)."""
    apart = areas_apart.worth_apart(dataset())

    def build() -> dict:
        with i18n.speaking(lang):
            if apart:
                return frames.frames_document(dataset(), borders=borders(version), areas=False)
            with area_store.default() as store:
                return frames.frames_document(dataset(), borders=borders(version), store=store)

    return from_disk(version, build, "lang", lang, "apart" if apart else "whole")


@st.cache_resource(show_spinner=False, max_entries=len(i18n.LANGS))
def areas_later(version: str, lang: str):
    """Return the future areas part of :func:`document` (``areasApart``), made in a thread of
    its own (read from the disk cache when kept) and published under :func:`areas_tag`: the
    player asks for it until it is there."""
    base, data, edges = document(version, lang), dataset(), borders(version)
    kept, source = disk_version(version), data_source()

    def build() -> dict:
        with i18n.speaking(lang), area_store.default() as store:
            return areas_apart.areas_part(data, base, borders=edges, store=store)

    def make() -> dict:
        part = cache.cached_document(
            cache.part_key(kept, "areas", lang), build, source, version=kept
        )
        publish(part, STATIC_DIR, source, version, tag=areas_tag(version, lang))
        return part

    return areas_apart.in_background(make)


def areas_tag(version: str, lang: str) -> str:
    """Return the name the areas part of :func:`document` is published under: the disk cache's
    version (data, seeds and code) and the language, so it is known before the part is made."""
    return f"areas-{disk_version(version)[:16]}-{lang}"


@st.cache_resource(show_spinner=False, max_entries=len(i18n.LANGS))
def whole_document(version: str, lang: str) -> dict:
    """Return :func:`document` with its areas: what the export and predict mode need (for a
    large dataset this waits for :func:`areas_later`)."""
    made = document(version, lang)
    if not made.get("areasApart"):
        return made
    return areas_apart.join(made, areas_later(version, lang).result())


@st.cache_resource(show_spinner=False, max_entries=2 * len(i18n.LANGS))
def published_document(version: str, address: str | None, lang: str) -> dict:
    """Return how the map gets the frames document in ``lang``: a file in the cache folder,
    or inline; for a document without its areas, also where its areas will be.

    The document carries the quiz and, when the app runs at a public ``address``, the QR
    codes of each frame's link for the printed handouts (kr_map/qr.py), and the player's
    dictionary in ``lang`` (``i18n.document_in``).
    """

    def build(made: dict) -> dict:
        from kr_map.export import classroom_document

        with i18n.speaking(lang):
            made = classroom_document(dataset(), made, address, separator="?")
        return i18n.document_in(made, lang)

    # kept on disk beside the frames document: a restart makes no quiz and no QR code
    made = document(version, lang)
    classroom = from_disk(version, lambda: build(made), "classroom", lang, address or "")
    url = publish(classroom, STATIC_DIR, data_source(), version)
    remove_stale(STATIC_DIR, data_source(), version)
    if url is None:  # inline: nothing to fetch the areas from later, so they come with it
        whole = whole_document(version, lang)
        return {"doc": classroom if whole is made else build(whole)}
    if not made.get("areasApart"):
        return {"docUrl": url}
    areas_later(version, lang)  # started, if it was not
    areas = address_of(data_source(), version, areas_tag(version, lang))
    return {"docUrl": url, "areasUrl": areas}


def document_source(version: str) -> dict:
    """Return :func:`published_document`, written again if its files have gone meanwhile."""
    address = app_address()
    source = published_document(version, address, LANG)
    if "docUrl" in source and not published_file(STATIC_DIR, source["docUrl"]).is_file():
        published_document.clear()
        source = published_document(version, address, LANG)
    later = areas_later(version, LANG) if "areasUrl" in source else None
    made = later is not None and later.done() and later.exception() is None
    if made and not published_file(STATIC_DIR, source["areasUrl"]).is_file():  # removed since
        areas_later.clear()  # read again from the disk cache, and published
        areas_later(version, LANG)
    return source


def app_address() -> str | None:
    """Return the app's address when a pupil's phone could open it (not this computer's own)."""
    from kr_map.qr import public_address

    return public_address(str(st.context.url or ""))


@st.cache_resource(show_spinner=False, max_entries=len(i18n.LANGS))
def predict_sources(version: str, lang: str) -> dict[str, dict]:
    """Return the memo of predict mode's documents in ``lang``, by revealed frame (URLs only)."""
    return {}


def predict_source(revealed: str) -> dict:
    """Return how the map gets the document cut after ``revealed``: nothing later is in it."""
    memo = predict_sources(VERSION, LANG)
    url = memo.get(revealed, {}).get("docUrl")
    if url is None or not published_file(STATIC_DIR, url).is_file():
        with st.spinner(_("Preparing every frame of the map…")):  # a large dataset's areas
            whole = whole_document(VERSION, LANG)
        cut = i18n.document_in(document_until(whole, revealed), LANG)
        url = publish(cut, STATIC_DIR, data_source(), VERSION)
        if url is None:
            return {"doc": cut}  # inline, and not kept: 141 cut documents would fill memory
        memo[revealed] = {"docUrl": url}
    return memo[revealed]


@st.cache_resource(show_spinner=False, max_entries=1)
def frame_keys(version: str) -> list[str]:
    return [f["key"] for f in document(version, LANG)["frames"]]  # the same in every language


def export_name(lang: str) -> str:
    """Return the offline map's file name: a teacher who saves it in two languages keeps both."""
    return "kr-map.html" if lang == i18n.DEFAULT_LANG else f"kr-map-{i18n.check_lang(lang)}.html"


@st.cache_data(show_spinner=False, max_entries=3 * len(i18n.LANGS))
def export_file(kind: str, version: str, lang: str = i18n.DEFAULT_LANG) -> str:
    from kr_map import export

    if kind == "html":  # the map's own cached frames: a render, not a rebuild
        with i18n.speaking(lang):
            return export.export_html(dataset(), document=whole_document(version, lang), lang=lang)
    if kind == "csv":
        return export.events_csv(dataset())
    return export.geojson_text(dataset())


# ---------------------------------------------------------------- state
@st.cache_resource(show_spinner=False, max_entries=1)
def frame_sequence(version: str) -> list[timeline.Frame]:
    return frames.frame_sequence(dataset())


@st.cache_resource(show_spinner=False, max_entries=1)
def frame_states(version: str) -> model.Frames:
    """Return every frame's rows, computed at once (``model.Frames``: what ``state_at`` gives)."""
    return model.Frames(dataset(), [frames.period_of(f) for f in frame_sequence(version)])


@st.cache_resource(show_spinner=False, max_entries=512)
def events_of(key: str, version: str) -> pd.DataFrame:
    """Return the events of the frame ``key``, made once per server: read them, never change
    them. Only the events: a pupil's report needs no holdings (the whole state of a frame cost
    a class of 30 a third of the server's time)."""
    sequence = frame_sequence(version)
    wanted = frame_of(key)
    if wanted in sequence:
        return frame_states(version).events_of(sequence.index(wanted))
    return model.events_during(dataset(), frames.period_of(wanted))  # not a frame: alone


def frame_key(year: int, month: int | None) -> str:
    """Return the key of the frame nearest a year and month (a quiet year has no months)."""
    sequence = frame_sequence(VERSION)
    wanted = timeline.Frame(year, month)
    return sequence[timeline.position(sequence, wanted)].key


def frame_of(key: str) -> timeline.Frame:
    year, _dash, month = key.partition("-")
    return timeline.Frame(int(year), int(month) if month else None)


def start_session(data: Dataset) -> None:
    """Take the first view from the URL; later the player's reports keep it."""
    asked = {key: value for key, value in st.query_params.to_dict().items() if key != "lang"}
    view, notes = page.parse_query(asked, story_steps=len(data.story))  # lang: page_language
    start = frame_key(view.year, view.month)
    st.session_state.update(
        notes=notes,
        frame=start,
        layers=list(view.layers),
        factions=list(view.factions),
        mode=page.MODE_TITLES[page.shown_mode(view)],
        present=view.mode == "present",
        story_step=view.story or 1,
        compare_frame=frame_key(page.compare_year(view), None),
        revealed=start,
    )


def current_view() -> page.View:
    shown = frame_of(st.session_state.frame)
    mode = page.mode_of(st.session_state.mode)
    return page.View(
        year=shown.year,
        month=shown.month,
        layers=tuple(name for name in LAYERS if name in st.session_state.layers),
        factions=tuple(f for f in FACTION_IDS if f in st.session_state.factions),
        mode="present" if st.session_state.present and mode in page.PRESENTED else mode,
        story=st.session_state.story_step if mode == "story" else None,
        compare=frame_of(st.session_state.compare_frame).year if mode == "compare" else None,
    )


def after_revealed(key: str, keys: list[str]) -> bool:
    """Return True in predict mode for a frame the class has not revealed yet."""
    if page.mode_of(st.session_state.mode) != "predict":
        return False
    revealed = st.session_state.get("revealed")
    return revealed not in keys or keys.index(key) > keys.index(revealed)


def take_report(map_key: str, frame_state: str) -> None:
    """Apply what the player reports on release; rerun only the page_state fragment.

    The server alone moves predict mode's revealed frame, one frame per ``reveal: next``;
    a ``revealed`` key from the browser is never taken.
    """
    keys = frame_keys(VERSION)
    report = read_report(st.session_state.get(map_key), keys, LAYERS, FACTION_IDS, ASKED_MODES)
    if report.mode is not None:  # a presenter window steers: the whole page reruns
        take_mode(report.mode)
        return
    if report.reveal_next and page.mode_of(st.session_state.mode) == "predict":
        following = next_news_key(
            document(VERSION, LANG)["frames"], st.session_state.get("revealed", "")
        )
        if following:
            st.session_state.revealed = st.session_state[frame_state] = following
        return  # the whole page reruns: the map gets the document extended to that frame
    if report.story_step is not None:  # story keys: the step changes, so the whole page does
        count = len(story.steps(dataset()))
        st.session_state.story_step = min(
            max(1, st.session_state.story_step + report.story_step), count
        )
        return
    if report.story_end is not None:  # Home / End in a story
        count = len(story.steps(dataset()))
        st.session_state.story_step = 1 if report.story_end == "first" else count
        return
    if report.frame is not None and not after_revealed(report.frame, keys):
        st.session_state[frame_state] = report.frame
    if report.layers is not None:
        st.session_state.layers = list(report.layers)
    if report.factions is not None:
        st.session_state.factions = list(report.factions)
    st.rerun("page_state")


# ---------------------------------------------------------------- page parts
# The modes a presenter window may ask for ("present" is explore on the wall).
ASKED_MODES = (*page.MODE_TITLES, "present")


def take_mode(asked: str) -> None:
    """Open the mode a presenter window asks for; explore and present set the projector too."""
    st.session_state.mode = page.MODE_TITLES["explore" if asked == "present" else asked]
    if asked in ("explore", "present"):
        st.session_state.present = asked == "present"


def keep_a_mode() -> None:
    """Keep a mode chosen should a client still send none (``required`` means a browser won't)."""
    if st.session_state.mode is None:
        st.session_state.mode = st.session_state.get("mode_before") or page.MODE_TITLES["explore"]


def notice(text: str, kind: str = "note", *, about_address: bool = False) -> None:
    """Show a plain-text notice (texts may come from the URL or the data: never markup).

    A note about the address floats over the map on the wall, then fades.
    """
    floats = " kr-notice-address" if about_address else ""
    st.html(f'<div class="kr-notice kr-notice-{kind}{floats}" role="status">{escape(text)}</div>')


def the_map(
    options: dict, *, key: str, height: int, frame_state: str = "frame", source: dict | None = None
) -> None:
    frame = map_frame(VERSION, LANG, st.session_state.get("online", False))
    with st.container(key=f"{key}_box"):
        mapframe.mount(
            frame,
            {**(source or document_source(VERSION)), **options},
            key=key,
            height=height,
            on_change=lambda: take_report(key, frame_state),
        )


@st.cache_resource(show_spinner=False, max_entries=2 * len(i18n.LANGS))
def map_frame(version: str, lang: str, online: bool) -> mapframe.MapFrame:
    """Return the map rendered once per data version, language and tile choice: the base map,
    the player's script and style (files the browser keeps), the page's language and font;
    an open adds its options."""
    fmap = base_map(borders(version), tiles_online=online)
    Player(None, options_json=mapframe.OPTIONS_MARK).add_to(fmap)
    page_lang.MapLanguage(lang, app_font()).add_to(fmap)  # <html lang>, the Khmer font
    return mapframe.served(mapframe.render_frame(fmap), STATIC_DIR, STATIC_ROUTE_FROM_FRAME)


def player_options(**extra) -> dict:
    present = st.session_state.present
    return {
        "layers": list(st.session_state.layers),
        "factions": list(st.session_state.factions),
        "present": present,
        "leaveRoom": present,  # "Leave presentation" sits at the right end of the time bar
        "parentKeys": True,
        **extra,
    }


@st.fragment(key="page_state")
def page_state(data: Dataset) -> None:
    """What follows the map on release: the address bar, the table, the compare list."""
    with i18n.speaking(page_language()):  # a fragment's rerun runs only this function
        page_state_in_language(data)


def page_state_in_language(data: Dataset) -> None:
    view = current_view()
    st.query_params.from_dict({**page.to_query(view), **language_query()})
    st.session_state.page_state_runs = st.session_state.get("page_state_runs", 0) + 1
    # For tests and benchmarks: how many times the whole script and this fragment ran.
    st.html(
        f'<div class="kr-runs" aria-hidden="true" data-full="{st.session_state.full_runs}" '
        f'data-fragment="{st.session_state.page_state_runs}" '
        f'data-frame="{escape(st.session_state.frame)}"></div>'
    )
    mode = page.mode_of(st.session_state.mode)
    if mode == "compare":
        left = frames.period_of(frame_of(st.session_state.frame))
        right = frames.period_of(frame_of(st.session_state.compare_frame))
        heading = _("Changes of hands: end of {first} → end of {second}").format(
            first=page.period_label(left), second=page.period_label(right)
        )
        if st.session_state.present:  # on the wall: under the maps, with dates and sources
            sources = document(VERSION, LANG).get("sources")
            st.html(page.changes_html(page.change_records(data, left, right, sources), heading))
            return
        changes = model.changes_between(data, left, right)
        st.subheader(heading)
        if changes.empty:
            st.text(_(page.NO_CHANGES))
        else:
            st.html(page.table_html(page.changes_table(changes, data.factions), heading))
        return
    if st.session_state.present or mode in ("story", "quiz"):  # the quiz's table would answer it
        return
    period = frames.period_of(frame_of(st.session_state.frame))
    title = _("Table of the events of {period} (for screen readers and reading aloud)").format(
        period=page.period_label(period)
    )
    with st.expander(title):
        # The page's own <table> (page.table_html), not st.dataframe: a screen reader walks
        # it cell by cell (the data grid draws on a canvas), and no grid script (1.2 MB)
        # loads before the map's first frame.
        table = events_table_of(st.session_state.frame, VERSION, LANG)
        st.html(page.table_html(table, title))


@st.cache_resource(show_spinner=False, max_entries=512)
def events_table_of(key: str, version: str, lang: str) -> pd.DataFrame:
    """Return the table of the frame's events in ``lang``, made once: read it, never change it."""
    with i18n.speaking(lang):
        return page.events_table(events_of(key, version), dataset().factions)


# ---------------------------------------------------------------- modes
def explore(data: Dataset) -> None:
    present = st.session_state.present
    options = player_options(start=st.session_state.frame, mode="explore", presenter=True)
    the_map(options, key="map", height=650 if present else 620)


def predict_mode(data: Dataset) -> None:
    keys = frame_keys(VERSION)
    if st.session_state.revealed not in keys:  # the data changed under the session
        st.session_state.revealed = keys[0]
    revealed = st.session_state.revealed
    if st.session_state.frame not in keys or keys.index(st.session_state.frame) > keys.index(
        revealed
    ):
        st.session_state.frame = revealed
    if not st.session_state.present:  # on the wall the map needs the room; the button says it
        notice(
            _(
                "Predict: what happens next? Discuss, then press “Reveal next”. "
                "Later dates stay hidden."
            )
        )
    options = player_options(
        start=st.session_state.frame, mode="predict", limit=revealed, presenter=True
    )
    the_map(options, key="predict_map", height=620, source=predict_source(revealed))


def quiz_mode(data: Dataset) -> None:
    if not st.session_state.present:
        notice(_("Quiz: the map stops before each answer; answering reveals it with its source."))
    options = player_options(start=st.session_state.frame, mode="quiz", presenter=True)
    the_map(options, key="quiz_map", height=620)


def story_mode(data: Dataset) -> None:
    steps = story.steps(data)
    if not steps:
        notice(_("No story yet: add rows to data/story.csv (see data/README.md)."))
        return
    count = len(steps)
    st.session_state.story_step = min(max(1, st.session_state.story_step), count)
    if st.session_state.present:
        story_on_the_wall(steps)
        return
    nav_prev, nav_pick, nav_next = st.columns([1, 4, 1], vertical_alignment="bottom")
    nav_prev.button(_("◀ Previous"), key="story_prev", disabled=st.session_state.story_step == 1,
                    on_click=lambda: st.session_state.update(story_step=st.session_state.story_step - 1))  # fmt: skip
    nav_pick.selectbox(_("Story step"), range(1, count + 1), key="story_step",
                       format_func=lambda n: f"{n}. {steps[n - 1].title}")  # fmt: skip
    nav_next.button(_("Next ▶"), key="story_next", disabled=st.session_state.story_step == count,
                    on_click=lambda: st.session_state.update(story_step=st.session_state.story_step + 1))  # fmt: skip
    current = steps[st.session_state.story_step - 1]
    if not step_cleared(current):
        return
    map_col, text_col = st.columns([3, 1.5])
    with map_col:
        the_map(step_options(current, panel=False), key="story_map", height=600)
    with text_col:
        st.html(page.story_html(current))


def step_cleared(current: story.Step) -> bool:
    """Return True when the step may show; else show its content note and a button first."""
    if current.content_note and not st.session_state.get(f"note_ok_{current.number}"):
        notice(current.content_note, "warning")
        st.button(_("Show this step"), key=f"note_button_{current.number}",
                  on_click=lambda: st.session_state.update({f"note_ok_{current.number}": True}))  # fmt: skip
        return False
    st.session_state.frame = frame_key(current.year, current.month)
    return True


def step_options(current: story.Step, **extra) -> dict:
    """Return the player's options for a story step: its date, layers and view."""
    return player_options(
        start=st.session_state.frame,
        mode="story",
        layers=list(current.layers or LAYERS),
        view={"center": [current.lat, current.lon], "zoom": current.zoom},
        presenter=True,
        storyStep=st.session_state.story_step,
        **extra,
    )


def story_on_the_wall(steps: list[story.Step]) -> None:
    """Story in presentation mode: the map's side column shows the step and steps on."""
    current = steps[st.session_state.story_step - 1]
    if not step_cleared(current):
        return
    options = step_options(current, story=page.story_card(current, len(steps)))
    the_map(options, key="story_map", height=620)


def compare_mode(data: Dataset) -> None:
    sync = st.session_state.setdefault("sync_channel", f"compare-{id(st.session_state)}")
    left_col, right_col = st.columns(2)
    with left_col:
        options = player_options(
            start=st.session_state.frame,
            mode="compare",
            sync=sync,
            panel=False,
            leaveRoom=False,
            presenter=True,
        )  # on the wall "Leave presentation" sits at the end of the list of changes
        the_map(options, key="map_left", height=560)
    with right_col:
        options = player_options(start=st.session_state.compare_frame, mode="compare", sync=sync,
                                 panel=False, parentKeys=False, leaveRoom=False)  # fmt: skip
        the_map(options, key="map_right", height=560, frame_state="compare_frame")


def presenter_window(data: Dataset) -> None:
    """The presenter view: teacher notes, next step, clock, controls; it steers the map tab."""
    doc = i18n.document_in(document(VERSION, LANG), LANG)  # the view's words in the language
    sequence = [timeline.Frame(f["year"], f.get("month")) for f in doc["frames"]]
    steps = story.story_document(data, sequence)
    font = page_lang.frame_font_css(app_font()) if LANG == "km" else ""
    st.iframe(presenter.presenter_page(doc, steps, LANG, font), height="content")


# ---------------------------------------------------------------- the page's language, shown
def language_query() -> dict[str, str]:
    """Return the address's ``lang=``: kept once asked for or chosen, absent for a default page."""
    if LANG != i18n.DEFAULT_LANG or "lang" in st.query_params:
        return {"lang": LANG}
    return {}


@st.cache_resource(show_spinner=False, max_entries=1)
def app_font() -> page_lang.AppFont:
    """Return where the pages get the Khmer font: written once into the static folder."""
    return page_lang.publish_font(STATIC_DIR, STATIC_ROUTE_FROM_FRAME)


def language_switch() -> None:
    """The language switch (each language in its own name) and, while any translation is
    unreviewed, the note that says so. Switching reruns the page in the language chosen;
    page_state writes it to the address (``?lang=``) with the other keys."""
    st.segmented_control(
        _("Language"), i18n.LANGS, key="lang", format_func=i18n.LANGUAGE_NAMES.get, required=True
    )
    if i18n.unreviewed_count(LANG):
        st.caption(
            _(
                "Translation under review: written by the developers, not yet checked by a native speaker."
            )
        )


def speak_on_the_page() -> None:
    """Give Streamlit's page its ``<html lang>`` and the bundled Khmer font, in every language:
    the language switch names Khmer in Khmer ("ភាសាខ្មែរ"), which a machine without a Khmer
    font would draw as boxes. The font is fetched only for Khmer letters (unicode-range)."""
    st.html(page_lang.html_lang_script(LANG), unsafe_allow_javascript=True)
    st.html(f"<style>{page_lang.page_font_css(app_font())}</style>")


# ---------------------------------------------------------------- the page
def the_page(data: Dataset) -> None:
    """The page in the language spoken: sidebar, the mode's map, what follows it."""
    if "notes" not in st.session_state:
        start_session(data)
    st.session_state.full_runs = st.session_state.get("full_runs", 0) + 1

    st.html(f"<style>{PAGE_CSS}{PRESENT_CSS if st.session_state.present else ''}</style>")
    speak_on_the_page()
    # The citation metadata the export has in its head (citation_*, DC.*), for reference managers.
    with st.spinner(_("Preparing every frame of the map…")):
        built = document(VERSION, LANG)
    citation_tags = metadata_tags(built["citation"], built.get("sources") or {})
    st.html(page.head_tags_script(citation_tags), unsafe_allow_javascript=True)
    for note in st.session_state.notes:
        notice(note, "warning", about_address=True)

    with st.sidebar:
        subtitle = _("The Khmer Rouge insurgency in Cambodia and on the Thai border, 1979–1999")
        st.html(f'<h1 class="kr-title">kr-map</h1><p class="kr-sub">{escape(subtitle)}</p>')
        language_switch()
        # Buttons, not a radio: after a click, ← and → move time (a radio would change mode).
        # required: a click on the chosen mode keeps it, with no rerun through "no mode at all"
        # (that rerun raced the arrow keys: the mode was sometimes left unchosen)
        st.segmented_control(
            _("Mode"), list(page.MODE_TITLES.values()), key="mode", required=True,
            on_change=keep_a_mode, format_func=page.mode_label,
        )  # fmt: skip
        st.session_state.mode_before = st.session_state.mode
        st.toggle(_("Presentation mode (projector)"), key="present")
        st.link_button(
            _("Presenter view"),
            "?presenter" + ("" if LANG == i18n.DEFAULT_LANG else f"&lang={LANG}"),
            help=_(
                "Opens a second window for the teacher's screen: the story step's teacher notes, "
                "the next step, a lesson clock, and controls that steer this map."
            ),
        )
        st.toggle(_("OpenStreetMap background (needs internet)"), key="online")
        st.caption(_("Layers, factions, legend, speed and loop are on the map itself."))
        with st.expander(_("Download")):
            st.download_button(_("Offline map (HTML)"), lambda: export_file("html", VERSION, LANG),
                               export_name(LANG), "text/html")  # fmt: skip
            st.download_button(_("Events (CSV)"), lambda: export_file("csv", VERSION),
                               "kr-map-events.csv", "text/csv")  # fmt: skip
            st.download_button(_("Events (GeoJSON)"), lambda: export_file("geojson", VERSION),
                               "kr-map-events.geojson", "application/geo+json")  # fmt: skip
        line = page.sources_line(built.get("sources"), data)
        st.html(f'<p class="kr-sources-line">{escape(line)}</p>')

    mode = page.mode_of(st.session_state.mode)
    if st.session_state.present:
        st.button(
            _("Leave presentation"),
            key="leave_present",
            on_click=lambda: st.session_state.update(present=False),
        )
    {"explore": explore, "story": story_mode, "compare": compare_mode, "predict": predict_mode,
     "quiz": quiz_mode}[mode](data)  # fmt: skip
    page_state(data)


VERSION = data_version()
with i18n.speaking(LANG):
    try:
        data = dataset()
    except DataError as error:
        st.error(
            _("The data files have problems, so the map cannot be drawn. Fix these and reload:")
        )
        st.code(error.report(limit=40), language=None)
        st.stop()
    if "presenter" in st.query_params:  # the teacher's second window (opened from the sidebar)
        presenter_window(data)
        st.stop()
    the_page(data)
