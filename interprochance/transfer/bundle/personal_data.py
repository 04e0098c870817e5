"""Personal-data detector for transfer bundles (pure Python).

A transfer bundle carries a municipality's *configuration*; it must never
carry personal data (Art. 4 Nr. 1 GDPR, Sozialdaten § 67 SGB X).  The
detector walks every key and string value and reports findings with their
JSON path.  It is deliberately strict: a false alarm costs an edit, a miss
leaks data.

Two kinds of checks:

* keys whose name says "personal" (email, phone, birth date, IBAN, address,
  case number, member/owner/contact person, ...), in English and German;
* values that look like personal data whatever the key: e-mail addresses,
  IBANs (ISO 13616 mod-97 check), phone numbers (German/international
  formats with a prefix or separators), German pension insurance numbers,
  birth dates written as "geb. 01.02.2010", postal street addresses with a
  house number, and salutations with a surname ("Frau Müller").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

DENIED_KEY_TOKENS = frozenset(
    {
        # identity
        "firstname",
        "lastname",
        "surname",
        "givenname",
        "fullname",
        "vorname",
        "nachname",
        "familienname",
        "birth",
        "birthday",
        "birthdate",
        "dob",
        "geburt",
        "geburtsdatum",
        "geburtstag",
        "gender",
        "geschlecht",
        "nationality",
        "staatsangehoerigkeit",
        "religion",
        "diagnosis",
        "diagnose",
        "disability",
        "behinderung",
        "health",
        "gesundheit",
        # contact
        "email",
        "mail",
        "phone",
        "telephone",
        "telefon",
        "mobile",
        "mobil",
        "fax",
        "address",
        "adresse",
        "anschrift",
        "street",
        "strasse",
        "housenumber",
        "hausnummer",
        # money / identifiers
        "iban",
        "bic",
        "taxid",
        "steuerid",
        "insurance",
        "svnr",
        "versicherungsnummer",
        "aktenzeichen",
        "casenumber",
        "filenumber",
        "caseid",
        "clientid",
        "username",
        "password",
        "ip",
        "ipaddress",
        # people in roles
        "person",
        "persons",
        "people",
        "owner",
        "member",
        "members",
        "mitglied",
        "contact",
        "ansprechpartner",
        "responsible",
        "verantwortlich",
        "client",
        "klient",
        "patient",
        "signatory",
        "unterzeichner",
    }
)

_SPLIT = re.compile(r"[_\-\s.]+|(?<=[a-z])(?=[A-Z])")


def _key_tokens(key: str) -> set[str]:
    parts = [p.lower() for p in _SPLIT.split(key) if p]
    tokens = set(parts)
    tokens.add("".join(parts))
    # adjacent pairs, so "first_name" and "e_mail" are caught as words
    tokens.update(a + b for a, b in zip(parts, parts[1:], strict=False))
    return {
        t.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")
        for t in tokens
    }


EMAIL = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(\.[\w-]+)+")
IBAN_CANDIDATE = re.compile(r"\b[A-Z]{2}\d{2}(?:\s?[A-Z0-9]{4}){2,7}(?:\s?[A-Z0-9]{1,4})?\b")
PHONE = re.compile(
    r"(?:(?<![\w+])(?:\+|00)\d{1,3}[\s/-]?(?:\(0\))?\s?\d{2,5}[\s/-]?\d{3,}(?:[\s-]?\d+)*)"
    r"|(?:\b0\d{2,5}(?:\s?/\s?|\s|-)\d{3,}(?:[\s-]?\d+)*)"
    r"|(?:\b(?:tel|telefon|fon|fax|mobil|handy)\.?:?\s*\+?[\d][\d\s/()-]{5,}\d)",
    re.IGNORECASE,
)
PENSION_NUMBER = re.compile(r"\b\d{2}[0-3]\d[01]\d\d{2}[A-Z]\d{3}\b")
BIRTH = re.compile(
    r"\b(?:geb\.|geboren|geburtsdatum|geburtstag|born|date of birth|dob)\s*(?:am|on|:)?\s*"
    r"\d{1,4}[./-]\d{1,2}[./-]\d{1,4}",
    re.IGNORECASE,
)
STREET = re.compile(
    r"\b[A-ZÄÖÜ][\wäöüß.-]*(?:straße|strasse|str\.|weg|gasse|platz|allee|ring|damm|ufer)"
    r"\s+\d{1,4}\s?[a-zA-Z]?\b"
    r"|\b[A-ZÄÖÜ][\wäöüß-]+\s+(?:Straße|Strasse|Str\.|Weg|Gasse|Platz|Allee|Ring|Damm)"
    r"\s+\d{1,4}\s?[a-zA-Z]?\b"
    r"|\b(?:Am|An der|Auf der|Im|In der|Zum|Zur)\s+[A-ZÄÖÜ][\wäöüß-]+\s+\d{1,4}\s?[a-z]?\b,\s*\d{5}",
)
SALUTATION = re.compile(r"\b(?:Herrn?|Frau|Hr\.|Fr\.)\s+(?:Dr\.\s+|Prof\.\s+)*[A-ZÄÖÜ][a-zäöüß]+")


def _iban_ok(text: str) -> bool:
    compact = text.replace(" ", "")
    if not 15 <= len(compact) <= 34:
        return False
    moved = compact[4:] + compact[:4]
    digits = "".join(str(int(c, 36)) for c in moved)
    return int(digits) % 97 == 1


@dataclass(frozen=True)
class Finding:
    path: str  # JSON path like $.contents.concepts[2].goal
    kind: str  # key, email, iban, phone, pension_number, birth_date, address, person_name
    excerpt: str  # masked, so that a report of a finding does not leak the data itself


def _mask(text: str) -> str:
    text = text.strip()
    if len(text) <= 4:
        return "*" * len(text)
    return text[:2] + "*" * (len(text) - 4) + text[-2:]


def scan_text(text: str) -> Iterator[tuple[str, str]]:
    for match in EMAIL.finditer(text):
        yield "email", match.group(0)
    for match in IBAN_CANDIDATE.finditer(text):
        if _iban_ok(match.group(0)):
            yield "iban", match.group(0)
    for match in PENSION_NUMBER.finditer(text):
        yield "pension_number", match.group(0)
    for match in BIRTH.finditer(text):
        yield "birth_date", match.group(0)
    for match in PHONE.finditer(text):
        digits = sum(c.isdigit() for c in match.group(0))
        if 6 <= digits <= 15:
            yield "phone", match.group(0)
    for match in STREET.finditer(text):
        yield "address", match.group(0)
    for match in SALUTATION.finditer(text):
        yield "person_name", match.group(0)


def _walk(node: object, path: str) -> Iterator[Finding]:
    if isinstance(node, dict):
        for key, value in node.items():
            key_text = str(key)
            child = f"{path}.{key_text}"
            if _key_tokens(key_text) & DENIED_KEY_TOKENS:
                yield Finding(child, "key", key_text)
            yield from _walk(value, child)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _walk(value, f"{path}[{index}]")
    elif isinstance(node, str):
        for kind, text in scan_text(node):
            yield Finding(path, kind, _mask(text))


def find_personal_data(document: object) -> list[Finding]:
    """All findings in ``document`` (a parsed JSON value), in document order,
    at most one per path and kind."""
    seen: set[tuple[str, str]] = set()
    findings = []
    for finding in _walk(document, "$"):
        if (finding.path, finding.kind) not in seen:
            seen.add((finding.path, finding.kind))
            findings.append(finding)
    return findings
