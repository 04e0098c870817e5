"""The periods an indicator offers are those in which it can be computed: for a
rate, numerator and denominator present for the same area. The demo's reference
data have registered unemployed per Gemeinde 1998-2021 (INKAR) but no inhabitants
aged 15 to 65 (data/reference/README.md), so Arbeitslosendichte has no period
until someone imports its denominator; the count of the unemployed keeps its
years."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from interprochance.core.models import Area, AreaLevel
from interprochance.core.tabular import read_table
from interprochance.monitoring import selectors, services

pytestmark = pytest.mark.django_db

PAGE = "/monitoring/oeffentlich/"
INKAR_YEARS = [str(y) for y in range(1998, 2022)]


def _gemeinden() -> list[Area]:
    return list(Area.objects.valid_on().filter(level=AreaLevel.GEMEINDE).order_by("code"))


def _periods_offered(html: str) -> list[str]:
    select = re.search(r'<select[^>]*id="f-period"[^>]*>(.*?)</select>', html, flags=re.S)
    assert select, "no period choice on the page"
    return re.findall(r"<option[^>]*>([^<]*)</option>", select.group(1))


def _selected_period(html: str) -> str | None:
    match = re.search(r'id="f-period".*?<option selected>([^<]*)<', html, flags=re.S)
    return match.group(1) if match else None


def _working_age(core_demo, gemeinden: list[Area], year: str) -> None:
    rows = [f"{g.code};{year};einwohner_15_65;{6000 + 100 * i}" for i, g in enumerate(gemeinden)]
    table = read_table(
        ("area_code;period;measure;value\n" + "\n".join(rows)).encode(), filename="werte.csv"
    )
    plan = services.facts_plan(tenant=core_demo.landkreis, table=table)
    services.facts_import(actor=None, tenant=core_demo.landkreis, plan=plan, label="Test")


def test_a_rate_offers_only_periods_with_numerator_and_denominator(core_demo):
    services.reference_import_inkar(actor=None, tenant=core_demo.landkreis)
    density = selectors.indicator_by_code("arbeitslosendichte", public_only=True)
    count = selectors.indicator_by_code("arbeitslose_anzahl", public_only=True)
    assert density is not None and count is not None
    assert selectors.indicator_periods(count) == INKAR_YEARS
    assert selectors.indicator_periods(density) == []
    assert selectors.latest_period(density) is None

    html = Client().get(PAGE, {"indikator": "arbeitslosendichte"}).content.decode()
    assert _periods_offered(html) == []
    assert "Für diesen Indikator liegen noch keine Werte vor." in html
    # asked for a year of the numerator alone: still nothing computed, nothing offered
    html = Client().get(PAGE, {"indikator": "arbeitslosendichte", "period": "2021"})
    assert _periods_offered(html.content.decode()) == []

    # the denominator for 2020 in five Gemeinden: exactly that year, with values
    gemeinden = _gemeinden()
    _working_age(core_demo, gemeinden[:5], "2020")
    assert selectors.indicator_periods(density) == ["2020"]
    html = Client().get(PAGE, {"indikator": "arbeitslosendichte"}).content.decode()
    assert _periods_offered(html) == ["2020"] and _selected_period(html) == "2020"
    assert "Für diesen Indikator liegen noch keine Werte vor." not in html
    rows = selectors.indicator_values(density, "2020", gemeinden)
    assert sum(1 for r in rows if r.value is not None) == 5

    # the internal indicator page offers the same periods
    page = Client()
    page.force_login(core_demo.users["demo-planung"])
    html = page.get("/monitoring/indikator/", {"indikator": "arbeitslosendichte"}).content.decode()
    assert _periods_offered(html) == ["2020"]
