"""Vergleich mit Hessen: the comparison values of the Kreise (import: idempotent,
all-or-nothing, revertible, never part of the territory), the statistics per
year (checked by hand on small data) and the public page in German and English."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from interprochance.core.models import Area
from interprochance.core.tabular import Problems
from interprochance.monitoring import selectors, services
from interprochance.monitoring.comparison import band_chart, compare, year_stats
from interprochance.monitoring.models import (
    Fact,
    ImportBatch,
    Indicator,
    ReferenceChange,
    ReferenceValue,
)

D = Decimal
HEADER = "area_code,area_name,level,period,measure,value,unit\n"
OHNE = "schulabgaenger_ohne_abschluss_anteil"
EINKOMMEN = "haushaltseinkommen_je_einwohner"


def _file(tmp_path: Path, lines: list[str], name: str = "kreise.csv") -> Path:
    path = tmp_path / name
    path.write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    return path


# ------------------------------------------------------------------ pure statistics


def test_year_stats_by_hand():
    # four Kreise, the own one (X) has 5: sorted 4, 5, 6, 9 -> median (5 + 6) / 2 = 5.5
    values = {"A": D("6"), "B": D("4"), "X": D("5"), "C": D("9")}
    lower_better = year_stats("2020", values, "X", "worse")
    assert lower_better.median == D("5.5")
    assert (lower_better.minimum, lower_better.maximum, lower_better.count) == (D(4), D(9), 4)
    assert lower_better.rank == 2  # only B (4) is lower
    assert lower_better.difference == D("-0.5")
    assert year_stats("2020", values, "X", "better").rank == 3  # A (6) and C (9) are higher
    assert year_stats("2020", values, "X", "neutral").rank is None
    # odd number: the middle value; a tie shares the rank (competition ranking)
    tied = {"A": D("3"), "X": D("5"), "B": D("5"), "C": D("7"), "E": D("1")}
    assert year_stats("2021", tied, "X", "worse").median == D(5)
    assert year_stats("2021", tied, "B", "worse").rank == 3  # 1 and 3 are lower
    assert year_stats("2021", tied, "X", "worse").rank == 3
    assert year_stats("2021", tied, "X", "better").rank == 2  # only 7 is higher
    # the own Kreis without a value: statistics of the others, no rank
    alone = year_stats("2022", {"A": D(1), "B": D(2)}, "X", "worse")
    assert alone.own is None and alone.rank is None and alone.median == D("1.5")
    with pytest.raises(ValueError):
        year_stats("2023", {}, "X", "worse")


def test_compare_orders_years_and_the_chart_has_band_median_and_own_line():
    years = compare({"2021": {"X": D(2), "A": D(4)}, "2020": {"X": D(3), "A": D(1)}}, "X", "worse")
    assert [y.period for y in years] == ["2020", "2021"]
    assert [y.rank for y in years] == [2, 1]
    spec = band_chart(
        years,
        title="T",
        subtitle="S",
        own_label="Kreis X",
        median_label="Median",
        band_label="Spanne",
        x_title="Jahr",
        y_title="%",
    )
    band, lines = spec["layer"]
    assert band["mark"]["type"] == "area" and band["encoding"]["y2"] == {"field": "max"}
    assert band["data"]["values"][0] == {"jahr": 2020, "reihe": "Spanne", "min": 1.0, "max": 3.0}
    assert {"jahr": 2021, "reihe": "Kreis X", "wert": 2.0} in lines["data"]["values"]
    assert {"jahr": 2021, "reihe": "Median", "wert": 3.0} in lines["data"]["values"]
    assert lines["encoding"]["color"]["scale"]["domain"] == ["Kreis X", "Median", "Spanne"]


# ------------------------------------------------------------------ import


def test_import_keeps_other_kreise_out_of_the_territory_and_is_idempotent(core_demo):
    lk = core_demo.landkreis
    areas_before = Area.objects.count()
    facts_before = Fact.objects.count()
    batch = services.reference_import_kreise(actor=None, tenant=lk)
    assert batch.attribution == "INKAR, BBSR Bonn (dl-de/by-2-0)"
    assert batch.kind == "reference" and batch.filename == "inkar_hessen_kreise.csv"
    assert len(batch.sha256) == 64
    stored = ReferenceValue.objects.count()
    assert stored == 1274 == batch.rows
    codes = set(ReferenceValue.objects.values_list("area_code", flat=True))
    assert len(codes) == 26 and "06411" in codes and "06432" in codes
    # not areas, not facts: the territory, maps, hierarchy and disclosure control are untouched
    assert Area.objects.count() == areas_before
    assert not Area.objects.filter(code="06411").exists()
    assert Fact.objects.count() == facts_before
    assert "06411" not in {a.code for a in selectors.public_areas()}
    assert "06411" not in selectors._hierarchy()[1]
    # a second run changes nothing
    again = services.reference_import_kreise(actor=None, tenant=lk)
    assert ReferenceValue.objects.count() == stored
    assert not ReferenceChange.objects.filter(batch=again).exists()
    assert not ReferenceValue.objects.filter(batch=again).exists()
    assert ReferenceChange.objects.filter(batch=batch).count() == stored


def test_a_bad_file_writes_nothing(core_demo, tmp_path):
    lk = core_demo.landkreis
    good = _file(tmp_path, [f"06411,Darmstadt,Kreise,2020,{OHNE},5.1,%"], "gut.csv")
    services.reference_import_kreise(actor=None, tenant=lk, path=good)
    batches = ImportBatch.objects.count()
    bad = _file(
        tmp_path,
        [
            f"06411,Darmstadt,Kreise,2020,{OHNE},9.9,%",  # valid, a change: must not be applied
            f"06412,Frankfurt,Kreise,2020,{OHNE},viel,%",  # not a number
            f"064320023,Weiterstadt,Gemeinden,2020,{OHNE},3,%",  # not a Kreis
            "06413,Offenbach,Kreise,2020,kinder_u15_sgb2,300,Anzahl",  # a count
            "06414,Wiesbaden,Kreise,2020,gibtsnicht,1,%",  # unknown measure
            f"06414,Wiesbaden,Kreise,1789,{OHNE},1,%",  # period out of range
            f"06411,Darmstadt,Kreise,2020,{OHNE},9.8,%",  # duplicate
        ],
        "schlecht.csv",
    )
    with pytest.raises(Problems) as exc:
        services.reference_import_kreise(actor=None, tenant=lk, path=bad)
    text = str(exc.value)
    assert "Zeile 3" in text and "keine Zahl" in text
    assert "keine fünfstellige Kreiskennziffer" in text and "nur Kreise" in text
    assert "ist eine Anzahl" in text and "Unbekannte Messgröße „gibtsnicht“" in text
    assert "Zeitraum „1789“ ungültig" in text and "Doppelte Zeile" in text
    assert ImportBatch.objects.count() == batches
    assert ReferenceValue.objects.get(area_code="06411").value == D("5.1")
    missing_column = tmp_path / "spalte.csv"
    missing_column.write_text("area_code,period,measure,value\n06411,2020,x,1\n")
    with pytest.raises(Problems, match="Pflichtspalte"):
        services.reference_import_kreise(actor=None, tenant=lk, path=missing_column)
    empty = _file(tmp_path, [], "leer.csv")
    with pytest.raises(Problems, match="keine Werte"):
        services.reference_import_kreise(actor=None, tenant=lk, path=empty)
    assert ImportBatch.objects.count() == batches


def test_a_failure_while_writing_rolls_everything_back(core_demo, tmp_path, monkeypatch):
    from interprochance.core import audit

    def broken(**kwargs):
        raise RuntimeError("audit store down")

    monkeypatch.setattr(audit, "record", broken)
    path = _file(tmp_path, [f"06411,Darmstadt,Kreise,2020,{OHNE},5.1,%"])
    batches = ImportBatch.objects.count()
    with pytest.raises(RuntimeError):
        services.reference_import_kreise(actor=None, tenant=core_demo.landkreis, path=path)
    assert not ReferenceValue.objects.exists() and ImportBatch.objects.count() == batches


def test_comparison_imports_are_revertible_in_order(core_demo, tmp_path):
    lk = core_demo.landkreis
    first = services.reference_import_kreise(
        actor=None, tenant=lk, path=_file(tmp_path, [f"06411,Darmstadt,Kreise,2020,{OHNE},5,%"])
    )
    second = services.reference_import_kreise(
        actor=None,
        tenant=lk,
        path=_file(
            tmp_path,
            [
                f"06411,Darmstadt,Kreise,2020,{OHNE},6,%",
                f"06412,Frankfurt,Kreise,2020,{OHNE},7,%",
            ],
            "zwei.csv",
        ),
    )
    with pytest.raises(Problems, match="späteren Import"):
        services.import_revert(actor=None, batch=first)
    assert services.import_revert(actor=None, batch=second) == 2
    assert ReferenceValue.objects.get(area_code="06411").value == 5
    assert ReferenceValue.objects.get(area_code="06411").batch == first
    assert not ReferenceValue.objects.filter(area_code="06412").exists()
    assert services.import_revert(actor=None, batch=first) == 1
    assert not ReferenceValue.objects.exists()


# ------------------------------------------------------------------ selector


def _small_dataset(core_demo, tmp_path):
    """2020: four Kreise of Hessen, 2021: five; a Kreis of another Land must not count."""
    lines = [
        f"06411,Darmstadt,Kreise,2020,{OHNE},2.0,%",
        f"06412,Frankfurt,Kreise,2020,{OHNE},8.0,%",
        f"06431,Bergstraße,Kreise,2020,{OHNE},6.0,%",
        f"06432,Darmstadt-Dieburg,Kreise,2020,{OHNE},4.0,%",
        f"07111,Koblenz,Kreise,2020,{OHNE},1.0,%",  # Rheinland-Pfalz
        f"06411,Darmstadt,Kreise,2021,{OHNE},3.0,%",
        f"06412,Frankfurt,Kreise,2021,{OHNE},9.0,%",
        f"06431,Bergstraße,Kreise,2021,{OHNE},5.0,%",
        f"06432,Darmstadt-Dieburg,Kreise,2021,{OHNE},7.0,%",
        f"06433,Groß-Gerau,Kreise,2021,{OHNE},7.0,%",
        f"06411,Darmstadt,Kreise,2021,{EINKOMMEN},1500,EUR",
        f"06412,Frankfurt,Kreise,2021,{EINKOMMEN},2500,EUR",
        f"06432,Darmstadt-Dieburg,Kreise,2021,{EINKOMMEN},2000,EUR",
    ]
    services.reference_import_kreise(
        actor=None, tenant=core_demo.landkreis, path=_file(tmp_path, lines)
    )


def test_kreis_comparison_by_hand(core_demo, tmp_path):
    _small_dataset(core_demo, tmp_path)
    assert {i.code for i in selectors.comparison_indicators()} == {
        "inkar_ohne_abschluss",
        "inkar_haushaltseinkommen",
    }
    ohne = selectors.kreis_comparison(Indicator.objects.get(code="inkar_ohne_abschluss"))
    assert ohne is not None and ohne.area.code == "06432" and ohne.direction == "worse"
    assert ohne.sources == ["INKAR, BBSR Bonn (dl-de/by-2-0)"]
    y2020, y2021 = ohne.years
    # 2020: 2, 4 (own), 6, 8 -> median 5, min 2, max 8; lower is better, only 2 is lower
    assert (y2020.own, y2020.median, y2020.minimum, y2020.maximum) == (4, 5, 2, 8)
    assert (y2020.count, y2020.rank) == (4, 2)
    # 2021: 3, 5, 7 (own), 7, 9 -> median 7; 3 and 5 are lower -> rank 3, shared with 06433
    assert (y2021.own, y2021.median, y2021.count, y2021.rank) == (7, 7, 5, 3)
    income = selectors.kreis_comparison(Indicator.objects.get(code="inkar_haushaltseinkommen"))
    assert income is not None and income.direction == "better"
    (y,) = income.years
    # 1500, 2000 (own), 2500 -> median 2000; higher is better, only 2500 is higher
    assert (y.median, y.minimum, y.maximum, y.count, y.rank) == (2000, 1500, 2500, 3, 2)
    # indicators without comparison values, and ratios, have none
    assert selectors.kreis_comparison(Indicator.objects.get(code="gisd")) is None
    assert selectors.kreis_comparison(Indicator.objects.get(code="kinderarmut_sgb2_u15")) is None


# ------------------------------------------------------------------ pages


def test_public_page_shows_the_comparison_in_german_and_english(core_demo, tmp_path):
    from django.test import Client
    from django.utils import translation

    _small_dataset(core_demo, tmp_path)
    with translation.override("de"):  # the English request switches this thread's language
        r = Client().get("/monitoring/oeffentlich/vergleich-hessen/")
        assert r.status_code == 200
        html = r.content.decode()
        assert "<h1" in html and "Vergleich mit Hessen" in html
        assert "Schulabgänger ohne Abschluss (INKAR, Kreise)" in html
        # 2021 row: own 7,0, median 7,0, min 3,0, max 9,0, 5 Kreise, rank 3 of 5
        row = html.split('scope="row">2021</th>')[1].split("</tr>")[0]
        cells = [c.split(">", 1)[1].split("<")[0] for c in row.split("<td")[1:]]
        assert cells == ["7,0", "7,0", "3,0", "9,0", "5", "3 von 5"]
        assert "Rang 1 = niedrigster Wert" in html and "Rang 1 = höchster Wert" in html
        assert "Quelle: INKAR, BBSR Bonn (dl-de/by-2-0)" in html
        assert html.count('<svg role="img"') == 2 and "<desc>Liniendiagramm" in html
        assert "Koblenz" not in html and "07111" not in html
        public = Client().get("/monitoring/oeffentlich/").content.decode()
        assert "/monitoring/oeffentlich/vergleich-hessen/" in public
        with translation.override("en"):
            expected = [
                translation.gettext(t)
                for t in (
                    "Vergleich mit Hessen",
                    "Anzahl Kreise",
                    "Niedrigere Werte sind günstiger.",
                )
            ]
        assert all(e not in html for e in expected)
        english = (
            Client(headers={"accept-language": "en"})
            .get("/monitoring/oeffentlich/vergleich-hessen/")
            .content.decode()
        )
        assert '<html lang="en">' in english
        assert all(e in english for e in expected)
        assert "Vergleich mit Hessen" not in english and "Anzahl Kreise" not in english
        assert "INKAR, BBSR Bonn (dl-de/by-2-0)" in english


def test_public_page_without_values_says_so(core_demo):
    from django.test import Client

    r = Client().get("/monitoring/oeffentlich/vergleich-hessen/")
    assert r.status_code == 200 and "noch keine Vergleichswerte" in r.content.decode()


def test_landkreis_profile_has_the_latest_comparison(core_demo, tmp_path, make_user, pdf_text):
    from django.test import Client

    _small_dataset(core_demo, tmp_path)
    client = Client()
    client.force_login(make_user("gremium", "landkreis-darmstadt-dieburg"))
    html = client.get("/monitoring/gebiet/06432/").content.decode()
    part = html.split("Vergleich mit Hessen")[1]
    row = part.split("Haushaltseinkommen je Einwohner (INKAR, Kreise)")[1].split("</tr>")[0]
    cells = [c.split(">", 1)[1].split("<")[0].strip() for c in row.split("<td")[1:]]
    assert cells[:6] == [
        "2021",
        "2.000",
        "2.000",
        "1.500",
        "2.500",
        "2 von 3 (Rang 1 = höchster Wert)",
    ]
    assert "INKAR, BBSR Bonn (dl-de/by-2-0)" in part
    pdf = pdf_text(client.get("/monitoring/gebiet/06432/pdf/").content)
    assert "Vergleich mit Hessen" in pdf and "2 von 3" in pdf
    # a Gemeinde's profile has no comparison with the Kreise
    gemeinde = client.get(f"/monitoring/gebiet/{core_demo.weiterstadt.area.code}/")
    assert "Vergleich mit Hessen" not in gemeinde.content.decode()
