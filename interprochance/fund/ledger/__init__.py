"""Pure double-entry ledger rules for the social fund (no Django import).

Amounts are integer cents. A transaction is a set of postings whose signed
amounts sum to zero (debit positive, credit negative). Posted transactions are
never changed: a correction is a reversal (a new transaction with every
posting negated) that points at the transaction it corrects. Balances are
always derived from the postings, never stored.
"""

from .rules import (
    Account,
    AccountKind,
    Ledger,
    LedgerError,
    Posting,
    Transaction,
    balances,
    commitment,
    contribution,
    format_cents,
    natural_balance,
    payout,
    release,
    reverse,
    validate_transaction,
    yearly_report,
)

__all__ = [
    "Account",
    "AccountKind",
    "Ledger",
    "LedgerError",
    "Posting",
    "Transaction",
    "balances",
    "commitment",
    "contribution",
    "format_cents",
    "natural_balance",
    "payout",
    "release",
    "reverse",
    "validate_transaction",
    "yearly_report",
]
