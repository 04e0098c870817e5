"""The directory's controlled vocabularies (pure Python, no Django).

Life phases of the Präventionskette (design/DOMAIN.md), need areas
(Handlungsfelder), target groups and cost kinds. Codes are stable; HSDS ids are
UUID5 of the code, so the published taxonomy keeps its ids across installs.

The life phases and need areas are published over HSDS as the taxonomies of
our profile (``/api/hsds/taxonomies``).
"""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID, uuid5

from interprochance.core.translatable import gettext_noop

NAMESPACE = UUID("0b8f4f4e-5f0e-4a57-9d0c-0e6f3d1f0a00")


@dataclass(frozen=True)
class Term:
    code: str
    name: str
    description: str
    #: Age range in years of the child/young person (None = open).
    min_age: int | None = None
    max_age: int | None = None

    @property
    def uuid(self) -> UUID:
        return uuid5(NAMESPACE, f"term:{self.code}")


@dataclass(frozen=True)
class Vocabulary:
    code: str
    name: str
    description: str
    version: str
    terms: tuple[Term, ...]

    @property
    def uuid(self) -> UUID:
        return uuid5(NAMESPACE, f"taxonomy:{self.code}")

    def get(self, code: str) -> Term:
        for t in self.terms:
            if t.code == code:
                return t
        raise KeyError(code)

    def choices(self) -> list[tuple[str, str]]:
        return [(t.code, t.name) for t in self.terms]

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(t.code for t in self.terms)


LIFE_PHASES = Vocabulary(
    code="lebensphasen",
    name=gettext_noop("Lebensphasen der Präventionskette"),
    description=gettext_noop(
        "Altersphasen einer kommunalen Präventionskette gegen Kinder- und Jugendarmut, "
        "von der Schwangerschaft bis zum Übergang in Ausbildung und Beruf."
    ),
    version="1.0",
    terms=(
        Term(
            "geburt",
            gettext_noop("Rund um die Geburt"),
            gettext_noop("Schwangerschaft bis zum ersten Geburtstag"),
            0,
            0,
        ),
        Term(
            "kita", gettext_noop("Frühe Kindheit / Kita"), gettext_noop("1 bis unter 6 Jahre"), 1, 5
        ),
        Term(
            "grundschule", gettext_noop("Grundschule"), gettext_noop("6 bis unter 10 Jahre"), 6, 9
        ),
        Term(
            "sek1", gettext_noop("Sekundarstufe I"), gettext_noop("10 bis unter 16 Jahre"), 10, 15
        ),
        Term(
            "uebergang",
            gettext_noop("Übergang Schule–Beruf"),
            gettext_noop("16 bis 27 Jahre"),
            16,
            27,
        ),
    ),
)

NEED_AREAS = Vocabulary(
    code="handlungsfelder",
    name=gettext_noop("Handlungsfelder"),
    description=gettext_noop(
        "Bedarfsbereiche, in denen ein Angebot Kinder, Jugendliche und Familien unterstützt."
    ),
    version="1.0",
    terms=(
        Term(
            "bildung",
            gettext_noop("Bildung und Lernen"),
            gettext_noop("Lernförderung, Hausaufgabenhilfe, Sprachförderung"),
        ),
        Term(
            "gesundheit",
            gettext_noop("Gesundheit und Ernährung"),
            gettext_noop("Vorsorge, Bewegung, Ernährung, Frühe Hilfen"),
        ),
        Term(
            "familie",
            gettext_noop("Erziehung und Familie"),
            gettext_noop("Elternbildung, Familienberatung, Familienzentren"),
        ),
        Term(
            "teilhabe",
            gettext_noop("Freizeit, Kultur und Sport"),
            gettext_noop("Soziale und kulturelle Teilhabe"),
        ),
        Term(
            "existenz",
            gettext_noop("Existenzsicherung und Wohnen"),
            gettext_noop("Geld, Leistungen, Schulden, Wohnen"),
        ),
        Term(
            "integration",
            gettext_noop("Sprache und Integration"),
            gettext_noop("Ankommen, Sprachkurse, Begleitung"),
        ),
        Term(
            "schutz",
            gettext_noop("Beratung und Schutz in Krisen"),
            gettext_noop("Krisen, Gewalt, Kinderschutz"),
        ),
        Term(
            "beruf",
            gettext_noop("Ausbildung und Beruf"),
            gettext_noop("Berufsorientierung, Ausbildung, Arbeit"),
        ),
    ),
)

TARGET_GROUPS = Vocabulary(
    code="zielgruppen",
    name=gettext_noop("Zielgruppen"),
    description=gettext_noop("An wen sich ein Angebot richtet."),
    version="1.0",
    terms=(
        Term("kinder", gettext_noop("Kinder"), ""),
        Term("jugendliche", gettext_noop("Jugendliche und junge Erwachsene"), ""),
        Term("eltern", gettext_noop("Eltern und Familien"), ""),
        Term("schwangere", gettext_noop("Schwangere und werdende Eltern"), ""),
        Term("alleinerziehende", gettext_noop("Alleinerziehende"), ""),
        Term("zugewanderte", gettext_noop("Familien mit Zuwanderungsgeschichte"), ""),
        Term("behinderung", gettext_noop("Kinder mit Behinderung und ihre Familien"), ""),
        Term("fachkraefte", gettext_noop("Fachkräfte"), ""),
    ),
)

COST_KINDS = (
    ("free", gettext_noop("kostenlos")),
    ("reduced", gettext_noop("ermäßigt möglich")),
    ("but", gettext_noop("über Bildung und Teilhabe (BuT) abrechenbar")),
    ("fee", gettext_noop("kostenpflichtig")),
)

#: Languages offered in the finder (ISO 639-1) with their German and own names.
LANGUAGES = (
    ("de", gettext_noop("Deutsch"), "Deutsch"),
    ("en", gettext_noop("Englisch"), "English"),
    ("tr", gettext_noop("Türkisch"), "Türkçe"),
    ("ar", gettext_noop("Arabisch"), "العربية"),
    ("uk", gettext_noop("Ukrainisch"), "Українська"),
    ("ru", gettext_noop("Russisch"), "Русский"),
    ("pl", gettext_noop("Polnisch"), "Polski"),
    ("fa", gettext_noop("Persisch"), "فارسی"),
    ("ti", gettext_noop("Tigrinya"), "ትግርኛ"),
    ("ku", gettext_noop("Kurdisch"), "Kurdî"),
    ("it", gettext_noop("Italienisch"), "Italiano"),
    ("el", gettext_noop("Griechisch"), "Ελληνικά"),
    ("hr", gettext_noop("Kroatisch"), "Hrvatski"),
    ("ro", gettext_noop("Rumänisch"), "Română"),
    ("dgs", gettext_noop("Deutsche Gebärdensprache"), "DGS"),
)
LANGUAGE_NAMES = {code: name for code, name, _own in LANGUAGES}

#: Content languages of multilingual text fields (German required).
CONTENT_LANGUAGES = (
    ("de", gettext_noop("Deutsch")),
    ("en", gettext_noop("Englisch")),
    ("tr", gettext_noop("Türkisch")),
    ("ar", gettext_noop("Arabisch")),
    ("uk", gettext_noop("Ukrainisch")),
)
RTL_LANGUAGES = frozenset({"ar", "fa"})


def life_phases_for_ages(min_age: int | None, max_age: int | None) -> tuple[str, ...]:
    """Life phases an age range touches (used to suggest phases to providers)."""
    lo = 0 if min_age is None else min_age
    hi = 27 if max_age is None else max_age
    out = []
    for t in LIFE_PHASES.terms:
        assert t.min_age is not None and t.max_age is not None
        if t.min_age <= hi and lo <= t.max_age:
            out.append(t.code)
    return tuple(out)
