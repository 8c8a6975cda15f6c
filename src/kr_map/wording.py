"""How counts and faction lists are said in words: plain text, never markup."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd


def people_text(low, high, noun: str = "people") -> str:
    """Return a count as the sources give it: '6,000', '20,000–30,000', 'at least 600'."""
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


def faction_ids(cell) -> tuple[str, ...]:
    """Return the faction ids of a cell: a tuple as the loader gives it, or a ';'-list."""
    if isinstance(cell, (tuple, list)):
        return tuple(str(f) for f in cell if str(f))
    if cell is None or (not isinstance(cell, str) and pd.isna(cell)):
        return ()
    return tuple(part.strip() for part in str(cell).split(";") if part.strip())


def faction_names(ids: Iterable[str] | str, factions: pd.DataFrame, *, short: bool = False) -> str:
    """Return the names of faction ids, in order, comma separated."""
    column = "short_name" if short and "short_name" in factions.columns else "name"
    return ", ".join(
        str(factions.loc[fid, column]) if fid in factions.index else fid for fid in faction_ids(ids)
    )
