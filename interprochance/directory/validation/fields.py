"""Pure validators for directory input fields (no Django).

Each validator returns the normalised value or raises :class:`FieldProblem`
carrying a specific German message for the person who typed the value. The
Django layer turns these into form errors; the HSDS import collects them for
every record before anything is written.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

import phonenumbers

from interprochance.core.textcheck import text_problem

#: Oldest age a Präventionskette service is aimed at (Übergang Schule-Beruf ends at 27).
MAX_AGE = 27


@dataclass
class FieldProblem(ValueError):
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


# --------------------------------------------------------------------------- phone


def validate_phone(raw: str, *, field: str = "phone", region: str = "DE") -> str:
    """Return the number in E.164 (``+496150123456``) or raise.

    National numbers are read as German numbers (``06150 1234`` -> ``+4961501234``).
    """
    value = (raw or "").strip()
    if not value:
        raise FieldProblem(field, "Bitte eine Telefonnummer angeben.")
    if re.search(r"[^0-9+()/.\-\s]", value):
        raise FieldProblem(
            field,
            f"„{value}“ ist keine Telefonnummer: erlaubt sind Ziffern, Leerzeichen, + ( ) / - .",
        )
    try:
        parsed = phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException:
        raise FieldProblem(field, f"„{value}“ ist keine gültige Telefonnummer.") from None
    if not phonenumbers.is_valid_number(parsed):
        raise FieldProblem(
            field,
            f"„{value}“ ist keine gültige Telefonnummer (Vorwahl und Rufnummer prüfen, "
            "z. B. 06150 12345).",
        )
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def format_phone(e164: str) -> str:
    """Human-readable form for display: national for German numbers, else international."""
    parsed = phonenumbers.parse(e164, "DE")
    fmt = (
        phonenumbers.PhoneNumberFormat.NATIONAL
        if parsed.country_code == 49
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    return phonenumbers.format_number(parsed, fmt)


# --------------------------------------------------------------------------- e-mail

_LOCAL = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$")
_LABEL = re.compile(r"^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$")


def _valid_domain(domain: str) -> bool:
    try:
        ascii_domain = domain.encode("idna").decode("ascii")
    except UnicodeError:
        return False
    labels = ascii_domain.split(".")
    if len(labels) < 2 or len(ascii_domain) > 253:
        return False
    if not all(_LABEL.match(label) for label in labels):
        return False
    return re.match(r"^[A-Za-z]{2,63}$|^xn--[A-Za-z0-9-]+$", labels[-1]) is not None


def validate_email(raw: str, *, field: str = "email") -> str:
    value = (raw or "").strip()
    if not value:
        raise FieldProblem(field, "Bitte eine E-Mail-Adresse angeben.")
    if value.count("@") != 1:
        raise FieldProblem(
            field, f"„{value}“ ist keine E-Mail-Adresse: sie braucht genau ein @-Zeichen."
        )
    local, domain = value.split("@")
    if not local or len(local) > 64 or not _LOCAL.match(local):
        raise FieldProblem(field, f"„{value}“ ist keine gültige E-Mail-Adresse (Teil vor dem @).")
    if not _valid_domain(domain):
        raise FieldProblem(
            field,
            f"„{value}“ ist keine gültige E-Mail-Adresse (Domain nach dem @, z. B. traeger.de).",
        )
    return f"{local}@{domain.lower()}"


# --------------------------------------------------------------------------- URL


def validate_url(raw: str, *, field: str = "url") -> str:
    """Return a normalised http(s) URL; ``www.example.de`` becomes ``https://www.example.de``."""
    value = (raw or "").strip()
    if not value:
        raise FieldProblem(field, "Bitte eine Internetadresse angeben.")
    if any(c.isspace() for c in value) or any(c in value for c in '<>"{}|\\^`'):
        raise FieldProblem(
            field, f"„{value}“ ist keine gültige Internetadresse (Leer- oder Sonderzeichen)."
        )
    if "://" not in value:
        if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", value) and not re.match(
            r"^[^:/]+\.[^:/]+:\d", value
        ):
            raise FieldProblem(
                field,
                f"„{value}“ ist keine Internetadresse: nur http:// und https:// sind erlaubt.",
            )
        value = "https://" + value
    parts = urlsplit(value)
    if parts.scheme.lower() not in {"http", "https"}:
        raise FieldProblem(
            field,
            f"„{raw.strip()}“ ist keine Internetadresse: nur http:// und https:// sind erlaubt.",
        )
    host = parts.hostname or ""
    try:
        _ = parts.port
    except ValueError:
        raise FieldProblem(field, f"„{raw.strip()}“ hat eine ungültige Portangabe.") from None
    if parts.username or parts.password:
        raise FieldProblem(field, f"„{raw.strip()}“ darf keine Zugangsdaten enthalten.")
    if not _valid_domain(host):
        raise FieldProblem(
            field,
            f"„{raw.strip()}“ ist keine gültige Internetadresse (Domain, z. B. www.traeger.de).",
        )
    return urlunsplit(
        (parts.scheme.lower(), parts.netloc.lower(), parts.path, parts.query, parts.fragment)
    )


# --------------------------------------------------------------------------- free text


def validate_text(
    raw: str | None,
    *,
    field: str,
    label: str,
    required: bool = False,
    max_length: int = 5000,
    multiline: bool = True,
) -> str:
    """Plain text without markup. HTML or script is rejected, not silently stripped.

    Output is still escaped when rendered (Django autoescape, JSON encoding); the
    rejection gives the provider a clear message instead of a garbled entry.
    """
    value = unicodedata.normalize("NFC", raw or "").strip()
    if not value:
        if required:
            raise FieldProblem(field, f"{label}: Bitte ausfüllen.")
        return ""
    if len(value) > max_length:
        raise FieldProblem(field, f"{label}: höchstens {max_length} Zeichen (jetzt {len(value)}).")
    problem = text_problem(value)
    if problem is not None and problem.kind == "markup":
        raise FieldProblem(
            field,
            f"{label}: HTML-Auszeichnungen wie <b> oder <script> sind nicht erlaubt. "
            "Bitte nur einfachen Text eingeben.",
        )
    if problem is not None and problem.kind == "script":
        raise FieldProblem(
            field,
            f"{label}: Skript-Anweisungen (z. B. „javascript:“ oder „onclick=“) sind nicht erlaubt.",
        )
    if not multiline and ("\n" in value or "\r" in value):
        raise FieldProblem(field, f"{label}: bitte ohne Zeilenumbruch.")
    if problem is not None:
        raise FieldProblem(
            field, f"{label}: enthält unsichtbare Steuerzeichen (U+{ord(problem.char):04X})."
        )
    return value.replace("\r\n", "\n").replace("\r", "\n")


# --------------------------------------------------------------------------- ages


def validate_age_range(
    minimum: int | None, maximum: int | None, *, field: str = "age"
) -> tuple[int | None, int | None]:
    """Ages of the child or young person in whole years, 0..MAX_AGE, min <= max."""
    for name, value in (("Mindestalter", minimum), ("Höchstalter", maximum)):
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int):
            raise FieldProblem(field, f"{name}: bitte eine ganze Zahl (Jahre) angeben.")
        if value < 0 or value > MAX_AGE:
            raise FieldProblem(field, f"{name} {value} liegt außerhalb von 0 bis {MAX_AGE} Jahren.")
    if minimum is not None and maximum is not None and minimum > maximum:
        raise FieldProblem(
            field, f"Das Mindestalter ({minimum}) ist größer als das Höchstalter ({maximum})."
        )
    return minimum, maximum
