"""Compare's list in the one-file export, made in the browser from the holdings it carries:
hostile place and side names stay text (every text goes on the page with textContent)."""

from __future__ import annotations

import pytest

pytest.register_assert_rewrite("tests.browser")

from .hostile import PAYLOAD  # noqa: E402
from .test_modes_browser import offline, open_hostile_export  # noqa: E402, F401  (offline: the fixture)

pytestmark = pytest.mark.browser
pytest_plugins = ["tests.browser"]


def test_hostile_place_and_side_names_in_compares_list_stay_text(offline, data_copy):  # noqa: F811
    browser, page, dialogs = open_hostile_export(
        offline, data_copy, "#year=1979&mode=compare&with=1999"
    )
    page.wait_for_selector('.krp-changes[data-pair="1979|1999"]', state="attached")
    places = page.locator(".krp-change .krp-change-place").all_inner_texts()
    assert places, "1979 and 1999 differ in who holds what"
    assert all(place.startswith(f"{PAYLOAD} #") for place in places), places
    first = page.locator(".krp-change").first.inner_text()
    assert first.count(PAYLOAD) >= 2, "the place and a side's name, as written"
    assert page.locator(".krp-changes img, .krp-changes script, .krp-changes a").count() == 0
    assert dialogs == []
    browser.assert_clean()
