"""The frames document of predict mode: nothing after the revealed frame is in it.

Predict mode asks a class what happens next, so the browser must not hold the answer:
:func:`document_until` cuts a frames document (:mod:`kr_map.frames`) after one frame.
The cut keeps the frames up to that one, only the features, cards and events those
frames use (renumbered), and the charts of those frames, whose holdings end no later
than the revealed period (a later end is not known yet). ``"more": true`` says that
later frames exist; the server hands out the next one when the player asks
(``{"reveal": "next"}``, :mod:`kr_map.reports`), so no later key is ever in the browser.

The offline export keeps every frame: a file holds its future by nature.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from kr_map.frames import action_bounds


def news_of(frame: dict[str, Any]) -> tuple[str, tuple[str, ...]]:
    """Return what a frame says beyond its date: its caption without its label, its events.

    Two frames with the same news look alike to a class; the player's ``newsOf``
    (``assets/core/frames.js``) reads frames the same way.
    """
    label = str(frame.get("label") or "")
    caption = str(frame.get("caption") or "")
    return (caption.replace(label, "") if label else caption, tuple(frame.get("events") or ()))


def next_news_key(frames: Sequence[dict[str, Any]], revealed: str) -> str | None:
    """Return the key Reveal next moves to: the next frame whose news differs, else the last.

    None when ``revealed`` is the last frame or not a frame at all. Predict mode steps by
    this, so a class never reveals six identical months one by one.
    """
    keys = [frame["key"] for frame in frames]
    if revealed not in keys or keys.index(revealed) + 1 >= len(keys):
        return None
    at = keys.index(revealed)
    shown = news_of(frames[at])
    for frame in frames[at + 1 :]:
        if news_of(frame) != shown:
            return str(frame["key"])
    return keys[-1]


def document_until(document: dict[str, Any], key: str) -> dict[str, Any]:
    """Return the document with no frame after ``key`` and nothing only later frames use.

    ``key`` must be one of the document's frame keys (``KeyError`` otherwise).
    """
    keys = [frame["key"] for frame in document["frames"]]
    if key not in keys:
        raise KeyError(key)
    last = keys.index(key)
    kept = document["frames"][: last + 1]
    features = _Renumbered(document["features"])
    cards = _Renumbered(document["cards"])
    frames = [_frame(frame, features, cards) for frame in kept]
    listed = {
        e
        for frame in kept
        for e in (*frame["events"], *frame["ongoing"], *frame.get("sometime", []))
    }
    cut = {
        **document,
        "frames": frames,
        "features": features.kept,
        "cards": cards.kept,
        "events": {eid: rec for eid, rec in document["events"].items() if eid in listed},
        "bounds": action_bounds(features.kept) or document.get("bounds"),
        "more": last + 1 < len(keys),
    }
    if isinstance(document.get("charts"), dict):
        cut["charts"] = _charts(document["charts"], last + 1)
    return cut


class _Renumbered:
    """The values of a table that the kept frames use, in first-use order, with new indices."""

    def __init__(self, values: list[Any]) -> None:
        self.values = values
        self.kept: list[Any] = []
        self.index: dict[int, int] = {}

    def take(self, old: int) -> int:
        if old not in self.index:
            self.index[old] = len(self.kept)
            self.kept.append(self.values[old])
        return self.index[old]


def _frame(frame: dict[str, Any], features: _Renumbered, cards: _Renumbered) -> dict[str, Any]:
    shown = []
    for old in frame["features"]:
        before = len(features.kept)
        shown.append(features.take(old))
        if len(features.kept) > before:  # first use: renumber the cards it opens
            feature = features.kept[-1]
            if feature.get("cards"):
                features.kept[-1] = {**feature, "cards": [cards.take(c) for c in feature["cards"]]}
    government = frame.get("government")
    if government and government.get("card") is not None:
        government = {**government, "card": cards.take(government["card"])}
    return {**frame, "features": shown, "government": government}


def _charts(charts: dict[str, Any], count: int) -> dict[str, Any]:
    """Return the charts of the first ``count`` frames: the strip and the holdings so far."""
    periods = charts.get("periods", [])[:count]
    strip = charts.get("strip") or {}
    cut = {
        **charts,
        "periods": periods,
        "strip": {**strip, "counts": strip.get("counts", [])[:count]},
    }
    chart = charts.get("chart")
    if chart and periods:
        end = (dt.date.fromisoformat(max(p[1] for p in periods)) + dt.timedelta(days=1)).isoformat()
        cut["chart"] = _chart_until(chart, count, end)
    elif chart:
        cut["chart"] = None
    return cut


def _chart_until(chart: dict[str, Any], count: int, end: str) -> dict[str, Any]:
    """Return the who-held-what chart as known at ``end`` (ISO day after the revealed period)."""
    holdings = []
    for holding in chart["holdings"]:
        shown = [i for i in holding.get("frames", []) if i < count]
        segments = [
            {**seg, "to": min(seg["to"], end)} for seg in holding["segments"] if seg["from"] < end
        ]
        if not shown or not segments:
            continue
        record = {**holding, "frames": shown, "segments": segments}
        if holding.get("to") is None or holding["to"] > end:  # its end is still to come
            record.update(to=None, until="", text="", lastAttested="", endQuote="", endSeed="")
        holdings.append(record)
    used = sorted({h["place"] for h in holdings})  # the rows keep their order
    row = {old: new for new, old in enumerate(used)}
    holdings = [{**h, "place": row[h["place"]]} for h in holdings]
    return {**chart, "end": end, "places": [chart["places"][i] for i in used],
            "holdings": holdings}  # fmt: skip
