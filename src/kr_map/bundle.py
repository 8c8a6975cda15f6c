"""Joins the player's ES modules into one classic script, for the app and the export.

The browser half is written as small ES modules under ``kr_map/assets/`` (so Node's
test runner and ESLint read them as they are), but a page gets one script: the
export is one file that opens from ``file://``, where a browser refuses modules,
and streamlit-folium's frame loads scripts by URL. Installing or running kr-map
needs no Node: this module does the joining, in Python, when the player is put
on a map (:mod:`kr_map.player`).

The modules keep to a small, checked subset of the syntax, which is all the
joining needs to understand:

- ``import { a, b as c } from "./relative/path.js";`` at the start of a line;
- ``export function|class|const name`` at the start of a line.

Anything else that imports or exports (default exports, ``export {...}``,
``import * as``, a package name instead of a relative path, ``export let``) is a
:class:`BundleError` naming the file and line, and so is an import cycle, a name
a module does not export, or a path that leaves the assets folder.

Each module becomes a function scope run once, in dependency order, returning
its exports; an import becomes ``const { a, b: c } = <that module's exports>``.
Modules only export functions, classes and constants, so the copy an import
makes is the live binding an ES module would see.
"""

from __future__ import annotations

import functools
import posixpath
import re
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable

__all__ = ["BundleError", "Module", "bundle", "bundle_assets", "read_modules"]

_NAME = r"[A-Za-z_$][\w$]*"
_IMPORT = re.compile(r'^import\s*\{([^}]*)\}\s*from\s*"(\.{1,2}/[^"]+\.js)";[ \t]*$', re.M)
_EXPORT = re.compile(r"^export\s+(?=(?:async\s+)?function\b|class\b|const\b)", re.M)
_DECLARED = re.compile(rf"(?:async\s+)?(?:function\s*\*?|class|const)\s*({_NAME})")
_STRAY = re.compile(r"^[ \t]*(?:import\b(?!\s*\()|export\b)", re.M)
_SPECIFIER = re.compile(rf"^({_NAME})(?:\s+as\s+({_NAME}))?$")
_MODULES = "krModules"


class BundleError(ValueError):
    """The modules cannot be joined: a syntax the joiner does not take, a cycle, a missing name."""


@dataclass(frozen=True)
class Module:
    """One ES module: its path under the assets folder, its imports, exports and body."""

    path: str
    imports: tuple[tuple[str, tuple[tuple[str, str], ...]], ...]  # (module path, (name, local))
    exports: tuple[str, ...]
    body: str


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _resolve(base: str, specifier: str, where: str) -> str:
    path = posixpath.normpath(posixpath.join(posixpath.dirname(base), specifier))
    if path.startswith("../") or path == "..":
        raise BundleError(f"{where}: {specifier!r} leaves the assets folder")
    return path


def _bindings(names: str, where: str) -> tuple[tuple[str, str], ...]:
    out = []
    for part in (p.strip() for p in names.split(",")):
        if not part:
            continue
        match = _SPECIFIER.match(" ".join(part.split()))
        if not match:
            raise BundleError(f"{where}: cannot read the imported name {part!r}")
        out.append((match.group(1), match.group(2) or match.group(1)))
    return tuple(out)


def parse_module(path: str, text: str) -> Module:
    """Return the module at ``path`` (relative to the assets folder) read from its text."""
    imports = []
    for match in _IMPORT.finditer(text):
        where = f"{path}:{_line(text, match.start())}"
        imports.append((_resolve(path, match.group(2), where), _bindings(match.group(1), where)))
    # Blank the imports and the export keywords, keeping every line where it was.
    body = _IMPORT.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    exports = []
    for match in _EXPORT.finditer(body):
        declared = _DECLARED.match(body, match.end())
        if not declared:
            raise BundleError(f"{path}:{_line(body, match.start())}: cannot read the exported name")
        exports.append(declared.group(1))
    body = _EXPORT.sub("", body)
    stray = _STRAY.search(body)
    if stray:
        raise BundleError(
            f'{path}:{_line(body, stray.start())}: only `import {{ ... }} from "./x.js";` and '
            "`export function|class|const` can be joined"
        )
    return Module(path, tuple(imports), tuple(exports), body)


def read_modules(root: Traversable, entry: str) -> list[Module]:
    """Return ``entry`` and every module it imports, each once, imported ones first."""
    ordered: list[Module] = []
    done: set[str] = set()

    def visit(path: str, chain: tuple[str, ...]) -> None:
        if path in chain:
            raise BundleError("import cycle: " + " -> ".join((*chain[chain.index(path) :], path)))
        if path in done:
            return
        source = root.joinpath(*path.split("/"))
        if not source.is_file():
            raise BundleError(f"{chain[-1] if chain else 'entry'}: no module {path}")
        module = parse_module(path, source.read_text(encoding="utf-8"))
        for dependency, _names in module.imports:
            visit(dependency, (*chain, path))
        done.add(path)
        ordered.append(module)

    visit(entry, ())
    exported = {m.path: set(m.exports) for m in ordered}
    for module in ordered:
        for dependency, names in module.imports:
            missing = [name for name, _local in names if name not in exported[dependency]]
            if missing:
                raise BundleError(f"{module.path}: {dependency} exports no {', '.join(missing)}")
    return ordered


def _unit(module: Module) -> str:
    lines = [f"// --- {module.path}", f'{_MODULES}["{module.path}"] = (function () {{']
    for dependency, names in module.imports:
        fields = ", ".join(name if name == local else f"{name}: {local}" for name, local in names)
        lines.append(f'  const {{ {fields} }} = {_MODULES}["{dependency}"];')
    lines.append(module.body.rstrip("\n"))
    lines.append(f"  return {{ {', '.join(module.exports)} }};")
    lines.append("})();")
    return "\n".join(lines)


def bundle(root: Traversable, entry: str) -> str:
    """Return one classic script that runs ``entry`` (a path under ``root``) and its imports."""
    modules = read_modules(root, entry)
    head = (
        f"/* kr-map: {entry} and the {len(modules) - 1} modules it imports, joined by "
        "kr_map/bundle.py. Edit the modules in src/kr_map/assets/, not this. */"
    )
    units = "\n\n".join(_unit(m) for m in modules)
    return f'{head}\n(function () {{\n"use strict";\nconst {_MODULES} = {{}};\n\n{units}\n}})();\n'


@functools.cache
def bundle_assets(entry: str) -> str:
    """Return the script of one of the player's entries (``hosts/streamlit.js``, ...)."""
    return bundle(resources.files("kr_map").joinpath("assets"), entry)
