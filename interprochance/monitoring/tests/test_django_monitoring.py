"""Monitoring through its stable interfaces: services (imports, revert, rules,
reference series, extracts, providers, quality) and HTTP (pages, exports, API),
with the three people: Sozialplanung, a Gremium member, and an outsider."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from django.conf import settings

from interprochance.core import providers
from interprochance.core.models import Area, AreaLevel, AuditEvent
from interprochance.core.providers import MeasureSpec, MeasureValue
from interprochance.core.tabular import Problems, read_table
from interprochance.monitoring import selectors, services
from interprochance.monitoring.models import Fact, ImportBatch, Measure, QualityFlag

pytestmark = pytest.mark.django_db

HEADER = "area_code;period;measure;value\n"


def _table(text: str, encoding: str = "utf-8"):
    return read_table(text.encode(encoding), filename="werte.csv")


def _sozialraeume(core_demo):
    return list(
        Area.objects.filter(
            level=AreaLevel.SOZIALRAUM, code__startswith=core_demo.weiterstadt.area.code
        ).order_by("code")
    )


def _load_small_area(core_demo, small=1):
    """Children under 15 and those in SGB II for every Weiterstadt Sozialraum, rolled up;
    the first Sozialraum has a small count."""
    w = core_demo.weiterstadt
    rows = []
    totals: dict[tuple[str, str], int] = {}
    for i, sr in enumerate(_sozialraeume(core_demo)):
        kids, poor = 100 + 10 * i, (small if i == 0 else 10 + i)
        for measure, v in (("kinder_u15", kids), ("kinder_u15_sgb2", poor)):
            rows.append(f"{sr.code};2024;{measure};{v}")
            for parent in (sr.parent.code, w.area.code):
                totals[(parent, measure)] = totals.get((parent, measure), 0) + v
    rows += [f"{a};2024;{m};{v}" for (a, m), v in totals.items()]
    plan = services.facts_plan(tenant=w, table=_table(HEADER + "\n".join(rows)), synthetic=True)
    services.facts_import(actor=None, tenant=w, plan=plan, label="Test")
    return _sozialraeume(core_demo)[0]


# ------------------------------------------------------------------ imports


def test_catalogue_is_seeded_with_fixed_codes(core_demo):
    from interprochance.monitoring.models import Indicator

    assert Indicator.objects.count() >= 30
    k = Indicator.objects.get(code="kinderarmut_sgb2_u15")
    assert (k.numerator.code, k.denominator.code, k.factor) == (
        "kinder_u15_sgb2",
        "kinder_u15",
        100,
    )
    a = Indicator.objects.get(code="alleinerziehende_anteil")
    assert (a.numerator.code, a.denominator.code) == (
        "haushalte_alleinerziehend",
        "haushalte_mit_kindern",
    )
    assert all(i.source for i in Indicator.objects.all())
    for code in (
        "einwohner",
        "kinder_u15",
        "kinder_u15_sgb2",
        "haushalte_mit_kindern",
        "haushalte_alleinerziehend",
    ):
        assert Measure.objects.filter(code=code).exists()


def test_bad_input_gives_a_message_per_row_and_writes_nothing(core_demo):
    w = core_demo.weiterstadt
    sr = _sozialraeume(core_demo)[0].code
    text = HEADER + "\n".join(
        [
            "99999999;2024;einwohner;10",  # unknown area
            f"{sr};2024;gibtsnicht;10",  # unknown measure
            f"{sr};2099;einwohner;10",  # period out of range
            f"{sr};2024;kinder_u15;-4",  # negative count
            f"{sr};2024;kinder_u3;2,5",  # not whole
            f"{sr};2023;einwohner;100",
            f"{sr};2023;einwohner;101",  # duplicate
            f"{sr};2022;kinder_u15;5",
            f"{sr};2022;kinder_u15_sgb2;9",  # numerator above denominator
            f"{sr};2021;einwohner;viele",  # not a number
        ]
    )
    before = Fact.objects.count()
    with pytest.raises(Problems) as exc:
        services.facts_plan(tenant=w, table=_table(text))
    messages = [str(p) for p in exc.value.items]
    joined = "\n".join(messages)
    assert "Zeile 2" in joined and "Unbekannte Gebietskennziffer" in joined
    assert "Unbekannte Messgröße „gibtsnicht“" in joined
    assert "Zeitraum „2099“ ungültig" in joined
    assert "nicht negativ" in joined
    assert "ganze Zahlen" in joined
    assert "Doppelte Zeile" in joined and "Zeile 7" in joined
    assert "größer als kinder_u15" in joined
    assert "keine Zahl" in joined
    assert Fact.objects.count() == before


def test_other_tenants_areas_are_unknown(core_demo):
    griesheim_code = core_demo.griesheim.area.code
    with pytest.raises(Problems, match="Unbekannte Gebietskennziffer"):
        services.facts_plan(
            tenant=core_demo.weiterstadt,
            table=_table(HEADER + f"{griesheim_code};2024;einwohner;10"),
        )


def test_windows_1252_file_is_read(core_demo):
    sr = _sozialraeume(core_demo)[0].code
    text = "area_code;period;measure;value;bemerkung\n" + f"{sr};2024;einwohner;850;Straße\n"
    table = _table(text, "cp1252")
    assert table.rows[0]["bemerkung"] == "Straße"
    plan = services.facts_plan(tenant=core_demo.weiterstadt, table=table)
    assert plan.counts["neu"] == 1


def test_preview_apply_and_revert(core_demo):
    w = core_demo.weiterstadt
    sr = _sozialraeume(core_demo)[0]
    first = services.facts_import(
        actor=None,
        tenant=w,
        label="eins",
        plan=services.facts_plan(tenant=w, table=_table(HEADER + f"{sr.code};2024;einwohner;850")),
    )
    plan = services.facts_plan(
        tenant=w,
        table=_table(HEADER + f"{sr.code};2024;einwohner;900\n{sr.code};2024;kinder_u15;120"),
    )
    assert plan.counts == {"neu": 1, "geändert": 1, "unverändert": 0}
    second = services.facts_import(actor=None, tenant=w, plan=plan, label="zwei")
    assert Fact.objects.get(area=sr, period="2024", measure__code="einwohner").value == 900
    with pytest.raises(Problems, match="späteren Import"):
        services.import_revert(actor=None, batch=first)
    assert services.import_revert(actor=None, batch=second) == 2
    assert Fact.objects.get(area=sr, period="2024", measure__code="einwohner").value == 850
    assert not Fact.objects.filter(area=sr, measure__code="kinder_u15").exists()
    assert services.import_revert(actor=None, batch=first) == 1
    assert not Fact.objects.filter(area=sr).exists()
    assert AuditEvent.objects.filter(action="monitoring.import_revert").count() == 2


def test_reference_series_carry_attribution(core_demo):
    lk = core_demo.landkreis
    gisd = services.reference_import_gisd(actor=None, tenant=lk)
    assert "Robert Koch-Institut" in gisd.attribution
    assert Fact.objects.filter(measure__code="gisd_score").values("area").distinct().count() == 23
    inkar = services.reference_import_inkar(actor=None, tenant=lk)
    assert "BBSR" in inkar.attribution
    assert Fact.objects.filter(measure__code="arbeitslose", area__code="06432023").exists()
    # the public sources page names both with their licences
    from django.test import Client

    page = Client().get("/quellen/").content.decode()
    assert "Robert Koch-Institut" in page and "CC BY 4.0" in page
    assert "BBSR" in page and "dl-de/by-2-0" in page


def test_a_refused_reference_file_leaves_no_source_behind(core_demo, tmp_path):
    from interprochance.core.models import Source
    from interprochance.core.tabular import Problems

    bad = tmp_path / "gisd.csv"
    bad.write_text("gvb_id,year,gisd_score\n064320023,1850,0.5\n", encoding="utf-8")
    with pytest.raises(Problems):
        services.reference_import_gisd(actor=None, tenant=core_demo.landkreis, path=bad)
    assert not Source.objects.filter(key="rki-gisd").exists()


def test_extract_is_aggregated_via_the_street_directory(core_demo, tmp_path):
    from interprochance.core.models import StreetSegment

    w = core_demo.weiterstadt
    seg = StreetSegment.objects.filter(gemeinde=w.area).select_related("area").first()
    assert seg is not None, "core demo has a street directory"
    path = tmp_path / "auszug.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        wr = csv.writer(fh)
        wr.writerow(
            [
                "year",
                "street",
                "house_number",
                "age",
                "sgb2",
                "migration",
                "household_id",
                "single_parent",
            ]
        )
        for i in range(30):
            wr.writerow(
                [2024, seg.street, seg.number_from, 5 + i % 40, i % 4 == 0, False, i // 2, False]
            )
        wr.writerow([2024, "Unbekannte Gasse", 1, 30, False, False, 99, False])
    batch, summary = services.extract_import(
        actor=None, tenant=w, paths=[path], measures=["einwohner", "kinder_u15"]
    )
    assert summary["rows_read"] == 31 and summary["unassigned"] == 1
    assert Fact.objects.get(area=seg.area, period="2024", measure__code="einwohner").value == 30
    assert batch.kind == "extract"


class FakeProvider:
    key = "testmodul"
    label = "Testmodul"

    def __init__(self, area_code):
        self.area_code = area_code

    def measures(self):
        return [MeasureSpec("test_kontakte", "Testkontakte")]

    def collect(self, tenant_slug, period=None):
        return [MeasureValue(self.area_code, "2025-Q3", "test_kontakte", 2)]


def test_provider_measures_are_imported(core_demo):
    sr = _sozialraeume(core_demo)[0]
    providers.register(FakeProvider(sr.code))
    try:
        services.provider_import(actor=None, tenant=core_demo.weiterstadt, key="testmodul")
    finally:
        providers._registry.pop("testmodul", None)
    fact = Fact.objects.get(measure__code="test_kontakte")
    assert fact.period == "2025-Q3" and fact.value == 2
    assert Measure.objects.get(code="test_kontakte").provider == "testmodul"


def test_rules_are_validated(core_demo):
    with pytest.raises(Problems, match="nicht unter 3"):
        services.disclosure_rules_update(
            actor=None,
            tenant=core_demo.weiterstadt,
            min_count=2,
            min_denominator=10,
            protect_complement=True,
        )
    services.disclosure_rules_update(
        actor=None,
        tenant=core_demo.griesheim,
        min_count=5,
        min_denominator=20,
        protect_complement=True,
    )
    assert selectors.publication_rules().min_count == 5  # the strictest tenant wins


def test_quality_check_flags_inconsistent_totals(core_demo):
    w = core_demo.weiterstadt
    srs = _sozialraeume(core_demo)
    rows = [f"{sr.code};2024;einwohner;{500 + i}" for i, sr in enumerate(srs)]
    kern = srs[0].parent
    rows.append(f"{kern.code};2024;einwohner;1")  # does not match its Sozialraeume
    services.facts_import(
        actor=None,
        tenant=w,
        label="x",
        plan=services.facts_plan(tenant=w, table=_table(HEADER + "\n".join(rows))),
    )
    flags = services.quality_check_run(actor=None, tenant=w, period="2024")
    assert any(f.rule == "summe" and f.area_id == kern.pk for f in flags)
    # Inconsistent totals: nothing below Gemeinde level is published for the period.
    pub = selectors.publication("2024")
    assert pub.published(srs[1].code, "einwohner") is None
    flag = QualityFlag.objects.filter(rule="summe").first()
    services.quality_flag_update(actor=None, flag=flag, status="checked", note="geprüft")


# ------------------------------------------------------------------ publication over HTTP


def test_small_counts_are_dots_for_public_gremium_api_and_exports(core_demo, client_as):
    from django.test import Client

    small = _load_small_area(core_demo, small=1)
    pub = selectors.publication("2024")
    assert pub.published(small.code, "kinder_u15_sgb2") is None
    # No single hidden cell: its Ortsteil group has another suppression.
    hidden = [d for d in pub.result.suppressed if d.measure == "kinder_u15_sgb2"]
    assert len(hidden) >= 2 and not pub.result.unprotected

    anon = Client()
    r = anon.get(
        "/api/monitoring/values",
        {"indicator": "kinderarmut_sgb2_u15", "period": "2024", "level": "sozialraum"},
    )
    assert r.status_code == 200
    row = next(v for v in r.json()["values"] if v["area_code"] == small.code)
    assert row == {**row, "value": ".", "numerator": ".", "denominator": ".", "suppressed": True}

    page = anon.get(
        "/monitoring/oeffentlich/",
        {"indikator": "kinderarmut_sgb2_u15", "period": "2024", "level": "sozialraum"},
    )
    assert page.status_code == 200
    html = page.content.decode()
    assert small.name in html and "gesperrt" in html

    export = anon.get(
        "/monitoring/oeffentlich/export/",
        {
            "indikator": "kinderarmut_sgb2_u15",
            "period": "2024",
            "level": "sozialraum",
            "format": "csv",
        },
    )
    lines = export.content.decode("utf-8-sig").splitlines()
    small_line = next(line for line in lines if small.code in line)
    assert small_line.split(";")[3:6] == [".", ".", "."]

    xlsx = anon.get(
        "/monitoring/oeffentlich/export/",
        {
            "indikator": "kinderarmut_sgb2_u15",
            "period": "2024",
            "level": "sozialraum",
            "format": "xlsx",
        },
    )
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    cells = [[c.value for c in row] for row in sheet.iter_rows()]
    assert any(row[2] == small.code and row[3] == "." for row in cells)

    gremium = client_as("demo-gremium")
    r = gremium.get(
        "/monitoring/indikator/export/",
        {
            "indikator": "kinderarmut_sgb2_u15",
            "period": "2024",
            "level": "sozialraum",
            "format": "csv",
        },
    )
    line = next(x for x in r.content.decode("utf-8-sig").splitlines() if small.code in x)
    assert line.split(";")[3] == "."


def test_sozialplanung_sees_exact_values_of_its_own_territory_audited(core_demo, client_as):
    small = _load_small_area(core_demo, small=1)
    planer = client_as("demo-planung")
    before = AuditEvent.objects.filter(entity="monitoring.values").count()
    r = planer.get(
        "/monitoring/indikator/export/",
        {
            "indikator": "kinderarmut_sgb2_u15",
            "period": "2024",
            "level": "sozialraum",
            "format": "csv",
        },
    )
    line = next(x for x in r.content.decode("utf-8-sig").splitlines() if small.code in x)
    assert line.split(";")[4] == "1"  # the exact numerator
    assert AuditEvent.objects.filter(entity="monitoring.values").count() == before + 1
    api = planer.get(
        "/api/monitoring/internal/values/",
        {"indicator": "kinderarmut_sgb2_u15", "period": "2024", "level": "sozialraum"},
        HTTP_X_TENANT="weiterstadt",
    )
    row = next(v for v in api.json()["values"] if v["area_code"] == small.code)
    assert row["numerator"] == "1" and api.json()["exact"] is True


def test_outsider_gets_404_for_areas_of_another_tenant(core_demo, make_user):
    from django.test import Client

    small = _load_small_area(core_demo)
    outsider = make_user("sozialplanung", "griesheim")
    c = Client()
    c.force_login(outsider)
    assert c.get(f"/monitoring/gebiet/{small.code}/").status_code == 404
    batch = ImportBatch.objects.filter(tenant=core_demo.weiterstadt).first()
    assert c.post(f"/monitoring/importe/{batch.pk}/zuruecknehmen/").status_code == 404
    assert ImportBatch.objects.get(pk=batch.pk).reverted is None


def test_import_flow_over_http(core_demo, client_as):
    from django.core.files.uploadedfile import SimpleUploadedFile

    planer = client_as("demo-planung")
    sr = _sozialraeume(core_demo)[0]
    bad = SimpleUploadedFile("w.csv", (HEADER + f"{sr.code};2024;einwohner;-1").encode())
    r = planer.post("/monitoring/import/", {"file": bad})
    assert "nicht negativ" in r.content.decode()
    assert not Fact.objects.filter(area=sr).exists()
    good = SimpleUploadedFile("w.csv", (HEADER + f"{sr.code};2024;einwohner;850").encode())
    r = planer.post("/monitoring/import/", {"file": good})
    assert "Vorschau" in r.content.decode()
    assert '<td class="kern-table__cell">neu</td>' in r.content.decode()
    assert not Fact.objects.filter(area=sr).exists()  # preview only
    english = SimpleUploadedFile("w.csv", (HEADER + f"{sr.code};2024;einwohner;850").encode())
    page = planer.post(
        "/monitoring/import/", {"file": english}, HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert '<td class="kern-table__cell">new</td>' in page  # the change, translated
    r = planer.post("/monitoring/import/bestaetigen/")
    assert r.status_code == 302
    assert Fact.objects.get(area=sr, period="2024").value == Decimal(850)


def test_area_profile_and_pdf(core_demo, client_as, pdf_text):
    small = _load_small_area(core_demo)
    gremium = client_as("demo-gremium")
    r = gremium.get(f"/monitoring/gebiet/{small.code}/")
    assert r.status_code == 200 and "Kinderarmut" in r.content.decode()
    pdf = gremium.get(f"/monitoring/gebiet/{small.code}/pdf/")
    assert pdf.status_code == 200
    text = pdf_text(pdf.content)
    assert small.name in text and "synthetische Demodaten" in text
    # the small count and its rate are suppressed in print too: "." and the legend
    assert "Kinderarmut: Kinder unter 15 im SGB-II-Bezug (%) 2024 . " in text
    assert "Kinder unter 15 im SGB-II-Bezug (Anzahl) 2024 . " in text
    assert "„.“ = gesperrt" in text


def test_need_by_area_for_other_modules(core_demo):
    small = _load_small_area(core_demo)
    values = selectors.need_by_area("kinderarmut_sgb2_u15", tenant=core_demo.weiterstadt)
    assert values[small.code] is None  # suppressed, never the exact value
    other = _sozialraeume(core_demo)[3]
    assert values[other.code] == pytest.approx((10 + 3) / (100 + 30) * 100)


def test_reference_files_live_in_the_repository():
    assert (settings.REFERENCE_DATA_DIR / "gisd_ladadi.csv").exists()


def test_index_is_configurable_and_has_dynamics(core_demo):
    w = core_demo.weiterstadt
    rows = []
    for year, shift in (("2023", 0), ("2024", 5)):
        totals: dict[tuple[str, str], int] = {}
        for i, sr in enumerate(_sozialraeume(core_demo)):
            values = {
                "einwohner": 1000 + 100 * i,
                "kinder_u15": 150 + 10 * i,
                "kinder_u15_sgb2": 20 + 7 * i + (shift if i % 2 else 0),
                "einwohner_sgb2": 60 + 11 * i,
            }
            for m, v in values.items():
                rows.append(f"{sr.code};{year};{m};{v}")
                totals[(sr.parent.code, m)] = totals.get((sr.parent.code, m), 0) + v
        rows += [f"{a};{year};{m};{v}" for (a, m), v in totals.items()]
    services.facts_import(
        actor=None,
        tenant=w,
        label="index",
        plan=services.facts_plan(tenant=w, table=_table(HEADER + "\n".join(rows))),
    )
    areas = _sozialraeume(core_demo)
    spec = selectors.index_spec("kinderarmut_sgb2_u15:2,sgb2_quote")
    assert [x.weight for x in spec.status] == [2.0, 1.0]
    result = selectors.index_table("2024", areas, spec)
    assert result is not None and result.valid_count == len(areas)
    assert all(a.dynamics_class in (1, 3, 5) for a in result.areas.values())
    statuses = [a.status for a in result.areas.values()]
    assert abs(sum(statuses)) < 1e-9  # standardised
    # Without a previous period there is no dynamics part.
    only = selectors.index_table("2023", areas, spec)
    assert only is not None and only.spec.dynamics == ()
    with pytest.raises(ValueError, match="Unbekannte Indikatoren: gibtsnicht"):
        selectors.index_spec("gibtsnicht")
    with pytest.raises(ValueError, match="Gewicht"):
        selectors.index_spec("sgb2_quote:abc")


def test_import_list_query_count_does_not_grow(core_demo, client_as, django_assert_max_num_queries):
    w = core_demo.weiterstadt
    sr = _sozialraeume(core_demo)[0]
    planer = client_as("demo-planung")
    for i in range(3):
        services.facts_import(
            actor=None,
            tenant=w,
            label=f"n{i}",
            plan=services.facts_plan(
                tenant=w, table=_table(HEADER + f"{sr.code};2024;einwohner;{800 + i}")
            ),
        )
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        assert planer.get("/monitoring/importe/").status_code == 200
    for i in range(10):
        services.facts_import(
            actor=None,
            tenant=w,
            label=f"m{i}",
            plan=services.facts_plan(
                tenant=w, table=_table(HEADER + f"{sr.code};2024;einwohner;{900 + i}")
            ),
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert planer.get("/monitoring/importe/").status_code == 200


def test_profile_shows_dots_for_a_gremium_and_exact_values_for_planning(core_demo, client_as):
    small = _load_small_area(core_demo, small=1)
    html = client_as("demo-gremium").get(f"/monitoring/gebiet/{small.code}/").content.decode()
    row = html.split("Kinderarmut: Kinder unter 15 im SGB-II-Bezug")[1].split("</tr>")[0]
    cells = [c.split(">", 1)[1].split("<")[0].strip() for c in row.split("<td")[1:]]
    assert cells[1] == "."
    html = client_as("demo-planung").get(f"/monitoring/gebiet/{small.code}/").content.decode()
    row = html.split("Kinderarmut: Kinder unter 15 im SGB-II-Bezug")[1].split("</tr>")[0]
    cells = [c.split(">", 1)[1].split("<")[0].strip() for c in row.split("<td")[1:]]
    assert cells[1] == "1,0"  # 1 of 100 children, exact (internal view)
    assert AuditEvent.objects.filter(entity="monitoring.profile", object_id=small.code).exists()


def test_profile_and_index_tables_export_as_shown(core_demo, client_as):
    small = _load_small_area(core_demo, small=1)
    gremium = client_as("demo-gremium")
    r = gremium.get(f"/monitoring/gebiet/{small.code}/", {"format": "csv"})
    line = next(
        x for x in r.content.decode("utf-8-sig").splitlines() if x.startswith("Kinderarmut")
    )
    assert line.split(";")[3] == "."
    x = gremium.get(f"/monitoring/gebiet/{small.code}/", {"format": "xlsx"})
    assert x.status_code == 200 and x.content[:2] == b"PK"
    idx = gremium.get("/monitoring/index/", {"level": "sozialraum", "format": "csv"})
    assert idx.status_code == 200
    assert idx.content.decode("utf-8-sig").splitlines()[0].startswith("Gebiet;Kennziffer;Index")


def test_quality_check_flags_a_jump_against_the_previous_year(core_demo):
    w = core_demo.weiterstadt
    sr = _sozialraeume(core_demo)[0]
    rows = [
        f"{sr.code};2023;kinder_u15;200",
        f"{sr.code};2023;kinder_u15_sgb2;20",
        f"{sr.code};2024;kinder_u15;200",
        f"{sr.code};2024;kinder_u15_sgb2;60",
    ]
    services.facts_import(
        actor=None,
        tenant=w,
        label="sprung",
        plan=services.facts_plan(tenant=w, table=_table(HEADER + "\n".join(rows))),
    )
    flags = services.quality_check_run(actor=None, tenant=w, period="2024")
    jump = [f for f in flags if f.rule == "sprung"]
    assert len(jump) == 1 and jump[0].area_id == sr.pk and "+200 %" in jump[0].message


def test_catalogue_texts_in_the_readers_language(core_demo):
    """The seeded catalogue is stored in German and translated where shown; an indicator
    someone created keeps its name as typed, and the German page is unchanged."""
    from django.utils import translation

    # the pages activate English in this thread; restore the language for the
    # tests that run next in this worker
    with translation.override("de"):
        _catalogue_texts_in_the_readers_language(core_demo)


def _catalogue_texts_in_the_readers_language(core_demo):
    from django.test import Client
    from django.utils import translation

    from interprochance.monitoring import catalogue
    from interprochance.monitoring.models import Indicator

    catalogue.sync(Measure, Indicator)  # a flush elsewhere may have removed migration data
    Indicator.objects.create(
        code="eigener_test",
        name="Eigener Testindikator",
        topic="Eigenes Thema",
        life_phase="alle",
        direction="neutral",
        numerator=Measure.objects.get(code="kinder_u3"),
        denominator=Measure.objects.get(code="einwohner"),
        unit="%",
        source="Eigene Erhebung",
        data_owner="Gemeinde",
        definition="Selbst angelegt.",
    )
    name = "Sprachförderbedarf bei der Einschulung"
    definition = "Anteil der untersuchten Kinder mit festgestelltem Sprachförderbedarf."
    with translation.override("en"):
        name_en, definition_en = translation.gettext(name), translation.gettext(definition)
        unit_en = translation.gettext("je 1.000")
    assert name_en != name and definition_en != definition and unit_en != "je 1.000"
    query = {"indikator": "seu_sprachfoerderbedarf"}
    german = Client().get("/monitoring/oeffentlich/", query).content.decode()
    assert name in german and definition in german and name_en not in german
    english = (
        Client(headers={"accept-language": "en"})
        .get("/monitoring/oeffentlich/", query)
        .content.decode()
    )
    assert name_en in english and definition_en in english
    assert name not in english and definition not in english
    assert "Eigener Testindikator" in english  # user-defined: no entry, shown as typed
    assert Indicator.objects.get(code="seu_sprachfoerderbedarf").name == name  # stored German
    with translation.override("en"):
        assert Indicator.objects.get(code="hze_dichte").unit_label == unit_en
