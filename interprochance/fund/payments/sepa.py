"""SEPA credit transfer files (pain.001.001.09) written with sepaxml and checked against its XSD.

The output is deterministic for the same input: message id, creation time and
payment-information id come from the caller (the payout batch), not from
random values, so re-exporting a batch after a crash yields the same file and
the bank's duplicate check (MsgId / EndToEndId) recognises a second upload.
"""

from __future__ import annotations

import functools
import os
import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

import sepaxml
from sepaxml import SepaTransfer

from .iban import IbanError, validate_iban

SCHEMA = "pain.001.001.09"
# Characters permitted by the SEPA (EPC) basic Latin character set.
_SEPA_ID = re.compile(r"^[A-Za-z0-9/\-?:().,'+ ]{1,35}$")


class SepaError(ValueError):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True, slots=True)
class Address:
    street: str = ""
    building_number: str = ""
    postcode: str = ""
    town: str = ""
    country: str = "DE"

    def as_sepaxml(self) -> dict[str, str]:
        out = {
            "street_name": self.street,
            "building_number": self.building_number,
            "postcode": self.postcode,
            "town": self.town,
            "country": self.country,
        }
        return {k: v for k, v in out.items() if v}


@dataclass(frozen=True, slots=True)
class Debtor:
    name: str
    iban: str
    bic: str = ""
    address: Address | None = None


@dataclass(frozen=True, slots=True)
class Payment:
    end_to_end_id: str
    creditor_name: str
    iban: str
    amount_cents: int
    remittance: str
    bic: str = ""
    address: Address | None = None


def _check_id(value: str, what: str) -> None:
    if not _SEPA_ID.match(value or ""):
        raise SepaError(
            "id", f"{what} „{value}“ ist für SEPA ungültig (1–35 Zeichen, keine Sonderzeichen)."
        )


def check_payments(payments: Sequence[Payment], *, check_ibans: bool = True) -> None:
    """Every problem in the batch, found before anything is written."""
    if not payments:
        raise SepaError("empty", "Der Zahlungslauf enthält keine Zahlungen.")
    seen: set[str] = set()
    for p in payments:
        _check_id(p.end_to_end_id, "Die Ende-zu-Ende-Referenz")
        if p.end_to_end_id in seen:
            raise SepaError(
                "duplicate", f"Die Zahlung {p.end_to_end_id} steht zweimal im Zahlungslauf."
            )
        seen.add(p.end_to_end_id)
        if type(p.amount_cents) is not int or p.amount_cents <= 0:
            raise SepaError("amount", f"Die Zahlung {p.end_to_end_id} hat keinen positiven Betrag.")
        if p.amount_cents > 99_999_999_999:
            raise SepaError("amount", f"Der Betrag der Zahlung {p.end_to_end_id} ist zu hoch.")
        if not p.creditor_name.strip():
            raise SepaError(
                "name", f"Bei der Zahlung {p.end_to_end_id} fehlt der Name des Empfängers."
            )
        if check_ibans:
            try:
                validate_iban(p.iban)
            except IbanError as exc:
                raise SepaError("iban", f"Zahlung {p.end_to_end_id}: {exc.message}") from None


def build_credit_transfer(
    *,
    message_id: str,
    created_at: datetime,
    execution_date: date,
    debtor: Debtor,
    payments: Sequence[Payment],
    check_ibans: bool = True,
) -> bytes:
    """Return a pain.001.001.09 document validated against the XSD shipped with sepaxml."""
    _check_id(message_id, "Die Nachrichtenkennung")
    try:
        debtor_iban = validate_iban(debtor.iban)
    except IbanError as exc:
        raise SepaError("debtor_iban", f"Auftraggeberkonto: {exc.message}") from None
    check_payments(payments, check_ibans=check_ibans)

    config: dict = {
        "name": debtor.name,
        "IBAN": debtor_iban.iban,
        "batch": True,
        "currency": "EUR",
    }
    bic = debtor.bic or debtor_iban.bic
    if bic:
        config["BIC"] = bic
    if debtor.address:
        config["address"] = debtor.address.as_sepaxml()
    sepa = SepaTransfer(config, schema=SCHEMA, clean=True)
    header = sepa._xml.find("CstmrCdtTrfInitn/GrpHdr")
    header.find("MsgId").text = message_id
    header.find("CreDtTm").text = created_at.strftime("%Y-%m-%dT%H:%M:%S")
    for p in payments:
        entry = {
            "name": p.creditor_name,
            "IBAN": p.iban.replace(" ", "").upper(),
            "amount": p.amount_cents,
            "execution_date": execution_date,
            "description": p.remittance or p.end_to_end_id,
            "endtoend_id": p.end_to_end_id,
        }
        if p.bic:
            entry["BIC"] = p.bic
        if p.address:
            entry["address"] = p.address.as_sepaxml()
        sepa.add_payment(entry)
    out = sepa.export(validate=False)
    # One payment-information block per execution date: give it a stable id.
    out = re.sub(
        rb"<PmtInfId>[^<]*</PmtInfId>",
        f"<PmtInfId>{message_id}-1</PmtInfId>".encode(),
        out,
        count=1,
    )
    validate_xml(out)
    return out


@functools.cache
def _schema():  # compiled once per process (about 0.1 s)
    import xmlschema  # imported late, as sepaxml does: it patches ElementTree on import

    path = os.path.join(os.path.dirname(sepaxml.__file__), "schemas", f"{SCHEMA}.xsd")
    return xmlschema.XMLSchema(path)


def validate_xml(document: bytes) -> None:
    """Validate the whole document against the official pain.001.001.09 XSD."""
    import xmlschema

    try:
        root = ET.fromstring(document)  # noqa: S314 - our own output, not untrusted input
    except ET.ParseError as exc:
        raise SepaError("xml", f"Die SEPA-Datei ist kein gültiges XML: {exc}") from exc
    try:
        _schema().validate(root, use_defaults=False)  # strict; only skips filling in defaults
    except xmlschema.XMLSchemaValidationError as exc:
        reason = exc.reason or "unbekannter Fehler"
        raise SepaError(
            "xsd", f"Die SEPA-Datei entspricht nicht dem Schema {SCHEMA}: {reason} ({exc.path})"
        ) from exc
