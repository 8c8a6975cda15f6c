"""Popup and tooltip HTML for map features; every value from the data is escaped."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from html import escape as _html_escape

import pandas as pd

_JS_TEMPLATE_SAFE = str.maketrans({"`": "&#96;", "$": "&#36;", "\\": "&#92;"})


def escape(text: str) -> str:
    """Return text safe inside HTML that folium places in a JavaScript template string.

    Besides <, >, & and quotes, a backtick, a dollar sign or a backslash could end or
    run code inside the template string, so they become character references too.
    """
    return _html_escape(str(text)).translate(_JS_TEMPLATE_SAFE)


def people_text(low, high, noun: str = "people") -> str:
    """Return a count as the sources give it: '6,000', '20,000–30,000', 'more than 600'."""
    low = None if low is None or pd.isna(low) else int(low)
    high = None if high is None or pd.isna(high) else int(high)
    if low is None and high is None:
        return ""
    if low is not None and high is not None:
        text = f"{low:,}" if low == high else f"{low:,}–{high:,}"
    elif low is not None:
        text = f"at least {low:,}"
    else:
        text = f"up to {high:,}"
    return f"{text} {noun}".strip()


def faction_names(ids: str, factions: pd.DataFrame, *, short: bool = False) -> str:
    """Return the names of ';'-separated faction ids, in order."""
    column = "short_name" if short and "short_name" in factions.columns else "name"
    names = []
    for fid in (i.strip() for i in ids.split(";") if i.strip()):
        names.append(str(factions.loc[fid, column]) if fid in factions.index else fid)
    return ", ".join(names)


def source_block(quote: str, seed: str) -> str:
    """Return the verbatim quote and the seed file it comes from."""
    return (
        f'<blockquote class="kr-quote">“{escape(quote)}”</blockquote>'
        f'<div class="kr-source">Source: <code>seeds/{escape(seed)}</code> (Wikipedia, CC BY-SA)</div>'
    )


def fact_rows(facts: Mapping[str, str]) -> str:
    """Return label/value rows, skipping empty values."""
    cells = "".join(
        f"<tr><th>{escape(label)}</th><td>{escape(value)}</td></tr>"
        for label, value in facts.items()
        if value
    )
    return f'<table class="kr-facts">{cells}</table>' if cells else ""


def card(title: str, facts: Mapping[str, str], summary: str, quote: str, seed: str) -> str:
    """Return one fact card: title, facts, summary and source."""
    summary_html = f'<p class="kr-summary">{escape(summary)}</p>' if summary else ""
    return (
        f'<div class="kr-card"><h4>{escape(title)}</h4>{fact_rows(facts)}'
        f"{summary_html}{source_block(quote, seed)}</div>"
    )


def event_card(event: Mapping, factions: pd.DataFrame) -> str:
    """Return the card of one event."""
    facts = {
        "When": str(event["when"]),
        "What": str(event["kind"]).replace("_", " "),
        "Where": str(event.get("place_name") or ""),
        "Who": faction_names(str(event["factions"]), factions),
        "People": people_text(event["people_low"], event["people_high"]),
    }
    return card(
        str(event["title"]), facts, str(event["summary"]), str(event["quote"]), str(event["seed"])
    )


def control_card(holding: Mapping, factions: pd.DataFrame) -> str:
    """Return the card of a place's holder, noting a change of hands."""
    holder = faction_names(str(holding["faction_id"]), factions)
    before = faction_names(str(holding["previous_faction"]), factions)
    facts = {
        "Held by": holder,
        "Since": str(holding["when"]),
        "Before": before if holding.get("changed") else "",
        "Location": "approximate" if holding["place_coord_precision"] == "approximate" else "",
    }
    title = f"{holding['place_name']}"
    return card(
        title, facts, str(holding.get("summary") or ""), str(holding["quote"]), str(holding["seed"])
    )


def movement_card(move: Mapping) -> str:
    """Return the card of a movement of people, with its geodesic length."""
    facts = {
        "When": str(move["when"]),
        "What": str(move["kind"]).replace("_", " "),
        "From": str(move["from_name"]),
        "To": str(move["to_name"]),
        "People": people_text(move["people_low"], move["people_high"]),
        "Distance": f"{move['distance_km']:,.0f} km in a straight line (geodesic)",
    }
    title = f"{str(move['kind']).capitalize()}: {move['from_name']} → {move['to_name']}"
    return card(title, facts, str(move.get("summary") or ""), str(move["quote"]), str(move["seed"]))


def stack(cards: Iterable[str]) -> str:
    """Return several cards in one scrollable popup."""
    return '<div class="kr-popup">' + '<hr class="kr-sep">'.join(cards) + "</div>"


def plain(text: str) -> str:
    """Return text made safe for a tooltip."""
    return escape(text)
