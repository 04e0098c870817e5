import io
import zipfile
from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from interprochance.counseling.rules.appointments import SpamPolicy, rate_limited, spam_reason
from interprochance.counseling.rules.statistics import Row, count_rows, quarter_bounds, quarter_of
from interprochance.counseling.rules.validation import check_file, sniff, text_problem


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        "hallo <img src=x onerror=alert(1)>",
        "<a href='javascript:alert(1)'>x</a>",
        "JavaScript :alert(1)",
        "<!-- x -->",
        "</p>",
        "x onclick = y",
    ],
)
def test_markup_refused(text):
    assert text_problem(text) == "markup"


@pytest.mark.parametrize(
    "text",
    [
        "Familie hat Mietschulden < 500 EUR, Termin am 3.5.",
        "a < b und c > d",
        "Mutter (34) spricht Arabisch; Ziel: Wohnung sichern.",
        "Zeile 1\nZeile 2\tTab",
        "",
    ],
)
def test_plain_text_accepted(text):
    assert text_problem(text) is None


def test_control_characters_refused():
    assert text_problem("a\x00b") == "control"


def _docx_bytes():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w/>")
    return buf.getvalue()


def _odt_bytes():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(
            "mimetype", "application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_STORED
        )
        z.writestr("content.xml", "<x/>")
    return buf.getvalue()


@pytest.mark.parametrize(
    ("head", "name", "code"),
    [
        (b"%PDF-1.7\n...", "Bescheid.pdf", "pdf"),
        (b"\x89PNG\r\n\x1a\n....", "scan.PNG", "png"),
        (b"\xff\xd8\xff\xe0....", "foto.jpeg", "jpeg"),
        (_docx_bytes()[:2048], "brief.docx", "docx"),
        (_odt_bytes()[:2048], "brief.odt", "odt"),
    ],
)
def test_sniff_accepts_known_types(head, name, code):
    assert sniff(head, name).code == code


@pytest.mark.parametrize(
    ("head", "name"),
    [
        (b"%PDF-1.7", "tarnung.exe"),  # extension mismatch
        (b"MZ\x90\x00", "bescheid.pdf"),  # executable with a PDF name
        (b"<html><script>", "seite.pdf"),
        (_docx_bytes()[:2048], "archiv.zip"),
        (b"PK\x03\x04random", "x.docx"),  # a zip that is not a Word file
    ],
)
def test_sniff_refuses(head, name):
    assert sniff(head, name) is None


def test_check_file_size_and_empty():
    assert check_file(b"%PDF-", "a.pdf", 0).problem == "empty"
    assert check_file(b"%PDF-", "a.pdf", 11 * 1024 * 1024).problem == "too_large"
    assert check_file(b"%PDF-", "a.pdf", 5, max_bytes=4).problem == "too_large"
    ok = check_file(b"%PDF-", "a.pdf", 500)
    assert ok.ok and ok.file_type.content_type == "application/pdf"


NOW = datetime(2026, 3, 1, 12, 0)


def test_spam_rules():
    assert (
        spam_reason(honeypot="http://spam", rendered_at=NOW - timedelta(minutes=1), now=NOW)
        == "honeypot"
    )
    assert spam_reason(honeypot="", rendered_at=NOW - timedelta(seconds=1), now=NOW) == "too_fast"
    assert spam_reason(honeypot="", rendered_at=NOW - timedelta(hours=3), now=NOW) == "stale"
    assert spam_reason(honeypot="", rendered_at=None, now=NOW) == "stale"
    assert spam_reason(honeypot="  ", rendered_at=NOW - timedelta(seconds=20), now=NOW) is None


def test_rate_limit_sliding_window():
    policy = SpamPolicy(limit=3, window=timedelta(hours=1))
    recent = [NOW - timedelta(minutes=m) for m in (5, 10, 50)]
    assert rate_limited(recent, NOW, policy)
    assert not rate_limited(recent[:2], NOW, policy)
    old = [NOW - timedelta(minutes=m) for m in (61, 70, 90)]
    assert not rate_limited(old, NOW, policy)


@given(st.lists(st.integers(0, 7200), max_size=20), st.integers(1, 10))
def test_rate_limit_counts_only_window(offsets, limit):
    policy = SpamPolicy(limit=limit, window=timedelta(hours=1))
    times = [NOW - timedelta(seconds=s) for s in offsets]
    in_window = sum(1 for s in offsets if s < 3600)
    assert rate_limited(times, NOW, policy) is (in_window >= limit)


def test_quarters():
    assert quarter_of(date(2025, 1, 1)) == "2025-Q1"
    assert quarter_of(date(2025, 9, 30)) == "2025-Q3"
    assert quarter_of(date(2025, 12, 31)) == "2025-Q4"
    assert quarter_bounds("2025-Q4") == (date(2025, 10, 1), date(2025, 12, 31))
    assert quarter_bounds("2024-Q1") == (date(2024, 1, 1), date(2024, 3, 31))
    for bad in ("2025", "2025-Q5", "x-Q1"):
        with pytest.raises(ValueError):
            quarter_bounds(bad)


@given(st.dates())
def test_day_inside_its_quarter(day):
    first, last = quarter_bounds(quarter_of(day))
    assert first <= day <= last


def test_count_rows():
    rows = [
        Row("06432023-01", "housing", date(2025, 2, 1)),
        Row("06432023-01", "housing", date(2025, 3, 31)),
        Row("06432023-01", "money", date(2025, 4, 1)),
        Row("06432023-02", None, date(2025, 4, 1)),
        Row(None, "money", date(2025, 4, 1)),  # no area: not counted
    ]
    totals = count_rows(rows, measure="beratung_faelle")
    assert [(c.area_code, c.period, c.value) for c in totals] == [
        ("06432023-01", "2025-Q1", 2),
        ("06432023-01", "2025-Q2", 1),
        ("06432023-02", "2025-Q2", 1),
    ]
    topics = count_rows(rows, measure="beratung_faelle", by_topic=True)
    assert {c.measure for c in topics} == {"beratung_faelle_housing", "beratung_faelle_money"}
    assert sum(c.value for c in topics) == 3


def test_number_candidates():
    from interprochance.counseling.selectors import number_candidates

    assert number_candidates("B-2025-00042", 2026) == ["B-2025-00042", "B-2025-000042"]
    assert number_candidates("2025-42", 2026) == ["B-2025-00042", "B-2025-000042"]
    assert "B-2003-00042" in number_candidates("42", 2026) and "B-2026-00042" in number_candidates(
        "42", 2026
    )
    assert number_candidates("Demir", 2026) == []
