"""Double-entry rules in integer cents.

Chart of accounts for the fund, per funding source ``S`` (commitment
accounting as in public budgets, "Mittelbindung"):

* ``contrib:S``  credit-normal: money put into the source (budget, donation, grant)
* ``avail:S``    debit-normal: money still free to commit; never below zero
* ``commit:S``   debit-normal: approved but not yet paid; never below zero
* ``paid:S``     debit-normal: paid out to providers

Flows: contribution Dr avail / Cr contrib; approval Dr commit / Cr avail;
payout Dr paid / Cr commit; release of an unused commitment Dr avail / Cr commit.
Every transaction sums to zero, hence the sum of all balances is always zero.
"""

from __future__ import annotations

import enum
import functools
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date


class LedgerError(ValueError):
    """A rule of the ledger is violated; ``message`` is German and user-facing."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


class AccountKind(enum.StrEnum):
    CONTRIBUTION = "contrib"
    AVAILABLE = "avail"
    COMMITTED = "commit"
    PAID = "paid"

    @property
    def credit_normal(self) -> bool:
        return self is AccountKind.CONTRIBUTION

    @property
    def never_negative(self) -> bool:
        # Available money and open commitments can never be overdrawn.
        return self in (AccountKind.AVAILABLE, AccountKind.COMMITTED)


@dataclass(frozen=True, slots=True)
class Account:
    kind: AccountKind
    source: str

    @property
    def key(self) -> str:
        return f"{self.kind.value}:{self.source}"

    @classmethod
    def parse(cls, key: str) -> Account:
        return _parse_account(key)

    def __str__(self) -> str:
        return self.key


@dataclass(frozen=True, slots=True)
class Posting:
    account: str
    amount: int  # cents; debit > 0, credit < 0


@dataclass(frozen=True, slots=True)
class Transaction:
    id: str
    booked_on: date
    postings: tuple[Posting, ...]
    memo: str = ""
    reverses: str | None = None
    reference: str = ""  # e.g. the application or payout this belongs to

    @property
    def total_debit(self) -> int:
        return sum(p.amount for p in self.postings if p.amount > 0)


@functools.lru_cache(maxsize=65536)
def _parse_account(key: str) -> Account:
    kind, _, source = key.partition(":")
    try:
        return Account(AccountKind(kind), source)
    except ValueError:
        raise LedgerError("account", f"Unbekanntes Konto „{key}“.") from None


def validate_transaction(tx: Transaction) -> None:
    """Raise LedgerError unless ``tx`` is a well-formed balanced transaction."""
    if not tx.id:
        raise LedgerError("id", "Die Buchung hat keine Kennung.")
    if len(tx.postings) < 2:
        raise LedgerError("postings", "Eine Buchung braucht mindestens zwei Buchungszeilen.")
    seen: set[str] = set()
    for p in tx.postings:
        if type(p.amount) is not int:  # bool and float are refused on purpose
            raise LedgerError("amount", "Beträge werden in ganzen Cent gebucht.")
        if p.amount == 0:
            raise LedgerError("zero", "Eine Buchungszeile über 0,00 € ist nicht zulässig.")
        Account.parse(p.account)
        if p.account in seen:
            raise LedgerError("duplicate", f"Das Konto „{p.account}“ steht zweimal in der Buchung.")
        seen.add(p.account)
    if sum(p.amount for p in tx.postings) != 0:
        raise LedgerError("unbalanced", "Soll und Haben der Buchung sind nicht ausgeglichen.")


def reverse(tx: Transaction, *, new_id: str, booked_on: date, memo: str = "") -> Transaction:
    """The correcting transaction for ``tx``: same accounts, every amount negated."""
    return Transaction(
        id=new_id,
        booked_on=booked_on,
        postings=tuple(Posting(p.account, -p.amount) for p in tx.postings),
        memo=memo or f"Storno von {tx.id}",
        reverses=tx.id,
        reference=tx.reference,
    )


def balances(transactions: Iterable[Transaction], *, until: date | None = None) -> dict[str, int]:
    """Derived balances per account (debit positive), optionally up to a date inclusive."""
    out: dict[str, int] = defaultdict(int)
    for tx in transactions:
        if until is not None and tx.booked_on > until:
            continue
        for p in tx.postings:
            out[p.account] += p.amount
    return {k: v for k, v in out.items() if v != 0}


def natural_balance(account_key: str, raw: int) -> int:
    """The balance in its natural sign (contributions shown positive)."""
    return -raw if Account.parse(account_key).kind.credit_normal else raw


@dataclass(frozen=True, slots=True)
class SourceYear:
    source: str
    year: int
    contributed: int = 0  # money put in during the year
    committed: int = 0  # new commitments (approvals) during the year
    paid: int = 0  # payouts during the year
    released: int = 0  # commitments given back to available during the year
    available_end: int = 0
    committed_end: int = 0
    paid_total_end: int = 0


def _classify(tx: Transaction) -> dict[str, dict[str, int]]:
    """Movement per source and flow for one transaction (reversals count negative)."""
    flows: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for p in tx.postings:
        acc = Account.parse(p.account)
        f = flows[acc.source]
        if acc.kind is AccountKind.CONTRIBUTION:
            f["contributed"] += -p.amount
        elif acc.kind is AccountKind.PAID:
            f["paid"] += p.amount
        elif acc.kind is AccountKind.COMMITTED:
            f["commit_delta"] += p.amount
        else:
            f["avail_delta"] += p.amount
    for f in flows.values():
        # For a balanced transaction: avail_delta = contributed - committed + released.
        net_commit = f["contributed"] - f["avail_delta"]
        if tx.reverses is None:
            f["committed" if net_commit >= 0 else "released"] += abs(net_commit)
        elif net_commit < 0:  # reversal of an approval reduces what was committed
            f["committed"] += net_commit
        else:  # reversal of a release reduces what was released
            f["released"] -= net_commit
    return flows


def yearly_report(transactions: Iterable[Transaction], year: int) -> dict[str, SourceYear]:
    """Per source: flows within ``year`` and closing balances at its end."""
    end = date(year, 12, 31)
    acc: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for tx in transactions:
        if tx.booked_on > end:
            continue
        in_year = tx.booked_on.year == year
        for source, f in _classify(tx).items():
            a = acc[source]
            a["available_end"] += f["avail_delta"]
            a["committed_end"] += f["commit_delta"]
            a["paid_total_end"] += f["paid"]
            if in_year:
                for k in ("contributed", "committed", "paid", "released"):
                    a[k] += f[k]
    return {s: SourceYear(source=s, year=year, **dict(v)) for s, v in sorted(acc.items())}


@dataclass
class Ledger:
    """An in-memory append-only ledger that enforces every rule on post()."""

    _txs: list[Transaction] = field(default_factory=list)
    _by_id: dict[str, Transaction] = field(default_factory=dict)
    _reversed: set[str] = field(default_factory=set)
    _bal: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    @property
    def transactions(self) -> tuple[Transaction, ...]:
        return tuple(self._txs)

    def balance(self, account: str | Account) -> int:
        return self._bal.get(str(account), 0)

    def balances(self) -> dict[str, int]:
        return {k: v for k, v in self._bal.items() if v != 0}

    def check(self, tx: Transaction) -> None:
        """All rules for appending ``tx``; raises LedgerError, changes nothing."""
        validate_transaction(tx)
        if tx.id in self._by_id:
            raise LedgerError("duplicate_id", f"Die Buchung {tx.id} ist bereits gebucht.")
        if tx.reverses is not None:
            check_reversal(
                self._by_id.get(tx.reverses), tx, already_reversed=tx.reverses in self._reversed
            )
        check_no_overdraft(self._bal, tx)

    def post(self, tx: Transaction) -> Transaction:
        self.check(tx)
        self._txs.append(tx)
        self._by_id[tx.id] = tx
        if tx.reverses is not None:
            self._reversed.add(tx.reverses)
        for p in tx.postings:
            self._bal[p.account] += p.amount
        return tx

    def reverse(self, tx_id: str, *, new_id: str, booked_on: date, memo: str = "") -> Transaction:
        original = self._by_id.get(tx_id)
        if original is None:
            raise LedgerError("missing", f"Die Buchung {tx_id} gibt es nicht.")
        return self.post(reverse(original, new_id=new_id, booked_on=booked_on, memo=memo))


def check_reversal(
    original: Transaction | None, tx: Transaction, *, already_reversed: bool
) -> None:
    if original is None:
        raise LedgerError("missing", f"Die stornierte Buchung {tx.reverses} gibt es nicht.")
    if original.reverses is not None:
        raise LedgerError(
            "reverse_reversal",
            "Ein Storno kann nicht storniert werden; bitte eine neue Buchung anlegen.",
        )
    if already_reversed:
        raise LedgerError("already_reversed", f"Die Buchung {original.id} ist bereits storniert.")
    expected = sorted((p.account, -p.amount) for p in original.postings)
    if sorted((p.account, p.amount) for p in tx.postings) != expected:
        raise LedgerError(
            "reversal_mismatch", "Das Storno entspricht nicht der ursprünglichen Buchung."
        )


def check_no_overdraft(current: Mapping[str, int], tx: Transaction) -> None:
    """No available or committed balance may drop below zero."""
    for p in tx.postings:
        acc = Account.parse(p.account)
        if acc.kind.never_negative and current.get(p.account, 0) + p.amount < 0:
            if acc.kind is AccountKind.AVAILABLE:
                raise LedgerError(
                    "overdraft",
                    f"Der Fördertopf {acc.source} reicht nicht aus: verfügbar sind "
                    f"{format_cents(current.get(p.account, 0))}, benötigt {format_cents(-p.amount)}.",
                )
            raise LedgerError(
                "overpay",
                f"Für den Fördertopf {acc.source} wird mehr ausgezahlt oder freigegeben als bewilligt ist.",
            )


def format_cents(cents: int) -> str:
    """German money format: 1234567 -> '12.345,67 €'."""
    sign = "-" if cents < 0 else ""
    euros, rest = divmod(abs(cents), 100)
    return f"{sign}{euros:,}".replace(",", ".") + f",{rest:02d} €"


# --- Fund operations as transactions -------------------------------------------------


def contribution(
    tx_id: str, source: str, cents: int, booked_on: date, memo: str = ""
) -> Transaction:
    return Transaction(
        tx_id,
        booked_on,
        (Posting(f"avail:{source}", cents), Posting(f"contrib:{source}", -cents)),
        memo or "Mittelzufluss",
    )


def commitment(
    tx_id: str, source: str, cents: int, booked_on: date, reference: str = "", memo: str = ""
) -> Transaction:
    return Transaction(
        tx_id,
        booked_on,
        (Posting(f"commit:{source}", cents), Posting(f"avail:{source}", -cents)),
        memo or "Bewilligung (Mittelbindung)",
        reference=reference,
    )


def payout(
    tx_id: str, source: str, cents: int, booked_on: date, reference: str = "", memo: str = ""
) -> Transaction:
    return Transaction(
        tx_id,
        booked_on,
        (Posting(f"paid:{source}", cents), Posting(f"commit:{source}", -cents)),
        memo or "Auszahlung",
        reference=reference,
    )


def release(
    tx_id: str, source: str, cents: int, booked_on: date, reference: str = "", memo: str = ""
) -> Transaction:
    return Transaction(
        tx_id,
        booked_on,
        (Posting(f"avail:{source}", cents), Posting(f"commit:{source}", -cents)),
        memo or "Freigabe nicht benötigter Mittel",
        reference=reference,
    )
