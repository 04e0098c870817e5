"""Amount parsing, IBAN checks and SEPA pain.001.001.09 export (pure, no database)."""

import re
from datetime import date, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from interprochance.fund.payments import (
    AmountError,
    Debtor,
    IbanError,
    Payment,
    SepaError,
    build_credit_transfer,
    parse_amount,
    validate_iban,
)
from interprochance.fund.payments.sepa import Address, validate_xml

pytestmark = pytest.mark.smoke

# Public test IBANs with valid national check digits.
IBAN_COMMERZ = "DE89370400440532013000"
IBAN_ING = "DE12500105170648489890"
IBAN_FR = "FR1420041010050500013M02606"


@pytest.mark.parametrize(
    ("raw", "cents"),
    [
        ("12", 1200),
        ("12,5", 1250),
        ("12,50", 1250),
        ("0,01", 1),
        ("1.234,56", 123456),
        ("1234.56", 123456),
        ("1.234", 123400),
        ("12,50 €", 1250),
        ("EUR 7", 700),
        ("  45,00\u00a0€ ", 4500),
        (Decimal("3.10"), 310),
        (15, 1500),
        ("15", 1500),
    ],
)
def test_amounts_parsed(raw, cents):
    assert parse_amount(raw) == cents


@pytest.mark.parametrize(
    ("raw", "code", "fragment"),
    [
        ("", "empty", "Bitte geben Sie einen Betrag an"),
        ("0", "zero", "größer als 0,00"),
        ("0,00", "zero", "größer als 0,00"),
        ("-5", "negative", "nicht negativ"),
        ("-0,01", "negative", "nicht negativ"),
        ("12,345", "decimals", "höchstens zwei Nachkommastellen"),
        ("0,001", "decimals", "höchstens zwei Nachkommastellen"),
        (Decimal("1.005"), "decimals", "höchstens zwei Nachkommastellen"),
        ("abc", "invalid", "keine gültige Zahl"),
        ("1,2,3", "invalid", "keine gültige Zahl"),
        ("1e3", "invalid", "keine gültige Zahl"),
        ("NaN", "invalid", "keine gültige Zahl"),
        ("2.000.000", "too_large", "zu hoch"),
        (12.5, "invalid", "Betrag in Euro"),
    ],
)
def test_bad_amounts_give_german_messages(raw, code, fragment):
    with pytest.raises(AmountError) as exc:
        parse_amount(raw)
    assert exc.value.code == code
    assert fragment in exc.value.message


@given(st.integers(min_value=1, max_value=100_000_000))
def test_amount_round_trip_german_format(cents):
    euros, rest = divmod(cents, 100)
    german = f"{euros:,}".replace(",", ".") + f",{rest:02d}"
    assert parse_amount(german) == cents
    assert parse_amount(f"{euros}.{rest:02d}") == cents


def test_valid_ibans_are_normalised():
    checked = validate_iban("de89 3704 0044 0532 0130 00")
    assert checked.iban == IBAN_COMMERZ
    assert checked.bic == "COBADEFFXXX"
    assert checked.formatted == "DE89 3704 0044 0532 0130 00"
    assert validate_iban(IBAN_FR).iban == IBAN_FR


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("", "empty"),
        ("DE89370400440532013001", "checksum"),
        ("DE00 1234", "length"),
        ("XX89370400440532013000", "country"),
        ("BR1800360305000010009795493C1", "sepa"),
    ],
)
def test_invalid_ibans(raw, code):
    with pytest.raises(IbanError) as exc:
        validate_iban(raw)
    assert exc.value.code == code
    assert "IBAN" in exc.value.message


DEBTOR = Debtor(
    "Stadt Weiterstadt Sozialfonds",
    IBAN_COMMERZ,
    address=Address("Riedbahnstr.", "6", "64331", "Weiterstadt"),
)


def _payments(n=3):
    return [
        Payment(
            f"IPC-7-{i}",
            f"Förderverein Schule {i} e.V.",
            IBAN_ING,
            1000 * (i + 1),
            f"Antrag A-{i} Klassenfahrt",
        )
        for i in range(n)
    ]


def _export(payments, msg="IPC-BATCH-7"):
    return build_credit_transfer(
        message_id=msg,
        created_at=datetime(2026, 3, 2, 9, 30),
        execution_date=date(2026, 3, 4),
        debtor=DEBTOR,
        payments=payments,
    )


def test_sepa_file_is_valid_pain_001_001_09_with_totals():
    xml = _export(_payments()).decode()
    assert 'xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.09"' in xml
    assert "<MsgId>IPC-BATCH-7</MsgId>" in xml
    assert "<NbOfTxs>3</NbOfTxs>" in xml
    assert xml.count("<CtrlSum>60.00</CtrlSum>") == 2  # group header and payment info
    assert "<EndToEndId>IPC-7-2</EndToEndId>" in xml
    assert "<Ctry>DE</Ctry>" in xml  # structured address
    assert "Forderverein" in xml  # transliterated to the SEPA character set


def test_sepa_export_is_deterministic():
    assert _export(_payments()) == _export(_payments())


def test_xsd_validation_catches_a_broken_document():
    xml = _export(_payments())
    broken = re.sub(rb"<IBAN>DE12[0-9]+</IBAN>", b"<IBAN>not-an-iban</IBAN>", xml, count=1)
    with pytest.raises(SepaError) as exc:
        validate_xml(broken)
    assert exc.value.code == "xsd"


@pytest.mark.parametrize(
    ("payments", "code"),
    [
        ([], "empty"),
        ([Payment("A", "X", IBAN_ING, 0, "r")], "amount"),
        ([Payment("A", "X", IBAN_ING, -5, "r")], "amount"),
        ([Payment("A", "X", "DE89370400440532013001", 5, "r")], "iban"),
        ([Payment("A", "X", IBAN_ING, 5, "r"), Payment("A", "Y", IBAN_ING, 6, "r")], "duplicate"),
        ([Payment("A/ä*", "X", IBAN_ING, 5, "r")], "id"),
        ([Payment("A", " ", IBAN_ING, 5, "r")], "name"),
    ],
)
def test_bad_payments_refused(payments, code):
    with pytest.raises(SepaError) as exc:
        _export(payments)
    assert exc.value.code == code
    assert exc.value.message


def test_bad_debtor_iban_refused():
    with pytest.raises(SepaError) as exc:
        build_credit_transfer(
            message_id="M1",
            created_at=datetime(2026, 1, 1),
            execution_date=date(2026, 1, 2),
            debtor=Debtor("Fonds", "DE00"),
            payments=_payments(1),
        )
    assert exc.value.code == "debtor_iban"
