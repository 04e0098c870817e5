"""Records -> HSDS JSON: every shape validates strictly; import round-trips; duplicates."""

import json
from datetime import date, time
from pathlib import Path
from uuid import UUID

import pytest
from hypothesis import HealthCheck, given, settings

from interprochance.directory.hsds import importer, mapping
from interprochance.directory.hsds import validator as v
from interprochance.directory.hsds.importer import DedupCandidate, find_duplicates, normalise_name
from interprochance.directory.hsds.records import Schedule
from interprochance.directory.validation.schedule import OpeningSlot

from .hsds_strategies import sample_service, service

TODAY = date(2026, 3, 1)
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
EXAMPLES = Path(__file__).resolve().parents[3] / "data" / "external" / "hsds-3.0" / "examples"


@given(service())
@SETTINGS
def test_every_shape_validates_strictly(s):
    assert v.validate("service", mapping.service_to_hsds(s)) == []
    assert v.validate("service_list_item", mapping.service_flat(s)) == []
    assert (
        v.validate("organization", mapping.organization_to_hsds(s.organization, services=[s])) == []
    )
    assert (
        v.validate(
            "organization",
            mapping.organization_to_hsds(s.organization, services=[s], full_service=True),
        )
        == []
    )
    assert v.validate("organization_list_item", mapping.organization_flat(s.organization)) == []
    for sal in s.service_at_locations:
        assert v.validate("service_at_location", mapping.service_at_location_to_hsds(sal, s)) == []
        assert (
            v.validate(
                "service_at_location_list_item", mapping.service_at_location_list_item(sal, s)
            )
            == []
        )
        assert v.validate("location", mapping.location_to_hsds(sal.location)) == []
    for t in s.terms:
        assert v.validate("taxonomy_term", mapping.taxonomy_term_to_hsds(t)) == []
        assert v.validate("taxonomy", mapping.taxonomy_to_hsds(t.taxonomy)) == []
    items = [mapping.service_flat(s)]
    assert (
        v.validate(
            "service_list_item",
            mapping.page(items, total_items=31, page_number=2, per_page=10),
            page=True,
        )
        == []
    )


@given(service(with_terms=False))
@SETTINGS
def test_import_round_trip(s):
    doc = json.loads(json.dumps(mapping.service_to_hsds(s)))
    parsed = importer.parse_publication(doc, today=TODAY)
    assert parsed.problems == []
    (back,) = parsed.services
    assert back == s


@given(service())
@SETTINGS
def test_null_and_empty_values_are_omitted(s):
    out = mapping.service_to_hsds(s)

    def walk(x):
        if isinstance(x, dict):
            for val in x.values():
                assert val is not None and val != "" and val != []
                walk(val)
        elif isinstance(x, list):
            for val in x:
                walk(val)

    walk(out)


def test_page_envelope_arithmetic():
    p = mapping.page([{"a": 1}], total_items=21, page_number=3, per_page=10)
    assert (p["total_pages"], p["size"], p["first_page"], p["last_page"], p["empty"]) == (
        3,
        1,
        False,
        True,
        False,
    )
    p = mapping.page([], total_items=0, page_number=1, per_page=10)
    assert (p["total_pages"], p["empty"], p["first_page"], p["last_page"]) == (1, True, True, True)


def test_attribute_ids_are_stable():
    a = UUID("ac148810-d857-441c-9679-408f346de14b")
    b = UUID("3f7b145d-84af-42d7-8fae-eaca714b02b2")
    assert mapping.attribute_id(a, b) == mapping.attribute_id(a, b)
    assert mapping.attribute_id(a, b) != mapping.attribute_id(b, a)


def test_schedule_mapping_fields():
    sch = Schedule(
        id=UUID("48102e86-bb50-41c4-8f1e-e269368c41d1"),
        slot=OpeningSlot(
            weekdays=("TU",), opens_at=time(18), closes_at=time(20), freq="MONTHLY", setpos=1
        ),
    )
    out = mapping.schedule_to_hsds(sch, service_id=UUID("ac148810-d857-441c-9679-408f346de14b"))
    assert out["byday"] == "1TU" and out["freq"] == "MONTHLY" and out["opens_at"] == "18:00"
    assert out["description"] == "jeden 1. Di im Monat 18:00–20:00"


# ---------------------------------------------------------------- import: bad input


def _official(name):
    if not EXAMPLES.exists():
        pytest.skip("reference copy not present")
    return json.loads((EXAMPLES / f"{name}.json").read_text())


def test_official_example_with_quoted_phone_is_rejected_whole():
    parsed = importer.parse_publication(_official("organization_full"), today=TODAY)
    assert not parsed.ok
    assert parsed.services == [] and parsed.organizations == []
    assert any("keine Telefonnummer" in p.message for p in parsed.problems)


@pytest.mark.parametrize(
    "name", ["service_full", "organization_full", "service_at_location_full", "service_list"]
)
def test_official_examples_import_once_phone_fixed(name):
    text = json.dumps(_official(name)).replace('\\"+44 1234 234567\\"', "+44 1234 234567")
    parsed = importer.parse_publication(json.loads(text), today=TODAY)
    assert parsed.problems == []
    (svc,) = parsed.services
    assert svc.name == "Community Counselling"
    assert svc.organization.name == "Example Organization Inc."


def _valid_service_doc():
    return json.loads(json.dumps(mapping.service_to_hsds(sample_service())))


@pytest.mark.parametrize(
    ("mutate", "fragment"),
    [
        (lambda d: d.update(description="<script>alert(1)</script>"), "HTML-Auszeichnungen"),
        (lambda d: d.update(email="kaputt@"), "keine gültige E-Mail-Adresse"),
        (lambda d: d.update(url="javascript:alert(1)"), "nur http:// und https://"),
        (lambda d: d.update(minimum_age=30), "Mindestalter 30"),
        (lambda d: d.update(minimum_age=10, maximum_age=6), "größer als Höchstalter"),
        (lambda d: d.update(bogus=1), "nicht vorgesehen: bogus"),
        (
            lambda d: d.update(
                phones=[{"id": "48102e86-bb50-41c4-8f1e-e269368c41d1", "number": "12"}]
            ),
            "keine gültige Telefonnummer",
        ),
        (
            lambda d: d.update(
                schedules=[
                    {
                        "id": "48102e86-bb50-41c4-8f1e-e269368c41d1",
                        "freq": "WEEKLY",
                        "byday": "MO",
                        "opens_at": "16:00",
                        "closes_at": "14:00",
                    }
                ]
            ),
            "liegt nicht nach dem Beginn",
        ),
        (
            lambda d: d.update(
                schedules=[
                    {
                        "id": "48102e86-bb50-41c4-8f1e-e269368c41d1",
                        "freq": "WEEKLY",
                        "byday": "MO,TU",
                        "opens_at": "14:00",
                        "closes_at": "16:00",
                    },
                    {
                        "id": "58102e86-bb50-41c4-8f1e-e269368c41d1",
                        "freq": "WEEKLY",
                        "byday": "TU",
                        "opens_at": "15:00",
                        "closes_at": "17:00",
                    },
                ]
            ),
            "überschneiden sich",
        ),
    ],
)
def test_bad_import_reports_and_returns_nothing(mutate, fragment):
    doc = _valid_service_doc()
    mutate(doc)
    parsed = importer.parse_publication([doc], today=TODAY)
    assert parsed.services == [] and parsed.organizations == []
    assert any(fragment in str(p) for p in parsed.problems), parsed.problems


def test_import_of_non_hsds():
    for doc in ({}, [], "x", [1, 2]):
        parsed = importer.parse_publication(doc, today=TODAY)
        assert not parsed.ok


def test_service_without_its_organisation_is_rejected():
    doc = _valid_service_doc()
    del doc["organization"]
    parsed = importer.parse_publication(doc, today=TODAY)
    assert [p.message for p in parsed.problems] == [
        "Träger fehlt: das Angebot nennt keinen Träger, der in der Datei enthalten ist."
    ]


# ---------------------------------------------------------------- duplicates


def test_normalise_name():
    assert normalise_name("Caritasverband Darmstadt e.V.") == "caritasverband darmstadt"
    assert normalise_name("Familienzentrum Gräfenhausen") == normalise_name(
        "Familienzentrum Graefenhausen"
    )


def test_find_duplicates():
    existing = [
        DedupCandidate(
            "e1",
            "Hausaufgabenhilfe Carl-Ulrich-Schule",
            "Caritas Darmstadt e.V.",
            frozenset({"64331"}),
        ),
        DedupCandidate("e2", "Elterncafé Braunshardt", "Stadt Weiterstadt", frozenset({"64331"})),
        DedupCandidate(
            "e3",
            "Schuldnerberatung",
            "Diakonie",
            frozenset({"64283"}),
            url="https://diakonie.de/schuldner",
        ),
    ]
    incoming = [
        DedupCandidate(
            "i1",
            "Hausaufgabenhilfe an der Carl-Ulrich-Schule",
            "Caritas Darmstadt",
            frozenset({"64331"}),
        ),
        DedupCandidate("i2", "Elterncafe Braunshardt", "Stadt Weiterstadt", frozenset({"64331"})),
        DedupCandidate("i3", "Sprachkurs für Eltern", "VHS", frozenset({"64331"})),
        DedupCandidate(
            "i4",
            "Beratung bei Schulden",
            "Diakonisches Werk",
            frozenset(),
            url="http://www.diakonie.de/schuldner/",
        ),
        DedupCandidate(
            "i5", "Sprachkurs fuer Eltern", "VHS", frozenset({"64331"})
        ),  # duplicate within the file
    ]
    got = {(m.incoming, m.existing) for m in find_duplicates(incoming, existing)}
    assert got == {("i1", "e1"), ("i2", "e2"), ("i4", "e3"), ("i5", "i3")}


def test_find_duplicates_by_hsds_id():
    e = [DedupCandidate("e1", "A", hsds_id="x")]
    i = [DedupCandidate("i1", "Völlig anderer Name", hsds_id="x")]
    (m,) = find_duplicates(i, e)
    assert m.score == 1.0 and m.reason == "gleiche HSDS-ID"
