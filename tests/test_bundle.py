"""The player's ES modules joined into one script (kr_map.bundle), as the pages load it."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from importlib import resources
from pathlib import Path

import pytest

from kr_map import presenter, symbols
from kr_map.bundle import BundleError, bundle, bundle_assets, read_modules
from kr_map.player import HOSTS

from .conftest import ROOT

ASSETS = ROOT / "src" / "kr_map" / "assets"


def read_modules_of(entry: str):
    return read_modules(resources.files("kr_map").joinpath("assets"), entry)


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


# A diamond: main imports a and b, both import core/base.
DIAMOND = {
    "core/base.js": "export const BASE = 10;\nexport function twice(n) {\n  return 2 * n;\n}\n",
    "a.js": 'import { BASE, twice } from "./core/base.js";\n\nexport const A = twice(BASE);\n',
    "b.js": 'import { twice as double } from "./core/base.js";\nexport class B {\n  value() { return double(3); }\n}\n',
    "main.js": 'import { A } from "./a.js";\nimport {\n  B,\n} from "./b.js";\n\nglobalThis.out = [A, new B().value()];\n',
}


def test_modules_are_joined_imported_ones_first_each_once(tmp_path):
    modules = read_modules(write(tmp_path, DIAMOND), "main.js")
    assert [m.path for m in modules] == ["core/base.js", "a.js", "b.js", "main.js"]
    assert modules[0].exports == ("BASE", "twice")
    assert modules[2].imports == (("core/base.js", (("twice", "double"),)),)


def test_a_module_keeps_its_lines_and_loses_only_its_import_and_export_words(tmp_path):
    (base, a, *_rest) = read_modules(write(tmp_path, DIAMOND), "main.js")
    assert base.body.splitlines() == [
        "const BASE = 10;",
        "function twice(n) {",
        "  return 2 * n;",
        "}",
    ]
    assert a.body.splitlines()[2] == "const A = twice(BASE);"


@pytest.mark.skipif(shutil.which("node") is None, reason="Node runs the joined script")
def test_the_joined_script_runs_as_the_modules_would(tmp_path):
    script = bundle(write(tmp_path / "src", DIAMOND), "main.js")
    runner = tmp_path / "run.cjs"
    runner.write_text(script + "\nconsole.log(JSON.stringify(globalThis.out));\n", encoding="utf-8")
    result = subprocess.run(["node", str(runner)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [20, 6]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("export default function f() {}\n", "main.js:1: only `import"),
        ("const x = 1;\nexport { x };\n", "main.js:2: only `import"),
        ("export let x = 1;\n", "main.js:1: only `import"),
        ('import * as all from "./a.js";\n', "main.js:1: only `import"),
        ('import leaflet from "leaflet";\n', "main.js:1: only `import"),
        ('import { a } from "leaflet";\n', "main.js:1: only `import"),
        ('export * from "./a.js";\n', "main.js:1: only `import"),
        ('import { nothing } from "./a.js";\n', "main.js: a.js exports no nothing"),
        ('import { a } from "./missing.js";\n', "main.js: no module missing.js"),
        ('import { a } from "../outside.js";\n', "main.js:1: '../outside.js' leaves the assets"),
        ('import { a b } from "./a.js";\n', "main.js:1: cannot read the imported name 'a b'"),
    ],
)
def test_what_cannot_be_joined_is_named_with_its_file_and_line(tmp_path, text, message):
    root = write(tmp_path, {"a.js": "export const a = 1;\n", "main.js": text})
    with pytest.raises(BundleError, match=re.escape(message)):
        bundle(root, "main.js")


def test_an_import_cycle_is_named(tmp_path):
    root = write(
        tmp_path,
        {
            "main.js": 'import { a } from "./a.js";\n',
            "a.js": 'import { b } from "./b.js";\nexport const a = 1;\n',
            "b.js": 'import { a } from "./a.js";\nexport const b = 2;\n',
        },
    )
    with pytest.raises(BundleError, match=r"import cycle: a\.js -> b\.js -> a\.js"):
        bundle(root, "main.js")


@pytest.mark.parametrize("host", sorted(HOSTS))
def test_each_host_is_one_script_that_defines_the_player(host):
    script = bundle_assets(HOSTS[host])
    assert script.count("window.KrPlayer = ") == 1
    assert "<script" not in script.lower() and "</script" not in script.lower()
    assert f"// --- {HOSTS[host]}" in script


def test_every_module_is_in_a_page_and_none_is_over_300_lines():
    entries = [*HOSTS.values(), presenter.ENTRY]  # the app's presenter window is a page too
    used = {m.path for entry in entries for m in read_modules_of(entry)}
    present = {p.relative_to(ASSETS).as_posix() for p in ASSETS.rglob("*.js")}
    assert used == present, "a module no page loads is dead code"
    for path in ASSETS.rglob("*.js"):
        assert len(path.read_text(encoding="utf-8").splitlines()) <= 300, path


def test_only_the_streamlit_host_touches_streamlits_global():
    script = bundle_assets(HOSTS["export"])
    assert "window.Streamlit" not in script and "window.parent" not in script


def test_the_look_is_plain_json_with_every_colour_a_hex_colour():
    look = symbols.look()
    assert json.loads(json.dumps(look)) == look
    colours = [look["neutral"], look["outline"], look["muted"], look["areas"]["contestedInk"]]
    colours += list(look["movementColours"].values())
    colours += [c for pair in look["strip"].values() for c in pair]
    assert all(len(c) == 7 and c.startswith("#") for c in colours), colours
    assert set(look["areas"]["statuses"]) == {"stated", "inferred", "after", "contested"}
    assert look["shapes"]["tent"] == symbols.SHAPE_POINTS["tent"]


def test_the_player_types_no_colour_and_no_polygon_of_its_own():
    colour = re.compile(r"#[0-9A-Fa-f]{6}\b|#[0-9A-Fa-f]{3}\b")
    polygon = re.compile(r"\d+(?:\.\d+)?,\d+(?:\.\d+)? \d+(?:\.\d+)?,\d+(?:\.\d+)?")
    for path in ASSETS.rglob("*.js"):
        text = path.read_text(encoding="utf-8")
        assert not colour.search(text), f"{path.name}: a colour belongs in symbols.look()"
        assert not polygon.search(text), f"{path.name}: a shape belongs in symbols.look()"
