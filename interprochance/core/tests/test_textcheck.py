"""The shared free-text check (pure Python, no database)."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from interprochance.core.textcheck import text_problem


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("<script>alert(1)</script>", "markup"),
        ("Text </p>", "markup"),
        ("<!-- x -->", "markup"),
        ("&lt;script&gt;alert(1)", "markup"),
        ("&#60;b>fett", "markup"),
        ("Klick javascript:alert(1)", "script"),
        ("JavaScript :alert(1)", "script"),
        ("siehe data: text/html,<x", "markup"),
        ("siehe data:text/html;base64,PHNjcmlwdD4=", "script"),
        ('a onmouseover="x"', "script"),
        ("a\x00b", "control"),
        ("Silben\u00adtrennung", "control"),
        ("\ufeffBOM", "control"),
    ],
)
def test_refused(text, kind):
    problem = text_problem(text)
    assert problem is not None and problem.kind == kind


def test_control_names_the_character():
    problem = text_problem("a\x07b")
    assert problem is not None and problem.char == "\x07"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Kinder < 6 Jahre & Eltern",
        "a < b und c > d",
        "Zeile 1\r\nZeile 2\tTab",
        "Bonn = Bundesstadt",
        "مساعدة في الواجبات\u200c المنزلية",
        "Çocuklar için ödev yardımı",
    ],
)
def test_plain_text_accepted(text):
    assert text_problem(text) is None


@given(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cf", "Co", "Cs")), max_size=80))
@settings(max_examples=200)
def test_any_tag_is_found_wherever_it_stands(text):
    for tag in ("<b>", "</div>", "<img src=x>", "<!--"):
        middle = len(text) // 2
        problem = text_problem(text[:middle] + tag + text[middle:])
        assert problem is not None and problem.kind == "markup"
