"""Comparison of the own Kreis with a group of Kreise (pure Python, no Django).

Per year: the own value, the median, minimum and maximum of the group, its size
and the own rank. The median is the plain median of the Kreis values (every
Kreis counts once, not weighted by population), so it is not the Land's own
figure. Rank 1 is the most favourable value; ties share a rank (1, 2, 2, 4),
i.e. rank = 1 + number of Kreise with a strictly better value. ``direction``
is the indicator's: "worse" (higher = less favourable, so lower is better),
"better" (higher = more favourable) or "neutral" (no rank).

``band_chart`` builds the Vega-Lite spec (rendered by ``core.charts.svg``): the
own line against the band minimum-maximum and the median line of the group.
Texts come in already translated, so this module stays free of Django.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from statistics import median
from typing import Any

OWN_COLOUR = "#08519c"  # dark blue, 8:1 on white
MEDIAN_COLOUR = "#4d4d4d"  # dark grey, dashed
BAND_COLOUR = "#c6dbef"  # light blue area (the values are in the table as well)


@dataclass(frozen=True)
class YearStats:
    period: str
    own: Decimal | None
    median: Decimal
    minimum: Decimal
    maximum: Decimal
    count: int
    rank: int | None

    @property
    def difference(self) -> Decimal | None:
        """Own value minus the median (None without an own value)."""
        return None if self.own is None else self.own - self.median


def year_stats(
    period: str, values: Mapping[str, Decimal], own_code: str, direction: str
) -> YearStats:
    """Statistics of one year over ``values`` (area code -> value, own Kreis included)."""
    if not values:
        raise ValueError(f"no values for {period}")
    numbers = list(values.values())
    own = values.get(own_code)
    rank = None
    if own is not None and direction in ("worse", "better"):
        if direction == "better":
            rank = 1 + sum(1 for v in numbers if v > own)
        else:
            rank = 1 + sum(1 for v in numbers if v < own)
    return YearStats(
        period=period,
        own=own,
        median=Decimal(median(numbers)),
        minimum=min(numbers),
        maximum=max(numbers),
        count=len(numbers),
        rank=rank,
    )


def compare(
    values: Mapping[str, Mapping[str, Decimal]], own_code: str, direction: str
) -> list[YearStats]:
    """``values``: period -> (area code -> value). One ``YearStats`` per period, in order."""
    return [
        year_stats(period, by_area, own_code, direction)
        for period, by_area in sorted(values.items())
        if by_area
    ]


def band_chart(
    years: Sequence[YearStats],
    *,
    title: str,
    subtitle: str,
    own_label: str,
    median_label: str,
    band_label: str,
    x_title: str,
    y_title: str,
) -> dict[str, Any]:
    """Own line, group median (dashed) and the band minimum-maximum over the years."""
    band = [
        {
            "jahr": int(y.period[:4]),
            "reihe": band_label,
            "min": float(y.minimum),
            "max": float(y.maximum),
        }
        for y in years
    ]
    lines = []
    for y in years:
        lines.append({"jahr": int(y.period[:4]), "reihe": median_label, "wert": float(y.median)})
        if y.own is not None:
            lines.append({"jahr": int(y.period[:4]), "reihe": own_label, "wert": float(y.own)})
    colour = {
        "field": "reihe",
        "type": "nominal",
        "title": None,
        "scale": {
            "domain": [own_label, median_label, band_label],
            "range": [OWN_COLOUR, MEDIAN_COLOUR, BAND_COLOUR],
        },
        "legend": {
            "orient": "bottom",
            "direction": "vertical",
            "labelLimit": 480,
            "symbolType": "stroke",
            "symbolStrokeWidth": 4,
            "symbolSize": 400,
        },
    }
    x = {
        "field": "jahr",
        "type": "quantitative",
        "title": x_title,
        "scale": {"zero": False, "nice": False},
        "axis": {"format": "d", "tickMinStep": 1},
    }
    return {
        "title": {"text": title, "subtitle": subtitle, "anchor": "start"},
        "width": 520,
        "height": 260,
        "layer": [
            {
                "data": {"values": band},
                "mark": {"type": "area", "opacity": 0.8},
                "encoding": {
                    "x": x,
                    "y": {
                        "field": "min",
                        "type": "quantitative",
                        "title": y_title,
                        "scale": {"zero": False},
                    },
                    "y2": {"field": "max"},
                    "color": colour,
                },
            },
            {
                "data": {"values": lines},
                "mark": {"type": "line", "point": True, "strokeWidth": 2},
                "encoding": {
                    "x": x,
                    "y": {"field": "wert", "type": "quantitative", "title": y_title},
                    "color": colour,
                    "strokeDash": {
                        "field": "reihe",
                        "type": "nominal",
                        "title": None,
                        "scale": {
                            "domain": [own_label, median_label, band_label],
                            "range": [[1, 0], [6, 3], [1, 0]],
                        },
                    },
                },
            },
        ],
    }
