"""Pure payment helpers: amount parsing, IBAN checks, SEPA pain.001.001.09 export."""

from .amounts import MAX_AMOUNT_CENTS, AmountError, parse_amount
from .iban import IbanError, validate_iban
from .sepa import Debtor, Payment, SepaError, build_credit_transfer

__all__ = [
    "MAX_AMOUNT_CENTS",
    "AmountError",
    "Debtor",
    "IbanError",
    "Payment",
    "SepaError",
    "build_credit_transfer",
    "parse_amount",
    "validate_iban",
]
