"""Public finder: German full text (PostgreSQL and SQLite), filters, pages without login."""

from datetime import time

import pytest

from interprochance.core.demo import load_demo
from interprochance.directory import selectors
from interprochance.directory import services as act
from interprochance.directory.inputs import ServiceData
from interprochance.directory.models import Service
from interprochance.directory.selectors import FinderQuery
from interprochance.directory.validation.schedule import OpeningSlot


@pytest.fixture
def demo(db, core_demo):
    load_demo(only=["directory"])
    return core_demo


def names(query, **kw):
    return {s.name for s in selectors.finder_search(query, per_page=100, **kw).services}


def test_hausaufgaben_finds_hausaufgabenhilfe(demo):
    found = names(FinderQuery(q="Hausaufgaben"))
    assert "Hausaufgabenhilfe an der Carl-Ulrich-Schule" in found
    assert "Hausaufgabenbetreuung Schloss-Schule" in found
    assert "Kinderturnen" not in found
    assert "Hausaufgabenhilfe an der Carl-Ulrich-Schule" in names(
        FinderQuery(q="hilfe hausaufgaben")
    )
    assert "Familienberatung Weiterstadt" in names(FinderQuery(q="Beratungen"))  # inflected form
    assert "Sprachkurs für Mütter mit Kinderbetreuung" in names(
        FinderQuery(q="Ukrainisch")
    )  # language names are indexed
    assert names(FinderQuery(q="Quantenchromodynamik")) == set()


def test_ranking_prefers_name_hits(demo):
    page = selectors.finder_search(FinderQuery(q="Hausaufgaben"))
    assert page.services[0].name.startswith("Hausaufgaben")


def test_filters(demo):
    assert all(
        s.is_free for s in selectors.finder_search(FinderQuery(free=True), per_page=100).services
    )
    eight = selectors.finder_search(FinderQuery(age=8), per_page=100).services
    assert eight and all(
        (s.min_age is None or s.min_age <= 8) and (s.max_age is None or s.max_age >= 8)
        for s in eight
    )
    assert "Babytreff und Stillberatung" not in {s.name for s in eight}
    phase = names(FinderQuery(life_phase="uebergang"))
    assert "Bewerbungstraining" in phase and "Kinderturnen" not in phase
    assert names(FinderQuery(language="uk")) >= {"Sprachkurs für Mütter mit Kinderbetreuung"}
    assert all(
        s.barrier_free
        for s in selectors.finder_search(FinderQuery(barrier_free=True), per_page=100).services
    )
    riedbahn = names(FinderQuery(area="06432023-05"))
    assert riedbahn == {"Jugendtreff Riedbahn"}
    combined = names(
        FinderQuery(
            q="Hausaufgaben", age=7, free=True, need_area="bildung", life_phase="grundschule"
        )
    )
    assert "Hausaufgabenhilfe an der Carl-Ulrich-Schule" in combined


def test_only_published_services_are_found(demo):
    hidden = Service.objects.exclude(state="veroeffentlicht").values_list("name", flat=True)
    assert "Lesepaten für Grundschulkinder" in hidden
    assert "Lesepaten für Grundschulkinder" not in names(FinderQuery(q="Lesepaten"))


def test_finder_pages_without_login(client, demo, django_assert_max_num_queries):
    client.get("/angebote/")  # warms the cached filter choices and area names
    # then one query: the page with its total (window count), nothing else
    with django_assert_max_num_queries(1):
        response = client.get("/angebote/", {"q": "Hausaufgaben", "alter": "7", "kostenlos": "on"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Hausaufgabenhilfe an der Carl-Ulrich-Schule" in body
    assert "synthetische Demodaten" in body
    service = Service.objects.get(name="Hausaufgabenhilfe an der Carl-Ulrich-Schule")
    detail = client.get(f"/angebote/a/{service.uuid}/")
    assert detail.status_code == 200
    text = detail.content.decode()
    assert "In Leichter Sprache" in text and "Mo, Di, Do 13:00–15:00" in text
    assert "mailto:?subject=" in text and "Druckansicht" in text
    arabic = client.get(f"/angebote/a/{service.uuid}/", {"sprache": "ar"}).content.decode()
    assert 'dir="rtl"' in arabic and "المساعدة في الواجبات المنزلية" in arabic
    assert client.get(f"/angebote/a/{service.uuid}/drucken/").status_code == 200
    assert client.get("/angebote/karte/", {"thema": "bildung"}).status_code == 200


def test_bad_finder_input_is_explained(client, demo):
    response = client.get("/angebote/", {"alter": "99"})
    assert response.status_code == 200
    assert "Bitte ein Alter bis 27 angeben." in response.content.decode()
    response = client.get("/angebote/", {"alter": "sieben"})
    assert "Bitte das Alter als ganze Zahl angeben." in response.content.decode()


def test_search_text_escapes_markup_in_output(client, demo):
    # Markup cannot be stored (validators reject it), and output is escaped anyway.
    response = client.get("/angebote/", {"q": "<script>alert(1)</script>"})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


@pytest.mark.postgres
def test_postgres_uses_german_text_search(demo):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    qs, stems = selectors.finder_queryset(FinderQuery(q="Hausaufgaben"))
    sql = str(qs.query)
    assert "search_vector @@ to_tsquery('german'" in sql and stems == ["hausaufgab"]
    with connection.cursor() as cur:
        cur.execute(
            "SELECT to_tsvector('german', 'hausaufgabenhilfe') @@ to_tsquery('german', 'hausaufgab:*')"
        )
        assert cur.fetchone()[0] is True


def test_search_text_is_refreshed_on_update(db, core_demo):
    actor = core_demo.users["demo-netzwerk"]
    org = act.organization_create(
        actor=actor, tenant=core_demo.weiterstadt, data=act.OrganizationData(name="Testträger")
    )
    data = ServiceData(
        name="Schwimmkurs",
        description="Seepferdchen",
        life_phases=("grundschule",),
        schedules=(OpeningSlot(("MO",), time(15), time(16)),),
    )
    service = act.service_create(actor=actor, organization=org, data=data, publish=True)
    assert "Schwimmkurs" in names(
        FinderQuery(q="Schwimmen")
    )  # stem "schwimm" prefixes "schwimmkurs"
    assert names(FinderQuery(q="Hausaufgaben")) == set()
    act.service_update(
        actor=actor,
        service=service,
        data=ServiceData(**{**data.__dict__, "description": "Jetzt auch Hausaufgabenhilfe"}),
    )
    assert "Schwimmkurs" in names(FinderQuery(q="Hausaufgaben"))
    service.refresh_from_db()
    assert float(service.weekly_hours) == 1.0


def test_pagination_totals_and_page_beyond_the_end(demo):
    first = selectors.finder_search(FinderQuery(), per_page=5)
    total = Service.objects.filter(state="veroeffentlicht").count()
    assert first.total == total and first.pages == -(-total // 5) and len(first.services) == 5
    beyond = selectors.finder_search(FinderQuery(), page=999, per_page=5)
    assert beyond.page == first.pages and beyond.total == total and beyond.services
    empty = selectors.finder_search(FinderQuery(q="Quantenchromodynamik"), page=3)
    assert empty.total == 0 and empty.services == [] and empty.page == 3 or empty.page == 1
