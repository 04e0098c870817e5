import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from interprochance.governance.report.document import (
    SUPPRESSED,
    Paragraph,
    ReportDocument,
    Section,
    protect_count,
    protect_row,
)


def test_protect_count():
    assert protect_count(0) == 0
    assert protect_count(1) == SUPPRESSED
    assert protect_count(4) == SUPPRESSED
    assert protect_count(5) == 5
    assert protect_count(None) is None


def test_protect_row_secondary():
    assert protect_row([3, 10, 20]) == [SUPPRESSED, SUPPRESSED, 20, 33]
    assert protect_row([0, 10, 20]) == [0, 10, 20, 30]
    assert protect_row([2, 3, 20]) == [SUPPRESSED, SUPPRESSED, 20, 25]
    assert protect_row([3, 0], with_total=True) == [SUPPRESSED, 0, SUPPRESSED]
    assert protect_row([3, 10], with_total=False) == [SUPPRESSED, 10]


@given(st.lists(st.integers(0, 60), min_size=1, max_size=8))
def test_no_single_suppressed_cell_next_to_a_visible_total(values):
    shown = protect_row(values)
    cells, total = shown[:-1], shown[-1]
    hidden = [i for i, v in enumerate(cells) if v == SUPPRESSED]
    for i, v in enumerate(values):
        if 0 < v < 5:
            assert cells[i] == SUPPRESSED
    if total != SUPPRESSED and len(hidden) == 1:
        # the only hidden cell could be recomputed - never allowed
        raise AssertionError(shown)


def test_toc_numbers_sections():
    doc = ReportDocument(
        title="Statusbericht",
        period_label="Q3 2026",
        period_start=dt.date(2026, 7, 1),
        period_end=dt.date(2026, 9, 30),
        generated_at=dt.datetime(2026, 10, 1, tzinfo=dt.UTC),
        sections=[Section("a", "Monitoring", [Paragraph("x")]), Section("b", "Gremien")],
    )
    assert doc.toc() == [("1", "Monitoring", "sec-a"), ("2", "Gremien", "sec-b")]
