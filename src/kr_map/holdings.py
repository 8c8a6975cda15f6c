"""The holdings of control.csv as intervals: when each ends, and what the sources say of it.

A row of control.csv says that a faction held a place from a date (``since``), with its
basis (stated or inferred), its seed and its verbatim quote. This module is the documented
method that turns those rows into intervals the map and the claims layer can word
(docs/TERRITORY.md, kr_map/claims.py):

- :func:`ends`: a holding ends at the first of its own stated ``until``, the next row for the
  same place, and the last attestation of its holder; which of them ended it, and the
  window the sources attest (the rest is drawn hollow);
- :func:`with_claims`: how its start and end are known (a stated change of hands, the same
  holder attested again, an inferred next row...), and the same for a whole run of rows of
  one holder, as people read it.

Pure pandas: tables in, tables out; the loader reads and checks the files.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

_ONE_DAY = pd.Timedelta(days=1)


def ends(control: pd.DataFrame, factions: pd.DataFrame, stated: pd.DataFrame) -> pd.DataFrame:
    """Return the holdings with their end, its label, provenance and the attested window.

    ``control``: the rows of control.csv with their first day (``t0``), sorted by place and
    day; ``factions`` with their first and last attestations; ``stated``: each row's own
    ``until`` as days (``t0``) and words (``label``).
    """
    by_place = control.groupby("place_id")
    following = {c: by_place[c].shift(-1) for c in ("t0", "when", "seed", "quote")}
    holder = factions.reindex(control["faction_id"]).reset_index(drop=True)
    candidates = pd.DataFrame(
        {"until": stated["t0"], "next": following["t0"], "holder": holder["last_t0"]}
    ).apply(lambda column: pd.to_datetime(column).astype("datetime64[s]"))
    until = candidates.min(axis=1).astype("datetime64[s]")
    ended_by = pd.Series("", index=control.index)
    for source in ("holder", "next", "until"):  # the last written wins: a stated end first
        ended_by = ended_by.where(~(candidates[source] == until), source)
    labels = {"until": stated["label"], "next": following["when"], "holder": holder["last_label"]}
    seeds = {
        "until": control["until_seed"].where(control["until_seed"] != "", control["seed"]),
        "next": following["seed"],
        "holder": holder["last_seed"],
    }
    quotes = {
        "until": control["until_quote"].where(control["until_quote"] != "", control["quote"]),
        "next": following["quote"],
        "holder": holder["last_quote"],
    }
    dated_end = ended_by.isin(["until", "next"])
    previous_faction = by_place["faction_id"].shift(1).fillna("")
    # A second source for the same holder, right after the first, does not restart the doubt
    # about when the holding began: the run is attested from the row's first day.
    continued = (previous_faction == control["faction_id"]) & (
        by_place["until_stated"].shift(1).fillna("") == ""
    )
    attested_from = control["t1"].where(
        (control["t1"] >= control["t0"]) & ~continued, control["t0"]
    )
    since_end = (control["t1"] + _ONE_DAY).astype("datetime64[s]")
    undated_end = since_end.where(until.isna() | (since_end <= until), until)
    attested_until = until.where(dated_end, undated_end)
    until_label = _pick(ended_by, labels)
    # A run of rows for the same holder is one holding to people: "held since" its first row.
    run = (~continued).groupby(control["place_id"]).cumsum()
    in_run = control.groupby([control["place_id"], run])
    return control.assign(
        run=run,
        continued=continued,
        held_since=in_run["t0"].transform("first").astype("datetime64[s]"),
        held_since_label=in_run["when"].transform("first"),
        until=until,
        ended_by=ended_by,
        until_label=until_label,
        until_seed=_pick(ended_by, seeds),
        until_quote=_pick(ended_by, quotes),
        attested_from=attested_from.astype("datetime64[s]"),
        attested_until=attested_until.astype("datetime64[s]"),
        last_attested=until_label.where(dated_end, control["when"]),
        previous_faction=previous_faction,
    )


def with_claims(control: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """Return the holdings with what the sources say of their start and of their end.

    ``start_claim``: ``change`` when a stated row starts on the day of a capture of the place
    by its holder in events.csv (the seeds say it changed hands then), ``again`` when the same
    holder is attested once more, else ``held`` (held then; how it began is not stated).
    ``end_claim``: ``stated`` (a stated ``until``, or a stated change to the next holder),
    ``continues`` (the same holder attested again), ``inferred`` (an inferred next row),
    ``unstated`` (only the end of the holder bounds it) or ``open``. ``was``: the holder it
    was taken from (blank unless the change is stated and the holding before ran up to it).
    ``run_*`` say the same of the whole run of rows for one holder, as people read it.
    """
    captures = events[events["kind"] == "capture"]
    taken = {
        (place, holder, t0, t1)
        for place, holders, t0, t1 in zip(
            captures["place_id"], captures["faction_ids"], captures["t0"], captures["t1"],
            strict=True,
        )
        for holder in holders
    }  # fmt: skip
    keys = zip(
        control["place_id"], control["faction_id"], control["t0"], control["t1"], strict=True
    )
    change = (control["basis"] == "stated") & pd.Series(
        [key in taken for key in keys], index=control.index
    )
    start = pd.Series("held", index=control.index).where(~change, "change")
    start = start.where(~control["continued"], "again")
    place = control["place_id"]
    following = start.groupby(place).shift(-1).fillna("")
    by_next, until = control["ended_by"] == "next", control["until"]
    end = pd.Series("unstated", index=control.index).where(~until.isna(), "open")
    end = end.where(~(by_next & (following == "held")), "inferred")
    end = end.where(~(by_next & (following == "again")), "continues")
    end = end.where(
        ~((control["ended_by"] == "until") | (by_next & following.eq("change"))), "stated"
    )
    before_ended_by = control["ended_by"].groupby(place).shift(1).fillna("")
    was = control["previous_faction"].where(change & (before_ended_by == "next"), "")
    last_attested = control["until_label"].where(end == "stated", control["when"])
    # each row's run (its place's rows for one holder in a row): where the run's first and
    # last rows are, by position (a column's "first" would skip blanks, NaT among them)
    positions = pd.Series(np.arange(len(control)), index=control.index)
    runs = positions.groupby([place, control["run"]])
    at_first, at_last = runs.transform("min").to_numpy(), runs.transform("max").to_numpy()

    def first(column: pd.Series) -> pd.Series:  # typed by its values, as transform types
        return column.iloc[at_first].set_axis(control.index).infer_objects()

    def last(column: pd.Series) -> pd.Series:
        return column.iloc[at_last].set_axis(control.index).infer_objects()

    return control.assign(
        start_claim=start,
        end_claim=end,
        was=was,
        run_start_claim=first(start),
        run_was=first(was),
        run_basis=first(control["basis"]),
        run_t1=first(control["t1"]).astype("datetime64[s]"),
        run_row=first(control["row"]),
        run_seed=first(control["seed"]),
        run_quote=first(control["quote"]),
        run_summary=first(control["summary"]),
        run_end_claim=last(end),
        run_until=last(until).astype("datetime64[s]"),
        run_until_label=last(control["until_label"]),
        run_until_seed=last(control["until_seed"]),
        run_until_quote=last(control["until_quote"]),
        run_last_attested=last(last_attested),
        claimed_last_attested=last_attested,
    )


def _pick(choice: pd.Series, options: dict[str, pd.Series]) -> pd.Series:
    """Return, row by row, the value of the option the ``choice`` names ("" for none)."""
    picked = pd.Series("", index=choice.index, dtype=object)
    for name, values in options.items():
        picked = picked.where(choice != name, values.reindex(choice.index).fillna(""))
    return picked
