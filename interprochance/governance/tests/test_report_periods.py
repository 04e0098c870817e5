import datetime as dt

import pytest

from interprochance.governance.report.periods import last_complete_period, period_label, quarter_of

D = dt.date


def test_quarter_of():
    assert quarter_of(D(2026, 11, 25)) == (D(2026, 10, 1), D(2026, 12, 31))
    assert quarter_of(D(2024, 2, 29)) == (D(2024, 1, 1), D(2024, 3, 31))
    assert quarter_of(D(2025, 6, 30)) == (D(2025, 4, 1), D(2025, 6, 30))


def test_last_complete_period():
    assert last_complete_period("quarterly", D(2026, 11, 25)) == (D(2026, 7, 1), D(2026, 9, 30))
    assert last_complete_period("quarterly", D(2026, 1, 1)) == (D(2025, 10, 1), D(2025, 12, 31))
    assert last_complete_period("yearly", D(2026, 11, 25)) == (D(2025, 1, 1), D(2025, 12, 31))
    with pytest.raises(ValueError):
        last_complete_period("on_demand", D(2026, 1, 1))


def test_labels():
    assert period_label("quarterly", D(2026, 7, 1), D(2026, 9, 30)) == "3. Quartal 2026"
    assert period_label("yearly", D(2025, 1, 1), D(2025, 12, 31)) == "Jahr 2025"
