"""Strict HSDS 3.0 validation against the official schemas and examples."""

import copy
import json
from pathlib import Path

import pytest

from interprochance.directory.hsds import validator as v

SHARED = Path(__file__).resolve().parents[3] / "data" / "external" / "hsds-3.0"
EXAMPLES = SHARED / "examples"
needs_shared = pytest.mark.skipif(
    not SHARED.exists(), reason="reference copy of HSDS 3.0 not present"
)

CASES = [
    ("base", "api_root", False),
    ("service_full", "service", False),
    ("organization_full", "organization", False),
    ("service_at_location_full", "service_at_location", False),
    ("location", "location", False),
    ("taxonomy", "taxonomy", False),
    ("taxonomy_term", "taxonomy_term", False),
    ("service_list", "service_list_item", True),
    ("organization_list", "organization_list_item", True),
    ("service_at_location_list", "service_at_location_list_item", True),
    ("taxonomy_list", "taxonomy", True),
    ("taxonomy_term_list", "taxonomy_term", True),
]


def _example(name):
    return json.loads((EXAMPLES / f"{name}.json").read_text())


@needs_shared
@pytest.mark.parametrize(("name", "kind", "page"), CASES)
def test_official_examples_validate_strictly(name, kind, page):
    assert v.validate(kind, _example(name), page=page) == []


def test_vendored_schemas_are_unchanged_copies():
    if not SHARED.exists():
        pytest.skip("reference copy not present")
    for f in (SHARED / "schema").glob("*.json"):
        assert (v.SCHEMA_DIR / f.name).read_bytes() == f.read_bytes(), f.name


def _walk_objects(doc, path=""):
    if isinstance(doc, dict):
        yield path, doc
        for k, val in doc.items():
            yield from _walk_objects(val, f"{path}/{k}")
    elif isinstance(doc, list):
        for i, val in enumerate(doc):
            yield from _walk_objects(val, f"{path}/{i}")


@needs_shared
@pytest.mark.parametrize(("name", "kind", "page"), CASES)
def test_unknown_field_is_rejected_at_every_nesting_level(name, kind, page):
    doc = _example(name)
    objects = list(_walk_objects(doc))
    assert objects
    for path, _obj in objects:
        bad = copy.deepcopy(doc)
        target = bad
        for part in [p for p in path.split("/") if p]:
            target = target[int(part)] if isinstance(target, list) else target[part]
        target["x_unbekannt"] = "1"
        issues = v.validate(kind, bad, page=page)
        assert any(
            i.keyword == "additionalProperties" and i.path == (path or "/") for i in issues
        ), path


def test_non_strict_mode_would_accept_unknown_fields():
    # Proves that strictness comes from our additionalProperties injection.
    doc = {"id": "5c4d79d7-cc55-470e-9f1f-8cad074e4892", "name": "n", "description": "d", "foo": 1}
    lax = v.Draft202012Validator(
        {"$ref": "taxonomy.json"}, registry=v.registry(v.SCHEMA_DIR, False)
    )
    assert list(lax.iter_errors(doc)) == []
    assert [i.keyword for i in v.validate("taxonomy", doc)] == ["additionalProperties"]


@pytest.mark.parametrize(
    ("field", "value", "keyword"),
    [
        ("id", "not-a-uuid", "format"),
        ("url", "kein link", "format"),
        ("email", "nobody", "format"),
        ("last_modified", "2024-13-01T00:00:00Z", "format"),
        ("last_modified", "2024-01-01 10:00", "format"),
        ("status", "open", "enum"),
        ("minimum_age", "5", "type"),
        ("name", None, "type"),
    ],
)
def test_field_errors_have_german_messages(field, value, keyword):
    doc = {
        "id": "ac148810-d857-441c-9679-408f346de14b",
        "name": "X",
        "status": "active",
        field: value,
    }
    issues = v.validate("service", doc)
    assert [i.keyword for i in issues] == [keyword]
    assert issues[0].path == f"/{field}"
    assert any(w in issues[0].message for w in ("Ungültiges Format", "nicht erlaubt", "Datentyp"))


def test_required_fields_and_page_envelope():
    issues = v.validate("service", {"id": "ac148810-d857-441c-9679-408f346de14b"})
    assert {i.message for i in issues} == {"Pflichtfeld fehlt: name", "Pflichtfeld fehlt: status"}
    page = {
        "contents": [],
        "total_items": 0,
        "total_pages": 1,
        "page_number": 1,
        "size": 0,
        "first_page": True,
        "last_page": True,
    }
    assert [i.message for i in v.validate("taxonomy", page, page=True)] == [
        "Pflichtfeld fehlt: empty"
    ]
    page["empty"] = True
    assert v.validate("taxonomy", page, page=True) == []
    page["extra"] = 1
    assert [i.keyword for i in v.validate("taxonomy", page, page=True)] == ["additionalProperties"]


def test_assert_valid_raises():
    with pytest.raises(v.HSDSValidationError) as exc:
        v.assert_valid("taxonomy", {"id": "x"})
    assert exc.value.kind == "taxonomy"
    assert len(exc.value.issues) == 3


def _signature(node):
    if not isinstance(node, dict):
        return node
    out = {k: node[k] for k in ("type", "format", "enum") if k in node}
    if "required" in node:
        out["required"] = sorted(node["required"])
    if "properties" in node:
        out["properties"] = {k: _signature(x) for k, x in node["properties"].items()}
    if "items" in node:
        out["items"] = _signature(node["items"])
    return out


@needs_shared
@pytest.mark.parametrize(
    ("kind", "compiled"),
    [
        ("service", "service"),
        ("organization", "organization"),
        ("service_at_location", "service_at_location"),
        ("service_list_item", "service_list"),
        ("organization_list_item", "organization_list"),
        ("service_at_location_list_item", "service_at_location_list"),
    ],
)
def test_derived_shapes_equal_official_compiled_schemas(kind, compiled):
    official = json.loads((SHARED / "schema" / "compiled" / f"{compiled}.json").read_text())
    assert _signature(v.dereference(kind)) == _signature(official)
