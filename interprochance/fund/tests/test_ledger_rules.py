"""Unit and property tests for the pure ledger rules (no database)."""

from datetime import date

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from interprochance.fund.ledger import (
    Ledger,
    LedgerError,
    Posting,
    Transaction,
    balances,
    commitment,
    contribution,
    format_cents,
    payout,
    release,
    reverse,
    validate_transaction,
    yearly_report,
)

pytestmark = pytest.mark.smoke

D = date(2026, 3, 1)


def test_balanced_transaction_is_accepted():
    validate_transaction(contribution("t1", "lk", 10_000, D))


@pytest.mark.parametrize(
    ("postings", "code"),
    [
        ((Posting("avail:a", 100), Posting("contrib:a", -99)), "unbalanced"),
        ((Posting("avail:a", 100),), "postings"),
        ((Posting("avail:a", 0), Posting("contrib:a", 0)), "zero"),
        ((Posting("avail:a", 1.5), Posting("contrib:a", -1.5)), "amount"),
        ((Posting("avail:a", True), Posting("contrib:a", -1)), "amount"),
        ((Posting("cash:a", 5), Posting("contrib:a", -5)), "account"),
        ((Posting("avail:a", 5), Posting("avail:a", -5)), "duplicate"),
    ],
)
def test_malformed_transactions_are_refused(postings, code):
    with pytest.raises(LedgerError) as exc:
        validate_transaction(Transaction("x", D, postings))
    assert exc.value.code == code
    assert exc.value.message  # German, user-facing


def test_overdraft_is_refused_and_nothing_changes():
    led = Ledger()
    led.post(contribution("c1", "lk", 5_000, D))
    with pytest.raises(LedgerError) as exc:
        led.post(commitment("a1", "lk", 5_001, D))
    assert exc.value.code == "overdraft"
    assert "50,00 €" in exc.value.message
    assert led.balance("avail:lk") == 5_000
    assert len(led.transactions) == 1


def test_cannot_pay_more_than_committed():
    led = Ledger()
    led.post(contribution("c1", "lk", 5_000, D))
    led.post(commitment("a1", "lk", 3_000, D))
    with pytest.raises(LedgerError) as exc:
        led.post(payout("p1", "lk", 3_001, D))
    assert exc.value.code == "overpay"


def test_reversal_restores_balances_and_only_once():
    led = Ledger()
    led.post(contribution("c1", "lk", 5_000, D))
    before = led.balances()
    led.post(commitment("a1", "lk", 2_000, D))
    led.reverse("a1", new_id="r1", booked_on=D)
    assert led.balances() == before
    with pytest.raises(LedgerError) as exc:
        led.reverse("a1", new_id="r2", booked_on=D)
    assert exc.value.code == "already_reversed"
    with pytest.raises(LedgerError) as exc:
        led.reverse("r1", new_id="r3", booked_on=D)
    assert exc.value.code == "reverse_reversal"


def test_reversal_must_mirror_original():
    led = Ledger()
    led.post(contribution("c1", "lk", 5_000, D))
    bogus = Transaction(
        "r1", D, (Posting("contrib:lk", 100), Posting("avail:lk", -100)), reverses="c1"
    )
    with pytest.raises(LedgerError) as exc:
        led.post(bogus)
    assert exc.value.code == "reversal_mismatch"


def test_reversing_a_spent_contribution_would_overdraw():
    led = Ledger()
    led.post(contribution("c1", "lk", 5_000, D))
    led.post(commitment("a1", "lk", 4_000, D))
    with pytest.raises(LedgerError) as exc:
        led.reverse("c1", new_id="r1", booked_on=D)
    assert exc.value.code == "overdraft"


def test_duplicate_id_refused():
    led = Ledger()
    led.post(contribution("c1", "lk", 5_000, D))
    with pytest.raises(LedgerError) as exc:
        led.post(contribution("c1", "lk", 5_000, D))
    assert exc.value.code == "duplicate_id"


def test_yearly_report_flows_and_closing_balances():
    txs = [
        contribution("c1", "lk", 100_000, date(2025, 12, 1)),
        commitment("a0", "lk", 10_000, date(2025, 12, 2)),
        contribution("c2", "lk", 50_000, date(2026, 1, 5)),
        commitment("a1", "lk", 30_000, date(2026, 2, 1)),
        payout("p1", "lk", 25_000, date(2026, 3, 1)),
        release("f1", "lk", 5_000, date(2026, 4, 1)),
        commitment("a2", "lk", 7_000, date(2026, 5, 1)),
    ]
    txs.append(reverse(txs[-1], new_id="r2", booked_on=date(2026, 5, 2)))
    txs.append(commitment("a3", "lk", 1, date(2027, 1, 1)))
    rep = yearly_report(txs, 2026)["lk"]
    assert rep.contributed == 50_000
    assert rep.committed == 30_000  # 30,000 + 7,000 - 7,000 reversed
    assert rep.paid == 25_000
    assert rep.released == 5_000
    assert rep.available_end == 150_000 - 40_000 + 5_000
    assert rep.committed_end == 10_000 + 30_000 - 25_000 - 5_000
    assert rep.paid_total_end == 25_000


def test_format_cents():
    assert format_cents(0) == "0,00 €"
    assert format_cents(5) == "0,05 €"
    assert format_cents(1_234_567) == "12.345,67 €"
    assert format_cents(-150) == "-1,50 €"


# --- Property tests -------------------------------------------------------------------

SOURCES = ("lk", "stadt", "spende")
cents = st.integers(min_value=1, max_value=5_000_000)


class LedgerMachine(RuleBasedStateMachine):
    """Random operations, legal or not; the invariants must hold after each step."""

    def __init__(self):
        super().__init__()
        self.led = Ledger()
        self.n = 0
        self.model_avail = dict.fromkeys(SOURCES, 0)

    def _id(self):
        self.n += 1
        return f"t{self.n}"

    def _try(self, tx):
        before = self.led.balances()
        count = len(self.led.transactions)
        try:
            self.led.post(tx)
        except LedgerError:
            # A refused transaction changes nothing.
            assert self.led.balances() == before
            assert len(self.led.transactions) == count
            return False
        return True

    @rule(src=st.sampled_from(SOURCES), amount=cents)
    def contribute(self, src, amount):
        assert self._try(contribution(self._id(), src, amount, D))
        self.model_avail[src] += amount

    @rule(src=st.sampled_from(SOURCES), amount=cents)
    def approve(self, src, amount):
        ok = self._try(commitment(self._id(), src, amount, D))
        assert ok == (amount <= self.model_avail[src])
        if ok:
            self.model_avail[src] -= amount

    @rule(src=st.sampled_from(SOURCES), amount=cents)
    def pay(self, src, amount):
        self._try(payout(self._id(), src, amount, D))

    @rule(src=st.sampled_from(SOURCES), amount=cents)
    def give_back(self, src, amount):
        if self._try(release(self._id(), src, amount, D)):
            self.model_avail[src] += amount

    @precondition(lambda self: self.led.transactions)
    @rule(data=st.data())
    def correct(self, data):
        tx = data.draw(st.sampled_from(self.led.transactions))
        if self._try(reverse(tx, new_id=self._id(), booked_on=D)):
            for p in tx.postings:
                if p.account.startswith("avail:"):
                    self.model_avail[p.account[6:]] -= p.amount

    @rule(amount=cents, delta=st.integers(min_value=-3, max_value=3).filter(bool))
    def unbalanced(self, amount, delta):
        tx = Transaction(
            self._id(), D, (Posting("avail:lk", amount + delta), Posting("contrib:lk", -amount))
        )
        assert not self._try(tx)

    @invariant()
    def sum_is_zero(self):
        assert sum(self.led.balances().values()) == 0

    @invariant()
    def derived_balances_match(self):
        assert balances(self.led.transactions) == self.led.balances()

    @invariant()
    def never_overdrawn(self):
        for key, value in self.led.balances().items():
            if key.startswith(("avail:", "commit:")):
                assert value >= 0, key

    @invariant()
    def available_matches_model(self):
        for s in SOURCES:
            assert self.led.balance(f"avail:{s}") == self.model_avail[s]

    @invariant()
    def report_consistent(self):
        for s, r in yearly_report(self.led.transactions, D.year).items():
            assert r.available_end == self.led.balance(f"avail:{s}")
            assert r.committed_end == self.led.balance(f"commit:{s}")
            assert r.contributed - r.committed + r.released == r.available_end
            assert r.committed - r.paid - r.released == r.committed_end


TestLedgerMachine = LedgerMachine.TestCase
TestLedgerMachine.settings = settings(max_examples=60, stateful_step_count=30, deadline=None)
