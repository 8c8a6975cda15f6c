"""The player's citations of a view read back by the field's own parsers (BibTeX, RIS).

The view is built from hostile text a researcher's CSV could hold; each reader must find
exactly the cited works, with every value as it was written (LaTeX escapes decoded).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import bibtexparser
import pytest
import rispy
from bibtexparser.bparser import BibTexParser
from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db

from kr_map import citation, export_html
from kr_map.loader import default_data_dir, load

CITE = Path(__file__).resolve().parents[1] / "src" / "kr_map" / "assets" / "core" / "cite.js"

HOSTILE = "Pailin} @misc{evil, title={x}} \\input{/etc/passwd} 50% & $5 #1 a_b ^ ~"
VIEW = {
    "title": "Khmer Rouge insurgency, 1979–1999",
    "authors": "The kr-map contributors",
    "software": "0.1.0",
    "dataVersion": "a1b2c3",
    "shown": "October 1989",
    "key": "1989-10",
    "layers": ["Control", "Battles & violence"],
    "factions": [HOSTILE, '=HYPERLINK("http://x")'],
    "url": "http://127.0.0.1:8501/?year=1989&month=10",
    "accessed": "2026-12-03",
    "sources": [
        {
            "title": "Battle of Pailin",
            "url": "https://en.wikipedia.org/wiki/Battle_of_Pailin",
            "publisher": "Wikipedia",
            "licence": "CC BY-SA 4.0",
        },
        {
            "title": "My notes\nER  - \nTY  - JOUR",
            "url": "file:///home/me/notes {draft}.txt",
            "publisher": HOSTILE,
            "licence": "own work",
        },
    ],
}


@pytest.fixture(scope="module")
def cited() -> dict[str, str]:
    if shutil.which("node") is None:
        pytest.fail("Node is needed to run the player's citation module (apt-get install nodejs)")
    script = (
        f"import {{ citations }} from {json.dumps(CITE.as_uri())};"
        "let text = ''; process.stdin.on('data', (c) => { text += c; });"
        "process.stdin.on('end', () => process.stdout.write(JSON.stringify(citations(JSON.parse(text)))));"
    )
    result = subprocess.run(
        ["node", "--input-type=module", "-e", script],
        input=json.dumps(VIEW),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(result.stdout)


def _reader() -> LatexNodes2Text:
    """Return LaTeX-to-text with LaTeX's own text-mode symbols that pylatexenc lacks."""
    context = get_default_latex_context_db()
    symbols = {"textbraceleft": "{", "textbraceright": "}", "textasciicircum": "^"}
    context.add_context_category(
        "latex-text-symbols",
        prepend=True,
        macros=[MacroTextSpec(name, text) for name, text in symbols.items()],
    )
    return LatexNodes2Text(latex_context=context)


def plain(latex: str) -> str:
    return _reader().latex_to_text(latex)


def test_bibtex_reads_back_as_the_view_and_its_sources(cited):
    parser = BibTexParser(common_strings=False)
    entries = bibtexparser.loads(cited["bibtex"], parser=parser).entries
    assert [e["ID"] for e in entries] == [
        "krmap_1989-10",
        "krmap_1989-10_source1",
        "krmap_1989-10_source2",
    ]
    view, _, own = entries
    assert plain(view["title"]) == VIEW["title"]
    assert plain(view["author"]) == VIEW["authors"]
    assert view["url"] == VIEW["url"]
    assert view["urldate"] == "2026-12-03"
    note = plain(view["note"])
    assert "map view of October 1989" in note
    assert HOSTILE in note, note
    assert plain(own["publisher"]) == HOSTILE
    assert plain(own["title"]) == "My notes ER - TY - JOUR"
    assert own["url"] == "file:///home/me/notes%20%7Bdraft%7D.txt"


def test_ris_reads_back_as_one_record_per_work(cited):
    records = rispy.loads(cited["ris"])
    assert [r["type_of_reference"] for r in records] == ["DATA", "ENCYC", "ENCYC"]
    view, pailin, own = records
    assert view["title"] == VIEW["title"]
    assert view["urls"] == [VIEW["url"]]
    assert HOSTILE in view["notes"][0]
    assert pailin["publisher"] == "Wikipedia"
    assert own["title"] == "My notes ER - TY - JOUR"
    assert own["publisher"] == HOSTILE


def test_apa_and_chicago_name_the_view_and_each_source_on_a_line(cited):
    for style in ("apa", "chicago"):
        lines = cited[style].split("\n")
        assert len(lines) == 3, style
        assert "October 1989" in lines[0]
        assert "Battle of Pailin" in lines[1]
        assert "ER - TY - JOUR" in lines[2]


# ------------------------------------------------------------------ the work's own record
def test_the_data_version_follows_the_rows_not_the_files(tmp_path):
    data = default_data_dir()
    copy = tmp_path / "data"
    shutil.copytree(data, copy)
    shutil.copytree(data.parent / "seeds", tmp_path / "seeds")
    bundled = citation.data_version(load(data))
    assert citation.data_version(load(copy)) == bundled  # the same rows elsewhere
    events = copy / "events.csv"
    text = events.read_text(encoding="utf-8")
    events.write_text(text.replace("\n", "\r\n"), encoding="utf-8")  # re-saved, same rows
    assert citation.data_version(load(copy)) == bundled
    events.write_text(text.replace("Christmas Day", "Christmas day", 1), encoding="utf-8")
    assert citation.data_version(load(copy)) != bundled


def test_citation_cff_says_what_the_player_cites():
    cff = (CITE.parents[4] / "CITATION.cff").read_text(encoding="utf-8")
    title = re.search(r"^title: (.*)$", cff, re.M).group(1).strip().strip('"')
    version = re.search(r"^version: (.*)$", cff, re.M).group(1).strip()
    assert title == citation.TITLE
    assert version == citation.software_version()
    assert citation.AUTHORS in cff


class _Metas(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.metas: list[tuple[str, str]] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        attributes = dict(attrs)
        if tag == "meta" and "name" in attributes:
            self.metas.append((attributes["name"], attributes.get("content") or ""))


def test_the_export_carries_citation_and_dublin_core_metadata(tmp_path):
    page, _ = export_html.build_page(load(default_data_dir()))
    parser = _Metas()
    parser.feed(page)
    metas = dict(parser.metas)
    assert metas["citation_title"] == citation.TITLE == metas["DC.title"]
    assert metas["citation_author"] == citation.AUTHORS
    sources = [content for name, content in parser.metas if name == "DC.source"]
    assert "https://en.wikipedia.org/wiki/Battle_of_Pailin" in sources
    assert metas["DC.rights"] == "Quoted texts: CC BY-SA 4.0"


def test_metadata_text_stays_text():
    hostile = '"><script>alert(1)</script>{{ 7*7 }}{% raw %}'
    parser = _Metas()
    parser.feed(export_html._meta_tags([("DC.source", hostile), ('x" onload="y', "z")]))
    assert parser.metas == [("DC.source", hostile), ('x" onload="y', "z")]
    assert parser.tags == ["meta", "meta"]
