"""What the public monitoring page opens with when the visitor has chosen nothing:
the configured default indicator while it is reasonably well covered, otherwise
the public indicator with the widest published coverage, on the level and in the
period where its figures are. An indicator asked for is always shown, and
suppressed cells stay suppressed (they do not even count as coverage)."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from interprochance.core.models import Area
from interprochance.monitoring import selectors, views

from .helpers import gemeinden as _gemeinden
from .helpers import import_values as _import
from .helpers import sozialraeume as _sozialraeume

pytestmark = pytest.mark.django_db

PAGE = "/monitoring/oeffentlich/"


def _child_poverty(core_demo, gemeinden: list[Area], *, poor=lambda i: 90 + 7 * i) -> None:
    """The configured default (kinderarmut_sgb2_u15) for the given Gemeinden, 2024."""
    rows = []
    for i, g in enumerate(gemeinden):
        rows += [
            f"{g.code};2024;kinder_u15;{800 + 37 * i}",
            f"{g.code};2024;kinder_u15_sgb2;{poor(i)}",
        ]
    _import(core_demo.landkreis, rows, synthetic=True)


def _gisd(core_demo, gemeinden: list[Area]) -> None:
    """GISD scores (published values, no disclosure control) for the given Gemeinden."""
    rows = [f"{g.code};2021;gisd_score;0,{300 + 10 * i}" for i, g in enumerate(gemeinden)]
    _import(core_demo.landkreis, rows, synthetic=True)


def _selected(html: str, field: str) -> str:
    match = re.search(
        rf'id="f-{field}".*?<option(?: value="([^"]+)")? selected>([^<]*)<', html, flags=re.S
    )
    assert match, f"nothing selected in {field}"
    return match.group(1) or match.group(2)


def _shapes(html: str) -> list[str]:
    """The aria-labels of the areas drawn on the map (class, name and value)."""
    return re.findall(r'<path aria-label="([^"]*)"[^>]*aria-roledescription="geoshape"', html)


def _with_value(html: str) -> list[str]:
    return [s for s in _shapes(html) if "keine Daten" not in s and "gesperrt" not in s]


def _values(html: str) -> dict[str, str]:
    """Area name -> value as shown in the page's value table."""
    table = html[: html.index("Quellen und Definitionen")]
    cells = re.findall(
        r'scope="row">([^<]+)</th>\s*<td class="kern-table__cell">([^<]*)</td>', table
    )
    return {name: value.strip() for name, value in cells}


def test_without_a_choice_the_page_opens_on_the_widest_coverage(core_demo):
    gemeinden = _gemeinden()
    weiterstadt = core_demo.weiterstadt.area
    _child_poverty(core_demo, [weiterstadt])  # the configured default: one Gemeinde
    _gisd(core_demo, gemeinden)  # all 23
    html = Client().get(PAGE).content.decode()
    assert _selected(html, "indikator") == "gisd"
    assert (_selected(html, "level"), _selected(html, "period")) == ("gemeinde", "2021")
    assert len(_shapes(html)) == 23 and len(_with_value(html)) == 23
    # the export offered on the page is the view shown
    assert "indikator=gisd&amp;period=2021&amp;level=gemeinde" in html
    export = Client().get("/monitoring/oeffentlich/export/", {"format": "csv"})
    assert export["Content-Disposition"].endswith('gisd_2021_gemeinde.csv"')


def test_an_indicator_asked_for_is_shown_however_thin(core_demo):
    weiterstadt = core_demo.weiterstadt.area
    _child_poverty(core_demo, [weiterstadt])
    _gisd(core_demo, _gemeinden())
    html = Client().get(PAGE, {"indikator": "kinderarmut_sgb2_u15"}).content.decode()
    assert _selected(html, "indikator") == "kinderarmut_sgb2_u15"
    assert [s for s in _with_value(html) if f"Gebiet: {weiterstadt.name};" in s]
    assert len(_with_value(html)) == 1


def test_the_configured_default_stays_while_it_covers_most_areas(core_demo):
    gemeinden = _gemeinden()
    _child_poverty(core_demo, gemeinden[:20])
    _gisd(core_demo, gemeinden)
    html = Client().get(PAGE).content.decode()
    assert _selected(html, "indikator") == views.DEFAULT_INDICATOR == "kinderarmut_sgb2_u15"
    assert len(_with_value(html)) == 20


def test_suppressed_cells_are_not_coverage_and_stay_hidden(core_demo):
    """Children in SGB II below the minimum count in most Gemeinden: the figures are
    there, but most are not published, so the page falls back; asked for, the
    indicator shows its suppressed cells as "." as before."""
    gemeinden = _gemeinden()
    _child_poverty(core_demo, gemeinden, poor=lambda i: 2 if i < 15 else 90 + 7 * i)
    _gisd(core_demo, gemeinden)
    indicator = selectors.indicator_by_code("kinderarmut_sgb2_u15")
    assert indicator is not None
    coverage = selectors.indicator_coverage(indicator, gemeinden)["gemeinde"]
    assert coverage.present == 23 and coverage.shown <= 8
    html = Client().get(PAGE).content.decode()
    assert _selected(html, "indikator") == "gisd"

    asked = Client().get(PAGE, {"indikator": "kinderarmut_sgb2_u15"}).content.decode()
    shapes = _shapes(asked)
    for g in gemeinden[:15]:
        assert f"Klasse: gesperrt (.); Gebiet: {g.name}; Wert: ." in shapes
    assert "gesperrt" in asked


def test_the_default_level_is_where_the_figures_are(core_demo):
    """Figures for Weiterstadt's Sozialräume only: asked for without a level, the
    indicator opens on the Sozialräume, not on an empty Gemeinde map."""
    rows = []
    for i, sr in enumerate(_sozialraeume(core_demo)):
        rows += [
            f"{sr.code};2024;kinder_u15;{300 + 10 * i}",
            f"{sr.code};2024;kinder_u15_sgb2;{30 + i}",
        ]
    _import(core_demo.weiterstadt, rows, synthetic=True)
    html = Client().get(PAGE, {"indikator": "kinderarmut_sgb2_u15"}).content.decode()
    assert _selected(html, "level") == "sozialraum"
    values = _values(html)
    for sr in _sozialraeume(core_demo):
        assert re.fullmatch(r"\d+,\d", values[sr.name]), (sr.name, values.get(sr.name))
    # a level asked for is kept, even without figures
    html = Client().get(PAGE, {"indikator": "kinderarmut_sgb2_u15", "level": "gemeinde"})
    assert _selected(html.content.decode(), "level") == "gemeinde"


def test_the_default_period_is_one_with_values(core_demo):
    """The numerator reaches a year further than the denominator: the latest year
    has no value anywhere, so the page opens on the year before. 2022 has values
    for five Gemeinden only."""
    gemeinden = _gemeinden()
    rows = []
    for i, g in enumerate(gemeinden):
        rows += [
            f"{g.code};2023;kinder_u15;{800 + 37 * i}",
            f"{g.code};2023;kinder_u15_sgb2;{90 + 7 * i}",
            f"{g.code};2024;kinder_u15_sgb2;{95 + 7 * i}",
        ]
    for i, g in enumerate(gemeinden[:5]):
        rows += [f"{g.code};2022;kinder_u15;{800 + 37 * i}", f"{g.code};2022;kinder_u15_sgb2;90"]
    _import(core_demo.landkreis, rows, synthetic=True)
    html = Client().get(PAGE, {"indikator": "kinderarmut_sgb2_u15"}).content.decode()
    assert _selected(html, "period") == "2023"
    assert len(_with_value(html)) == 23
    assert all(re.fullmatch(r"\d+,\d", v) for v in _values(html).values())
    # a period asked for is kept
    html = Client().get(PAGE, {"indikator": "kinderarmut_sgb2_u15", "period": "2022"})
    assert _selected(html.content.decode(), "period") == "2022"
    # 2024 has no value anywhere (numerator only), so it is not offered at all
    html = Client().get(PAGE, {"indikator": "kinderarmut_sgb2_u15", "period": "2024"})
    assert _selected(html.content.decode(), "period") == "2023"
    assert "<option>2024</option>" not in html.content.decode()


def test_the_demo_opens_on_a_filled_map(core_demo):
    """The demo has child poverty only for Weiterstadt (synthetic) but real GISD
    scores for all 23 Gemeinden: the first map shows every Gemeinde."""
    import io

    from interprochance.core.demo import load_demo

    load_demo(only=["monitoring"], stdout=io.StringIO())
    html = Client().get(PAGE).content.decode()
    assert _selected(html, "indikator") == "gisd"
    assert _selected(html, "level") == "gemeinde"
    assert len(_shapes(html)) == 23 and len(_with_value(html)) == 23
