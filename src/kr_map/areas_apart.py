"""The map first, its areas of control after.

At 10,000 events the areas of control are most of a build (thousands of tile grounds cut
and joined: ``docs/TERRITORY.md``); everything else in the frames document takes a few
seconds. So the app can build the document without areas first
(``frames.frames_document(areas=False)``, which says so: ``areasApart``), show that map,
and make the areas apart (:func:`areas_part`); the player fetches the part and joins it
into its document when it is ready (``assets/core/apart.js``), and says meanwhile that the
areas are still being drawn. The export and the command line build the document whole.

A part holds the area features and the cards they add, numbered after the document's
own (``featureBase``, ``cardBase``), so joining appends them; and each frame's area
features, which come first in its list, as in a whole build. A part fits only the
document it was made for (:func:`fits`). :func:`join` gives the document a whole build
gives, feature for feature (``tests/test_areas_apart.py``).
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, TypeVar

from kr_map import frames, model
from kr_map.area_store import AreaStore
from kr_map.land import Land
from kr_map.loader import Dataset, borders_beside

PART_VERSION = 1
APART_ENV = "KR_MAP_AREAS_APART_FROM"
# Holdings (rows of control.csv) from which the app shows the map before its areas: the
# bundled data has 30 and builds whole in a fraction of a second; at 400 (1,818 events of
# the benchmarks' synthetic data) a whole build takes about 1.3 s, 0.9 s of it the areas.
APART_FROM = 400
T = TypeVar("T")
_LOG = logging.getLogger(__name__)


def worth_apart(dataset: Dataset) -> bool:
    """Return whether the app should show ``dataset``'s map before its areas are made:
    from :data:`APART_FROM` holdings (``KR_MAP_AREAS_APART_FROM`` sets another number)."""
    configured = os.environ.get(APART_ENV, "").strip()
    least = int(configured) if configured.isdigit() else APART_FROM
    return len(dataset.control) >= least


def in_background(make: Callable[[], T], name: str = "kr-map areas") -> Future[T]:
    """Return the future result of ``make()``, run in a thread of its own (a daemon: a server
    that stops does not wait for it; what it writes, it writes atomically)."""
    future: Future[T] = Future()

    def run() -> None:
        if future.set_running_or_notify_cancel():
            try:
                future.set_result(make())
            except BaseException as error:  # the caller's result() raises it; logged, as
                _LOG.exception("%s failed", name)  # a page may never ask for the result
                future.set_exception(error)

    threading.Thread(target=run, name=name, daemon=True).start()
    return future


def areas_part(
    dataset: Dataset,
    document: dict[str, Any],
    first: int = model.FIRST_YEAR,
    last: int = model.LAST_YEAR,
    borders: dict[str, Any] | None = None,
    store: AreaStore | None = None,
) -> dict[str, Any]:
    """Return the areas of control of ``document`` (built with ``areas=False`` from the same
    dataset, years and borders) as a part to join to it."""
    borders = borders if borders is not None else borders_beside(dataset.data_dir)
    sequence = frames.frame_sequence(dataset, first, last)
    if [f.key for f in sequence] != [f["key"] for f in document["frames"]]:
        raise ValueError("the document was built from other frames than these")
    states = model.Frames(dataset, [frames.period_of(frame) for frame in sequence])
    land = Land(dataset.places, borders, store=store)
    frames.cut_ahead(land, states, borders)
    features = frames.ValueTable(start=len(document["features"]))
    cards = frames.ValueTable()
    for card in document["cards"]:  # a card the document has keeps its number
        cards.add(card)
    memo = frames.SceneMemo(dataset.factions, land, features, cards)
    lists = [memo.area_features(states, i) for i in range(len(sequence))]
    return {
        "areasPart": PART_VERSION,
        "featureBase": features.start,
        "cardBase": len(document["cards"]),
        "features": features.values,
        "cards": cards.values[len(document["cards"]) :],
        "frames": [{"features": shown} for shown in lists],
    }


def fits(document: dict[str, Any], part: dict[str, Any]) -> bool:
    """Return whether ``part`` was made for ``document``: the same frames, features and cards."""
    return (
        part.get("areasPart") == PART_VERSION
        and bool(document.get("areasApart"))
        and part.get("featureBase") == len(document["features"])
        and part.get("cardBase") == len(document["cards"])
        and len(part.get("frames", ())) == len(document["frames"])
    )


def join(document: dict[str, Any], part: dict[str, Any]) -> dict[str, Any]:
    """Return ``document`` with the areas of ``part`` (neither is changed)."""
    if not fits(document, part):
        raise ValueError("these areas were made for another frames document")
    joined = {key: value for key, value in document.items() if key != "areasApart"}
    joined["features"] = [*document["features"], *part["features"]]
    joined["cards"] = [*document["cards"], *part["cards"]]
    joined["frames"] = [
        {**frame, "features": [*own["features"], *frame["features"]]}
        for frame, own in zip(document["frames"], part["frames"], strict=True)
    ]
    return joined
