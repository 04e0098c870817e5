"""Boundaries of Ortsteile and Sozialräume from GeoJSON: the service checks the whole
file and writes all-or-nothing, the command and the upload page use it, and the
demo's schematic boundaries partition the real Weiterstadt polygon."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from shapely.geometry import shape
from shapely.ops import unary_union

from interprochance.core.boundaries import MAX_BOUNDARY_BYTES, signed_area
from interprochance.core.models import AreaLevel, AuditEvent, Source
from interprochance.core.tabular import Problems
from interprochance.core.territory import SCHEMATIC_BOUNDARIES, boundaries_import, boundary_areas

from .geojson import collection, feature, square, squares_for

pytestmark = pytest.mark.django_db

ORTSTEIL = AreaLevel.ORTSTEIL
SOZIALRAUM = AreaLevel.SOZIALRAUM


@pytest.fixture
def gemeinde(core_demo):
    return core_demo.weiterstadt.area


@pytest.fixture
def ortsteile(gemeinde):
    return boundary_areas(gemeinde, ORTSTEIL)


def _state(gemeinde) -> dict[str, tuple]:
    """Every boundary below the Gemeinde with its source: what an import may change."""
    areas = boundary_areas(gemeinde, ORTSTEIL) + boundary_areas(gemeinde, SOZIALRAUM)
    return {a.code: (json.dumps(a.geometry), a.geometry_source_id) for a in areas}


def _import(gemeinde, data: bytes, level: str = ORTSTEIL, **kwargs) -> int:
    return boundaries_import(data=data, gemeinde=gemeinde, level=level, actor=None, **kwargs)


def _problems(gemeinde, data: bytes, level: str = ORTSTEIL) -> list[str]:
    """The messages of a rejected file; checks that nothing was written."""
    before = _state(gemeinde)
    sources, events = Source.objects.count(), AuditEvent.objects.count()
    with pytest.raises(Problems) as caught:
        _import(gemeinde, data, level)
    assert _state(gemeinde) == before
    assert (Source.objects.count(), AuditEvent.objects.count()) == (sources, events)
    return [str(p) for p in caught.value.items]


# ---- the service ---------------------------------------------------------------


def test_good_file_sets_every_boundary_with_its_source_and_is_audited(gemeinde, ortsteile):
    data = collection(squares_for(ortsteile))
    assert _import(gemeinde, data, attribution="Stadt Weiterstadt, Stadtplanung 2025") == 5
    source = Source.objects.get(key="grenzen-06432023-ortsteil")
    assert source.attribution == "Stadt Weiterstadt, Stadtplanung 2025"
    assert source.title == "Grenzen der Ortsteile von Weiterstadt"
    for area, f in zip(boundary_areas(gemeinde, ORTSTEIL), squares_for(ortsteile), strict=True):
        assert area.geometry_source == source
        ring = area.geometry["coordinates"][0]
        # stored clockwise (the map renderer's winding), the same points as the file
        assert signed_area(ring) < 0
        assert sorted(map(tuple, ring)) == sorted(map(tuple, f["geometry"]["coordinates"][0]))
    event = AuditEvent.objects.filter(action="boundaries.import").latest("id")
    assert event.tenant_slug == "weiterstadt" and event.object_id == "06432023"
    assert event.detail["level"] == "ortsteil" and event.detail["count"] == 5
    assert event.detail["changed"] == 5 and len(event.detail["sha256"]) == 64
    # the population's source stays what it was
    assert boundary_areas(gemeinde, ORTSTEIL)[1].source.key == "wikipedia-stadtteile"


def test_import_is_idempotent(gemeinde, ortsteile):
    data = collection(squares_for(ortsteile))
    _import(gemeinde, data)
    state, sources = _state(gemeinde), Source.objects.count()
    assert _import(gemeinde, data) == 5
    assert _state(gemeinde) == state and Source.objects.count() == sources
    events = AuditEvent.objects.filter(action="boundaries.import").order_by("-id")
    assert events[0].detail["changed"] == 0  # the run is recorded, nothing changed


def test_name_is_the_fallback_ignoring_case_and_spaces(gemeinde, ortsteile):
    features = squares_for(ortsteile)
    for f, area in zip(features, ortsteile, strict=True):
        f["properties"] = {"name": "  " + area.name.upper().replace("E", "e") + " "}
    features[0]["properties"] = {"name": "kernstadt"}
    assert _import(gemeinde, collection(features)) == 5
    assert all(a.geometry for a in boundary_areas(gemeinde, ORTSTEIL))


def test_code_wins_over_name(gemeinde, ortsteile):
    features = squares_for(ortsteile)
    features[0]["properties"] = {"code": "06432023-99", "name": ortsteile[0].name}
    messages = _problems(gemeinde, collection(features))
    assert any("Den Code „06432023-99“ gibt es in Weiterstadt" in m for m in messages)


def test_multipolygon_with_hole_keeps_the_hole_counter_clockwise(gemeinde, ortsteile):
    features = squares_for(ortsteile)
    outer = square(8.58, 49.90, d=0.01)["coordinates"][0]
    hole = square(8.583, 49.903, d=0.002)["coordinates"][0][::-1]  # given clockwise
    features[0]["geometry"] = {"type": "MultiPolygon", "coordinates": [[outer, hole]]}
    _import(gemeinde, collection(features))
    stored = boundary_areas(gemeinde, ORTSTEIL)[0].geometry
    assert stored["type"] == "MultiPolygon"
    exterior, inner = stored["coordinates"][0]
    assert signed_area(exterior) < 0 < signed_area(inner)


def _with(ortsteile, index: int = 0, **change) -> bytes:
    """The good file with feature `index` changed."""
    features = squares_for(ortsteile)
    features[index].update(change)
    return collection(features)


def _geometry(coordinates, kind: str = "Polygon") -> dict:
    return {"type": kind, "coordinates": coordinates}


UTM = [[[470000, 5530000], [471000, 5530000], [471000, 5531000], [470000, 5530000]]]
DARMSTADT = square(8.65, 49.87)  # east of Weiterstadt, outside its bounding box
SWAPPED = [[[y, x] for x, y in square(8.58, 49.90)["coordinates"][0]]]
# a figure eight: both halves enclose area, but the boundary crosses itself at the middle
BOWTIE = [[[8.58, 49.9], [8.60, 49.92], [8.60, 49.9], [8.58, 49.91], [8.58, 49.9]]]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            {"geometry": {"type": "Point", "coordinates": [8.58, 49.9]}},
            "Feature 1 (Code „06432023-01“): Der Geometrietyp „Point“ ist nicht zulässig",
        ),
        (
            {
                "geometry": _geometry(
                    [[["8.58", "49.9"], [8.59, 49.9], [8.59, 49.91], ["8.58", "49.9"]]]
                )
            },
            "Feature 1 (Code „06432023-01“): Ring 1: die Koordinaten sind keine Zahlen",
        ),
        (
            {"geometry": _geometry([[[8.58, 49.9], [8.59, 49.9], [8.59, 49.91], [8.58, 49.91]]])},
            "Ring 1 ist nicht geschlossen",
        ),
        (
            {"geometry": _geometry([[[8.58, 49.9], [8.59, 49.9], [8.58, 49.9]]])},
            "Ring 1 hat 3 Punkte; ein Ring braucht mindestens 4",
        ),
        ({"geometry": _geometry(UTM)}, "Die Datei muss in WGS84 (EPSG:4326) vorliegen"),
        ({"geometry": _geometry(UTM)}, "(z. B. 470000, 5.53e+06)"),
        (
            {"geometry": DARMSTADT},
            "Feature 1 (Code „06432023-01“): Das Gebiet liegt außerhalb von Weiterstadt",
        ),
        ({"geometry": _geometry(SWAPPED)}, "Länge und Breite sind offenbar vertauscht"),
        (
            {"geometry": _geometry(BOWTIE)},
            "Feature 1 (Code „06432023-01“): Die Grenze schneidet sich selbst (bei 8.58667, 49.9067)",
        ),
        ({"geometry": None}, "Die Geometrie fehlt"),
        (
            {"properties": {"code": "06432023-99"}},
            "Feature 1 (Code „06432023-99“): Den Code „06432023-99“ gibt es in Weiterstadt "
            "auf der Ebene „Ortsteil“ nicht.",
        ),
        (
            {"properties": {"name": "Darmstadt-Mitte"}},
            "Feature 1 (Name „Darmstadt-Mitte“): Ein Gebiet „Darmstadt-Mitte“",
        ),
        ({"properties": {}}, "Feature 1: Das Feature nennt sein Gebiet nicht"),
        ({"type": "Point"}, "Feature 1 (Code „06432023-01“): Das ist kein GeoJSON-Feature"),
    ],
)
def test_each_problem_is_named_and_nothing_is_written(gemeinde, ortsteile, change, expected):
    messages = _problems(gemeinde, _with(ortsteile, **change))
    assert any(expected in m for m in messages), messages


def test_utm_coordinates_are_called_metres(gemeinde, ortsteile):
    (message,) = [
        m for m in _problems(gemeinde, _with(ortsteile, geometry=_geometry(UTM))) if "Meter" in m
    ]
    assert "keine geographischen Längen und Breiten in Grad" in message
    assert "UTM" in message and "EPSG:4326" in message


def test_same_area_twice(gemeinde, ortsteile):
    features = squares_for(ortsteile)
    features.append(feature(square(8.59, 49.91), name="Braunshardt"))
    messages = _problems(gemeinde, collection(features))
    assert messages == [
        "Feature 6 (Name „Braunshardt“): Braunshardt ist schon in Feature 2 beschrieben; "
        "jedes Gebiet darf nur einmal vorkommen."
    ]


def test_areas_left_without_a_boundary_are_an_error(gemeinde, ortsteile):
    messages = _problems(gemeinde, collection(squares_for(ortsteile)[:3]))
    assert messages == [
        "Es fehlen Grenzen für Schneppenhausen (06432023-04), Riedbahn (06432023-05). "
        "Die Datei muss alle Gebiete der Ebene „Ortsteil“ in Weiterstadt enthalten, "
        "sonst kann keine Karte gezeichnet werden."
    ]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b'{"type": "FeatureCollection", ', "Die Datei ist kein gültiges JSON (Zeile 1, Spalte"),
        ("{}".encode("utf-16"), "nicht UTF-8-kodiert"),
        (json.dumps({"type": "Feature"}).encode(), "keine GeoJSON-FeatureCollection"),
        (json.dumps([1, 2]).encode(), "keine GeoJSON-FeatureCollection"),
        (collection([]), "Die Datei enthält keine Features."),
        (
            collection(
                [feature(square(8.58, 49.9), code="x")],
                crs={"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::25832"}},
            ),
            "Koordinatensystem „urn:ogc:def:crs:EPSG::25832“",
        ),
        (b" " * (MAX_BOUNDARY_BYTES + 1), "Die Datei ist größer als 10 MB."),
    ],
)
def test_files_that_are_no_feature_collection(gemeinde, data, expected):
    messages = _problems(gemeinde, data)
    assert len(messages) == 1 and expected in messages[0], messages


def test_all_problems_at_once_and_one_bad_feature_writes_nothing(gemeinde, ortsteile):
    _import(gemeinde, collection(squares_for(ortsteile)))
    features = squares_for(ortsteile)
    for f in features:  # a changed file: each square moved a little
        f["geometry"] = square(*[c + 0.001 for c in f["geometry"]["coordinates"][0][0]])
    features[1]["geometry"] = {"type": "LineString", "coordinates": [[8.58, 49.9], [8.59, 49.9]]}
    features[3]["geometry"] = DARMSTADT
    messages = _problems(gemeinde, collection(features))  # asserts nothing changed
    assert len(messages) == 2
    assert messages[0].startswith("Feature 2 (Code „06432023-02“): Der Geometrietyp „LineString“")
    assert messages[1].startswith("Feature 4 (Code „06432023-04“): Das Gebiet liegt außerhalb")


def test_wrong_level_and_bad_attribution(gemeinde, ortsteile):
    data = collection(squares_for(ortsteile))
    with pytest.raises(Problems, match="nicht für „gemeinde“"):
        boundaries_import(data=data, gemeinde=gemeinde, level="gemeinde", actor=None)
    with pytest.raises(Problems, match="Markup"):
        _import(gemeinde, data, attribution="<script>alert(1)</script>")


def test_sozialraeume_below_the_ortsteile(gemeinde):
    sozialraeume = boundary_areas(gemeinde, SOZIALRAUM)
    assert len(sozialraeume) == 8
    assert _import(gemeinde, collection(squares_for(sozialraeume)), SOZIALRAUM) == 8
    messages = _problems(gemeinde, collection(squares_for(sozialraeume)), ORTSTEIL)
    assert any(
        "Den Code „06432023-01-1“ gibt es in Weiterstadt auf der Ebene" in m for m in messages
    )


# ---- the demo's schematic boundaries ---------------------------------------------


def test_demo_boundaries_partition_weiterstadt_and_are_marked_schematic(gemeinde):
    whole = shape(gemeinde.geometry)
    ortsteile = boundary_areas(gemeinde, ORTSTEIL)
    sozialraeume = boundary_areas(gemeinde, SOZIALRAUM)
    for areas in (ortsteile, sozialraeume):
        assert all(a.geometry_source.key == SCHEMATIC_BOUNDARIES for a in areas)
        shapes = [shape(a.geometry) for a in areas]
        assert all(s.is_valid and s.area > 0.02 * whole.area for s in shapes)
        union = unary_union(shapes)
        # they cover the Gemeinde and do not overlap (up to the rounding to 5 decimals)
        assert union.symmetric_difference(whole).area < 1e-4 * whole.area
        assert abs(sum(s.area for s in shapes) - whole.area) < 1e-4 * whole.area
    for sozialraum in sozialraeume:
        parent = next(o for o in ortsteile if o.pk == sozialraum.parent_id)
        overlap = shape(sozialraum.geometry).intersection(shape(parent.geometry)).area
        assert overlap > 0.999 * shape(sozialraum.geometry).area, sozialraum.name


def test_demo_never_overwrites_imported_boundaries(gemeinde, ortsteile):
    from interprochance.core.demo import _load_schematic_boundaries

    _import(gemeinde, collection(squares_for(ortsteile)), attribution="Stadt Weiterstadt")
    state = _state(gemeinde)
    _load_schematic_boundaries(gemeinde)
    assert _state(gemeinde) == state


# ---- the command -----------------------------------------------------------------


def test_command_imports_and_reports(gemeinde, ortsteile, tmp_path):
    path = tmp_path / "ortsteile.geojson"
    path.write_bytes(collection(squares_for(ortsteile)))
    out = _call(
        "import_boundaries",
        str(path),
        "--gemeinde",
        "06432023",
        "--level",
        "ortsteil",
        "--quelle",
        "Stadt Weiterstadt",
    )
    assert "Grenzen für 5 Gebiete (Ortsteil) in Weiterstadt importiert." in out
    assert Source.objects.get(key="grenzen-06432023-ortsteil").attribution == "Stadt Weiterstadt"


def test_command_fails_with_the_messages_and_writes_nothing(gemeinde, ortsteile, tmp_path):
    path = tmp_path / "ortsteile.geojson"
    path.write_bytes(_with(ortsteile, geometry=_geometry(UTM)))
    before = _state(gemeinde)
    with pytest.raises(CommandError) as caught:
        _call("import_boundaries", str(path), "--gemeinde", "06432023", "--level", "ortsteil")
    assert "Import abgebrochen, nichts geschrieben" in str(caught.value)
    assert "EPSG:4326" in str(caught.value)
    assert _state(gemeinde) == before
    with pytest.raises(CommandError, match="Unbekannte Gemeinde"):
        _call("import_boundaries", str(path), "--gemeinde", "99999999", "--level", "ortsteil")


def _call(*args: str) -> str:
    import io

    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


# ---- the upload page -------------------------------------------------------------

URL = "/gebiete/grenzen/"


def _upload(client, gemeinde, data: bytes, level: str = "ortsteil", **extra):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(
        URL,
        {
            "gemeinde": gemeinde.pk,
            "level": level,
            "file": SimpleUploadedFile("grenzen.geojson", data, "application/geo+json"),
            **extra,
        },
    )


def test_sozialplanung_uploads_a_good_file(gemeinde, ortsteile, client_as):
    client = client_as("demo-planung")
    page = client.get(URL)
    assert page.status_code == 200
    assert "Grenzen der Ortsteile und Sozialräume importieren" in page.content.decode()
    response = _upload(client, gemeinde, collection(squares_for(ortsteile)), attribution="Stadt W.")
    assert response.status_code == 302 and response["Location"] == URL
    page = client.get(URL).content.decode()
    assert "Grenzen für 5 Gebiete der Ebene „Ortsteil“ in Weiterstadt übernommen." in page
    assert "Stadt W." in page
    event = AuditEvent.objects.filter(action="boundaries.import").latest("id")
    assert event.actor_username == "demo-planung"


def test_upload_of_a_bad_file_shows_every_message_and_writes_nothing(
    gemeinde, ortsteile, client_as
):
    before = _state(gemeinde)
    response = _upload(client_as("demo-planung"), gemeinde, _with(ortsteile, geometry=DARMSTADT))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="alert"' in html and "Die Datei wurde nicht übernommen:" in html
    assert "Feature 1 (Code „06432023-01“): Das Gebiet liegt außerhalb von Weiterstadt" in html
    assert _state(gemeinde) == before


@pytest.mark.parametrize("username", ["demo-gremium", "demo-netzwerk", "demo-admin", "demo-fonds"])
def test_roles_without_the_right_get_404(gemeinde, ortsteile_file, client_as, username):
    # the project answers forbidden like missing (404), never 403 (core.policy)
    client = client_as(username)
    assert client.get(URL).status_code == 404
    before = _state(gemeinde)
    assert _upload(client, gemeinde, ortsteile_file).status_code == 404
    assert _state(gemeinde) == before


def test_outsider_cannot_set_another_gemeindes_boundaries(gemeinde, ortsteile_file, client_as):
    client = client_as("demo-griesheim")
    assert client.get(URL).status_code == 200  # Sozialplanung of Griesheim
    before = _state(gemeinde)
    response = _upload(client, gemeinde, ortsteile_file)
    assert response.status_code == 200
    assert "Bitte eine gültige Auswahl treffen." in response.content.decode()
    assert _state(gemeinde) == before


@pytest.fixture
def ortsteile_file(ortsteile) -> bytes:
    return collection(squares_for(ortsteile))
