"""The app's citation metadata: a script puts the tags in the page's head; data stays data."""

from __future__ import annotations

import json
import re

from kr_map import page


def test_the_head_script_carries_the_tags_as_inert_json():
    hostile = ("citation_title", "</script><img src=x onerror=alert(1)> {{ 7*7 }}")
    script = page.head_tags_script([hostile, ("DC.language", "en")])
    assert script.count("</script>") == 1 and script.endswith("</script>")
    assert "<img" not in script and "{{" not in script
    data = re.search(r"const tags = (\[.*?\]);\n", script, re.S).group(1)
    assert json.loads(data) == [list(hostile), ["DC.language", "en"]]
    assert 'setAttribute("content", content)' in script  # never markup
