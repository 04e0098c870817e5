"""Vega-Lite specs for maps and charts (rendered by core.charts on the server)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext as _

from interprochance.core import charts
from interprochance.core.charts import MISSING_CLASS, SUPPRESSED_CLASS

from .classify import MISSING, SUPPRESSED, Classification

# Colour-blind safe sequential palette (ColorBrewer YlOrRd / Blues), 3..7 classes.
WORSE = ["#fff3b0", "#fed976", "#fd8d3c", "#e31a1c", "#99000d", "#67000d", "#40000a"]
BETTER = ["#deebf7", "#9ecae1", "#4292c6", "#2171b5", "#08519c", "#08306b", "#041a3d"]


def palette(direction: str, n: int) -> list[str]:
    colours = BETTER if direction == "better" else WORSE
    return colours[:n] if n <= len(colours) else colours


def class_labels(classification: Classification) -> list[str]:
    return classification.labels


def legend_classes(classification: Classification, direction: str) -> list[tuple[str, str]]:
    """(label, colour) of the data classes; the suppressed and the missing class
    are added by ``charts.class_scale``."""
    labels = class_labels(classification)
    colours = palette(direction, len(labels))
    if len(labels) > len(colours):
        # otherwise the colours would shift and "gesperrt" would look like a class
        raise ValueError(f"at most {len(colours)} classes can be told apart on the map")
    return list(zip(labels, colours, strict=True))


def label_of(classification: Classification, code: str) -> str:
    """The class label of an area in the active language (as in the legend)."""
    c = classification.classes.get(code, MISSING)
    if c == SUPPRESSED:
        return charts.shown(SUPPRESSED_CLASS)[0]
    if c == MISSING:
        return charts.shown(MISSING_CLASS)[0]
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
    classes = classification.classes
    return charts.choropleth(
        [(f["properties"]["code"], f["properties"]["name"], f["geometry"]) for f in features],
        {
            code: classification.labels[int(c)]
            for code, c in classes.items()
            if c not in (SUPPRESSED, MISSING)
        },
        classes=legend_classes(classification, direction),
        suppressed=[code for code, c in classes.items() if c == SUPPRESSED],
        value_text=value_text,
        title=title,
        legend_title=_("Klasse"),
        width=520,
        height=520,
        stroke="#333333",
        stroke_width=0.6,
    )


def class_bars(
    rows: Sequence[tuple[str, float | None, str]],
    classification: Classification,
    *,
    title: str,
    direction: str,
    unit: str,
) -> dict[str, Any]:
    """Bar chart by area for levels without boundaries (Ortsteile, Sozialraeume)."""
    scale = charts.class_scale(legend_classes(classification, direction))
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
                "title": _("Klasse"),
                "scale": scale,
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
            "x": {"field": "zeitraum", "type": "ordinal", "title": _("Zeitraum")},
            "y": {"field": "wert", "type": "quantitative", "title": unit},
            "color": {"field": "gebiet", "type": "nominal", "title": _("Gebiet")},
            "strokeDash": {"field": "gebiet", "type": "nominal", "legend": None},
        },
    }
