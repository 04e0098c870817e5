"""Strict validation of HSDS 3.0 documents against the official schemas.

Pure Python (no Django). The per-object schemas shipped by Open Referral
(vendored in ``schema/``) reference each other by file name (``"$ref":
"phone.json"``); they are loaded into a ``referencing.Registry`` keyed by file
name, so no network access ever happens.

Strictness follows the specification repository's own CI: every object schema
gets ``additionalProperties: false``, so an unknown or misspelt field is an
error rather than silently ignored.

The API shapes (fully nested organisation with its services, service at
location with its service, the one-to-one "list" shapes, the paginated page
wrapper) are derived here from the per-object schemas in the same way the
official ``compiled/*.json`` files are built; ``tests/test_hsds_validator.py``
checks that the derived shapes equal the compiled ones.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

SCHEMA_DIR = Path(__file__).resolve().parent / "schema"

HSDS_VERSION = "3.0"

#: The object files of the specification (every ``*.json`` but the OpenAPI file).
OBJECT_FILES = (
    "accessibility",
    "address",
    "attribute",
    "contact",
    "cost_option",
    "funding",
    "language",
    "location",
    "meta_table_description",
    "metadata",
    "organization",
    "organization_identifier",
    "phone",
    "program",
    "required_document",
    "schedule",
    "service",
    "service_area",
    "service_at_location",
    "taxonomy",
    "taxonomy_term",
)

#: Document kinds this module validates. Keys are used by callers and tests.
KINDS = (
    "api_root",
    "service",
    "service_list_item",
    "organization",
    "organization_list_item",
    "service_at_location",
    "service_at_location_list_item",
    "taxonomy",
    "taxonomy_term",
    "location",
)

PAGE_FIELDS = {
    "total_items": {"type": "integer", "minimum": 0},
    "total_pages": {"type": "integer", "minimum": 0},
    "page_number": {"type": "integer", "minimum": 1},
    "size": {"type": "integer", "minimum": 0},
    "first_page": {"type": "boolean"},
    "last_page": {"type": "boolean"},
    "empty": {"type": "boolean"},
}


@dataclass(frozen=True)
class SchemaIssue:
    """One validation error: where (JSON pointer-ish path) and what (German)."""

    path: str
    message: str
    keyword: str

    def __str__(self) -> str:  # pragma: no cover - convenience
        return f"{self.path}: {self.message}"


class HSDSValidationError(ValueError):
    def __init__(self, kind: str, issues: list[SchemaIssue]):
        self.kind = kind
        self.issues = issues
        head = "; ".join(str(i) for i in issues[:5])
        more = f" (+{len(issues) - 5} weitere)" if len(issues) > 5 else ""
        super().__init__(f"HSDS-{kind} ungültig: {head}{more}")


# --------------------------------------------------------------------------- formats

_RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")


def _check_uri(value: object) -> bool:
    if not isinstance(value, str):
        return True
    if not value or any(c.isspace() for c in value) or any(c in value for c in '<>"{}|\\^`'):
        return False
    parts = urlsplit(value)
    if not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*$", parts.scheme or ""):
        return False
    if parts.scheme.lower() in {"http", "https", "ftp"}:
        return bool(parts.netloc)
    return bool(parts.netloc or parts.path)


def _check_date_time(value: object) -> bool:
    if not isinstance(value, str):
        return True
    if not _RFC3339.match(value):
        return False
    try:
        datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return False
    return True


def _check_date(value: object) -> bool:
    if not isinstance(value, str):
        return True
    if not re.match(r"^\d{4}-\d{2}-\d{2}$", value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def format_checker() -> FormatChecker:
    checker = FormatChecker()
    # jsonschema only checks these when optional packages are present;
    # they are not installed here, so the checks are defined explicitly.
    checker.checks("uri")(_check_uri)
    checker.checks("date-time")(_check_date_time)
    checker.checks("date")(_check_date)
    return checker


# --------------------------------------------------------------------------- schemas


def _load(name: str, schema_dir: Path) -> dict[str, Any]:
    with open(schema_dir / f"{name}.json", encoding="utf-8") as fh:
        return json.load(fh)


def strictify(schema: Any) -> Any:
    """Return a copy in which every object schema forbids additional properties."""
    if isinstance(schema, list):
        return [strictify(s) for s in schema]
    if not isinstance(schema, dict):
        return schema
    out = {k: strictify(v) for k, v in schema.items()}
    if "properties" in out and "additionalProperties" not in out:
        out["additionalProperties"] = False
    return out


def _is_array(prop: dict[str, Any]) -> bool:
    return prop.get("type") == "array"


def _flat(name: str, raw: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """One-to-one shape of an object: array fields dropped, single objects inlined flat.

    This is how ``compiled/*_list.json`` are built from the object files.
    """
    schema = copy.deepcopy(raw[name])
    props: dict[str, Any] = {}
    for key, prop in schema["properties"].items():
        if _is_array(prop):
            continue
        ref = prop.get("$ref")
        if ref:
            props[key] = _flat(ref.removesuffix(".json"), raw)
        else:
            props[key] = prop
    schema["properties"] = props
    return schema


def _derived(raw: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Schemas for the API shapes that are not object files of their own."""
    org_full = copy.deepcopy(raw["organization"])
    org_full["properties"]["services"] = {
        "name": "services",
        "type": "array",
        "items": {"$ref": "service.json"},
    }
    # A service nested in a service_at_location does not repeat its locations.
    service_in_sal = copy.deepcopy(raw["service"])
    service_in_sal["properties"].pop("service_at_locations")
    sal_full = copy.deepcopy(raw["service_at_location"])
    sal_full["properties"]["service"] = {"$ref": "x-service-in-sal.json"}

    sal_list = _flat("service_at_location", raw)
    sal_list["properties"]["service"] = _flat("service", raw)

    return {
        "x-organization-full.json": org_full,
        "x-service-in-sal.json": service_in_sal,
        "x-service-at-location-full.json": sal_full,
        "x-service-list-item.json": _flat("service", raw),
        "x-organization-list-item.json": _flat("organization", raw),
        "x-service-at-location-list-item.json": sal_list,
        "x-api-root.json": {
            "type": "object",
            "required": ["version", "profile", "openapi_url"],
            "properties": {
                "version": {"type": "string"},
                "profile": {"type": "string", "format": "uri"},
                "openapi_url": {"type": "string", "format": "uri"},
            },
        },
    }


_KIND_URI = {
    "api_root": "x-api-root.json",
    "service": "service.json",
    "service_list_item": "x-service-list-item.json",
    "organization": "x-organization-full.json",
    "organization_list_item": "x-organization-list-item.json",
    "service_at_location": "x-service-at-location-full.json",
    "service_at_location_list_item": "x-service-at-location-list-item.json",
    "taxonomy": "taxonomy.json",
    "taxonomy_term": "taxonomy_term.json",
    "location": "location.json",
}


@lru_cache(maxsize=4)
def registry(schema_dir: Path = SCHEMA_DIR, strict: bool = True) -> Registry:
    raw = {name: _load(name, schema_dir) for name in OBJECT_FILES}
    docs: dict[str, dict[str, Any]] = {f"{n}.json": s for n, s in raw.items()}
    docs.update(_derived(raw))
    reg: Registry = Registry()
    for uri, doc in docs.items():
        contents = strictify(doc) if strict else doc
        reg = reg.with_resource(
            uri, Resource.from_contents(contents, default_specification=DRAFT202012)
        )
    return reg.crawl()


def _page_schema(item_uri: str) -> dict[str, Any]:
    return {
        "type": "object",
        "required": [*PAGE_FIELDS, "contents"],
        "properties": {
            **PAGE_FIELDS,
            "contents": {"type": "array", "items": {"$ref": item_uri}},
        },
        "additionalProperties": False,
    }


@lru_cache(maxsize=64)
def validator_for(
    kind: str, *, page: bool = False, schema_dir: Path = SCHEMA_DIR, strict: bool = True
) -> Draft202012Validator:
    if kind not in _KIND_URI:
        raise KeyError(f"unknown HSDS document kind {kind!r}")
    uri = _KIND_URI[kind]
    root: dict[str, Any] = _page_schema(uri) if page else {"$ref": uri}
    return Draft202012Validator(
        root, registry=registry(schema_dir, strict), format_checker=format_checker()
    )


# --------------------------------------------------------------------------- messages


def _path(error: Any) -> str:
    parts = [str(p) for p in error.absolute_path]
    return "/" + "/".join(parts) if parts else "/"


def _german(error: Any) -> str:
    kw = error.validator
    if kw == "required":
        missing = re.findall(r"'([^']+)' is a required property", error.message)
        return f"Pflichtfeld fehlt: {', '.join(missing) or error.message}"
    if kw == "additionalProperties":
        extra = re.findall(r"'([^']+)'", error.message)
        return f"Feld im HSDS-Schema nicht vorgesehen: {', '.join(extra)}"
    if kw == "type":
        return f"Falscher Datentyp, erwartet: {error.validator_value}"
    if kw == "format":
        return f"Ungültiges Format ({error.validator_value}): {error.instance!r}"
    if kw == "enum":
        allowed = ", ".join(str(v) for v in error.validator_value)
        return f"Wert {error.instance!r} nicht erlaubt (erlaubt: {allowed})"
    if kw == "minimum":
        return f"Wert {error.instance!r} ist kleiner als {error.validator_value}"
    return f"Schemaverletzung ({kw}): {error.message}"


def validate(
    kind: str, document: Any, *, page: bool = False, schema_dir: Path = SCHEMA_DIR
) -> list[SchemaIssue]:
    """All strict-schema issues of ``document`` (empty list = valid)."""
    errors: Iterable[Any] = validator_for(kind, page=page, schema_dir=schema_dir).iter_errors(
        document
    )
    issues = [SchemaIssue(_path(e), _german(e), str(e.validator)) for e in errors]
    issues.sort(key=lambda i: (i.path, i.keyword, i.message))
    return issues


def assert_valid(kind: str, document: Any, *, page: bool = False) -> None:
    issues = validate(kind, document, page=page)
    if issues:
        raise HSDSValidationError(kind, issues)


def dereference(kind: str, *, schema_dir: Path = SCHEMA_DIR) -> dict[str, Any]:
    """The fully inlined (non-strict) schema of ``kind``, for comparison with compiled files."""
    reg = registry(schema_dir, False)

    def walk(node: Any) -> Any:
        if isinstance(node, list):
            return [walk(n) for n in node]
        if not isinstance(node, dict):
            return node
        if "$ref" in node:
            target = dict(reg.contents(node["$ref"]))
            merged = {k: v for k, v in node.items() if k != "$ref"}
            return walk({**target, **merged})
        return {k: walk(v) for k, v in node.items()}

    return walk({"$ref": _KIND_URI[kind]})
