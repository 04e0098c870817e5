"""The /api/hsds/ routes: every response validates strictly against the official schemas,
for every demo service."""

import pytest

from interprochance.core.demo import load_demo
from interprochance.directory.hsds import validator as v
from interprochance.directory.models import Service, ServiceAtLocation, ServiceState
from interprochance.directory.taxonomy import LIFE_PHASES


@pytest.fixture
def demo(db, core_demo):
    load_demo(only=["directory"])
    return core_demo


def _get(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, (url, response.status_code, response.content[:300])
    return response.json()


def test_root(client, demo):
    doc = _get(client, "/api/hsds/")
    assert v.validate("api_root", doc) == []
    assert doc["version"] == "3.0"
    assert doc["openapi_url"].endswith("/api/hsds/openapi.json")
    spec = _get(client, "/api/hsds/openapi.json")
    assert "/services/{id}" in spec["paths"]
    assert client.get("/api/hsds/profile/").status_code == 200


def test_every_demo_service_validates(client, demo):
    published = Service.objects.filter(state=ServiceState.PUBLISHED)
    assert published.count() >= 15
    for s in published:
        for lang in ("de", "en"):
            doc = _get(client, f"/api/hsds/services/{s.uuid}", lang=lang)
            assert v.validate("service", doc) == [], s.name
        assert doc["id"] == str(s.uuid)
    for sal in ServiceAtLocation.objects.filter(service__state=ServiceState.PUBLISHED):
        assert (
            v.validate(
                "service_at_location", _get(client, f"/api/hsds/service_at_locations/{sal.uuid}")
            )
            == []
        )


def test_lists_and_pagination_validate(client, demo):
    total = Service.objects.filter(state=ServiceState.PUBLISHED).count()
    first = _get(client, "/api/hsds/services", per_page=5)
    assert v.validate("service_list_item", first, page=True) == []
    assert (
        first["total_items"] == total
        and first["size"] == 5
        and first["first_page"]
        and not first["last_page"]
    )
    last = _get(client, "/api/hsds/services", per_page=5, page=first["total_pages"])
    assert last["last_page"]
    full = _get(client, "/api/hsds/services", per_page=3, full="true")
    assert v.validate("service", full, page=True) == []
    for url, kind in [
        ("/api/hsds/organizations", "organization_list_item"),
        ("/api/hsds/taxonomies", "taxonomy"),
        ("/api/hsds/taxonomy_terms", "taxonomy_term"),
        ("/api/hsds/service_at_locations", "service_at_location_list_item"),
    ]:
        assert v.validate(kind, _get(client, url), page=True) == [], url
    assert (
        v.validate(
            "organization",
            _get(client, "/api/hsds/organizations", full="true", per_page=3),
            page=True,
        )
        == []
    )
    assert (
        v.validate(
            "service_at_location",
            _get(client, "/api/hsds/service_at_locations", full="true", per_page=3),
            page=True,
        )
        == []
    )
    orgs = _get(client, "/api/hsds/organizations")["contents"]
    for o in orgs:
        for params in ({}, {"full_service": "true"}):
            assert (
                v.validate(
                    "organization", _get(client, f"/api/hsds/organizations/{o['id']}", **params)
                )
                == []
            )
    for t in _get(client, "/api/hsds/taxonomies")["contents"]:
        assert v.validate("taxonomy", _get(client, f"/api/hsds/taxonomies/{t['id']}")) == []
    for t in _get(client, "/api/hsds/taxonomy_terms")["contents"]:
        assert (
            v.validate("taxonomy_term", _get(client, f"/api/hsds/taxonomy_terms/{t['id']}")) == []
        )


def test_query_parameters(client, demo):
    grundschule = LIFE_PHASES.get("grundschule").uuid
    by_term = _get(client, "/api/hsds/services", taxonomy_term_id=str(grundschule))
    expected = Service.objects.filter(
        state=ServiceState.PUBLISHED, life_phases__contains="|grundschule|"
    ).count()
    assert by_term["total_items"] == expected > 0
    search = _get(client, "/api/hsds/services", search="Hausaufgaben")
    names = {s["name"] for s in search["contents"]}
    assert "Hausaufgabenhilfe an der Carl-Ulrich-Schule" in names
    org_id = search["contents"][0]["organization_id"]
    by_org = _get(client, "/api/hsds/services", organization_id=org_id)
    assert all(s["organization_id"] == org_id for s in by_org["contents"])
    minimal = _get(client, "/api/hsds/services", minimal="true")
    assert {"id", "last_modified"} == set(minimal[0])
    assert (
        _get(client, "/api/hsds/services", modified_after="2999-01-01T00:00:00Z")["empty"] is True
    )
    for bad in (
        {"page": "x"},
        {"per_page": "10000"},
        {"taxonomy_term_id": "nope"},
        {"full": "vielleicht"},
        {"format": "ndjson"},
    ):
        response = client.get("/api/hsds/services", bad)
        assert response.status_code == 400 and response.json()["detail"]


def test_unpublished_services_are_not_public(client, demo):
    hidden = Service.objects.exclude(state=ServiceState.PUBLISHED).first()
    assert hidden is not None
    assert client.get(f"/api/hsds/services/{hidden.uuid}").status_code == 404
    assert client.get("/api/hsds/services/not-a-uuid").status_code == 404
    listed = {s["id"] for s in _get(client, "/api/hsds/services", per_page=200)["contents"]}
    assert str(hidden.uuid) not in listed
