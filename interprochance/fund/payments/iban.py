"""IBAN checks with schwifty, with German messages for the UI."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from schwifty import IBAN
from schwifty import exceptions as sx


class IbanError(ValueError):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True, slots=True)
class CheckedIban:
    iban: str  # compact, upper case
    bic: str  # derived from the bank registry when known, else ""
    bank_name: str

    @property
    def formatted(self) -> str:
        return " ".join(self.iban[i : i + 4] for i in range(0, len(self.iban), 4))


_MESSAGES: list[tuple[type[Exception], str, str]] = [
    (sx.InvalidCountryCode, "country", "Die IBAN beginnt nicht mit einem gültigen Ländercode."),
    (sx.InvalidLength, "length", "Die IBAN hat nicht die richtige Länge für dieses Land."),
    (
        sx.InvalidChecksumDigits,
        "checksum",
        "Die Prüfziffer der IBAN stimmt nicht. Bitte Tippfehler prüfen.",
    ),
    (sx.InvalidBBANChecksum, "checksum", "Die Kontonummer in der IBAN ist ungültig (Prüfziffer)."),
    (sx.InvalidBankCode, "bank", "Die Bankleitzahl in der IBAN ist unbekannt."),
    (
        sx.InvalidStructure,
        "structure",
        "Die IBAN enthält unzulässige Zeichen oder ist falsch aufgebaut.",
    ),
]


def validate_iban(raw: str) -> CheckedIban:
    """Validate an IBAN for a SEPA credit transfer; raise IbanError (German) if not usable."""
    return _validate((raw or "").strip())


@functools.lru_cache(maxsize=4096)  # payout batches pay the same providers many times
def _validate(text: str) -> CheckedIban:
    if not text:
        raise IbanError("empty", "Bitte geben Sie eine IBAN an.")
    try:
        iban = IBAN(text, validate_bban=True)
    except sx.SchwiftyException as exc:
        for cls, code, msg in _MESSAGES:
            if isinstance(exc, cls):
                raise IbanError(code, msg) from None
        raise IbanError("invalid", "Die IBAN ist ungültig.") from None
    if not iban.in_sepa_zone:
        raise IbanError(
            "sepa", "Die IBAN gehört nicht zum SEPA-Raum; eine Überweisung ist nicht möglich."
        )
    bic = iban.bic
    return CheckedIban(
        iban=iban.compact, bic=str(bic) if bic else "", bank_name=iban.bank_name or ""
    )
