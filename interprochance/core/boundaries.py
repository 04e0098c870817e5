"""Area boundaries as GeoJSON: reading and checking a municipality's boundary file,
and cutting schematic demo boundaries out of a real polygon.

No database access here: `plan_boundaries` gets the areas a file may describe and
returns the checked geometry for each, or raises `Problems` listing everything
that is wrong with the file. The service `territory.boundaries_import` writes.

Rules (docs/operation.md says the same for the people who prepare the files):

- a GeoJSON ``FeatureCollection`` in UTF-8, coordinates in WGS84 longitude/latitude
  (EPSG:4326, the only CRS GeoJSON knows); geometries ``Polygon`` or ``MultiPolygon``;
- each feature names its area by the property ``code`` (the area's Kennziffer,
  e.g. ``06432023-01``); only a feature without a ``code`` is matched by ``name``
  (ignoring case and spaces). A ``code`` that matches no area is an error, never a
  reason to try the name;
- the file must describe *every* area of that level below the Gemeinde, each once:
  a map is only drawn when all areas of a level have a boundary, so a file that
  leaves one out would silently change nothing a reader can see;
- every feature lies within the Gemeinde's bounding box (tolerance
  ``BBOX_TOLERANCE_DEG``), which also catches swapped longitude/latitude;
- rings are stored clockwise (holes counter-clockwise), the winding the map
  renderer (d3-geo in Vega) needs and the Gemeinde boundaries already have;
  RFC 7946 files (counter-clockwise) are turned round, a third coordinate dropped.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from interprochance.core.tabular import Problem, Problems

MAX_BOUNDARY_BYTES = 10 * 1024 * 1024
#: how far (in degrees; ~550 m north-south, ~360 m east-west here) a feature may
#: reach beyond the Gemeinde's bounding box (generalised or rounded boundaries)
BBOX_TOLERANCE_DEG = 0.005
POLYGON_TYPES = ("Polygon", "MultiPolygon")
#: CRS names that mean WGS84 longitude/latitude (GeoJSON 2008 files may carry one)
WGS84_NAMES = {"urn:ogc:def:crs:ogc:1.3:crs84", "urn:ogc:def:crs:epsg::4326", "epsg:4326"}

BBox = tuple[float, float, float, float]  # min lon, min lat, max lon, max lat


@dataclass(frozen=True)
class Target:
    """An area a boundary file may describe."""

    key: int
    code: str
    name: str


def name_key(name: str) -> str:
    """Names compared ignoring case, Unicode form and spaces ("Kernstadt  Nord" = "kernstadt nord")."""
    text = unicodedata.normalize("NFC", name).casefold()
    return re.sub(r"\s+", " ", text).strip()


def polygons_of(geometry: Mapping[str, Any]) -> list[list[list[list[float]]]]:
    """The polygons (rings of [lon, lat]) of a Polygon or MultiPolygon."""
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    return list(geometry["coordinates"])


def bbox_of(geometry: Mapping[str, Any]) -> BBox:
    xs = [p[0] for poly in polygons_of(geometry) for ring in poly for p in ring]
    ys = [p[1] for poly in polygons_of(geometry) for ring in poly for p in ring]
    return min(xs), min(ys), max(xs), max(ys)


def signed_area(ring: Sequence[Sequence[float]]) -> float:
    """Shoelace area in the lon/lat plane: negative = clockwise."""
    return (
        sum(ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1] for i in range(len(ring) - 1))
        / 2
    )


def _wound(ring: list[list[float]], *, clockwise: bool) -> list[list[float]]:
    return ring if (signed_area(ring) < 0) == clockwise else ring[::-1]


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _fmt(value: float) -> str:
    return f"{value:.6g}"


class _Feature:
    """Check one feature's geometry; collects its messages in `errors`."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.errors: list[str] = []

    def error(self, message: str) -> None:
        self.errors.append(f"{self.label}: {message}")

    def geometry(self, geometry: Any) -> dict[str, Any] | None:
        """The normalised geometry, or None after recording what is wrong with it."""
        before = len(self.errors)
        if not isinstance(geometry, dict) or not geometry.get("type"):
            self.error(_("Die Geometrie fehlt."))
            return None
        kind = geometry["type"]
        if kind not in POLYGON_TYPES:
            self.error(
                _(
                    "Der Geometrietyp „%(t)s“ ist nicht zulässig; erlaubt sind nur Polygon "
                    "und MultiPolygon (Flächen)."
                )
                % {"t": kind}
            )
            return None
        coordinates = geometry.get("coordinates")
        polygons = [coordinates] if kind == "Polygon" else coordinates
        if not isinstance(polygons, list) or not polygons:
            self.error(_("Die Koordinaten fehlen oder sind keine Liste."))
            return None
        out: list[list[list[list[float]]]] = []
        for p_index, polygon in enumerate(polygons, start=1):
            if not isinstance(polygon, list) or not polygon:
                self.error(_("Fläche %(p)s hat keine Ringe.") % {"p": p_index})
                continue
            rings = []
            for r_index, ring in enumerate(polygon, start=1):
                checked = self._ring(ring, p_index if kind == "MultiPolygon" else None, r_index)
                if checked is not None:
                    rings.append(_wound(checked, clockwise=r_index == 1))
            out.append(rings)
        if len(self.errors) > before:
            return None
        normalised = {"type": kind, "coordinates": out[0] if kind == "Polygon" else out}
        problem = _invalidity(normalised)
        if problem:
            self.error(problem)
            return None
        return normalised

    def _ring(self, ring: Any, polygon: int | None, index: int) -> list[list[float]] | None:
        where = (
            _("Ring %(r)s") % {"r": index}
            if polygon is None
            else _("Fläche %(p)s, Ring %(r)s") % {"p": polygon, "r": index}
        )
        if not isinstance(ring, list):
            self.error(_("%(w)s ist keine Liste von Punkten.") % {"w": where})
            return None
        points: list[list[float]] = []
        for position in ring:
            if (
                not isinstance(position, list)
                or len(position) < 2
                or not all(_number(v) for v in position)
            ):
                self.error(
                    _(
                        "%(w)s: die Koordinaten sind keine Zahlen (gefunden: %(v)s); erwartet "
                        "werden Paare [Länge, Breite]."
                    )
                    % {"w": where, "v": json.dumps(position, ensure_ascii=False)[:40]}
                )
                return None
            points.append([float(position[0]), float(position[1])])
        if len(points) < 4:
            self.error(
                _(
                    "%(w)s hat %(n)s Punkte; ein Ring braucht mindestens 4 (der letzte "
                    "gleich dem ersten)."
                )
                % {"w": where, "n": len(points)}
            )
            return None
        if points[0] != points[-1]:
            self.error(
                _("%(w)s ist nicht geschlossen: der letzte Punkt muss gleich dem ersten sein.")
                % {"w": where}
            )
            return None
        outside = next((p for p in points if abs(p[0]) > 180 or abs(p[1]) > 90), None)
        if outside is not None:
            self.error(
                _(
                    "Die Koordinaten (z. B. %(x)s, %(y)s) sind keine geographischen Längen und "
                    "Breiten in Grad, sondern offenbar Meter eines projizierten Systems (etwa "
                    "UTM, EPSG:25832). Die Datei muss in WGS84 (EPSG:4326) vorliegen; bitte im "
                    "GIS so exportieren."
                )
                % {"x": _fmt(outside[0]), "y": _fmt(outside[1])}
            )
            return None
        if signed_area(points) == 0:
            self.error(_("%(w)s umschließt keine Fläche.") % {"w": where})
            return None
        return points


def _invalidity(geometry: Mapping[str, Any]) -> str:
    """Why a geometry whose rings are each well-formed is still no valid area (OGC simple
    features, checked by shapely/GEOS), in German, or "" if it is valid. A self-intersecting
    ring or a hole outside its shell would be drawn wrongly on every map."""
    from shapely import validation
    from shapely.geometry import shape

    reason = validation.explain_validity(shape(geometry))
    if reason == "Valid Geometry":
        return ""
    match = re.match(r"(?P<kind>[^\[]+?)\s*\[(?P<x>\S+) (?P<y>\S+)\]", reason)
    kind = match.group("kind") if match else reason
    where = (
        _(" (bei %(x)s, %(y)s)")
        % {"x": _fmt(float(match.group("x"))), "y": _fmt(float(match.group("y")))}
        if match
        else ""
    )
    texts = {
        "Self-intersection": _("Die Grenze schneidet sich selbst"),
        "Ring Self-intersection": _("Ein Ring berührt oder schneidet sich selbst"),
        "Hole lies outside shell": _("Ein Loch liegt außerhalb der Außengrenze"),
        "Holes are nested": _("Ein Loch liegt in einem anderen Loch"),
        "Interior is disconnected": _("Die Löcher zerteilen die Fläche"),
        "Nested shells": _("Eine Teilfläche liegt in einer anderen"),
    }
    text = texts.get(kind, _("Die Fläche ist geometrisch ungültig (%(r)s)") % {"r": kind})
    return _("%(t)s%(w)s; bitte im GIS reparieren (z. B. „Geometrien reparieren“).") % {
        "t": text,
        "w": where,
    }


def _within(box: BBox, outer: BBox, tolerance: float) -> bool:
    return (
        box[0] >= outer[0] - tolerance
        and box[1] >= outer[1] - tolerance
        and box[2] <= outer[2] + tolerance
        and box[3] <= outer[3] + tolerance
    )


def _box_text(box: BBox) -> str:
    return _("%(w)s–%(e)s° Länge, %(s)s–%(n)s° Breite") % {
        "w": f"{box[0]:.3f}",
        "e": f"{box[2]:.3f}",
        "s": f"{box[1]:.3f}",
        "n": f"{box[3]:.3f}",
    }


def size_problem(size: int) -> str:
    """The message for a boundary file over the size limit, or "" (callers holding an
    upload or a path check before reading it into memory; read_features checks again)."""
    if size <= MAX_BOUNDARY_BYTES:
        return ""
    return _("Die Datei ist größer als %(mb)s MB.") % {"mb": MAX_BOUNDARY_BYTES // (1024 * 1024)}


def read_features(data: bytes) -> list[Any]:
    """The features of a GeoJSON FeatureCollection; `Problems` if it is not one."""
    problems = Problems()
    if too_large := size_problem(len(data)):
        problems.add(None, None, too_large)
        raise problems
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        problems.add(None, None, _("Die Datei ist nicht UTF-8-kodiert (GeoJSON ist immer UTF-8)."))
        raise problems from None
    except json.JSONDecodeError as exc:
        problems.add(
            None,
            None,
            _("Die Datei ist kein gültiges JSON (Zeile %(l)s, Spalte %(c)s).")
            % {"l": exc.lineno, "c": exc.colno},
        )
        raise problems from None
    if (
        not isinstance(document, dict)
        or document.get("type") != "FeatureCollection"
        or not isinstance(document.get("features"), list)
    ):
        problems.add(
            None,
            None,
            _(
                "Die Datei ist keine GeoJSON-FeatureCollection (erwartet: "
                "„type“: „FeatureCollection“ mit einer Liste „features“)."
            ),
        )
        raise problems
    crs = document.get("crs")
    if isinstance(crs, dict):
        crs_name = str((crs.get("properties") or {}).get("name", ""))
        if crs_name and crs_name.lower() not in WGS84_NAMES:
            problems.add(
                None,
                None,
                _(
                    "Die Datei ist im Koordinatensystem „%(crs)s“ gespeichert. Sie muss in "
                    "WGS84 (EPSG:4326, Länge/Breite in Grad) vorliegen; bitte im GIS so exportieren."
                )
                % {"crs": crs_name[:80]},
            )
            raise problems
    if not document["features"]:
        problems.add(None, None, _("Die Datei enthält keine Features."))
        raise problems
    return list(document["features"])


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def plan_boundaries(
    data: bytes,
    *,
    targets: Sequence[Target],
    gemeinde_name: str,
    level_label: str,
    gemeinde_bbox: BBox | None,
) -> dict[int, dict[str, Any]]:
    """Check a boundary file against the areas it must describe; return
    {target key: normalised geometry} or raise `Problems` with every problem found."""
    features = read_features(data)
    problems = Problems()
    if not targets:
        problems.add(
            None,
            None,
            _("%(g)s hat keine Gebiete der Ebene „%(l)s“; bitte zuerst die Gebiete anlegen.")
            % {"g": gemeinde_name, "l": level_label},
        )
        raise problems
    by_code = {t.code: t for t in targets}
    by_name: dict[str, list[Target]] = {}
    for t in targets:
        by_name.setdefault(name_key(t.name), []).append(t)
    plan: dict[int, dict[str, Any]] = {}
    seen: dict[int, str] = {}
    for index, feature in enumerate(features, start=1):
        properties = feature.get("properties") if isinstance(feature, dict) else None
        properties = properties if isinstance(properties, dict) else {}
        code, name = _text(properties.get("code")), _text(properties.get("name"))
        if code:
            label = _("Feature %(i)s (Code „%(c)s“)") % {"i": index, "c": code[:40]}
        elif name:
            label = _("Feature %(i)s (Name „%(n)s“)") % {"i": index, "n": name[:80]}
        else:
            label = _("Feature %(i)s") % {"i": index}
        check = _Feature(label)
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            check.error(_("Das ist kein GeoJSON-Feature („type“: „Feature“)."))
            problems.items.extend(_as_problems(check.errors))
            continue
        target: Target | None = None
        if code:
            target = by_code.get(code)
            if target is None:
                check.error(
                    _("Den Code „%(c)s“ gibt es in %(g)s auf der Ebene „%(l)s“ nicht.")
                    % {"c": code[:40], "g": gemeinde_name, "l": level_label}
                )
        elif name:
            matches = by_name.get(name_key(name), [])
            if len(matches) == 1:
                target = matches[0]
            elif matches:
                check.error(
                    _(
                        "Der Name ist in %(g)s nicht eindeutig; bitte die Eigenschaft „code“ angeben."
                    )
                    % {"g": gemeinde_name}
                )
            else:
                check.error(
                    _("Ein Gebiet „%(n)s“ der Ebene „%(l)s“ gibt es in %(g)s nicht.")
                    % {"n": name[:80], "l": level_label, "g": gemeinde_name}
                )
        else:
            check.error(
                _("Das Feature nennt sein Gebiet nicht (Eigenschaft „code“, ersatzweise „name“).")
            )
        if target is not None and target.key in seen:
            check.error(
                _("%(a)s ist schon in %(f)s beschrieben; jedes Gebiet darf nur einmal vorkommen.")
                % {"a": target.name, "f": seen[target.key]}
            )
            target = None
        elif target is not None:
            seen[target.key] = _("Feature %(i)s") % {"i": index}
        geometry = check.geometry(feature.get("geometry"))
        if geometry is not None and gemeinde_bbox is not None:
            box = bbox_of(geometry)
            if not _within(box, gemeinde_bbox, BBOX_TOLERANCE_DEG):
                swapped = (box[1], box[0], box[3], box[2])
                if _within(swapped, gemeinde_bbox, BBOX_TOLERANCE_DEG):
                    check.error(
                        _(
                            "Länge und Breite sind offenbar vertauscht; GeoJSON verlangt "
                            "[Länge, Breite] (erst Ost, dann Nord)."
                        )
                    )
                else:
                    check.error(
                        _("Das Gebiet liegt außerhalb von %(g)s (%(g)s: %(gb)s; Feature: %(fb)s).")
                        % {
                            "g": gemeinde_name,
                            "gb": _box_text(gemeinde_bbox),
                            "fb": _box_text(box),
                        }
                    )
        problems.items.extend(_as_problems(check.errors))
        if target is not None and geometry is not None and not check.errors:
            plan[target.key] = geometry
    missing = [t for t in targets if t.key not in seen]
    if missing:
        problems.add(
            None,
            None,
            _(
                "Es fehlen Grenzen für %(areas)s. Die Datei muss alle Gebiete der Ebene "
                "„%(l)s“ in %(g)s enthalten, sonst kann keine Karte gezeichnet werden."
            )
            % {
                "areas": ", ".join(f"{t.name} ({t.code})" for t in missing),
                "l": level_label,
                "g": gemeinde_name,
            },
        )
    problems.raise_if_any()
    return plan


def _as_problems(messages: list[str]) -> list[Problem]:
    return [Problem(None, None, m) for m in messages]


def feature_collection(features: Sequence[tuple[str, str, dict[str, Any]]]) -> bytes:
    """A FeatureCollection of (code, name, geometry), as a boundary file."""
    return json.dumps(
        {
            "type": "FeatureCollection",
            "features": [
                {"type": "Feature", "properties": {"code": c, "name": n}, "geometry": g}
                for c, n, g in features
            ],
        },
        ensure_ascii=False,
    ).encode("utf-8")


# ---- schematic demo boundaries ----------------------------------------------


def schematic_partition(
    geometry: Mapping[str, Any], seeds: Mapping[str, tuple[float, float]], *, digits: int = 5
) -> dict[str, dict[str, Any]]:
    """Cut a polygon into one cell per seed point (Voronoi cells clipped to it).

    Schematic by construction: the cells say which seed is nearest, nothing about
    real boundaries. Every point of the polygon lies in exactly one cell (up to
    the rounding to ``digits`` decimals). A seed outside the polygon still gets
    the part of the polygon nearest to it, if any; a seed that gets none raises.
    """
    import shapely
    from shapely.geometry import MultiPoint, Point, mapping, shape

    whole = shape(geometry)
    if len(seeds) == 1:
        cells = {next(iter(seeds)): whole}
    else:
        regions = shapely.voronoi_polygons(
            MultiPoint([seeds[k] for k in seeds]), extend_to=whole
        ).geoms
        cells = {}
        for key, xy in seeds.items():
            region = next(r for r in regions if r.covers(Point(xy)))
            cells[key] = region.intersection(whole)
    out: dict[str, dict[str, Any]] = {}
    for key, cell in cells.items():
        parts = [g for g in getattr(cell, "geoms", [cell]) if g.geom_type == "Polygon"]
        parts += [
            p for g in getattr(cell, "geoms", []) if g.geom_type == "MultiPolygon" for p in g.geoms
        ]
        if not parts:
            raise ValueError(f"seed {key!r} gets no part of the polygon")
        multi = shapely.set_precision(shapely.MultiPolygon(parts), 10**-digits)
        polygons = [
            [
                _wound([[round(x, digits), round(y, digits)] for x, y in ring], clockwise=i == 0)
                for i, ring in enumerate(mapping(p)["coordinates"])
            ]
            for p in getattr(multi, "geoms", [multi])
            if not p.is_empty
        ]
        out[key] = {"type": "MultiPolygon", "coordinates": polygons}
    return out
