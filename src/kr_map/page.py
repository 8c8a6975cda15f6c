"""What the page says about a state: URL parameters, captions, legend and tables."""

from __future__ import annotations

from html import escape

import pandas as pd

from kr_map import model, wording
from kr_map.query import DEFAULT_LAYERS, DEFAULT_YEAR, MODES, View, parse_query, to_query  # noqa: F401

MODE_TITLES = {"explore": "Explore", "story": "Story", "compare": "Compare", "predict": "Predict"}


def events_table(state: model.State, factions: pd.DataFrame) -> pd.DataFrame:
    """Return the period's events as a plain table to read aloud, in date order."""
    events = state.events
    return pd.DataFrame(
        {
            "When": [
                wording.date_phrase(w, p)
                for w, p in zip(events["when"], events["precision"], strict=True)
            ],
            "What": events["title"],
            "Kind": events["kind"],
            "Where": events["place_name"].fillna("—"),
            "Who": [wording.faction_names(ids, factions) for ids in events["faction_ids"]],
            "People": [
                wording.people_text(lo, hi)
                for lo, hi in zip(events["people_low"], events["people_high"], strict=True)
            ],
            "Source": events["seed"],
            "Quote": events["quote"],
        }
    ).reset_index(drop=True)


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
        f'<div class="kr-story" tabindex="0" role="region" aria-label="Story step {step.number}">'
        f"<h2>{step.number}. {escape(step.title)}</h2>"
        f'<p class="kr-narrative">{escape(step.narrative)}</p>'
        f'<h3>What the sources say</h3><ul class="kr-sources">{sources}</ul></div>'
    )


def changes_table(changes: pd.DataFrame, factions: pd.DataFrame) -> pd.DataFrame:
    """Return the places that changed hands between two dates as a plain table."""

    def name(faction_id: str) -> str:
        if not faction_id:
            return "no holder recorded"
        return (
            str(factions.loc[faction_id, "short_name"])
            if faction_id in factions.index
            else faction_id
        )

    return pd.DataFrame(
        {
            "Place": changes["place_name"].astype(str),
            "Before": [name(f) for f in changes["before"]],
            "After": [name(f) for f in changes["after"]],
        }
    )
