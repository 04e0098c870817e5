"""Vega-Lite specs for maps and charts (rendered by core.charts on the server)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .classify import MISSING, SUPPRESSED, Classification

# Colour-blind safe sequential palette (ColorBrewer YlOrRd / Blues), 3..7 classes.
WORSE = ["#fff3b0", "#fed976", "#fd8d3c", "#e31a1c", "#99000d", "#67000d", "#40000a"]
BETTER = ["#deebf7", "#9ecae1", "#4292c6", "#2171b5", "#08519c", "#08306b", "#041a3d"]
SUPPRESSED_COLOUR = "#8c8c8c"
MISSING_COLOUR = "#ffffff"


def palette(direction: str, n: int) -> list[str]:
    colours = BETTER if direction == "better" else WORSE
    return colours[:n] if n <= len(colours) else colours


def class_labels(classification: Classification) -> list[str]:
    return classification.labels


def legend_for(classification: Classification, direction: str) -> tuple[list[str], list[str]]:
    labels = class_labels(classification)
    colours = palette(direction, len(labels))
    domain = labels + ["gesperrt (.)", "keine Daten"]
    return domain, colours + [SUPPRESSED_COLOUR, MISSING_COLOUR]


def label_of(classification: Classification, code: str) -> str:
    c = classification.classes.get(code, MISSING)
    if c == SUPPRESSED:
        return "gesperrt (.)"
    if c == MISSING:
        return "keine Daten"
    return classification.labels[int(c)]


def choropleth(
    features: Sequence[dict[str, Any]],
    classification: Classification,
    *,
    title: str,
    direction: str,
    value_text: dict[str, str],
) -> dict[str, Any]:
    """Map of areas with GeoJSON geometry, coloured by class."""
    domain, colours = legend_for(classification, direction)
    values = []
    for f in features:
        code = f["properties"]["code"]
        values.append(
            {
                "type": "Feature",
                "geometry": f["geometry"],
                "properties": {
                    "name": f["properties"]["name"],
                    "klasse": label_of(classification, code),
                    "wert": value_text.get(code, "–"),
                },
            }
        )
    return {
        "title": title,
        "width": 520,
        "height": 520,
        "data": {"values": values},
        "projection": {"type": "mercator"},
        "mark": {"type": "geoshape", "stroke": "#333333", "strokeWidth": 0.6},
        "encoding": {
            "color": {
                "field": "properties.klasse",
                "type": "nominal",
                "title": "Klasse",
                "scale": {"domain": domain, "range": colours},
                "legend": {"orient": "right"},
            },
            "tooltip": [
                {"field": "properties.name", "title": "Gebiet"},
                {"field": "properties.wert", "title": "Wert"},
            ],
        },
    }


def class_bars(
    rows: Sequence[tuple[str, float | None, str]],
    classification: Classification,
    *,
    title: str,
    direction: str,
    unit: str,
) -> dict[str, Any]:
    """Bar chart by area for levels without boundaries (Ortsteile, Sozialraeume)."""
    domain, colours = legend_for(classification, direction)
    data = [
        {"gebiet": name, "wert": value if value is not None else 0, "klasse": label}
        for name, value, label in rows
    ]
    return {
        "title": title,
        "width": 480,
        "height": {"step": 22},
        "data": {"values": data},
        "mark": {"type": "bar", "stroke": "#333333", "strokeWidth": 0.5},
        "encoding": {
            "y": {"field": "gebiet", "type": "nominal", "sort": None, "title": None},
            "x": {"field": "wert", "type": "quantitative", "title": unit},
            "color": {
                "field": "klasse",
                "type": "nominal",
                "title": "Klasse",
                "scale": {"domain": domain, "range": colours},
            },
        },
    }


def series(points: Sequence[dict[str, Any]], *, title: str, unit: str) -> dict[str, Any]:
    """Time series, one line per area (points: gebiet, zeitraum, wert)."""
    return {
        "title": title,
        "width": 480,
        "height": 220,
        "data": {"values": list(points)},
        "mark": {"type": "line", "point": True},
        "encoding": {
            "x": {"field": "zeitraum", "type": "ordinal", "title": "Zeitraum"},
            "y": {"field": "wert", "type": "quantitative", "title": unit},
            "color": {"field": "gebiet", "type": "nominal", "title": "Gebiet"},
            "strokeDash": {"field": "gebiet", "type": "nominal", "legend": None},
        },
    }
