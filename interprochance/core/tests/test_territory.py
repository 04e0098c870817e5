import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from interprochance.core.models import Area, AreaLevel, Institution, StreetSegment, Tenant
from interprochance.core.tabular import Problems
from interprochance.core.territory import locate, parse_address, street_key, streets_import

pytestmark = [pytest.mark.django_db, pytest.mark.smoke]


def test_reference_territory_is_complete(core_demo):
    gemeinden = Area.objects.filter(level=AreaLevel.GEMEINDE)
    assert gemeinden.count() == 23
    assert sum(g.population for g in gemeinden) == 302_021  # HSL, 31.12.2024
    weiterstadt = Area.objects.get(code="06432023")
    assert weiterstadt.population == 26_583 and weiterstadt.geometry["type"] in {
        "Polygon",
        "MultiPolygon",
    }
    assert weiterstadt.source.attribution.startswith("© GeoBasis-DE / BKG")
    assert sorted(a.name for a in weiterstadt.children.all()) == [
        "Braunshardt",
        "Gräfenhausen",
        "Kernstadt",
        "Riedbahn",
        "Schneppenhausen",
    ]
    assert Tenant.objects.filter(kind="gemeinde").count() == 23
    assert Institution.objects.filter(tenant__slug="weiterstadt", kind="schule").count() >= 5


def test_import_is_idempotent(core_demo):
    before = Area.objects.count()
    call_command("import_territory")
    assert Area.objects.count() == before


@pytest.mark.parametrize(
    ("text", "street", "number", "suffix"),
    [
        ("Kreuzstraße 45 A, 64331 Weiterstadt", "Kreuzstraße", 45, "A"),
        ("Klein-Gerauer Weg 23-25, 64331 Weiterstadt", "Klein-Gerauer Weg", 23, ""),
        ("Am Blindgraben 8C", "Am Blindgraben", 8, "C"),
    ],
)
def test_parse_address(text, street, number, suffix):
    parsed = parse_address(text)
    assert (parsed.street, parsed.number, parsed.suffix) == (street, number, suffix)


def test_street_key_normalises_spelling():
    assert street_key("Kreuzstraße") == street_key("Kreuzstr.") == street_key("KREUZSTRASSE")
    assert street_key("Gräfenhäuser Straße") == street_key("Graefenhaeuser Str.")


def test_locate_uses_ranges_and_parity(core_demo):
    assert locate("Kreuzstraße 12, 64331 Weiterstadt").area.name == "Kernstadt Nord"
    assert locate("Kreuzstraße 45 A, 64331 Weiterstadt").area.name == "Kernstadt Süd"
    assert locate("Darmstädter Str. 7, 64331 Weiterstadt").area.name == "Kernstadt Süd"  # odd side
    assert (
        locate("Darmstädter Straße 8, 64331 Weiterstadt").area.name == "Kernstadt Nord"
    )  # even side


@pytest.mark.parametrize(
    ("address", "status"),
    [
        ("Hauptstraße 1, 64331 Weiterstadt", "unknown_street"),
        ("Kreuzstraße 999, 64331 Weiterstadt", "number_out_of_range"),
        ("irgendwo", "unparseable"),
        ("Kreuzstraße 3, 99999 Nirgendwo", "unknown_gemeinde"),
    ],
)
def test_locate_never_guesses(core_demo, address, status):
    result = locate(address)
    assert result.area is None and result.status == status and result.message


def test_streets_import_all_or_nothing_with_row_and_column(core_demo):
    weiterstadt = Area.objects.get(code="06432023")
    before = StreetSegment.objects.filter(gemeinde=weiterstadt).count()
    bad = (
        "street;number_from;number_to;parity;area_code\n"
        "Neue Straße;1;20;alle;06432023-01-1\n"
        "Andere Straße;30;10;gerade;06432023-01-1\n"
        "Dritte Straße;1;5;links;06432099\n"
    ).encode("cp1252")
    with pytest.raises(Problems) as excinfo:
        streets_import(source=bad, gemeinde=weiterstadt, filename="s.csv")
    messages = [str(p) for p in excinfo.value.items]
    assert "Zeile 3, Spalte „number_to“: Bereich endet vor seinem Anfang." in messages
    assert any(m.startswith("Zeile 4, Spalte „parity“") for m in messages)
    assert any(m.startswith("Zeile 4, Spalte „area_code“") for m in messages)
    assert StreetSegment.objects.filter(gemeinde=weiterstadt).count() == before


def test_streets_import_accepts_windows_1252(core_demo, tmp_path):
    weiterstadt = Area.objects.get(code="06432023")
    path = tmp_path / "strassen.csv"
    path.write_bytes(
        "street;number_from;number_to;parity;area_code\nGrüner Weg;1;9;ungerade;06432023-02-1\n".encode(
            "cp1252"
        )
    )
    call_command("import_streets", str(path), gemeinde="06432023")
    assert locate("Grüner Weg 3, 64331 Weiterstadt").area.code == "06432023-02-1"
    assert not locate("Grüner Weg 4, 64331 Weiterstadt").ok
    assert StreetSegment.objects.filter(gemeinde=weiterstadt).count() == 1


def test_import_streets_command_reports_problems(core_demo, tmp_path):
    path = tmp_path / "kaputt.csv"
    path.write_text("street,number_from\nA,1\n", encoding="utf-8")
    with pytest.raises(CommandError, match="Pflichtspalte fehlt"):
        call_command("import_streets", str(path), gemeinde="06432023")


def test_area_pages_show_map_and_locate_form(client_as):
    client = client_as("demo-planung")
    page = client.get("/gebiete/").content.decode()
    assert "<svg" in page and "Karte der Gemeinden" not in page or "Kernstadt Nord" in page
    response = client.post("/gebiete/", {"address": "Schlossgasse 13, 64331 Weiterstadt"})
    assert "Zugeordnet: Gräfenhausen Ortskern" in response.content.decode()


def test_outsider_cannot_open_weiterstadt_area(client_as):
    assert client_as("demo-griesheim").get("/gebiete/06432023-01-1/").status_code == 404
    assert client_as("demo-planung").get("/gebiete/06432023-01-1/").status_code == 200
