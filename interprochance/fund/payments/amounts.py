"""Parse money amounts as people type them in German forms, into integer cents."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

MAX_AMOUNT_CENTS = 100_000_000  # 1,000,000 EUR: far above any single fund payment

_THOUSANDS_DOT = re.compile(r"^\d{1,3}(\.\d{3})+$")


class AmountError(ValueError):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def parse_amount(raw: str | int | Decimal, *, max_cents: int = MAX_AMOUNT_CENTS) -> int:
    """Return the amount in cents or raise AmountError with a German message.

    Accepted: ``12``, ``12,5``, ``12,50``, ``1.234,56``, ``1234.56``, ``12,50 €``,
    ``EUR 12``. A dot followed by exactly three digits (``1.234``) is a German
    thousands separator. Refused: empty, not a number, zero, negative, more
    than two decimals, above ``max_cents``.
    """
    if isinstance(raw, bool | float):  # floats are never money: refuse instead of rounding
        raise AmountError("invalid", "Bitte geben Sie einen Betrag in Euro an, zum Beispiel 45,50.")
    if isinstance(raw, int):
        value = Decimal(raw)
    elif isinstance(raw, Decimal):
        value = raw
    else:
        text = (raw or "").strip().replace("\u00a0", " ")
        text = re.sub(r"(?i)\s*(€|eur|euro)\s*", "", text).replace(" ", "")
        if not text:
            raise AmountError("empty", "Bitte geben Sie einen Betrag an.")
        negative = text.startswith("-")
        if negative or text.startswith("+"):
            text = text[1:]
        if "," in text:
            whole, _, frac = text.rpartition(",")
            whole = (
                whole.replace(".", "") if _THOUSANDS_DOT.match(whole) or "." not in whole else "!"
            )
            text = f"{whole}.{frac}"
        elif _THOUSANDS_DOT.match(text):
            text = text.replace(".", "")
        if not re.fullmatch(r"\d+(\.\d+)?|\.\d+", text):
            raise AmountError(
                "invalid", "Der Betrag ist keine gültige Zahl. Beispiel: 45,50 oder 1.234,56."
            )
        value = Decimal(text)
        if negative:
            value = -value
    try:
        if not value.is_finite():
            raise InvalidOperation
    except InvalidOperation:
        raise AmountError("invalid", "Der Betrag ist keine gültige Zahl.") from None
    if value < 0:
        raise AmountError("negative", "Der Betrag darf nicht negativ sein.")
    if value == 0:
        raise AmountError("zero", "Der Betrag muss größer als 0,00 € sein.")
    exponent = value.as_tuple().exponent  # an int for finite values (checked above)
    if isinstance(exponent, int) and exponent < -2 and value != value.quantize(Decimal("0.01")):
        raise AmountError(
            "decimals", "Der Betrag darf höchstens zwei Nachkommastellen haben (Cent)."
        )
    cents = int(value * 100)
    if cents > max_cents:
        euros = f"{max_cents // 100:,}".replace(",", ".")
        raise AmountError("too_large", f"Der Betrag ist zu hoch (höchstens {euros} €).")
    return cents
