"""The frames document on the wire: each listed item stored once with the frames it is in.

In the document :func:`kr_map.frames.frames_document` returns, every frame lists the
features it draws and the events it names (``features``, ``events``, ``ongoing``,
``sometime``). A place held for ten years is listed in every one of its frames, so those
lists grow with frames x data. :func:`pack` stores each list's items once, in one order
that every frame's list keeps, with the runs of frames that list them (``[first, last]``
frame indexes, both included); a frame whose list cannot be written in that order (two
frames that list the same two items in opposite orders) keeps its own list. The player's
``core/intervals.js`` expands the lists again when a frame is read, so views see the same
per-frame document; :func:`unpack` does the same in Python (for tests and tools).

Nothing else changes: top-level keys other helpers add (``story``, ``quiz``...) and the
frames' other keys pass through as they are.
"""

from __future__ import annotations

import heapq
from collections.abc import Hashable, Sequence
from itertools import pairwise
from typing import Any

PACKED_LISTS = ("features", "events", "ongoing", "sometime")
VERSION = 1


def _order(lists: Sequence[Sequence[Hashable]]) -> list[Hashable]:
    """Return the distinct items in one order that keeps each list's order where it can.

    Items that come before another in some list come first (a topological order of the
    lists' neighbours), ties broken by first appearance; items caught in a cycle (lists
    that disagree) follow in order of first appearance.
    """
    first: dict[Hashable, int] = {}
    after: dict[Hashable, set[Hashable]] = {}
    before: dict[Hashable, int] = {}
    for items in lists:
        for item in items:
            if item not in first:
                first[item] = len(first)
                after[item], before[item] = set(), 0
        for a, b in pairwise(items):
            if b not in after[a]:
                after[a].add(b)
                before[b] += 1
    ready = [(rank, item) for item, rank in first.items() if before[item] == 0]
    heapq.heapify(ready)
    order: list[Hashable] = []
    while ready:
        _, item = heapq.heappop(ready)
        order.append(item)
        for nxt in after[item]:
            before[nxt] -= 1
            if before[nxt] == 0:
                heapq.heappush(ready, (first[nxt], nxt))
    placed = set(order)
    return order + [item for item in first if item not in placed]


def _runs(frames: list[int]) -> list[int]:
    """Return sorted frame indexes as runs: [first, last, first, last, ...]."""
    runs: list[int] = []
    for i in frames:
        if runs and runs[-1] == i - 1:
            runs[-1] = i
        else:
            runs += [i, i]
    return runs


def pack_lists(lists: Sequence[Sequence[Hashable]]) -> dict[str, Any]:
    """Return per-frame lists as ``{"items", "spans", "own"}``: each item once with the runs
    of frames listing it, and the lists of frames that the common order cannot give."""
    order = _order(lists)
    rank = {item: i for i, item in enumerate(order)}
    frames_of: list[list[int]] = [[] for _ in order]
    own: dict[str, list[Hashable]] = {}
    for index, items in enumerate(lists):
        for item in items:
            frames_of[rank[item]].append(index)
        if list(items) != sorted(items, key=rank.__getitem__):
            own[str(index)] = list(items)
    return {"items": order, "spans": [_runs(f) for f in frames_of], "own": own}


def unpack_lists(packed: dict[str, Any], count: int) -> list[list[Any]]:
    """Return the per-frame lists of :func:`pack_lists`' output, for ``count`` frames."""
    lists: list[list[Any]] = [[] for _ in range(count)]
    for item, spans in zip(packed["items"], packed["spans"], strict=True):
        for first, last in zip(spans[::2], spans[1::2], strict=True):
            for index in range(first, last + 1):
                lists[index].append(item)
    for index, items in packed["own"].items():
        lists[int(index)] = list(items)
    return lists


def pack(document: dict[str, Any]) -> dict[str, Any]:
    """Return the document for the wire: per-frame lists stored once, as ``packed``."""
    if "packed" in document:
        return document
    frames = document["frames"]
    names = [n for n in PACKED_LISTS if frames and all(n in f for f in frames)]
    packed = {n: pack_lists([f[n] for f in frames]) for n in names}
    slim = [{k: v for k, v in f.items() if k not in packed} for f in frames]
    return {**document, "frames": slim, "packed": {"version": VERSION, "lists": packed}}


def unpack(document: dict[str, Any]) -> dict[str, Any]:
    """Return the per-frame document from :func:`pack`'s (a per-frame one as it is)."""
    if "packed" not in document:
        return document
    frames = [dict(f) for f in document["frames"]]
    for name, packed in document["packed"]["lists"].items():
        for frame, items in zip(frames, unpack_lists(packed, len(frames)), strict=True):
            frame[name] = items
    rest = {k: v for k, v in document.items() if k != "packed"}
    return {**rest, "frames": frames}
