"""The shared choropleth spec (no database): suppressed figures stay out of the
spec, every area gets its own value, the legend is complete."""

import json
import re

import pytest
from django.utils import translation

from interprochance.core import charts
from interprochance.core.charts import MISSING_CLASS, SUPPRESSED_CLASS

SECRET = 4711.25  # a withheld figure; it must not appear anywhere in the spec


def _square(x: float) -> dict:
    return {
        "type": "Polygon",
        "coordinates": [[[x, 50], [x, 50.1], [x + 0.1, 50.1], [x + 0.1, 50], [x, 50]]],
    }


AREAS = [
    ("A", "Altdorf", _square(8.0)),
    ("B", "Bergheim", _square(8.1)),
    ("C", "Crumstadt", _square(8.2)),
    ("D", "Dornheim", _square(8.3)),
    ("X", "Ohne Grenze", None),
]
CLASSES = [("0 bis 10", "#fff3b0"), ("10 bis 20", "#fed976")]


def _properties(spec: dict) -> dict[str, dict]:
    return {f["properties"]["name"]: f["properties"] for f in spec["data"]["values"]}


def test_suppressed_figure_never_enters_a_continuous_map():
    spec = charts.choropleth(
        AREAS,
        {"A": 1.5, "B": SECRET, "C": 3.0},
        suppressed={"B"},
        value_text={"A": "1,5", "B": "4.711,25", "C": "3,0"},
        legend_title="Quote",
        width=400,
        height=300,
    )
    dumped = json.dumps(spec, default=str)
    assert "4711" not in dumped and "4.711" not in dumped
    bergheim = _properties(spec)["Bergheim"]
    assert bergheim["value"] is None
    assert bergheim["text"] == "."


def test_suppressed_area_shows_as_its_own_class_not_as_its_class():
    spec = charts.choropleth(
        AREAS,
        {"A": "0 bis 10", "B": "10 bis 20", "C": "10 bis 20"},
        classes=CLASSES,
        suppressed=["B"],
        value_text={"A": "5", "B": str(SECRET), "C": "12"},
        legend_title="Klasse",
        width=400,
        height=300,
    )
    props = _properties(spec)
    assert props["Bergheim"]["value"] == SUPPRESSED_CLASS[0]
    assert props["Bergheim"]["text"] == "."
    assert "4711" not in json.dumps(spec, default=str)
    # suppressed and missing stay two different things
    assert props["Dornheim"]["value"] == MISSING_CLASS[0]
    assert props["Dornheim"]["text"] == "–"
    assert SUPPRESSED_CLASS[0] != MISSING_CLASS[0]
    assert SUPPRESSED_CLASS[1] != MISSING_CLASS[1]


def test_each_area_gets_its_own_value_and_areas_without_geometry_are_left_out():
    values = {"D": 40, "C": 30, "B": 20, "A": 10, "X": 99}
    spec = charts.choropleth(AREAS, values, legend_title="Einwohner", width=400, height=300)
    features = spec["data"]["values"]
    assert [f["properties"]["name"] for f in features] == [
        "Altdorf",
        "Bergheim",
        "Crumstadt",
        "Dornheim",
    ]
    for key, name, geometry in AREAS[:4]:
        feature = next(f for f in features if f["properties"]["name"] == name)
        assert feature["type"] == "Feature"
        assert feature["geometry"] == geometry
        assert feature["properties"]["value"] == values[key]
    missing = charts.choropleth(AREAS, {"A": 1}, legend_title="x", width=1, height=1)
    assert _properties(missing)["Bergheim"]["value"] is None


def test_continuous_legend_and_marks():
    spec = charts.choropleth(
        AREAS,
        {"A": 1, "B": 2, "C": 3, "D": 4},
        legend_title="GISD",
        scheme="oranges",
        width=460,
        height=420,
        stroke="#333333",
        stroke_width=0.6,
    )
    [values] = spec["layer"]  # every area has a value: no layer for areas without one
    assert values["transform"] == [{"filter": "isValid(datum.properties.value)"}]
    assert values["encoding"]["color"] == {
        "field": "properties.value",
        "type": "quantitative",
        "title": "GISD",
        "scale": {"scheme": "oranges"},
    }
    assert values["mark"] == {"type": "geoshape", "stroke": "#333333", "strokeWidth": 0.6}
    assert (spec["width"], spec["height"]) == (460, 420)
    assert "title" not in spec and "tooltip" not in values["encoding"]
    assert all("status" not in f["properties"] for f in spec["data"]["values"])


def _shapes(markup: str) -> list[tuple[str, str]]:
    """(aria-label, fill) of each drawn area."""
    return re.findall(
        r'<path aria-label="([^"]*)"[^>]*aria-roledescription="geoshape"[^>]*fill="([^"]*)"',
        markup,
    )


def test_areas_without_a_value_stay_on_a_continuous_map():
    """Vega-Lite drops null values from a quantitative colour scale: without the
    second layer Bergheim (suppressed) and Dornheim (no figure) vanished."""
    spec = charts.choropleth(
        AREAS,
        {"A": 1.5, "B": SECRET, "C": 3.0},
        suppressed={"B"},
        value_text={"A": "1,5", "B": "4.711,25", "C": "3,0"},
        legend_title="Quote",
        width=400,
        height=300,
    )
    markup = str(charts.svg(spec, title="Karte der Quote", description="Werte in der Tabelle"))
    assert 'role="img" aria-label="Karte der Quote"' in markup
    assert "<desc>Werte in der Tabelle</desc>" in markup
    shapes = dict(_shapes(markup))
    assert len(shapes) == 4  # every area with a boundary, none dropped
    assert shapes["Quote: gesperrt (.); Gebiet: Bergheim; Wert: ."] == SUPPRESSED_CLASS[1]
    assert shapes["Quote: keine Daten; Gebiet: Dornheim; Wert: –"] == MISSING_CLASS[1]
    assert ">Quote</text>" in markup  # the gradient legend stays
    for text in ("gesperrt (.)", "keine Daten"):
        assert f">{text}</text>" in markup
    assert f'stroke="{charts.NO_VALUE_STROKE}"' in markup  # a white area is outlined
    assert "4711" not in markup and "4.711" not in markup

    props = _properties(spec)
    assert props["Bergheim"]["status"] == SUPPRESSED_CLASS[0]
    assert props["Dornheim"]["status"] == MISSING_CLASS[0]
    assert "status" not in props["Altdorf"]
    values, without = spec["layer"]
    assert without["transform"] == [{"filter": "!isValid(datum.properties.value)"}]
    assert without["encoding"]["fill"]["scale"] == {
        "domain": [SUPPRESSED_CLASS[0], MISSING_CLASS[0]],
        "range": [SUPPRESSED_CLASS[1], MISSING_CLASS[1]],
    }
    assert without["encoding"]["tooltip"] == values["encoding"]["tooltip"]


def test_only_the_kinds_of_missing_values_that_occur_are_in_the_legend():
    spec = charts.choropleth(
        AREAS, {"A": 1, "B": 2, "C": 3}, legend_title="x", width=300, height=300
    )
    markup = str(charts.svg(spec))
    assert len(_shapes(markup)) == 4
    assert ">keine Daten</text>" in markup and "gesperrt" not in markup
    assert spec["layer"][1]["encoding"]["fill"]["scale"]["domain"] == [MISSING_CLASS[0]]


def test_a_map_without_any_value_draws_every_area_and_no_gradient():
    # NaN is no value either (and no valid JSON for the browser)
    spec = charts.choropleth(
        AREAS, {"A": float("nan")}, legend_title="Einwohner", width=300, height=300
    )
    assert _properties(spec)["Altdorf"] == {
        "name": "Altdorf",
        "value": None,
        "status": "keine Daten",
    }
    markup = str(charts.svg(spec))
    assert [fill for _label, fill in _shapes(markup)] == [MISSING_CLASS[1]] * 4
    assert "NaN" not in markup and "Gradient legend" not in markup
    assert ">keine Daten</text>" in markup


def test_class_legend_lists_data_classes_then_suppressed_and_missing():
    spec = charts.choropleth(
        AREAS, {"A": "0 bis 10"}, classes=CLASSES, legend_title="Klasse", width=1, height=1
    )
    colour = spec["encoding"]["color"]
    assert colour["type"] == "nominal" and colour["title"] == "Klasse"
    assert colour["scale"]["domain"] == ["0 bis 10", "10 bis 20", "gesperrt (.)", "keine Daten"]
    assert colour["scale"]["range"] == ["#fff3b0", "#fed976", "#8c8c8c", "#ffffff"]


def test_a_value_outside_the_class_legend_is_refused():
    with pytest.raises(ValueError, match="not a class"):
        charts.choropleth(
            AREAS, {"A": SECRET}, classes=CLASSES, legend_title="Klasse", width=1, height=1
        )
    with pytest.raises(ValueError, match="distinct"):
        charts.class_scale([("keine Daten", "#000000")])


def test_tooltip_titles_are_translated():
    with translation.override("en"):
        spec = charts.choropleth(
            AREAS, {}, value_text={}, title="Map", legend_title="x", width=1, height=1
        )
    assert spec["title"] == "Map"
    for layer in spec["layer"]:
        assert layer["encoding"]["tooltip"] == [
            {"field": "properties.name", "title": "Area"},
            {"field": "properties.text", "title": "Value"},
        ]


def test_rendered_map_has_legend_and_accessible_name():
    spec = charts.choropleth(
        AREAS,
        {"A": "0 bis 10", "B": "10 bis 20"},
        classes=CLASSES,
        suppressed={"C"},
        legend_title="Klasse",
        width=300,
        height=300,
    )
    markup = str(charts.svg(spec, title="Karte der Quote", description="Werte in der Tabelle"))
    assert 'role="img" aria-label="Karte der Quote"' in markup
    assert "<desc>Werte in der Tabelle</desc>" in markup
    for text in ("Klasse", "0 bis 10", "10 bis 20", "gesperrt (.)", "keine Daten"):
        assert f">{text}</text>" in markup
    assert 'fill="#8c8c8c"' in markup  # the suppressed area is drawn in its own colour


def test_suppressed_and_missing_labels_are_in_the_readers_language():
    with translation.override("en"):
        classed = charts.choropleth(
            AREAS,
            {"A": "0 bis 10"},
            classes=CLASSES,
            suppressed={"B"},
            legend_title="Class",
            width=300,
            height=300,
        )
        continuous = charts.choropleth(
            AREAS, {"A": 1}, suppressed={"B"}, legend_title="Rate", width=300, height=300
        )
        markup = str(charts.svg(continuous))
    assert classed["encoding"]["color"]["scale"]["domain"][-2:] == ["suppressed (.)", "no data"]
    props = _properties(classed)
    assert (props["Bergheim"]["value"], props["Crumstadt"]["value"]) == (
        "suppressed (.)",
        "no data",
    )
    props = _properties(continuous)
    assert (props["Bergheim"]["status"], props["Crumstadt"]["status"]) == (
        "suppressed (.)",
        "no data",
    )
    assert ">suppressed (.)</text>" in markup and ">no data</text>" in markup
    assert "gesperrt" not in markup and "keine Daten" not in markup
    # German stays the default (and the value of record in the constants)
    assert charts.shown(charts.SUPPRESSED_CLASS) == ("gesperrt (.)", "#8c8c8c")


def test_axis_numbers_follow_the_ui_language():
    """Axis labels use the number format of the reader's language, like the tables."""
    from django.utils import translation

    spec = {
        "data": {"values": [{"a": "x", "b": 1234.5}, {"a": "y", "b": 2500}]},
        "mark": "bar",
        "encoding": {
            "y": {"field": "a", "type": "nominal"},
            "x": {"field": "b", "type": "quantitative"},
        },
    }
    with translation.override("de"):
        german = str(charts.svg(spec, title="t"))
    with translation.override("en"):
        english = str(charts.svg(spec, title="t"))
    assert ">2.500</text>" in german and ">2,500</text>" not in german
    assert ">2,500</text>" in english
