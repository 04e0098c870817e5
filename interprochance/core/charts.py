"""Vega-Lite charts: one spec, rendered to SVG on the server for the page and
the PDF alike (so the public pages need no JavaScript and the CSP stays strict)."""

from __future__ import annotations

import json
import math
from collections.abc import Collection, Hashable, Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any, Literal, TypeVar

from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from interprochance.core.labels import text
from interprochance.core.translatable import gettext_noop

KERN_FONT = "Fira Sans, Noto Sans, DejaVu Sans, sans-serif"

#: The two classes a classed map shows besides the data classes, (label, colour):
#: a withheld figure (small numbers; "." as in official statistics) and no figure.
#: The labels are German; ``shown`` gives them in the reader's language.
SUPPRESSED_CLASS = (gettext_noop("gesperrt (.)"), "#8c8c8c")
MISSING_CLASS = (gettext_noop("keine Daten"), "#ffffff")
#: Outline of the areas without a value on a continuous map: a white area needs
#: one to be seen when the others are outlined in white.
NO_VALUE_STROKE = "#8c8c8c"
SUPPRESSED_TEXT = "."
MISSING_TEXT = "–"

K = TypeVar("K", bound=Hashable)


def base_config() -> dict[str, Any]:
    return {
        "font": KERN_FONT,
        "view": {"stroke": None},
        "axis": {"labelFontSize": 12, "titleFontSize": 13},
        "legend": {"labelFontSize": 12, "titleFontSize": 13},
    }


def _with_defaults(spec: dict[str, Any]) -> dict[str, Any]:
    full = {"$schema": "https://vega.github.io/schema/vega-lite/v5.json", **spec}
    full.setdefault("config", base_config())
    return full


#: d3 number and date formats per UI language (axis labels like 1.000 in German, 1,000 in
#: English, as in the tables beside the charts)
ChartLocale = Literal["de-DE", "en-US"]
CHART_LOCALES: dict[str, ChartLocale] = {"de": "de-DE", "en": "en-US"}


@lru_cache(maxsize=256)
def _svg_cached(spec_json: str, locale: ChartLocale) -> str:
    import vl_convert as vlc

    return vlc.vegalite_to_svg(vl_spec=spec_json, format_locale=locale, time_format_locale=locale)


def chart_locale() -> ChartLocale:
    """The d3 locale of the active UI language (German when unknown)."""
    language = (translation.get_language() or "de").split("-")[0]
    return CHART_LOCALES.get(language, CHART_LOCALES["de"])


def svg(spec: dict[str, Any], *, title: str = "", description: str = "") -> SafeString:
    """SVG markup for a Vega-Lite spec, with an accessible name; numbers and dates in the
    format of the active language."""
    markup = _svg_cached(
        json.dumps(_with_defaults(spec), sort_keys=True, default=str), chart_locale()
    )
    label = title or spec.get("title") or "Diagramm"
    if isinstance(label, dict):
        label = label.get("text", "Diagramm")
    markup = markup.replace("<svg ", f'<svg role="img" aria-label="{_escape(str(label))}" ', 1)
    if description:
        markup = markup.replace(">", f"><desc>{_escape(description)}</desc>", 1)
    return mark_safe(markup)  # noqa: S308 - produced by vl-convert from our own spec, text escaped


def spec_json(spec: dict[str, Any]) -> str:
    return json.dumps(_with_defaults(spec), ensure_ascii=False, indent=2, default=str)


def shown(cls: tuple[str, str]) -> tuple[str, str]:
    """``SUPPRESSED_CLASS`` or ``MISSING_CLASS`` with its label in the active language."""
    label, colour = cls
    return text(label), colour


def class_scale(classes: Sequence[tuple[str, str]]) -> dict[str, list[str]]:
    """Colour scale for data classes given as (label, colour), followed by the
    suppressed and the missing class with their own colours and legend entries."""
    legend = [*classes, shown(SUPPRESSED_CLASS), shown(MISSING_CLASS)]
    labels = [label for label, _colour in legend]
    if len(set(labels)) != len(labels):
        raise ValueError("class labels must be distinct")
    return {"domain": labels, "range": [colour for _label, colour in legend]}


def choropleth(
    areas: Iterable[tuple[K, str, dict[str, Any] | None]],
    values: Mapping[K, Any],
    *,
    legend_title: str,
    width: int,
    height: int,
    title: str | None = None,
    classes: Sequence[tuple[str, str]] | None = None,
    scheme: str = "blues",
    suppressed: Collection[K] = (),
    value_text: Mapping[K, str] | None = None,
    stroke: str = "#ffffff",
    stroke_width: float = 1,
) -> dict[str, Any]:
    """Map of areas (key, name, GeoJSON geometry) coloured by ``values[key]``.

    Without ``classes`` the values are numbers on the continuous colour
    ``scheme``; Vega-Lite would drop an area whose value is null, so areas
    without a value are drawn in a second layer in the colour of the suppressed
    or the missing class, with a grey outline and their own legend entries
    ("gesperrt (.)", "keine Daten"; only those that occur). With ``classes``
    ((label, colour) in legend order) the values are class labels; an area
    without one shows as "keine Daten", and the legend always lists the
    suppressed and the missing class. ``suppressed`` keys are withheld figures:
    neither their value nor their ``value_text`` gets into the spec (their text
    is "."; they show as "gesperrt (.)"). ``value_text`` adds a tooltip with the
    area's name and that text. Areas without geometry are left out.
    """
    hidden = set(suppressed)
    labels = {label for label, _colour in classes} if classes is not None else set()
    suppressed_class, missing_class = shown(SUPPRESSED_CLASS), shown(MISSING_CLASS)
    features: list[dict[str, Any]] = []
    for key, name, geometry in areas:
        if not geometry:
            continue
        value = None if key in hidden else values.get(key)
        if isinstance(value, float) and math.isnan(value):
            value = None
        if classes is not None:
            if key in hidden:
                value = suppressed_class[0]
            elif value is None:
                value = missing_class[0]
            elif value not in labels:
                raise ValueError(f"{name}: {value!r} is not a class of the legend")
        properties = {"name": name, "value": value}
        if classes is None and value is None:
            properties["status"] = (suppressed_class if key in hidden else missing_class)[0]
        if value_text is not None:
            properties["text"] = (
                SUPPRESSED_TEXT if key in hidden else value_text.get(key, MISSING_TEXT)
            )
        features.append({"type": "Feature", "geometry": geometry, "properties": properties})
    tooltip: dict[str, Any] = {}
    if value_text is not None:
        tooltip["tooltip"] = [
            {"field": "properties.name", "title": _("Gebiet")},
            {"field": "properties.text", "title": _("Wert")},
        ]
    mark = {"type": "geoshape", "stroke": stroke, "strokeWidth": stroke_width}
    spec: dict[str, Any] = {
        "width": width,
        "height": height,
        "data": {"values": features},
        "projection": {"type": "mercator"},
    }
    if classes is not None:
        spec["mark"] = mark
        spec["encoding"] = {
            "color": {
                "field": "properties.value",
                "type": "nominal",
                "title": legend_title,
                "scale": class_scale(classes),
            },
            **tooltip,
        }
    else:
        any_value = any(f["properties"]["value"] is not None for f in features)
        layers: list[dict[str, Any]] = [
            {
                "transform": [{"filter": "isValid(datum.properties.value)"}],
                "mark": mark,
                "encoding": {
                    "color": {
                        "field": "properties.value",
                        "type": "quantitative",
                        "title": legend_title,
                        "scale": {"scheme": scheme},
                        # no value at all: no gradient (it would read "NaN")
                        **({} if any_value else {"legend": None}),
                    },
                    **tooltip,
                },
            }
        ]
        statuses = {f["properties"].get("status") for f in features}
        without = [c for c in (suppressed_class, missing_class) if c[0] in statuses]
        if without:
            layers.append(
                {
                    "transform": [{"filter": "!isValid(datum.properties.value)"}],
                    "mark": {**mark, "stroke": NO_VALUE_STROKE},
                    "encoding": {
                        "fill": {
                            "field": "properties.status",
                            "type": "nominal",
                            "title": legend_title,
                            "scale": {
                                "domain": [label for label, _colour in without],
                                "range": [colour for _label, colour in without],
                            },
                            "legend": {"title": None, "symbolType": "square"},
                        },
                        **tooltip,
                    },
                }
            )
        spec["layer"] = layers
    if title:
        spec["title"] = title
    return spec


def _escape(text: str) -> str:
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )
