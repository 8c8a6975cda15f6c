"""What the page says about a state: URL parameters, captions, legend and tables."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

import pandas as pd

from html import escape

from kr_map import model, symbols, wording
from kr_map.vocab import FACTION_IDS, LAYER_TITLES, LAYERS

MODES = ("explore", "present", "story", "compare", "predict")
MODE_TITLES = {"explore": "Explore", "story": "Story", "compare": "Compare", "predict": "Predict"}
HOME_CENTER = (12.9, 104.2)
HOME_ZOOM = 7
MAX_PANEL_EVENTS = 100  # the events panel lists this many, then says how many more
DEFAULT_YEAR = 1989
DEFAULT_LAYERS = ("zones", "control", "camps", "movements", "battles", "events")


from kr_map.query import View, parse_query, to_query  # noqa: E402, F401


def caption(state: model.State, factions: pd.DataFrame) -> str:
    """Return one line summing up the period: changes of hands, fighting, people moving."""
    parts = []
    changed = state.control[state.control["changed"]]
    for _, row in changed.head(3).iterrows():
        holder = factions.loc[row["faction_id"], "name"].split(" (")[0]
        parts.append(f"{row['place_name']} passes to {holder}")
    if len(changed) > 3:
        parts.append(f"{len(changed) - 3} more changes of hands")
    if len(state.battles):
        parts.append(_plural(len(state.battles), "battle or attack", "battles or attacks"))
    if len(state.movements):
        parts.append(_plural(len(state.movements), "movement of people", "movements of people"))
    if not parts:
        parts.append(_plural(len(state.events), "recorded event", "recorded events"))
    return f"{state.period.label}: " + "; ".join(parts) + "."


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def events_table(state: model.State, factions: pd.DataFrame) -> pd.DataFrame:
    """Return the period's events as a plain table to read aloud, in date order."""
    events = state.events
    return pd.DataFrame(
        {
            "When": events["when"],
            "What": events["title"],
            "Kind": events["kind"],
            "Where": events["place_name"].fillna("—"),
            "Who": [wording.faction_names(f, factions) for f in events["factions"]],
            "People": [
                wording.people_text(lo, hi)
                for lo, hi in zip(events["people_low"], events["people_high"], strict=True)
            ],
            "Source": events["seed"],
            "Quote": events["quote"],
        }
    ).reset_index(drop=True)


def legend_html(factions: pd.DataFrame, *, compact: bool = False) -> str:
    """Return the legend: every faction colour, every symbol and how vagueness is drawn."""
    label = "short_name" if compact else "name"
    rows = [
        f'<li title="{escape(str(r["name"]))}"><span class="kr-swatch" '
        f'style="background:{escape(str(r["colour"]))}"></span>{escape(str(r[label]))}</li>'
        for _, r in factions.iterrows()
    ]
    shapes = [
        f"<li>{symbols.svg_image(shape, symbols.NEUTRAL_FILL, 22)} {escape(name)}</li>"
        for shape, name in symbols.SHAPE_NAMES.items()
    ]
    lines = [
        f'<li><span class="kr-line" style="background:{symbols.PEOPLE_MOVEMENT_COLOUR}"></span>'
        "civilians moving (wider = more people)</li>",
        f'<li><span class="kr-line" style="background:{symbols.TROOP_MOVEMENT_COLOUR}"></span>troops moving</li>',
        '<li><span class="kr-ring"></span>ring in the old holder\'s colour: changed hands</li>',
        f"<li>{symbols.svg_image('dot', symbols.NEUTRAL_FILL, 22, vague=True)} dashed: vague date or "
        "approximate place (“c.” in dates)</li>",
        '<li><span class="kr-zone-swatch"></span>shaded: approximate zone, no boundary in sources</li>',
    ]
    kind = "kr-legend kr-legend-compact" if compact else "kr-legend"
    return (
        f'<div class="{kind}"><h4>Held by</h4><ul>' + "".join(rows) + "</ul>"
        "<h4>Symbols</h4><ul>" + "".join(shapes + lines) + "</ul></div>"
    )


def layer_title(name: str) -> str:
    """Return a layer's name for people."""
    return LAYER_TITLES[name]


MONTH_LABELS = (
    "Whole year",
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
)


def month_label(number: int | None) -> str:
    """Return the month slider's label for a month number (None: the whole year)."""
    return MONTH_LABELS[number or 0]


def month_number(label: str) -> int | None:
    """Return the month number a month slider label stands for (None: the whole year)."""
    index = MONTH_LABELS.index(label) if label in MONTH_LABELS else 0
    return index or None


def escape_text(text: str) -> str:
    """Return text safe to put inside HTML."""
    return escape(text)


def header_html(state: model.State, factions: pd.DataFrame, *, with_caption: bool = True) -> str:
    """Return the large date and, unless left out, the one-line caption of the period."""
    text = escape(caption(state, factions))
    line = f'<p class="kr-caption" title="{text}">{text}</p>' if with_caption else ""
    return (
        f'<div class="kr-head"><p class="kr-date" aria-live="polite">{escape(state.period.label)}</p>'
        f"{line}</div>"
    )


def events_panel_html(state: model.State, factions: pd.DataFrame) -> str:
    """Return the period's events as cards in date order, each with its quote and seed."""
    if state.events.empty:
        return '<p class="kr-caption">No events recorded in the sources for this period.</p>'
    shown = state.events.head(MAX_PANEL_EVENTS)
    cards = [_panel_card(row, factions) for _, row in shown.iterrows()]
    more = len(state.events) - len(shown)
    if more > 0:
        cards.append(f'<p class="kr-caption">… and {more} more: choose a month to see them.</p>')
    return '<div class="kr-events">' + "".join(cards) + "</div>"


def _panel_card(event: pd.Series, factions: pd.DataFrame) -> str:
    where = event["place_name"] if isinstance(event["place_name"], str) else "no place on the map"
    who = wording.faction_names(str(event["factions"]), factions, short=True)
    people = wording.people_text(event["people_low"], event["people_high"])
    facts = " · ".join(escape(x) for x in (str(event["kind"]), where, who, people) if x)
    colour = "#111"
    first = [*str(event["factions"]).split(";"), ""][0].strip()
    if first in factions.index:
        colour = str(factions.loc[first, "colour"])
    summary = f"<p>{escape(str(event['summary']))}</p>" if event["summary"] else ""
    return (
        f'<div class="kr-event" style="border-left-color:{escape(colour)}">'
        f'<div class="kr-when">{escape(str(event["when"]))}</div>'
        f'<div class="kr-title-line">{escape(str(event["title"]))}</div>'
        f'<div class="kr-facts-line">{facts}</div>{summary}'
        f"{popups.source_block(str(event['quote']), str(event['seed']))}</div>"
    )


def mode_of(title: str) -> str:
    """Return the mode id for a mode's title on the page ('Story' -> 'story')."""
    return next((mode for mode, t in MODE_TITLES.items() if t == title), "explore")


def compare_year(view: View) -> int:
    """Return the year the compare view sets beside the view's year: the next, or the one before."""
    if view.compare is not None:
        return view.compare
    return view.year + 1 if view.year < model.LAST_YEAR else view.year - 1


def story_html(step) -> str:
    """Return a story step's narrative and the quotes it rests on, escaped."""
    sources = "".join(
        f"<li><b>{escape(s.title)}</b> ({escape(s.when)})"
        f'<blockquote class="kr-quote">“{escape(s.quote)}”</blockquote>'
        f'<div class="kr-source">seeds/{escape(s.seed)}</div></li>'
        for s in step.sources
    )
    return (
        f'<div class="kr-story"><h2>{step.number}. {escape(step.title)}</h2>'
        f'<p class="kr-narrative">{escape(step.narrative)}</p>'
        f'<h4>What the sources say</h4><ul class="kr-sources">{sources}</ul></div>'
    )


def changes_table(changes: pd.DataFrame, factions: pd.DataFrame) -> pd.DataFrame:
    """Return the places that changed hands between two dates as a plain table."""

    def name(faction_id: str) -> str:
        if not faction_id:
            return "no holder recorded"
        return str(factions.loc[faction_id, "short_name"]) if faction_id in factions.index else faction_id

    return pd.DataFrame(
        {
            "Place": changes["place_name"].astype(str),
            "Before": [name(f) for f in changes["before"]],
            "After": [name(f) for f in changes["after"]],
        }
    )
