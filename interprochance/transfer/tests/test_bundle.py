"""Transfer bundle format and personal-data detector (no database)."""

import copy
import datetime as dt
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from interprochance.transfer.bundle import (
    BundleChecksumError,
    BundleSchemaError,
    BundleSyntaxError,
    BundleVersionError,
    PersonalDataError,
    build_bundle,
    checksum_of,
    dumps,
    find_personal_data,
    load_bundle,
)

NOW = dt.datetime(2026, 11, 25, 8, 0, tzinfo=dt.UTC)
CONTENTS = {
    "indicators": [
        {
            "code": "sgb2_u15",
            "name": "Kinder unter 15 in SGB-II-Bedarfsgemeinschaften",
            "unit": "%",
            "min_cell": 5,
        },
    ],
    "concepts": [
        {
            "code": "lesepaten",
            "name": "Lesepaten an Grundschulen",
            "life_phase": "primary",
            "stages": [{"stage": "reach", "indicator_codes": ["sgb2_u15"]}],
        },
    ],
    "success_conditions": [
        {
            "code": "politischer_rueckhalt",
            "name": "Politischer Rückhalt",
            "description": "Beschluss der Gremien zu Beginn, Bericht zweimal im Jahr.",
        },
    ],
    "fund_procedures": [
        {
            "code": "four_eyes",
            "name": "Vier-Augen-Entscheidung",
            "cap_cents": 50000,
            "accounts": ["1000", "2000"],
        },
    ],
}


def _doc(**changes):
    doc = build_bundle(
        source_name="Weiterstadt", source_ags="06432023", contents=CONTENTS, created_at=NOW
    )
    doc.update(changes)
    return doc


def test_round_trip():
    text = dumps(_doc())
    bundle = load_bundle(text)
    assert bundle.version == 1 and bundle.source == {"name": "Weiterstadt", "ags": "06432023"}
    assert bundle.section("concepts")[0]["code"] == "lesepaten"
    assert bundle.counts()["indicators"] == 1 and bundle.counts()["taxonomies"] == 0


def test_other_version_rejected():
    doc = _doc(version=2)
    with pytest.raises(BundleVersionError) as info:
        load_bundle(json.dumps(doc))
    assert info.value.params == {"found": 2, "expected": 1}
    with pytest.raises(BundleVersionError):
        load_bundle(json.dumps(_doc(format="something-else")))


def test_syntax_errors():
    with pytest.raises(BundleSyntaxError):
        load_bundle("{not json")
    with pytest.raises(BundleSyntaxError):
        load_bundle("[1, 2]")
    with pytest.raises(BundleSyntaxError):
        load_bundle(b"\xff\xfe")


def test_schema_errors_name_the_path():
    doc = _doc()
    doc["contents"]["concepts"][0]["code"] = "Not A Code"
    doc["contents"]["unknown"] = []
    with pytest.raises(BundleSchemaError) as info:
        load_bundle(json.dumps(doc))
    joined = "\n".join(info.value.problems)
    assert "$.contents.concepts[0].code" in joined
    assert "unknown" in joined


def test_duplicate_codes_rejected():
    doc = _doc()
    doc["contents"]["indicators"].append(dict(doc["contents"]["indicators"][0]))
    doc["checksum"] = checksum_of(doc["contents"])
    with pytest.raises(BundleSchemaError) as info:
        load_bundle(json.dumps(doc))
    assert "duplicate" in info.value.problems[0]


def test_checksum_detects_change():
    doc = _doc()
    doc["contents"]["indicators"][0]["name"] = "geändert"
    with pytest.raises(BundleChecksumError):
        load_bundle(json.dumps(doc))


def test_too_deep_rejected():
    doc = _doc()
    nested: dict = {}
    node = nested
    for _ in range(20):
        node["x"] = {}
        node = node["x"]
    doc["contents"]["indicators"][0]["extra"] = nested
    with pytest.raises(BundleSchemaError):
        load_bundle(json.dumps(doc))


@pytest.mark.parametrize(
    ("field", "value", "kind"),
    [
        ("description", "Kontakt: anna.beispiel@weiterstadt.de", "email"),
        ("description", "Spenden an DE89 3704 0044 0532 0130 00", "iban"),
        ("description", "Rückfragen unter 06150 400-123", "phone"),
        ("description", "Tel. +49 6150 400123", "phone"),
        ("description", "Versicherungsnr. 12150380M123", "pension_number"),
        ("description", "Kind geb. 03.04.2015 in Darmstadt", "birth_date"),
        ("description", "Familie wohnt Darmstädter Straße 12", "address"),
        ("description", "Ansprechpartnerin ist Frau Müller", "person_name"),
    ],
)
def test_personal_data_values_rejected(field, value, kind):
    contents = copy.deepcopy(CONTENTS)
    contents["success_conditions"][0][field] = value
    with pytest.raises(PersonalDataError) as info:
        build_bundle(
            source_name="Weiterstadt", source_ags="06432023", contents=contents, created_at=NOW
        )
    kinds = {f.kind for f in info.value.findings}
    assert kind in kinds
    # The report masks the data itself.
    assert all(value not in p for p in info.value.problems)


@pytest.mark.parametrize(
    "key",
    [
        "email",
        "first_name",
        "Nachname",
        "contactPerson",
        "birth_date",
        "members",
        "owner",
        "iban",
        "e_mail",
    ],
)
def test_personal_keys_rejected(key):
    doc = _doc()
    doc["contents"]["concepts"][0][key] = "x"
    doc["checksum"] = checksum_of(doc["contents"])
    with pytest.raises(PersonalDataError) as info:
        load_bundle(json.dumps(doc))
    assert info.value.findings[0].kind == "key"
    assert info.value.findings[0].path == f"$.contents.concepts[0].{key}"


@pytest.mark.parametrize(
    "text",
    [
        "Anteil der Kinder unter 15 Jahren in Bedarfsgemeinschaften nach SGB II",
        "AGS 06432023, Stand 2024-12-31, Zensus 2022",
        "Budget 2000000 Cent je Jahr, 12 Monate, 3 Monate Frist",
        "Kita Sonnenschein und Carl-Ulrich-Schule",
        "Schritt 3: Steuerungsgruppe einsetzen (Landkreis und Stadt)",
        "Frauen und Männer gleichermaßen ansprechen",
        "Indikator-Code IND.2024-17",
    ],
)
def test_ordinary_configuration_text_passes(text):
    assert find_personal_data({"description": text, "name": text}) == []


@given(st.emails())
def test_every_email_is_found(address):
    assert any(f.kind == "email" for f in find_personal_data({"note": f"siehe {address} bitte"}))


def test_codes_unique_per_vocabulary():
    contents = {
        "taxonomies": [
            {"code": "kita", "name": "Kita", "module": "directory", "vocabulary": "life_phase"},
            {"code": "kita", "name": "Kita", "module": "directory", "vocabulary": "target_group"},
        ]
    }
    doc = build_bundle(source_name="X", source_ags=None, contents=contents, created_at=NOW)
    assert load_bundle(json.dumps(doc)).counts()["taxonomies"] == 2
    contents["taxonomies"].append(dict(contents["taxonomies"][0]))
    with pytest.raises(BundleSchemaError):
        build_bundle(source_name="X", source_ags=None, contents=contents, created_at=NOW)
