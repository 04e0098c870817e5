"""Bildungs- und Teilhabepaket (BuT) and other statutory routes, rule by rule.

Sources (state 2025/26, see docs/fund.md and DOMAIN.md):

* SGB II: § 28 SGB II, Bedarfe für Bildung und Teilhabe. Abs. 1 Satz 2: pupils are
  persons under 25 attending a general or vocational school without a training
  allowance. Abs. 2: day trips and multi-day class trips at actual cost (Satz 2:
  also for children in a Kita). Abs. 3: Schulbedarf (2025/26: 130 EUR on 1 August,
  65 EUR on 1 February). Abs. 4: school transport, actual cost where not paid by
  someone else. Abs. 5: Lernförderung where suitable and additionally needed to
  reach the essential learning goals. Abs. 6: lunch in school or Kita at actual
  cost (no own contribution since 2019). Abs. 7: social and cultural participation,
  15 EUR a month for under-18s (club fees, music lessons, Freizeiten).
* SGB XII: § 34 SGB XII has the same structure (Abs. 2 to 7).
* AsylbLG: § 3 Abs. 4 AsylbLG, BuT according to §§ 34, 34a, 34b SGB XII.
* Wohngeld or Kinderzuschlag: § 6b BKGG (Bundeskindergeldgesetz), BuT as in § 28
  Abs. 2 to 7 SGB II.
* Glasses: for insured children under 18 the statutory health insurance pays the
  lenses (§ 33 Abs. 2 SGB V), not the frame.
* Baby initial equipment: Erstausstattung bei Schwangerschaft und Geburt,
  § 24 Abs. 3 Satz 1 Nr. 2 SGB II, § 31 Abs. 1 Nr. 2 SGB XII.
* School transport: the school authority's free transport under state law comes
  first (Hessen: § 161 Hessisches Schulgesetz).

The rules only say which route comes first and what it is likely to cover;
the decision on a statutory claim is always the benefit office's.

Texts are German and marked for the English catalogue: route titles, offices,
notes, hints and errors. Those with amounts are ``Message`` values (German text
that keeps its msgid and values); the Django layer translates all of them with
``core.labels.text`` where they are shown. Legal citations stay as they are.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date

from interprochance.core.translatable import Message, gettext_noop
from interprochance.fund.ledger.rules import format_cents


class SubsidiarityError(ValueError):
    """``message`` is German (a marked msgid or a ``Message``); show it with ``labels.text``."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


class Benefit(enum.StrEnum):
    SGB2 = "sgb2"  # Bürgergeld / Grundsicherung für Arbeitsuchende
    SGB12 = "sgb12"  # Sozialhilfe
    ASYLBLG = "asylblg"
    WOHNGELD = "wohngeld"
    KINDERZUSCHLAG = "kinderzuschlag"


BENEFIT_LABELS = {
    Benefit.SGB2: gettext_noop("Bürgergeld (SGB II)"),
    Benefit.SGB12: gettext_noop("Sozialhilfe (SGB XII)"),
    Benefit.ASYLBLG: gettext_noop("Asylbewerberleistungen (AsylbLG)"),
    Benefit.WOHNGELD: gettext_noop("Wohngeld"),
    Benefit.KINDERZUSCHLAG: gettext_noop("Kinderzuschlag"),
}

JOBCENTER = gettext_noop("Jobcenter")
SOZIALAMT = gettext_noop("Sozialamt")
BUT_OFFICE_DISTRICT = gettext_noop("BuT-Stelle des Kreises")

# Where to apply for BuT, and the paragraph that grants it, per benefit system.
_BUT_OFFICE = {
    Benefit.SGB2: (JOBCENTER, "§ 28 Abs. {abs} SGB II"),
    Benefit.SGB12: (SOZIALAMT, "§ 34 Abs. {abs} SGB XII"),
    Benefit.ASYLBLG: (SOZIALAMT, "§ 3 Abs. 4 AsylbLG i. V. m. § 34 Abs. {abs} SGB XII"),
    Benefit.WOHNGELD: (BUT_OFFICE_DISTRICT, "§ 6b BKGG i. V. m. § 28 Abs. {abs} SGB II"),
    Benefit.KINDERZUSCHLAG: (BUT_OFFICE_DISTRICT, "§ 6b BKGG i. V. m. § 28 Abs. {abs} SGB II"),
}
# Title of the BuT route, per BuT paragraph (Abs. 2 has two: class trip and day trip).
_BUT_TITLES = {
    "class_trip": gettext_noop("Bildungs- und Teilhabepaket: Klassenfahrt"),
    "day_trip": gettext_noop("Bildungs- und Teilhabepaket: Ausflug"),
    "school_supplies": gettext_noop("Bildungs- und Teilhabepaket: Schulbedarf"),
    "school_transport": gettext_noop("Bildungs- und Teilhabepaket: Schülerbeförderung"),
    "tutoring": gettext_noop("Bildungs- und Teilhabepaket: Lernförderung"),
    "lunch": gettext_noop("Bildungs- und Teilhabepaket: Mittagessen"),
    "participation": gettext_noop("Bildungs- und Teilhabepaket: Soziale und kulturelle Teilhabe"),
}
# Priority if a household names several (the first one is the system that pays).
_BENEFIT_ORDER = (
    Benefit.SGB2,
    Benefit.SGB12,
    Benefit.ASYLBLG,
    Benefit.KINDERZUSCHLAG,
    Benefit.WOHNGELD,
)


class Purpose(enum.StrEnum):
    CLASS_TRIP = "class_trip"
    DAY_TRIP = "day_trip"
    SCHOOL_SUPPLIES = "school_supplies"
    SCHOOL_TRANSPORT = "school_transport"
    TUTORING = "tutoring"
    LUNCH = "lunch"
    CLUB_FEE = "club_fee"
    MUSIC_LESSONS = "music_lessons"
    HOLIDAY_CAMP = "holiday_camp"
    SPORTS_EQUIPMENT = "sports_equipment"
    GLASSES = "glasses"
    CLOTHING = "clothing"
    BABY_EQUIPMENT = "baby_equipment"
    OTHER = "other"


PURPOSE_LABELS = {
    Purpose.CLASS_TRIP: gettext_noop("Klassenfahrt"),
    Purpose.DAY_TRIP: gettext_noop("Tagesausflug (Schule/Kita)"),
    Purpose.SCHOOL_SUPPLIES: gettext_noop("Schulbedarf"),
    Purpose.SCHOOL_TRANSPORT: gettext_noop("Schülerbeförderung"),
    Purpose.TUTORING: gettext_noop("Nachhilfe / Lernförderung"),
    Purpose.LUNCH: gettext_noop("Mittagessen in Schule oder Kita"),
    Purpose.CLUB_FEE: gettext_noop("Vereinsbeitrag"),
    Purpose.MUSIC_LESSONS: gettext_noop("Musikunterricht"),
    Purpose.HOLIDAY_CAMP: gettext_noop("Ferienfreizeit"),
    Purpose.SPORTS_EQUIPMENT: gettext_noop("Sportausrüstung"),
    Purpose.GLASSES: gettext_noop("Brille"),
    Purpose.CLOTHING: gettext_noop("Kleidung"),
    Purpose.BABY_EQUIPMENT: gettext_noop("Erstausstattung Baby"),
    Purpose.OTHER: gettext_noop("Sonstiges"),
}

# Why the fund pays although a statutory route exists; recorded with the application.
FUND_REASONS = {
    "urgent": gettext_noop(
        "Eilbedürftig: Die Entscheidung des Leistungsträgers käme zu spät (Vorleistung)."
    ),
    "refused": gettext_noop("Der Leistungsträger hat abgelehnt; der Bescheid liegt vor."),
    "not_covered": gettext_noop("Der Leistungsträger deckt diesen Teil der Kosten nicht."),
    "no_claim": gettext_noop("Es besteht nachweislich kein Anspruch auf die vorrangige Leistung."),
}

SCHOOL_SUPPLIES_AUGUST_CENTS = 13_000  # § 28 Abs. 3 SGB II, school year 2025/26
SCHOOL_SUPPLIES_FEBRUARY_CENTS = 6_500
PARTICIPATION_MONTHLY_CENTS = 1_500  # § 28 Abs. 7 SGB II


@dataclass(frozen=True, slots=True)
class ChildFacts:
    age: int
    in_school: bool = False
    in_kita: bool = False
    training_allowance: bool = (
        False  # Ausbildungsvergütung: not a pupil in the sense of § 28 Abs. 1
    )
    health_insured: bool = True


@dataclass(frozen=True, slots=True)
class Route:
    title: str  # German, shown first in the application (marked, see module docstring)
    legal_basis: str  # a legal citation, never translated
    office: str
    covers_cents: int | None  # expected statutory coverage; None = unknown part
    full_cost: bool  # the statutory route pays the actual cost in full
    note: str = ""


@dataclass(frozen=True, slots=True)
class SubsidiarityResult:
    amount_cents: int
    routes: tuple[Route, ...]
    hints: tuple[str, ...] = field(default=())

    @property
    def statutory_first(self) -> bool:
        return bool(self.routes)

    @property
    def statutory_cents(self) -> int:
        if any(r.full_cost for r in self.routes):
            return self.amount_cents
        return min(self.amount_cents, sum(r.covers_cents or 0 for r in self.routes))

    @property
    def remaining_cents(self) -> int:
        """What is left for the fund once the statutory routes have paid what they cover."""
        return self.amount_cents - self.statutory_cents


def school_supplies_cents(on: date) -> int:
    """§ 28 Abs. 3 SGB II: the instalment due for the school half-year that contains ``on``."""
    return SCHOOL_SUPPLIES_FEBRUARY_CENTS if 2 <= on.month <= 7 else SCHOOL_SUPPLIES_AUGUST_CENTS


def _is_pupil(child: ChildFacts) -> bool:
    # § 28 Abs. 1 Satz 2 SGB II
    return child.in_school and child.age < 25 and not child.training_allowance


def _but(
    benefit: Benefit, abs_: int, title: str, covers: int | None, full: bool, note: str = ""
) -> Route:
    office, basis = _BUT_OFFICE[benefit]
    return Route(
        title=_BUT_TITLES[title],
        legal_basis=basis.format(abs=abs_),
        office=office,
        covers_cents=covers,
        full_cost=full,
        note=note,
    )


def check(
    *,
    purpose: Purpose,
    amount_cents: int,
    child: ChildFacts,
    benefits: frozenset[Benefit] | set[Benefit],
    on: date,
    months: int = 1,
) -> SubsidiarityResult:
    """Which statutory routes come before the fund for this need, and what they cover."""
    if amount_cents <= 0:
        raise SubsidiarityError("amount", gettext_noop("Der Betrag muss größer als 0,00 € sein."))
    if months < 1:
        raise SubsidiarityError(
            "months", gettext_noop("Die Zahl der Monate muss mindestens 1 sein.")
        )
    routes: list[Route] = []
    hints: list[str] = []
    system = next((b for b in _BENEFIT_ORDER if b in benefits), None)
    pupil = _is_pupil(child)

    if system is not None:
        if purpose in (Purpose.CLASS_TRIP, Purpose.DAY_TRIP) and (pupil or child.in_kita):
            title = "class_trip" if purpose is Purpose.CLASS_TRIP else "day_trip"
            routes.append(
                _but(
                    system,
                    2,
                    title,
                    None,
                    True,
                    gettext_noop("Tatsächliche Kosten werden übernommen."),
                )
            )
        elif purpose is Purpose.SCHOOL_SUPPLIES and pupil:
            due = school_supplies_cents(on)
            routes.append(
                _but(
                    system,
                    3,
                    "school_supplies",
                    due,
                    False,
                    Message(
                        gettext_noop("Pauschale für dieses Schulhalbjahr: %(amount)s."),
                        amount=format_cents(due),
                    ),
                )
            )
        elif purpose is Purpose.SCHOOL_TRANSPORT and pupil:
            routes.append(
                _but(
                    system,
                    4,
                    "school_transport",
                    None,
                    True,
                    gettext_noop("Soweit nicht von Dritten (Schulträger) übernommen."),
                )
            )
        elif purpose is Purpose.TUTORING and pupil:
            routes.append(
                _but(
                    system,
                    5,
                    "tutoring",
                    None,
                    True,
                    gettext_noop(
                        "Wenn die Schule bestätigt, dass die Förderung nötig ist, um die "
                        "wesentlichen Lernziele zu erreichen. Gesondert beantragen."
                    ),
                )
            )
        elif purpose is Purpose.LUNCH and (pupil or child.in_kita):
            routes.append(_but(system, 6, "lunch", None, True, gettext_noop("Ohne Eigenanteil.")))
        elif (
            purpose
            in (
                Purpose.CLUB_FEE,
                Purpose.MUSIC_LESSONS,
                Purpose.HOLIDAY_CAMP,
                Purpose.SPORTS_EQUIPMENT,
            )
            and child.age < 18
        ):
            covers = PARTICIPATION_MONTHLY_CENTS * months
            note = Message(
                gettext_noop(
                    "%(monthly)s im Monat, für %(months)s Monat(e) %(total)s. "
                    "Ausrüstung nur, wenn sie für die Teilnahme nötig ist."
                )
                if purpose is Purpose.SPORTS_EQUIPMENT
                else gettext_noop("%(monthly)s im Monat, für %(months)s Monat(e) %(total)s."),
                monthly=format_cents(PARTICIPATION_MONTHLY_CENTS),
                months=months,
                total=format_cents(covers),
            )
            routes.append(_but(system, 7, "participation", covers, False, note))
    elif purpose in _BUT_PURPOSES:
        hints.append(
            gettext_noop(
                "Kein vorrangiger Leistungsbezug angegeben. Bitte prüfen, ob Anspruch auf "
                "Kinderzuschlag (§ 6a BKGG) oder Wohngeld (WoGG) besteht; damit öffnet sich auch "
                "das Bildungs- und Teilhabepaket (§ 6b BKGG)."
            )
        )

    if purpose is Purpose.SCHOOL_TRANSPORT and child.in_school:
        hints.append(
            gettext_noop(
                "Vorrangig: kostenlose Schülerbeförderung durch den Schulträger nach Landesrecht "
                "(Hessen: § 161 Hessisches Schulgesetz)."
            )
        )
    if purpose is Purpose.GLASSES and child.age < 18 and child.health_insured:
        routes.append(
            Route(
                title=gettext_noop("Gesetzliche Krankenversicherung: Brillengläser"),
                legal_basis="§ 33 Abs. 2 SGB V",
                office=gettext_noop("Krankenkasse (mit augenärztlicher Verordnung)"),
                covers_cents=None,
                full_cost=False,
                note=gettext_noop("Die Kasse zahlt die Gläser, nicht das Gestell."),
            )
        )
    if purpose is Purpose.BABY_EQUIPMENT and system in (Benefit.SGB2, Benefit.SGB12):
        basis = (
            "§ 24 Abs. 3 Satz 1 Nr. 2 SGB II"
            if system is Benefit.SGB2
            else "§ 31 Abs. 1 Nr. 2 SGB XII"
        )
        routes.append(
            Route(
                title=gettext_noop("Erstausstattung bei Schwangerschaft und Geburt"),
                legal_basis=basis,
                office=JOBCENTER if system is Benefit.SGB2 else SOZIALAMT,
                covers_cents=None,
                full_cost=True,
                note=gettext_noop("Gesondert beantragen."),
            )
        )
    if purpose is Purpose.CLOTHING and system in (Benefit.SGB2, Benefit.SGB12):
        hints.append(
            gettext_noop(
                "Laufender Kleidungsbedarf ist im Regelbedarf enthalten; der Fonds kann ergänzen."
            )
        )
    return SubsidiarityResult(amount_cents=amount_cents, routes=tuple(routes), hints=tuple(hints))


_BUT_PURPOSES = frozenset(
    {
        Purpose.CLASS_TRIP,
        Purpose.DAY_TRIP,
        Purpose.SCHOOL_SUPPLIES,
        Purpose.SCHOOL_TRANSPORT,
        Purpose.TUTORING,
        Purpose.LUNCH,
        Purpose.CLUB_FEE,
        Purpose.MUSIC_LESSONS,
        Purpose.HOLIDAY_CAMP,
        Purpose.SPORTS_EQUIPMENT,
    }
)


def check_fund_share(result: SubsidiarityResult, requested_cents: int, reason: str | None) -> None:
    """The fund may pay what the statutory routes leave open; more needs a recorded reason."""
    if requested_cents > result.amount_cents:
        raise SubsidiarityError(
            "exceeds", gettext_noop("Der Fonds kann nicht mehr als die Gesamtkosten übernehmen.")
        )
    if requested_cents > result.remaining_cents:
        if not reason:
            first = result.routes[0]
            raise SubsidiarityError(
                "statutory_first",
                Message(
                    gettext_noop(
                        "Vorrangig ist „%(title)s“ (%(legal_basis)s), zuständig: %(office)s. "
                        "Der Fonds kann darüber hinaus nur mit Begründung zahlen (höchstens "
                        "%(amount)s ohne Begründung)."
                    ),
                    title=Message(first.title),
                    legal_basis=first.legal_basis,
                    office=Message(first.office),
                    amount=format_cents(result.remaining_cents),
                ),
            )
        if reason not in FUND_REASONS:
            raise SubsidiarityError(
                "reason", gettext_noop("Bitte wählen Sie eine Begründung aus der Liste.")
            )
