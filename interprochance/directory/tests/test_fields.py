"""Pure field validators: phone, e-mail, URL, plain text, ages."""

import unicodedata

import phonenumbers
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from interprochance.directory.validation.fields import (
    MAX_AGE,
    FieldProblem,
    format_phone,
    validate_age_range,
    validate_email,
    validate_phone,
    validate_text,
    validate_url,
)


@pytest.mark.parametrize(
    ("raw", "e164"),
    [
        ("06150 12345", "+49615012345"),
        ("06150/123-45", "+49615012345"),
        ("+49 6151 12345", "+49615112345"),
        ("0176 12345678", "+4917612345678"),
        ("(06151) 881-0", "+4961518810"),
    ],
)
def test_phone_accepts_german_numbers(raw, e164):
    assert validate_phone(raw) == e164


@pytest.mark.parametrize(
    "raw", ["12", "0000", "06150 1", "+49 1", "ruf mich an", '"+44 1234 234567"', ""]
)
def test_phone_rejects_with_german_message(raw):
    with pytest.raises(FieldProblem) as exc:
        validate_phone(raw)
    assert exc.value.field == "phone"
    assert "Telefonnummer" in exc.value.message


def test_format_phone_national_for_german_numbers():
    assert format_phone("+49615012345") == "06150 12345"
    assert format_phone("+12025550100").startswith("+1 ")


@given(st.from_regex(r"0(6150|6151|69|30|176)[1-9][0-9]{5,6}", fullmatch=True))
@settings(max_examples=60)
def test_phone_result_is_canonical_e164(raw):
    try:
        out = validate_phone(raw)
    except FieldProblem:
        return
    parsed = phonenumbers.parse(out, None)
    assert phonenumbers.is_valid_number(parsed)
    assert validate_phone(out) == out  # idempotent


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("info@traeger.de", "info@traeger.de"),
        ("  Info.Team@Traeger.DE ", "Info.Team@traeger.de"),
        ("a+b@caritas-darmstadt.de", "a+b@caritas-darmstadt.de"),
        ("kita@müller-weiterstadt.de", "kita@müller-weiterstadt.de"),
    ],
)
def test_email_accepts(raw, expected):
    assert validate_email(raw) == expected


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ("info.traeger.de", "genau ein @"),
        ("a@@b.de", "genau ein @"),
        ("a b@traeger.de", "vor dem @"),
        ("info@traeger", "Domain"),
        ("info@-traeger.de", "Domain"),
        ("info@traeger.d", "Domain"),
        (".info@traeger.de", "vor dem @"),
    ],
)
def test_email_rejects(raw, fragment):
    with pytest.raises(FieldProblem) as exc:
        validate_email(raw)
    assert fragment in exc.value.message


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("https://www.weiterstadt.de/familie", "https://www.weiterstadt.de/familie"),
        ("www.weiterstadt.de", "https://www.weiterstadt.de"),
        ("HTTP://Example.ORG/Pfad?x=1", "http://example.org/Pfad?x=1"),
        ("https://traeger.de:8443/a", "https://traeger.de:8443/a"),
    ],
)
def test_url_accepts_and_normalises(raw, expected):
    assert validate_url(raw) == expected


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ("javascript:alert(1)", "nur http"),
        ("ftp://traeger.de/x", "nur http"),
        ("https://exa mple.de", "Leer- oder Sonderzeichen"),
        ("https://localhost/", "Domain"),
        ("https://user:pw@traeger.de", "Zugangsdaten"),
        ("https://traeger.de:99999", "Port"),
        ("https://<script>.de", "Sonderzeichen"),
    ],
)
def test_url_rejects(raw, fragment):
    with pytest.raises(FieldProblem) as exc:
        validate_url(raw)
    assert fragment in exc.value.message


@pytest.mark.parametrize(
    "raw",
    [
        "<script>alert(1)</script>",
        "Hallo <b>Welt</b>",
        "<img src=x onerror=alert(1)>",
        "Text </p>",
        "<!-- x -->",
        "&lt;script&gt;alert(1)",
        "Klick javascript:alert(1)",
        'a onmouseover="x"',
    ],
)
def test_text_rejects_markup_and_script(raw):
    with pytest.raises(FieldProblem) as exc:
        validate_text(raw, field="description", label="Beschreibung")
    assert exc.value.message.startswith("Beschreibung:")
    assert "nicht erlaubt" in exc.value.message


@pytest.mark.parametrize(
    "raw",
    [
        "Kinder < 6 Jahre & Eltern",
        "Preis: 3 € > 0",
        "Hausaufgabenhilfe für Klasse 1–4",
        "Çocuklar için ödev yardımı",
        "مساعدة في الواجبات المنزلية",
        "Допомога з домашнім завданням",
    ],
)
def test_text_accepts_plain_text_in_all_scripts(raw):
    assert validate_text(raw, field="d", label="D") == raw


def test_text_required_and_length():
    with pytest.raises(FieldProblem, match="Bitte ausfüllen"):
        validate_text("   ", field="name", label="Name", required=True)
    with pytest.raises(FieldProblem, match="höchstens 10 Zeichen"):
        validate_text("x" * 11, field="name", label="Name", max_length=10)
    with pytest.raises(FieldProblem, match="Zeilenumbruch"):
        validate_text("a\nb", field="name", label="Name", multiline=False)
    with pytest.raises(FieldProblem, match="Steuerzeichen"):
        validate_text("a\x00b", field="name", label="Name")


@given(
    st.text(
        alphabet=st.characters(
            blacklist_categories=("Cc", "Cf", "Co", "Cs"), blacklist_characters="<&"
        ),
        max_size=200,
    )
)
@settings(max_examples=150)
def test_text_without_angle_brackets_is_kept(raw):
    # Plain text with no "<"/"&" is accepted unchanged (apart from trimming),
    # unless it happens to contain a script scheme or an inline handler.
    try:
        out = validate_text(raw, field="d", label="D")
    except FieldProblem as p:
        assert "Skript" in p.message
        return
    expected = unicodedata.normalize("NFC", raw).strip().replace("\r\n", "\n").replace("\r", "\n")
    assert out == expected


@given(
    st.text(max_size=30),
    st.sampled_from(["script", "b", "img", "a", "iframe", "/div", "!--"]),
    st.text(max_size=30),
)
@settings(max_examples=100)
def test_text_with_any_tag_is_rejected(before, tag, after):
    with pytest.raises(FieldProblem):
        validate_text(f"{before}<{tag}{after}", field="d", label="D")


def test_age_range():
    assert validate_age_range(0, MAX_AGE) == (0, MAX_AGE)
    assert validate_age_range(None, 6) == (None, 6)
    with pytest.raises(FieldProblem, match="außerhalb von 0 bis 27"):
        validate_age_range(-1, 3)
    with pytest.raises(FieldProblem, match="außerhalb"):
        validate_age_range(3, 40)
    with pytest.raises(FieldProblem, match="größer als das Höchstalter"):
        validate_age_range(10, 6)
    with pytest.raises(FieldProblem, match="ganze Zahl"):
        validate_age_range(2.5, 6)  # type: ignore[arg-type]


@given(st.integers(-5, 40), st.integers(-5, 40))
def test_age_range_property(a, b):
    ok = 0 <= a <= MAX_AGE and 0 <= b <= MAX_AGE and a <= b
    try:
        validate_age_range(a, b)
    except FieldProblem:
        assert not ok
    else:
        assert ok
