"""Transfer bundle: versioned JSON carrying a municipality's configuration.

Pure Python (no Django).  Layout, version 1::

    {
      "format": "interprochance-transfer",
      "version": 1,
      "created_at": "2026-11-25T08:00:00+00:00",
      "source": {"name": "Weiterstadt", "ags": "06432023"},
      "contents": {
        "indicators":         [{"code": ..., "name": ..., ...}],
        "taxonomies":         [{"code": ..., "name": ..., "terms": [...]}],
        "concepts":           [{"code": ..., "name": ..., "stages": [...]}],
        "fund_procedures":    [...],
        "report_templates":   [...],
        "success_conditions": [...],
        "guideline":          [...]
      },
      "checksum": "sha256:<hex of the canonical JSON of contents>"
    }

Every section is a list of items with a ``code`` (unique within the section,
or within an item's ``module``/``vocabulary`` when given) and a ``name``;
other item fields are free (each module decides what its configuration
holds) but must be plain JSON.  Unknown sections are refused so that a newer
exporter's content is never silently dropped.  ``load_bundle`` checks, in
this order: size, JSON syntax, format and version, schema, unique codes,
checksum, personal data - and raises a ``BundleError`` naming every problem
found at the failing step.  Nothing is returned unless all checks pass.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from jsonschema import Draft202012Validator

from .personal_data import Finding, find_personal_data

FORMAT = "interprochance-transfer"
VERSION = 1
MAX_BYTES = 5_000_000
MAX_DEPTH = 12
SECTIONS = (
    "indicators",
    "taxonomies",
    "concepts",
    "fund_procedures",
    "report_templates",
    "success_conditions",
    "guideline",
)

_CODE = {"type": "string", "pattern": r"^[a-z0-9][a-z0-9_.\-]{0,79}$"}
_ITEM = {
    "type": "object",
    "required": ["code", "name"],
    "properties": {
        "code": _CODE,
        "name": {"type": "string", "minLength": 1, "maxLength": 300},
    },
}

SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "additionalProperties": False,
    "required": ["format", "version", "created_at", "source", "contents", "checksum"],
    "properties": {
        "format": {"const": FORMAT},
        "version": {"const": VERSION},
        "created_at": {"type": "string", "minLength": 10, "maxLength": 40},
        "source": {
            "type": "object",
            "additionalProperties": False,
            "required": ["name"],
            "properties": {
                "name": {"type": "string", "minLength": 1, "maxLength": 200},
                "ags": {"type": "string", "pattern": r"^\d{5}(\d{3})?$"},
            },
        },
        "contents": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                name: {"type": "array", "maxItems": 5000, "items": _ITEM} for name in SECTIONS
            },
        },
        "checksum": {"type": "string", "pattern": r"^sha256:[0-9a-f]{64}$"},
    },
}
_VALIDATOR = Draft202012Validator(SCHEMA)


class BundleError(ValueError):
    code = "bundle"

    def __init__(self, message: str, *, problems: list[str] | None = None, **params: Any):
        super().__init__(message)
        self.problems = problems or []
        self.params = params


class BundleSyntaxError(BundleError):
    code = "syntax"


class BundleVersionError(BundleError):
    code = "version"


class BundleSchemaError(BundleError):
    code = "schema"


class BundleChecksumError(BundleError):
    code = "checksum"


class PersonalDataError(BundleError):
    code = "personal_data"

    def __init__(self, message: str, *, findings: list[Finding]):
        super().__init__(message, problems=[f"{f.path}: {f.kind} ({f.excerpt})" for f in findings])
        self.findings = findings


@dataclass(frozen=True)
class Bundle:
    version: int
    created_at: str
    source: dict[str, str]
    contents: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    checksum: str = ""

    def section(self, name: str) -> list[dict[str, Any]]:
        return self.contents.get(name, [])

    def counts(self) -> dict[str, int]:
        return {name: len(self.contents.get(name, [])) for name in SECTIONS}


def canonical_json(value: object) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def checksum_of(contents: Mapping[str, object]) -> str:
    return "sha256:" + hashlib.sha256(canonical_json(contents).encode("utf-8")).hexdigest()


def _depth(node: object, level: int = 0) -> int:
    if level > MAX_DEPTH:
        return level
    if isinstance(node, dict):
        return max((_depth(v, level + 1) for v in node.values()), default=level)
    if isinstance(node, list):
        return max((_depth(v, level + 1) for v in node), default=level)
    return level


def _check_document(document: object) -> None:
    if not isinstance(document, dict):
        raise BundleSyntaxError("a transfer bundle is a JSON object")
    fmt, version = document.get("format"), document.get("version")
    if fmt != FORMAT:
        raise BundleVersionError(
            f"not a transfer bundle (format {fmt!r}, expected {FORMAT!r})",
            found_format=fmt,
        )
    if version != VERSION:
        raise BundleVersionError(
            f"bundle version {version!r} is not supported (expected {VERSION})",
            found=version,
            expected=VERSION,
        )
    if _depth(document) > MAX_DEPTH:
        raise BundleSchemaError(f"bundle nested deeper than {MAX_DEPTH} levels")
    errors = sorted(_VALIDATOR.iter_errors(document), key=lambda e: list(e.absolute_path))
    if errors:
        problems = [
            "$"
            + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in e.absolute_path)
            + f": {e.message}"
            for e in errors[:50]
        ]
        raise BundleSchemaError(
            f"bundle does not match the schema ({len(errors)} problems)", problems=problems
        )
    duplicates = []
    for name, items in document["contents"].items():
        seen: set[tuple[str, str, str]] = set()
        for index, item in enumerate(items):
            # codes are unique per module vocabulary (items may say which)
            key = (str(item.get("module", "")), str(item.get("vocabulary", "")), item["code"])
            if key in seen:
                duplicates.append(f"$.contents.{name}[{index}].code: duplicate {item['code']!r}")
            seen.add(key)
    if duplicates:
        raise BundleSchemaError("duplicate codes in bundle", problems=duplicates)
    findings = find_personal_data(document)
    if findings:
        raise PersonalDataError(
            f"bundle contains what looks like personal data ({len(findings)} findings)",
            findings=findings,
        )


def build_bundle(
    *,
    source_name: str,
    source_ags: str | None,
    contents: Mapping[str, list[dict[str, Any]]],
    created_at: dt.datetime,
) -> dict[str, Any]:
    """Assemble and check a bundle document (a dict ready for ``json.dumps``).

    Raises the same errors as ``load_bundle``: an exporter never writes a
    bundle that the importer would refuse, and never one with personal data.
    """
    source: dict[str, str] = {"name": source_name}
    if source_ags:
        source["ags"] = source_ags
    body = {name: list(contents[name]) for name in SECTIONS if name in contents}
    unknown = sorted(set(contents) - set(SECTIONS))
    if unknown:
        raise BundleSchemaError(
            f"unknown sections: {', '.join(unknown)}",
            problems=[f"$.contents.{u}: unknown section" for u in unknown],
        )
    # Round-trip through JSON so the checksum covers exactly what is written.
    body = json.loads(canonical_json(body))
    document = {
        "format": FORMAT,
        "version": VERSION,
        "created_at": created_at.isoformat(),
        "source": source,
        "contents": body,
        "checksum": checksum_of(body),
    }
    _check_document(document)
    return document


def dumps(document: Mapping[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def load_bundle(data: str | bytes) -> Bundle:
    """Parse and check a bundle; raise ``BundleError`` (a subclass) if any
    check fails."""
    size = len(data.encode("utf-8") if isinstance(data, str) else data)
    if size > MAX_BYTES:
        raise BundleSyntaxError(f"bundle larger than {MAX_BYTES} bytes", size=size)
    try:
        document = json.loads(data)
    except (ValueError, UnicodeDecodeError) as exc:
        raise BundleSyntaxError(f"not valid JSON: {exc}") from None
    _check_document(document)
    if checksum_of(document["contents"]) != document["checksum"]:
        raise BundleChecksumError("checksum does not match the contents (file changed or damaged)")
    return Bundle(
        version=document["version"],
        created_at=document["created_at"],
        source=dict(document["source"]),
        contents={name: document["contents"].get(name, []) for name in SECTIONS},
        checksum=document["checksum"],
    )
