""" "Cite this view" in the offline export: the citation of what is on screen, made in the page.

Opened from disk with the network cut: the dialog gives APA, Chicago, BibTeX and RIS for
the frame shown, with the layers and factions switched on, the page's address, today's
date and the sources of what the frame shows; BibTeX and RIS read back by their parsers.
"""

from __future__ import annotations

import datetime as dt

import bibtexparser
import pytest
import rispy

from kr_map import citation
from kr_map.loader import default_data_dir, load

from .browser import files_only, open_player_page
from .test_export_browser import require_browser

pytestmark = pytest.mark.browser
pytest_plugins = ["tests.browser"]

SCREEN = {"width": 1280, "height": 720}


@pytest.fixture
def cited(chromium, exported):
    """Return a function: open the export at a fragment, untick factions, read the citations."""
    require_browser()
    context = chromium.browser.new_context(viewport=SCREEN)
    blocked = files_only(context)

    def read(fragment: str, untick: tuple[str, ...] = ()) -> dict[str, str]:
        page, errors = open_player_page(context, exported.as_uri() + fragment)
        if untick:
            page.click(".krp-filters > summary")
        for name in untick:
            page.get_by_role("checkbox", name=name).uncheck()
        page.click(".krp-cite")
        page.wait_for_selector("dialog.krp-cite-dialog[open]")
        boxes = page.eval_on_selector_all(
            "dialog.krp-cite-dialog textarea",
            "nodes => nodes.map((n) => [n.getAttribute('aria-label'), n.value])",
        )
        assert not errors, errors
        return {label.split()[0].lower(): value for label, value in boxes}

    yield read
    context.close()
    assert not blocked, f"the export fetched from the network: {blocked}"


def test_the_citation_names_the_frame_the_data_version_and_the_address(cited, exported):
    text = cited("#year=1989&month=10")
    version = citation.data_version(load(default_data_dir()))
    today = dt.date.today()
    assert "map view of October 1989" in text["apa"]
    assert f"data version {version}" in text["chicago"]
    assert f"{today:%B} {today.day}, {today.year}" in text["apa"]
    (entry, *sources) = bibtexparser.loads(text["bibtex"]).entries
    assert entry["url"] == exported.as_uri() + "#year=1989&month=10"
    assert entry["urldate"] == today.isoformat()
    assert sources, "the sources of the frame are cited beside the view"
    records = rispy.loads(text["ris"])
    assert records[0]["type_of_reference"] == "DATA"
    assert len(records) == 1 + len(sources)


def test_the_citation_says_which_factions_were_shown(cited):
    every = cited("#year=1985")
    assert "factions: all" in every["apa"]
    fewer = cited("#year=1985", untick=("Vietnam",))
    assert "factions: all" not in fewer["apa"]
    assert "Khmer Rouge" in fewer["apa"]
    assert "Vietnam (People" not in fewer["apa"]
