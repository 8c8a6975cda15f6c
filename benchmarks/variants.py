"""Prototypes of the st_folium changes proposed in RESULTS.md, to measure them like app.py.

The repository's app.py is never edited. ``variant_app(name, snapshot)`` writes a small
wrapper script to a temporary folder; it swaps ``streamlit_folium.st_folium`` for one of
the functions below and then runs a snapshot of app.py unchanged. The benchmarks run the
wrapper with ``streamlit run`` (or AppTest) exactly as they run app.py.

* ``as-is``: app.py's own call (no wrapper unless timing is asked for).
* ``copies``: ``st_folium`` gets deep copies of the map and of the (cached) frame groups,
  so its in-place edits never reach a cached object: it adds the groups to the map it is
  given and folium's ``Marker.render`` appends a ``SetIcon`` child on every render.
  Shared cached objects edited by several sessions' script threads at once is also what
  raises "OrderedDict mutated during iteration" in the classroom. Public API only.
* ``prerendered``: the map's component arguments are computed once per process and each
  frame's group JavaScript once per frame group object; a rerun only sends them. Uses
  streamlit-folium internals (``_component_func``, ``_get_feature_group_string``).

With ``timed=True`` every st_folium call is timed and every component call recorded (key,
sizes) in ``CALLS`` -- read by the AppTest benchmark, which runs in this process.
"""

from __future__ import annotations

import atexit
import copy
import shutil
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import folium
import streamlit_folium

_ORIGINAL = streamlit_folium.st_folium
_COMPONENT = (
    getattr(streamlit_folium._component_func, "__wrapped_component__", None)
    or streamlit_folium._component_func
)
_LOCAL = threading.local()  # .capture: a dict when the current thread only wants the arguments
CALLS: list[dict] = []


def _component_proxy(**kwargs):
    """Stand in for streamlit-folium's component: capture, or record and pass on."""
    capture = getattr(_LOCAL, "capture", None)
    if capture is not None:
        capture.update(kwargs)
        return kwargs.get("default")
    CALLS.append({
        "key": kwargs.get("key"),
        "script_kb": len(kwargs.get("script") or "") / 1024,
        "feature_group_kb": len(kwargs.get("feature_group") or "") / 1024,
    })  # fmt: skip
    return _COMPONENT(**kwargs)


_component_proxy.__wrapped_component__ = _COMPONENT
streamlit_folium._component_func = _component_proxy


def st_folium_with_copies(fig, *args, feature_group_to_add=None, **kwargs):
    """Call st_folium on copies, so cached maps and groups stay as they were built."""
    return _ORIGINAL(copy.deepcopy(fig), *args,
                     feature_group_to_add=copy.deepcopy(feature_group_to_add), **kwargs)  # fmt: skip


# Strong references to the cached objects keep their id() unique while they are cached.
_MAP_ARGS: dict[tuple, tuple[Any, dict]] = {}
_GROUP_JS: dict[tuple, str] = {}


def _map_signature(fig) -> str:
    """Return what identifies a base map when app.py builds a fresh one per run."""
    return type(fig).__name__ + repr(getattr(fig, "location", None)) + str(len(fig._children))


def _map_args(fig, key, height, width, returned_objects, use_container_width) -> dict:
    # app.py may pass a cached map (same object) or a fresh, identical one per run: key on
    # what the map is, so a fresh skeleton per run still hits.
    cache_key = (_map_signature(fig), key, height, width, tuple(returned_objects or ()),
                 use_container_width)  # fmt: skip
    cached = _MAP_ARGS.get(cache_key)
    if cached is None:
        captured: dict = {}
        _LOCAL.capture = captured
        try:
            _ORIGINAL(copy.deepcopy(fig), key=key, height=height, width=width,
                      returned_objects=returned_objects, use_container_width=use_container_width)  # fmt: skip
        finally:
            _LOCAL.capture = None
        cached = (fig, captured)
        _MAP_ARGS[cache_key] = cached
    return dict(cached[1])


def _groups_signature(groups) -> tuple:
    """Return what identifies a frame's groups when app.py builds them fresh every rerun.

    layers.py names each group ``<layer>_<period key>``; with the number of objects in each,
    that tells frames apart as long as the layer and faction filters stay as they are (the
    benchmarks never change them). The real change would key on (period, layers, factions).
    """
    return tuple((g.get_name(), len(g._children)) for g in groups)


def _group_js(groups) -> str | None:
    if groups is None:
        return None
    if isinstance(groups, folium.FeatureGroup):
        groups = [groups]
    key = _groups_signature(groups)
    js = _GROUP_JS.get(key)
    if js is None:
        throwaway = folium.Map(tiles=None)
        js = "".join(
            streamlit_folium._get_feature_group_string(copy.deepcopy(g), map=throwaway, idx=i)
            for i, g in enumerate(groups)
        )
        _GROUP_JS[key] = js
    return js


def st_folium_prerendered(fig, key=None, height=700, width=500, returned_objects=None, zoom=None,
                          center=None, feature_group_to_add=None, use_container_width=False,
                          **ignored):  # fmt: skip
    """Send the cached map arguments and the cached frame JavaScript; render nothing."""
    args = _map_args(fig, key, height, width, returned_objects, use_container_width)
    args.update(zoom=zoom, center=center, feature_group=_group_js(feature_group_to_add))
    return streamlit_folium._component_func(**args)


# ---------------------------------------------------------------- page parts per cached state
_PAGE_MEMO: dict[tuple, tuple[Any, Any]] = {}


def _per_state(function):
    """Return ``function`` remembered per (state object, arguments): app.py's frame() cache
    hands the same State object to every rerun of a frame, so its page parts can be kept."""

    def remembered(state, *args, **kwargs):
        key = (function.__name__, id(state), args and id(args[0]), tuple(sorted(kwargs.items())))
        hit = _PAGE_MEMO.get(key)
        if hit is None or hit[0] is not state:
            hit = (state, function(state, *args, **kwargs))
            _PAGE_MEMO[key] = hit
        return hit[1]

    remembered.__kr_memo__ = True
    return remembered


def install_page_memo() -> None:
    """Remember page.header_html / events_panel_html / events_table per cached state."""
    from kr_map import page

    for name in ("header_html", "events_panel_html", "events_table"):
        function = getattr(page, name)
        if not getattr(function, "__kr_memo__", False):
            setattr(page, name, _per_state(function))


VARIANTS = {
    "as-is": _ORIGINAL,
    "copies": st_folium_with_copies,
    "prerendered": st_folium_prerendered,
    "prerendered-page": st_folium_prerendered,  # + install_page_memo() in the wrapper
}


def timed(function):
    """Return ``function`` recording its duration into the last entry of CALLS."""

    def wrapper(*args, **kwargs):
        t = time.perf_counter()
        result = function(*args, **kwargs)
        if CALLS:
            CALLS[-1]["ms"] = (time.perf_counter() - t) * 1000
        return result

    return wrapper


_WRAPPER = '''\
"""kr-map benchmark wrapper ({variant}): patch st_folium, then run a snapshot of app.py."""
import sys

sys.path.insert(0, {bench!r})
import streamlit_folium
import variants
{sampler}
streamlit_folium.st_folium = {patch}
if {variant!r} == "prerendered-page":
    variants.install_page_memo()
_APP = {app!r}
with open(_APP, encoding="utf-8") as _source:
    exec(compile(_source.read(), _APP, "exec"), globals())
'''


def variant_app(variant: str, app_snapshot: Path, *, timed: bool = False,
                sample: bool = False) -> Path:  # fmt: skip
    """Return the script to run for a variant (as-is, untimed: the snapshot itself).

    ``sample=True`` also starts sampler.py in the server (see KR_MAP_SAMPLER_OUT).
    """
    if variant not in VARIANTS:
        raise ValueError(f"unknown variant {variant!r}: use {', '.join(VARIANTS)}")
    if variant == "as-is" and not timed and not sample:
        return app_snapshot
    patch = f"variants.VARIANTS[{variant!r}]"
    patch = f"variants.timed({patch})" if timed else patch
    folder = Path(tempfile.mkdtemp(prefix=f"kr-map-{variant}-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    wrapper = folder / "app.py"
    wrapper.write_text(
        _WRAPPER.format(variant=variant, bench=str(Path(__file__).resolve().parent),
                        app=str(app_snapshot), patch=patch,
                        sampler="import sampler\n\nsampler.start()\n" if sample else ""),
        encoding="utf-8",
    )  # fmt: skip
    return wrapper
