"""URL parameters <-> the view they share: total parsing, every ignored value noted.

A URL is typed, pasted and shortened by people and tools, so every value is untrusted:
parsing never raises, keeps what it can, and says in a note what it ignored and why.
Notes quote the bad value shortened; the page must show them as plain text.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from kr_map import model
from kr_map.i18n import _
from kr_map.vocab import FACTION_IDS, LAYERS

MODES = ("explore", "present", "story", "compare", "predict", "quiz")
DEFAULT_YEAR = 1989
DEFAULT_LAYERS = ("zones", "control", "camps", "movements", "battles", "events")
PARAMETERS = ("year", "month", "layers", "factions", "mode", "story", "compare")
SHOWN_CHARS = 40  # a note quotes this much of a bad value or name


@dataclass(frozen=True)
class View:
    """What the page shows: a year (or a month of it), layers, factions and a mode."""

    year: int = DEFAULT_YEAR
    month: int | None = None
    layers: tuple[str, ...] = DEFAULT_LAYERS
    factions: tuple[str, ...] = FACTION_IDS
    mode: str = "explore"
    story: int | None = None
    compare: int | None = None

    @property
    def period(self) -> model.Period:
        """Return the period the view shows: its month if one is chosen, else its year."""
        if self.month is None:
            return model.year(self.year)
        return model.month(self.year, self.month)


@dataclass
class _Notes:
    lines: list[str] = field(default_factory=list)

    def add(self, line: str) -> None:
        self.lines.append(line)


def _shown(text: str) -> str:
    """Return a value quoted for a note, cut short: a URL may carry kilobytes."""
    if len(text) > SHOWN_CHARS:
        return repr(text[:SHOWN_CHARS]) + f"... ({len(text):,} characters)"
    return repr(text)


def _single(name: str, value: object, notes: _Notes) -> str:
    """Return the one value of a parameter; a repeated parameter keeps its first value."""
    if isinstance(value, list | tuple):
        if len(value) > 1:
            notes.add(
                _("{name} was given {count} times; used the first, {value}.").format(
                    name=name, count=len(value), value=_shown(str(value[0]))
                )
            )
        value = value[0] if value else ""
    return ("" if value is None else str(value)).strip()


def _whole(text: str, name: str, low: int, high: int, notes: _Notes) -> int | None:
    # ASCII digits only: str.isdigit() also accepts '²' and '١', which int() refuses or
    # reads differently; the length check keeps int() from reading kilobytes of digits.
    fits = text.isascii() and text.isdigit() and len(text) <= len(str(high))
    if fits and low <= int(text) <= high:
        return int(text)
    notes.add(
        _("Ignored {name}={value}: expected a whole number from {low} to {high}.").format(
            name=name, value=_shown(text), low=low, high=high
        )
    )
    return None


def _ids(text: str, name: str, allowed: tuple[str, ...], notes: _Notes) -> tuple[str, ...] | None:
    items = [i.strip() for i in text.split(",") if i.strip()]
    unknown = [i for i in items if i not in allowed]
    if not items:
        notes.add(
            _("Ignored {name}={value}: name one or more of {allowed}.").format(
                name=name, value=_shown(text), allowed=", ".join(allowed)
            )
        )
        return None
    if unknown:
        shown = ", ".join(_shown(i) for i in unknown[:5]) + (", ..." if len(unknown) > 5 else "")
        notes.add(
            _("Ignored unknown {name}: {values}. Known: {allowed}.").format(
                name=name, values=shown, allowed=", ".join(allowed)
            )
        )
    known = tuple(i for i in allowed if i in items)
    return known or None


def _mode(text: str, notes: _Notes) -> str | None:
    if text in MODES:
        return text
    notes.add(
        _("Ignored mode={value}: use one of {modes}.").format(
            value=_shown(text), modes=", ".join(MODES)
        )
    )
    return None


def parse_query(params: Mapping[str, object], story_steps: int = 0) -> tuple[View, list[str]]:
    """Return the view a URL asks for and a note for every parameter that was ignored.

    Never raises: a value that cannot be used leaves that part of the view at its default.
    """
    notes = _Notes()
    get = {str(key): _single(str(key), value, notes) for key, value in params.items()}
    years = (model.FIRST_YEAR, model.LAST_YEAR)
    parsers = {
        "year": lambda t: _whole(t, "year", *years, notes),
        "month": lambda t: _whole(t, "month", 1, 12, notes),
        "layers": lambda t: _ids(t, "layers", LAYERS, notes),
        "factions": lambda t: _ids(t, "factions", FACTION_IDS, notes),
        "mode": lambda t: _mode(t, notes),
        "story": lambda t: _story_step(t, story_steps, notes),
        "compare": lambda t: _whole(t, "compare", *years, notes),
    }
    changes = {}
    for name in PARAMETERS:
        if name in get and (value := parsers[name](get[name])) is not None:
            changes[name] = value
    unknown = sorted(set(get) - set(PARAMETERS))
    if unknown:
        shown = ", ".join(_shown(u) for u in unknown[:5]) + (", ..." if len(unknown) > 5 else "")
        notes.add(_("Ignored unknown parameter(s) {names}.").format(names=shown))
    return replace(View(), **changes), notes.lines


def _story_step(text: str, story_steps: int, notes: _Notes) -> int | None:
    if not story_steps:
        notes.add(_("Ignored story={value}: this data has no story.").format(value=_shown(text)))
        return None
    return _whole(text, "story", 1, story_steps, notes)


def to_query(view: View) -> dict[str, str]:
    """Return the URL parameters that reproduce a view (defaults left out)."""
    query = {"year": str(view.year)}
    if view.month is not None:
        query["month"] = str(view.month)
    if view.layers != DEFAULT_LAYERS:
        query["layers"] = ",".join(view.layers)
    if view.factions != FACTION_IDS:
        query["factions"] = ",".join(view.factions)
    if view.mode != "explore":
        query["mode"] = view.mode
    if view.story is not None:
        query["story"] = str(view.story)
    if view.compare is not None:
        query["compare"] = str(view.compare)
    return query
