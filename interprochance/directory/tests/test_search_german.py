"""German search helpers: Snowball stemmer, compound parts, the SQLite predicate."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from interprochance.directory.search.german import (
    compound_parts,
    document,
    fold,
    matches,
    query_stems,
    stem,
    tsquery,
)


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        # from the Snowball German sample vocabulary / algorithm description
        ("aufeinanderfolgenden", "aufeinanderfolg"),
        ("kategorisch", "kategor"),
        ("möglichkeiten", "moglich"),
        ("Freundlichkeit", "freundlich"),
        ("Ergebnisse", "ergebnis"),
        ("Kindern", "kind"),
        ("Hausaufgaben", "hausaufgab"),
    ],
)
def test_snowball_stems(word, expected):
    assert stem(word) == expected


@pytest.mark.parametrize(
    "forms",
    [
        ("Beratung", "Beratungen"),
        ("Kind", "Kinder", "Kindern"),
        ("Familie", "Familien"),
        ("Schule", "Schulen"),
        ("Jugendliche", "Jugendlichen"),
        ("Sportverein", "Sportvereine"),
    ],
)
def test_inflected_forms_share_a_stem(forms):
    assert len({stem(f) for f in forms}) == 1


def test_hausaufgaben_finds_hausaufgabenhilfe():
    doc = document(["Hausaufgabenhilfe", "Für Kinder der Klassen 1 bis 4"])
    assert matches("Hausaufgaben", doc)
    assert matches("hausaufgaben", doc)
    assert matches("Hilfe", doc)  # second part of the compound
    assert matches("Hausaufgabenhilfe Kinder", doc)
    assert not matches("Schuldnerberatung", doc)
    assert not matches("Hausaufgaben Schwimmen", doc)


def test_compound_parts_and_fold():
    assert compound_parts("hausaufgabenhilfe") == ["hausaufgaben", "hilfe"]
    assert compound_parts("familienberatung") == ["familien", "beratung"]
    assert compound_parts("hilfe") == []
    assert fold("Grüße aus Gräfenhausen") == "grusse aus grafenhausen"


def test_query_stems_drop_stopwords_and_sanitise():
    assert query_stems("Hilfe für die Hausaufgaben") == ["hilf", "hausaufgab"]
    assert query_stems("die") == ["die"]  # a lone stopword is still searched
    assert tsquery(["hausaufgab", "kind"]) == "hausaufgab:* & kind:*"
    assert tsquery(query_stems("x' | !y & (z)")) == "x:* & y:* & z:*"


german_word = st.text(alphabet="abcdefghijklmnopqrstuvwxyzäöüß", min_size=1, max_size=20)


@given(german_word)
def test_stem_is_prefix_of_folded_word(w):
    assert fold(w).startswith(stem(w))


@given(german_word, german_word)
def test_first_part_of_any_compound_finds_the_compound(head, tail):
    # The promise behind "Hausaufgaben" -> "Hausaufgabenhilfe".
    assert matches(head, document([head + tail]))


@given(st.text(max_size=60))
def test_query_stems_are_safe_tokens(q):
    for s in query_stems(q):
        assert s and " " not in s and "%" not in s and "_" not in s
