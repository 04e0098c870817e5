"""Indicators published for Kreise only (INKAR: school leavers without a
qualification, household income) have no figure on any level the public map
offers. The map does not offer them (they would open on an empty map) and links
to "Vergleich mit Hessen", where they are shown; an old link to them on the map
leads there too. Once one has figures for Gemeinden, the map offers it again."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from interprochance.core.models import Area, AreaLevel
from interprochance.core.tabular import read_table
from interprochance.monitoring import services

pytestmark = pytest.mark.django_db

PAGE = "/monitoring/oeffentlich/"
COMPARISON = "/monitoring/oeffentlich/vergleich-hessen/"
KREIS_ONLY = ("inkar_ohne_abschluss", "inkar_haushaltseinkommen")


def _offered(html: str) -> list[str]:
    select = re.search(r'<select[^>]*id="f-indikator"[^>]*>(.*?)</select>', html, flags=re.S)
    assert select, "no indicator choice on the page"
    return re.findall(r'<option value="([^"]+)"', select.group(1))


@pytest.fixture
def inkar(core_demo):
    """The demo's real INKAR data: Kreis values of the Landkreis as facts, every
    Kreis of Hessen as comparison values, the unemployed per Gemeinde."""
    services.reference_import_inkar(actor=None, tenant=core_demo.landkreis)
    services.reference_import_kreise(actor=None, tenant=core_demo.landkreis)
    return core_demo


def test_the_map_leaves_kreis_only_indicators_out_and_links_to_the_comparison(inkar):
    html = Client().get(PAGE).content.decode()
    offered = _offered(html)
    assert "arbeitslose_anzahl" in offered and "gisd" in offered
    for code in KREIS_ONLY:
        assert code not in offered
        # linked, next to the choice and in the sources table
        assert html.count(f'href="{COMPARISON}#{code}"') == 2
    comparison = Client().get(COMPARISON).content.decode()
    for code in KREIS_ONLY:
        assert f'<section id="{code}"' in comparison


def test_asked_for_on_the_map_a_kreis_only_indicator_leads_to_the_comparison(inkar):
    r = Client().get(PAGE, {"indikator": "inkar_ohne_abschluss"})
    assert r.status_code == 302
    assert r["Location"] == f"{COMPARISON}#inkar_ohne_abschluss"


def test_its_export_leads_to_the_comparison_instead_of_an_empty_table(inkar):
    r = Client().get(PAGE + "export/", {"indikator": "inkar_haushaltseinkommen", "format": "csv"})
    assert r.status_code == 302
    assert r["Location"] == f"{COMPARISON}#inkar_haushaltseinkommen"
    gisd = Client().get(PAGE + "export/", {"indikator": "gisd", "format": "csv"})
    assert gisd.status_code == 200 and gisd["Content-Type"].startswith("text/csv")


def test_with_figures_for_gemeinden_the_map_offers_it_again(inkar):
    gemeinde = Area.objects.valid_on().filter(level=AreaLevel.GEMEINDE).order_by("code").first()
    table = read_table(
        f"area_code;period;measure;value\n{gemeinde.code};2021;schulabgaenger_ohne_abschluss_anteil;4,2".encode(),
        filename="werte.csv",
    )
    plan = services.facts_plan(tenant=inkar.landkreis, table=table)
    services.facts_import(actor=None, tenant=inkar.landkreis, plan=plan, label="Test")
    html = Client().get(PAGE).content.decode()
    assert "inkar_ohne_abschluss" in _offered(html)
    assert "inkar_haushaltseinkommen" not in _offered(html)
    r = Client().get(PAGE, {"indikator": "inkar_ohne_abschluss"})
    assert r.status_code == 200 and "4,2" in r.content.decode()
