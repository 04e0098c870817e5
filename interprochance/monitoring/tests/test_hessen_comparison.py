"""Vergleich mit Hessen: the comparison values of the Kreise (import: idempotent,
all-or-nothing, revertible, never part of the territory)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from interprochance.core.models import Area
from interprochance.core.tabular import Problems
from interprochance.monitoring import selectors, services
from interprochance.monitoring.models import (
    Fact,
    ImportBatch,
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
