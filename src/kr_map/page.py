"""What the page says about a state: URL parameters, captions, legend and tables."""

from __future__ import annotations

from html import escape

import pandas as pd

from kr_map import dates, i18n, model, translations, wording
from kr_map.i18n import N_, _
from kr_map.loader import Dataset
from kr_map.query import DEFAULT_LAYERS, DEFAULT_YEAR, MODES, View, parse_query, to_query  # noqa: F401
from kr_map.story import Step
from kr_map.style import WALL_CHANGES

# The titles are the mode switch's values (kept in English in the session); the page shows
# each in the language spoken (:func:`mode_label`).
MODE_TITLES = {
    "explore": N_("Explore"),
    "story": N_("Story"),
    "compare": N_("Compare"),
    "predict": N_("Predict"),
    "quiz": N_("Quiz"),
}
NO_HOLDER = N_("no holder recorded")
# The modes a URL's mode=present can carry (with story= or compare=, else explore).
PRESENTED = ("explore", "story", "compare")


def events_table(events: pd.DataFrame, factions: pd.DataFrame) -> pd.DataFrame:
    """Return a period's events (a state's ``events``) as a plain table to read aloud, in
    date order."""
    return pd.DataFrame(
        {
            _("When"): [
                wording.date_phrase(w, p)
                for w, p in zip(events["when"], events["precision"], strict=True)
            ],
            _("What"): events["title"],
            _("Kind"): [wording.kind_word(str(kind)) for kind in events["kind"]],
            _("Where"): events["place_name"].fillna("—"),
            _("Who"): [wording.faction_names(ids, factions) for ids in events["faction_ids"]],
            _("People"): [
                wording.people_text(lo, hi)
                for lo, hi in zip(events["people_low"], events["people_high"], strict=True)
            ],
            _("Source"): events["seed"],
            _("Quote"): events["quote"],
        }
    ).reset_index(drop=True)


def table_html(table: pd.DataFrame, caption: str) -> str:
    """Return a table as the page's own HTML: a ``<table>`` a screen reader walks cell by cell,
    with its caption and column heads, every text escaped (the data's text is shown as
    written, never read as HTML or Markdown: st.table would read its cells as Markdown)."""
    head = "".join(f'<th scope="col">{escape(str(column))}</th>' for column in table.columns)
    rows = "".join(
        "<tr>" + "".join(f"<td>{escape(_cell(value))}</td>" for value in row) + "</tr>"
        for row in table.itertuples(index=False)
    )
    return (
        f'<table class="kr-table" lang="{i18n.current()}"><caption>{escape(caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
    )


def _cell(value) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


def period_label(period: model.Period) -> str:
    """Return a period's name ('1989', 'Mar 1994') in the language spoken."""
    return wording.when(period.label)


def mode_label(title: str) -> str:
    """Return a mode's title (a value of :data:`MODE_TITLES`) in the language spoken."""
    return _(title)


def mode_of(title: str) -> str:
    """Return the mode id for a mode's title on the page ('Story' -> 'story')."""
    return next((mode for mode, t in MODE_TITLES.items() if t == title), "explore")


def shown_mode(view: View) -> str:
    """Return the mode a view opens in: ``mode=present`` with ``story=`` is the story, etc."""
    if view.mode != "present":
        return view.mode
    if view.story is not None:
        return "story"
    return "compare" if view.compare is not None else "explore"


def story_card(step: Step, count: int) -> dict:
    """Return a story step as the map's side column shows it on the wall (plain text)."""
    return {
        "number": step.number,
        "count": count,
        "title": step.title,
        "narrative": step.narrative,
        "sources": [
            {
                "title": s.title,
                "when": s.when,
                "quote": s.quote,
                "seed": s.seed,
                **translations.translated(dict(s.translation_cells), ("title", "quote")),
            }
            for s in step.sources
        ],
        **translations.translated(dict(step.translation_cells), ("title", "narrative")),
    }


def sources_line(sources: dict | None, data: Dataset) -> str:
    """Return the credit line of the texts: each source's title, publisher and licence.

    From the document's record of the sources (``data/sources.csv``); where it has none,
    the seed files' names, with no publisher guessed.
    """
    seeds = sorted({str(seed) for seed in data.events["seed"]})
    parts = []
    for seed in seeds:
        record = (sources or {}).get(seed) or {}
        if record.get("title"):
            by = ", ".join(p for p in (record.get("publisher"), record.get("licence")) if p)
            parts.append(wording.title_quoted(record["title"]) + (f" ({by})" if by else ""))
        else:
            parts.append(f"seeds/{seed}")
    return _("Sources: {sources}.").format(sources="; ".join(parts))


def compare_year(view: View) -> int:
    """Return the year the compare view sets beside the view's year: the next, or the one before."""
    if view.compare is not None:
        return view.compare
    return view.year + 1 if view.year < model.LAST_YEAR else view.year - 1


def _beside_html(cells: tuple, column: str) -> str:
    """Return the translation of a column beside its original, labelled, escaped ('' if none)."""
    found = translations.beside(dict(cells), (column,)).get(column)
    if not found:
        return ""
    label = (
        _("Translation ({language}) of the original above")
        if found["status"] == "reviewed"
        else _("Translation ({language}, unreviewed) of the original above")
    ).format(language=i18n.LANGUAGE_NAMES[found["lang"]])
    return (
        f'<div class="kr-translated" lang="{escape(found["lang"])}">'
        f'<p class="kr-translated-label">{escape(label)}</p>'
        f'<p class="kr-translated-text">{escape(found["text"])}</p></div>'
    )


def story_html(step) -> str:
    """Return a story step's narrative and the quotes it rests on, escaped; in another
    language their translations beside them, labelled (the English stays, verbatim)."""
    sources = "".join(
        f"<li><b>{escape(s.title)}</b> ({escape(s.when)})"
        f'<blockquote class="kr-quote" lang="en">“{escape(s.quote)}”</blockquote>'
        f"{_beside_html(s.translation_cells, 'quote')}"
        f'<div class="kr-source">seeds/{escape(s.seed)}</div></li>'
        for s in step.sources
    )
    return (
        f'<div class="kr-story" tabindex="0" role="region" '
        f'aria-label="{escape(_("Story step {number}").format(number=step.number))}">'
        f"<h2>{step.number}. {escape(step.title)}</h2>"
        f"{_beside_html(step.translation_cells, 'title')}"
        f'<p class="kr-narrative" lang="en">{escape(step.narrative)}</p>'
        f"{_beside_html(step.translation_cells, 'narrative')}"
        f"<h3>{escape(_('What the sources say'))}</h3>"
        f'<ul class="kr-sources">{sources}</ul></div>'
    )


def changes_table(changes: pd.DataFrame, factions: pd.DataFrame) -> pd.DataFrame:
    """Return the places that changed hands between two dates as a plain table."""

    def name(faction_id: str) -> str:
        if not faction_id:
            return _(NO_HOLDER)
        return wording.faction_names(faction_id, factions, short=True)

    return pd.DataFrame(
        {
            _("Place"): changes["place_name"].astype(str),
            _("Before"): [name(f) for f in changes["before"]],
            _("After"): [name(f) for f in changes["after"]],
        }
    )


def change_records(
    data: Dataset, left: model.Period, right: model.Period, sources: dict | None
) -> list[dict[str, str]]:
    """Return each change of hands between two periods' ends with the date and source of
    the holding shown at the later one (plain text)."""
    changes = model.changes_between(data, left, right)
    held = model.control_at_end_of(data, right).drop_duplicates("place_id", keep="last")
    held = held.set_index("place_id")
    records = []
    for _label, change in changes.iterrows():
        record = {
            "place": str(change["place_name"]),
            "before": wording.holder_name(str(change["before"]), data.factions) or _(NO_HOLDER),
            "after": wording.holder_name(str(change["after"]), data.factions) or _(NO_HOLDER),
            "since": "",
            "source": "",
            "quote": "",
        }
        if change["after"] and change["place_id"] in held.index:
            row = held.loc[change["place_id"]]
            since, precision = str(row["since"]), str(row["precision"])
            record["since"] = dates.describe_in(since, "", precision, i18n.current())
            record["source"] = credit(str(row["seed"]), sources)
            record["quote"] = str(row["quote"])
        records.append(record)
    return records


def credit(seed: str, sources: dict | None) -> str:
    """Return the title of a quote's source in quotation marks, or its seed file's path."""
    record = (sources or {}).get(seed) or {}
    return wording.title_quoted(record["title"]) if record.get("title") else f"seeds/{seed}"


NO_CHANGES = N_("No change of hands recorded between these dates.")


def _since(date: str) -> str:
    text = _("(since {date})").format(date=date)
    return f" <span class='kr-when'>{escape(text)}</span>"


AND_MORE = N_("… and {count} more")


def _more(records: list[dict[str, str]]) -> str:
    """Return the wall's lines saying how many changes it left out, one per height of screen.

    On the wall the list holds whole lines only: the first :data:`style.WALL_CHANGES` changes
    of each height of screen are shown, the rest counted (style.py shows the line that fits).
    """
    return "".join(
        f'<p class="kr-more kr-more-{screen}">'
        f"{escape(_(AND_MORE).format(count=i18n.number(len(records) - shown, i18n.current())))}</p>"
        for screen, shown in WALL_CHANGES.items()
        if len(records) > shown
    )


def changes_html(records: list[dict[str, str]], heading: str) -> str:
    """Return the list of changes of hands for the wall: place, holders, date, quote, source,
    and how many changes a screen of each height leaves out."""
    items = "".join(
        f"<li><b>{escape(r['place'])}</b>: {escape(r['before'])} → {escape(r['after'])}"
        + (_since(r["since"]) if r["since"] else "")
        + (f" <span class='kr-quote'>“{escape(r['quote'])}”</span>" if r["quote"] else "")
        + (f" <span class='kr-source'>{escape(r['source'])}</span>" if r["source"] else "")
        + "</li>"
        for r in records
    )
    body = f"<ul>{items}</ul>{_more(records)}" if records else f"<p>{escape(_(NO_CHANGES))}</p>"
    return (
        f'<section class="kr-changes" tabindex="0" aria-label="{escape(heading)}"'
        f' lang="{i18n.current()}"><h2>{escape(heading)}</h2>{body}</section>'
    )


# Streamlit (1.67) writes the page's <head> itself; st.html with JavaScript allowed runs
# this in the top document, which puts the citation tags there for reference managers.
# The tags travel as inert JSON (frames.script_json) and reach the page by setAttribute.
_HEAD_TAGS_SCRIPT = """<script>(function () {
  const tags = %s;
  document.head.querySelectorAll("meta[data-kr-map]").forEach((old) => old.remove());
  tags.forEach(([name, content]) => {
    const meta = document.createElement("meta");
    meta.setAttribute("name", name);
    meta.setAttribute("content", content);
    meta.setAttribute("data-kr-map", "citation");
    document.head.appendChild(meta);
  });
})();</script>"""


def head_tags_script(tags: list[tuple[str, str]]) -> str:
    """Return a script that puts citation ``<meta>`` tags (name, content) in the page's head."""
    from kr_map.frames import script_json

    return _HEAD_TAGS_SCRIPT % script_json([list(tag) for tag in tags])
