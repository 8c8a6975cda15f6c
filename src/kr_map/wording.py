"""Every claim in words, by its basis, in one place: plain text, never markup.

The rules (issue 16): "passes to" only for a stated change of hands, at its date; a start
the source does not state reads "held by X (first attested January 1985)"; "until" only
for a stated end, otherwise "last attested ..."; a range stays a range ("c. 18–19 Mar
1994"); a low/high count stays "250–300"; "over one million" stays "over 1,000,000"; a
year-only date reads "sometime in 1998", never as the first of January.

Every sentence is one message of the catalogs (``i18n._``), said in the language being
spoken (``i18n.speaking``), with ``{name}`` placeholders for its parts, so a translator
sees whole sentences; each basis keeps its own message in every language.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterable
from functools import lru_cache

import pandas as pd
from babel.lists import format_list

from kr_map import dates, i18n
from kr_map.articles import ARTICLE_COLUMN, SideName
from kr_map.claims import Claim
from kr_map.i18n import N_, _

BASIS_WORDS = {"stated": N_("stated"), "inferred": N_("inferred"), "attested": N_("attested only")}
WHY_STATED = N_("the quote says it")
WHY_ATTESTED = N_(
    "the source mentions it at that date; how and since when it was held is not given"
)
WHY_UNENDED = N_("no source says when this holding ended")
DESTINATION_NOT_GIVEN = N_("destination not given")
# The kinds of events and movements (data/README.md), as a card's "What" says them.
KIND_WORDS = {
    "battle": N_("battle"),
    "offensive": N_("offensive"),
    "capture": N_("capture"),
    "attack": N_("attack"),
    "ambush": N_("ambush"),
    "shelling": N_("shelling"),
    "massacre": N_("massacre"),
    "bombing": N_("bombing"),
    "withdrawal": N_("withdrawal"),
    "agreement": N_("agreement"),
    "election": N_("election"),
    "coup": N_("coup"),
    "defection": N_("defection"),
    "surrender": N_("surrender"),
    "negotiation": N_("negotiation"),
    "founding": N_("founding"),
    "death": N_("death"),
    "arrest": N_("arrest"),
    "camp": N_("camp"),
    "political": N_("political"),
    "other": N_("other"),
    "refugees": N_("refugees"),
    "displacement": N_("displacement"),
    "repatriation": N_("repatriation"),
    "relocation": N_("relocation"),
    "retreat": N_("retreat"),
}


def kind_word(kind: str) -> str:
    """Return an event's or movement's kind as people read it, in the language spoken."""
    word = KIND_WORDS.get(kind)
    return _(word) if word else kind.replace("_", " ")


def number(value: int) -> str:
    """Return a whole number as the language spoken writes it: '10,000', '10 000', '១០,០០០'."""
    return _number(int(value), i18n.current())


@lru_cache(maxsize=4096)
def _number(value: int, lang: str) -> str:
    return i18n.number(value, lang)


def when(label: str) -> str:
    """Return a date the loader worded (``when`` columns) in the language spoken."""
    return dates.label_in(label, i18n.current())


def names_list(names: list[str]) -> str:
    """Return names joined as the language spoken joins a list: 'A and B', 'A et B'."""
    return format_list(names, locale=i18n.current()) if names else ""


def people_text(low, high) -> str:
    """Return a count as the sources give it: '6,000 people', '250–300 people', 'over 1,000,000 people'."""
    low = None if low is None or pd.isna(low) else int(low)
    high = None if high is None or pd.isna(high) else int(high)
    if low is None and high is None:
        return ""
    if low is not None and high is not None and low == high:
        return _("{count} people").format(count=number(low))
    if low is not None and high is not None:
        return _("{low}–{high} people").format(low=number(low), high=number(high))
    if low is not None:  # the quotes say "over one million", "more than a hundred"
        return _("over {count} people").format(count=number(low))
    return _("up to {count} people").format(count=number(high))


def faction_ids(cell) -> tuple[str, ...]:
    """Return the faction ids of a cell as the loader gives them (a tuple), or of a list."""
    if isinstance(cell, str):
        return (cell,) if cell else ()
    if cell is None or (not isinstance(cell, (tuple, list)) and pd.isna(cell)):
        return ()
    return tuple(str(f) for f in cell if str(f))


# A side's words, looked up once per factions table, column and language: a build names the
# same few sides thousands of times (``factions.loc`` costs ~50 us a call). Keyed by the
# table's id, checked against a weak reference, forgotten when the table is; the loader's
# tables are never changed after loading.
_LOOKED_UP: dict[int, tuple[weakref.ref, dict]] = {}


def _looked_up(factions: pd.DataFrame, key: tuple, look_up: Callable[[], str]) -> str:
    table_id = id(factions)
    entry = _LOOKED_UP.get(table_id)
    if entry is None or entry[0]() is not factions:

        def forget(_gone: weakref.ref, table_id: int = table_id) -> None:
            _LOOKED_UP.pop(table_id, None)

        entry = (weakref.ref(factions, forget), {})
        _LOOKED_UP[table_id] = entry
    memo = entry[1]
    if key not in memo:
        memo[key] = look_up()
    return memo[key]


def _name(factions: pd.DataFrame, faction_id: str, column: str) -> str:
    """Return a side's name in the language being spoken where data/translations.csv gives
    it (an unreviewed translation, like every translated word on the page), else as written."""
    lang = i18n.current()
    return _looked_up(
        factions,
        ("name", faction_id, column, lang),
        lambda: _name_in(factions, faction_id, column, lang),
    )


def _name_in(factions: pd.DataFrame, faction_id: str, column: str, lang: str) -> str:
    translated = f"{column}@{lang}"
    if translated in factions.columns:
        name = factions.loc[faction_id, translated]
        if isinstance(name, str) and name:
            return name
    return str(factions.loc[faction_id, column])


def faction_names(ids: Iterable[str] | str, factions: pd.DataFrame, *, short: bool = False) -> str:
    """Return the names of faction ids, in order, comma separated."""
    column = "short_name" if short and "short_name" in factions.columns else "name"
    return ", ".join(
        _name(factions, fid, column) if fid in factions.index else fid for fid in faction_ids(ids)
    )


def holder_name(faction_id: str, factions: pd.DataFrame) -> SideName:
    """Return a side's name without its bracketed detail: 'Khmer Rouge', 'Khmers rouges'.

    The name knows its article in the language being spoken (``article@fr`` from
    data/translations.csv), so a French message may say ``{holder:à}``: "aux Khmers rouges".
    """
    if faction_id not in factions.index:
        return SideName(faction_id)
    name = _name(factions, faction_id, "name").split(" (")[0]
    return SideName(name, _article(factions, faction_id))


def _article(factions: pd.DataFrame, faction_id: str) -> str:
    """Return a side's article in the language being spoken, "" where none is given."""
    column = f"{ARTICLE_COLUMN}@{i18n.current()}"
    return _looked_up(
        factions, ("article", faction_id, column), lambda: _article_in(factions, faction_id, column)
    )


def _article_in(factions: pd.DataFrame, faction_id: str, column: str) -> str:
    if column not in factions.columns:
        return ""
    article = factions.loc[faction_id, column]
    return article if isinstance(article, str) else ""


def date_phrase(label: str, precision: str) -> str:
    """Return a date as precise as its source: a bare year reads 'sometime in 1998'."""
    if precision == "year" and label.isdigit():
        return _("sometime in {year}").format(year=when(label))
    return when(label)


def basis_word(basis: str) -> str:
    """Return the basis as people read it: stated, inferred, attested only."""
    return _(BASIS_WORDS[basis])


# --- Holdings ------------------------------------------------------------------------


def start_phrase(claim: Claim, factions: pd.DataFrame) -> str:
    """Return how a holding began, by basis: 'passes to X (date)' only when stated."""
    holder, date = holder_name(claim.who[0], factions), when(claim.when)
    if claim.what == "changed_hands":
        return _("passes to {holder} ({date})").format(holder=holder, date=date)
    if claim.basis == "inferred":
        return _("held by {holder} (inferred; first dated {date})").format(holder=holder, date=date)
    return _("held by {holder} (first attested {date})").format(holder=holder, date=date)


def end_phrase(end: Claim | None, last_attested: str) -> str:
    """Return how a holding ended: 'until' a stated end, else 'last attested ...'."""
    if end is not None and end.basis == "stated":
        return _("until {date}").format(date=when(end.when))
    if end is not None:
        return _("last attested {last}; ends {date} (inferred)").format(
            last=when(last_attested), date=when(end.when)
        )
    return _("last attested {date}").format(date=when(last_attested))


def change_sentence(claim: Claim, factions: pd.DataFrame) -> str:
    """Return a stated change of hands as a caption says it: 'Pailin passes to Khmer Rouge'."""
    if claim.what != "changed_hands":
        raise ValueError("only a stated change of hands is worded as one")
    holder = holder_name(claim.who[0], factions)
    return _("{place} passes to {holder} ({date})").format(
        place=claim.place, holder=holder, date=when(claim.when)
    )


def claim_basis(claim: Claim, statement: str) -> list[str]:
    """Return a card's [statement, basis word, why] for one claim."""
    if claim.basis == "stated":
        why = _(WHY_STATED)
    elif claim.basis == "attested":
        why = _(WHY_ATTESTED)
    else:
        why = claim.why or _("read from the seed")
    return [statement, basis_word(claim.basis), why]


def end_basis(end: Claim | None, last_attested: str) -> list[str]:
    """Return a card's [statement, basis word, why] for a holding's end."""
    if end is None:
        last = _("Last attested {date}").format(date=when(last_attested))
        return [last, basis_word("attested"), _(WHY_UNENDED)]
    date = when(end.when)
    if end.basis == "stated":
        return [
            _("Until {date}").format(date=date),
            basis_word("stated"),
            _("a source dates the end"),
        ]
    why = _("the next row for the place is inferred")
    return [_("Ends {date}").format(date=date), basis_word("inferred"), why]


AREA_STATUS_WORDS = {
    "stated": N_("a source vouches for the holding at this date"),
    "inferred": N_("only a stated inference covers the holding at this date"),
    "after": N_("after the last time a source mentions the holding"),
    "contested": N_("the areas of two sides meet here"),
}


def area_tip(factions_ids, status: str, places: list[str], factions: pd.DataFrame) -> str:
    """Return an area's tooltip: whose, near which places, on what basis; never a boundary."""
    sides = names_list([holder_name(f, factions) for f in factions_ids])
    near = ", ".join(places) if places else _("held places")
    return _(
        "{sides}: ground near {places}; {status}. "
        "Drawn by distance from the places, not a boundary the sources give."
    ).format(sides=sides, places=near, status=_(AREA_STATUS_WORDS[status]))


# --- Movements and events --------------------------------------------------------------


def movement_route(claim: Claim) -> str:
    """Return 'From → To', or 'From → ? (destination not given)'."""
    if claim.destination:
        return f"{claim.place} → {claim.destination}"
    if claim.toward:
        return _("{start} → ? (destination not given, towards {toward})").format(
            start=claim.place, toward=claim.toward
        )
    return _("{start} → ? (destination not given)").format(start=claim.place)


def event_when(claim: Claim) -> str:
    """Return an event's date as precise as its source."""
    return date_phrase(claim.when, claim.precision)


def source_credit(source: dict[str, str]) -> str:
    """Return the credit line of a source text: “Battle of Pailin”, Wikipedia, CC BY-SA 4.0."""
    title = title_quoted(source.get("title", ""))
    parts = [title, source.get("publisher", ""), source.get("licence", "")]
    return ", ".join(part for part in parts if part)


def title_quoted(title: str) -> str:
    """Return a source's title in the quotation marks of the language spoken ("" for none)."""
    # TRANSLATORS: the quotation marks around a source's title: « {title} » in French.
    return _("“{title}”").format(title=title) if title else ""
