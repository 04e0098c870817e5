"""The benefits check: household data in, hints with rule text and legal reference out.

This is a screening aid for counsellors, not a decision. Every hint says
"möglicherweise Anspruch" and names the paragraph it rests on; the competent
office decides. Simplifications are listed in `CAVEATS` and shown with the result.

Rules, one function each, applied in `check_benefits`:

- SGB II (Bürgergeld): §§ 7, 9, 19-22 SGB II, income after § 11b SGB II.
- SGB XII: when no adult in the household can claim SGB II (§ 7 Abs. 1, § 7a SGB II).
- Kinderzuschlag: § 6a BKGG (Kindergeld, minimum income, income taper).
- Wohngeld: §§ 3, 7 WoGG, § 12a SGB II (priority of Wohngeld and KiZ).
- Bildung und Teilhabe: § 28 SGB II, § 34 SGB XII, § 6b BKGG, § 3 Abs. 4 AsylbLG.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .model import (
    Benefit,
    CheckResult,
    Hint,
    Household,
    Member,
    NeedFigures,
    Outcome,
    Reason,
    Role,
    Schooling,
    _,
)
from .parameters import DEFAULT_PARAMETERS, Parameters

CAVEATS: tuple[str, ...] = (
    _(
        "Dies sind Hinweise, keine Entscheidungen: über einen Anspruch entscheidet die zuständige Stelle."
    ),
    _("Vermögen wird nicht geprüft (§ 12 SGB II, § 6a BKGG, § 21 WoGG)."),
    _(
        "Die Angemessenheit der Wohnkosten wird nicht geprüft (§ 22 SGB II); die Wohnkosten werden nach Köpfen aufgeteilt."
    ),
    _("Wohngeld und Kinderzuschlag werden nicht berechnet, nur als möglich erkannt."),
    _(
        "Überschießendes Kindergeld und Einkommen von Kindern werden vereinfacht dem Haushalt zugerechnet."
    ),
)

QUALIFYING_FOR_BUT = frozenset(
    {Benefit.SGB2, Benefit.SGB12, Benefit.ASYLBLG, Benefit.WOHNGELD, Benefit.KIZ}
)
EXCLUDED_FROM_WOHNGELD = frozenset({Benefit.SGB2, Benefit.SGB12, Benefit.ASYLBLG})


# --- small arithmetic helpers -------------------------------------------------


def age_on(birth_date: date, on: date) -> int:
    """Completed years of life on `on`."""
    years = on.year - birth_date.year
    if (on.month, on.day) < (birth_date.month, birth_date.day):
        years -= 1
    return years


def retirement_age_months(birth_date: date) -> int:
    """The age limit of § 7a SGB II in months (65 years, raised stepwise to 67)."""
    year = birth_date.year
    if year < 1947:
        return 65 * 12
    if year <= 1958:
        return 65 * 12 + (year - 1946)
    if year <= 1963:
        return 66 * 12 + 2 * (year - 1958)
    return 67 * 12


def reached_retirement_age(birth_date: date, on: date) -> bool:
    """True from the month after the one in which the § 7a SGB II age is reached."""
    months = retirement_age_months(birth_date)
    limit_year = birth_date.year + (birth_date.month - 1 + months) // 12
    limit_month = (birth_date.month - 1 + months) % 12 + 1
    # entitled until the end of the month in which the age limit is reached
    return (on.year, on.month) > (limit_year, limit_month)


def percent(amount: int, pct: int) -> int:
    """`pct` percent of `amount` cents, rounded half up to whole cents."""
    return (amount * pct + 50) // 100


def euro(cents: int) -> str:
    """German money format for reasons: 1.234,56 EUR."""
    sign = "-" if cents < 0 else ""
    cents = abs(cents)
    whole, rest = divmod(cents, 100)
    return f"{sign}{whole:,}".replace(",", ".") + f",{rest:02d} EUR"


# --- SGB II need and income ---------------------------------------------------


def regelbedarf_for(member: Member, *, adults: int, on: date, p: Parameters) -> int:
    """§ 20 Abs. 2 und 4, § 23 Nr. 1 SGB II."""
    if member.role is Role.ADULT:
        return p.regelbedarf[0] if adults == 1 else p.regelbedarf[1]
    age = age_on(member.birth_date, on)
    if age < 6:
        return p.regelbedarf[5]
    if age < 14:
        return p.regelbedarf[4]
    if age < 18:
        return p.regelbedarf[3]
    return p.regelbedarf[2]


def single_parent_percent(children_ages: list[int], p: Parameters) -> int:
    """§ 21 Abs. 3 SGB II: percent of Regelbedarfsstufe 1 for a single parent."""
    minors = [a for a in children_ages if a < 18]
    if not minors:
        return 0
    under_16 = sum(1 for a in minors if a < 16)
    base = p.single_parent_base_percent if (any(a < 7 for a in minors) or 2 <= under_16 <= 3) else 0
    return min(
        p.single_parent_cap_percent, max(base, p.single_parent_per_child_percent * len(minors))
    )


def earned_income_allowance(gross: int, *, with_minor_child: bool, p: Parameters) -> int:
    """§ 11b Abs. 2 und 3 SGB II: the part of earned income that is not counted."""
    if gross <= 0:
        return 0
    if gross <= p.grundfreibetrag:
        return gross
    allowance = p.grundfreibetrag
    lower = p.grundfreibetrag
    for upper, pct in p.freibetrag_bands:
        if gross > lower:
            allowance += percent(min(gross, upper) - lower, pct)
        lower = upper
    top = p.top_band_limit_with_child if with_minor_child else p.top_band_limit_without_child
    if gross > lower:
        allowance += percent(min(gross, top) - lower, p.top_band_percent)
    return allowance


def countable_income(member: Member, *, with_minor_child: bool, p: Parameters) -> int:
    """Income counted against the SGB II need (§§ 11, 11b SGB II), cents per month."""
    earned = max(
        0,
        member.net_earned
        - earned_income_allowance(member.gross_earned, with_minor_child=with_minor_child, p=p),
    )
    other = member.other_income
    if member.role is Role.ADULT and member.gross_earned == 0 and other > 0:
        other = max(0, other - p.versicherungspauschale)  # § 6 Abs. 1 Nr. 1 Bürgergeld-V
    kindergeld = p.kindergeld if (member.role is Role.CHILD and member.kindergeld) else 0
    return earned + other + kindergeld


def need_figures(household: Household, p: Parameters = DEFAULT_PARAMETERS) -> NeedFigures:
    """Compare the SGB II need of the Bedarfsgemeinschaft with its countable income."""
    on = household.reference_date
    adults = household.adults
    # unmarried children under 25 belong to the parents' Bedarfsgemeinschaft (§ 7 Abs. 3 Nr. 4)
    bg_children = [c for c in household.children if age_on(c.birth_date, on) < 25]
    bg = list(adults) + bg_children
    ages = [age_on(c.birth_date, on) for c in bg_children]
    with_minor = any(a < 18 for a in ages)

    regel = 0
    mehr = 0
    for m in bg:
        rb = regelbedarf_for(m, adults=len(adults), on=on, p=p)
        regel += rb
        if m.pregnant:
            mehr += percent(rb, p.pregnancy_percent)  # § 21 Abs. 2 SGB II
    if len(adults) == 1:
        mehr += percent(p.regelbedarf[0], single_parent_percent(ages, p))
    housing = household.housing_cost * len(bg) // len(household.members)
    need = regel + mehr + housing
    income = sum(countable_income(m, with_minor_child=with_minor, p=p) for m in bg)
    return NeedFigures(
        regelbedarf=regel,
        mehrbedarf=mehr,
        housing=housing,
        need=need,
        countable_income=income,
        shortfall=max(0, need - income),
        excess=max(0, income - need),
        bg_size=len(bg),
    )


# --- the rules ------------------------------------------------------------------


@dataclass(frozen=True)
class _Context:
    household: Household
    figures: NeedFigures
    p: Parameters

    @property
    def current(self) -> frozenset[Benefit]:
        return self.household.current_benefits

    def sgb2_capable_adults(self) -> list[Member]:
        """Adults who meet § 7 Abs. 1 Nr. 1 und 2 SGB II (age 15 up to the § 7a limit, able to work)."""
        on = self.household.reference_date
        return [
            a
            for a in self.household.adults
            if a.able_to_work
            and age_on(a.birth_date, on) >= 15
            and not reached_retirement_age(a.birth_date, on)
        ]


def _figure_reasons(f: NeedFigures) -> tuple[Reason, ...]:
    return (
        Reason(
            _(
                "Bedarf nach SGB II: %(need)s (Regelbedarfe %(regel)s, Mehrbedarfe %(mehr)s, Wohnkosten %(housing)s)."
            ),
            {
                "need": euro(f.need),
                "regel": euro(f.regelbedarf),
                "mehr": euro(f.mehrbedarf),
                "housing": euro(f.housing),
            },
        ),
        Reason(
            _("Anrechenbares Einkommen nach Freibeträgen: %(income)s."),
            {"income": euro(f.countable_income)},
        ),
    )


def rule_sgb2(ctx: _Context) -> Hint | None:
    """SGB II: someone able to work, and the need is not covered by income (§§ 7, 9 SGB II)."""
    if ctx.current & {Benefit.SGB2, Benefit.SGB12}:
        return None
    if not ctx.sgb2_capable_adults() or ctx.figures.shortfall <= 0:
        return None
    return Hint(
        benefit=Benefit.SGB2,
        outcome=Outcome.POSSIBLE,
        title=_("Bürgergeld / Grundsicherung für Arbeitsuchende (SGB II): möglicherweise Anspruch"),
        rule=_(
            "Leistungen erhält, wer zwischen 15 Jahren und der Altersgrenze erwerbsfähig und "
            "hilfebedürftig ist und in Deutschland lebt; Partner und Kinder unter 25 gehören zur "
            "Bedarfsgemeinschaft. Hilfebedürftig ist, wessen anrechenbares Einkommen den Bedarf aus "
            "Regelbedarf, Mehrbedarfen und Wohnkosten nicht deckt."
        ),
        legal_refs=("§ 7 SGB II", "§ 9 SGB II", "§§ 19-22 SGB II", "§ 11b SGB II"),
        reasons=(
            *_figure_reasons(ctx.figures),
            Reason(
                _("Es fehlen rechnerisch %(gap)s im Monat."), {"gap": euro(ctx.figures.shortfall)}
            ),
        ),
        next_step=_(
            "Antrag beim zuständigen Jobcenter; vorrangig Kinderzuschlag und Wohngeld prüfen (§ 12a SGB II)."
        ),
    )


def rule_sgb12(ctx: _Context) -> Hint | None:
    """SGB XII: nobody can claim SGB II (age or no ability to work) and the need is not covered."""
    if ctx.current & {Benefit.SGB2, Benefit.SGB12, Benefit.ASYLBLG}:
        return None
    if ctx.sgb2_capable_adults() or ctx.figures.shortfall <= 0:
        return None
    return Hint(
        benefit=Benefit.SGB12,
        outcome=Outcome.POSSIBLE,
        title=_(
            "Sozialhilfe / Grundsicherung im Alter und bei Erwerbsminderung (SGB XII): möglicherweise Anspruch"
        ),
        rule=_(
            "Wer die Altersgrenze erreicht hat oder dauerhaft voll erwerbsgemindert ist, erhält "
            "Grundsicherung nach dem SGB XII statt Bürgergeld, wenn Einkommen und Vermögen den "
            "Bedarf nicht decken; sonst kommt Hilfe zum Lebensunterhalt in Betracht."
        ),
        legal_refs=(
            "§ 7 Abs. 1 SGB II",
            "§ 7a SGB II",
            "§ 19 SGB XII",
            "§ 27 SGB XII",
            "§ 41 SGB XII",
        ),
        reasons=(
            Reason(
                _(
                    "Im Haushalt ist niemand erwerbsfähig im Alter von 15 Jahren bis zur Altersgrenze."
                )
            ),
            *_figure_reasons(ctx.figures),
        ),
        next_step=_("Antrag beim Sozialamt (Träger der Sozialhilfe)."),
    )


def _kiz_children(ctx: _Context) -> list[Member]:
    on = ctx.household.reference_date
    return [c for c in ctx.household.children if c.kindergeld and age_on(c.birth_date, on) < 25]


def kiz_upper_bound(ctx: _Context) -> int:
    """An upper bound of the monthly Kinderzuschlag (§ 6a BKGG), cents.

    The child's own income reduces its KiZ by 45 %; parental income above the
    parents' own need reduces the total by 45 %. The parents' excess is at least the
    household's excess over the SGB II need whenever the children's income does not
    cover their own need, so using the household's excess gives an upper bound.
    """
    p = ctx.p
    per_child = [
        max(0, p.kiz_max_per_child - percent(c.other_income, p.kiz_taper_percent))
        for c in _kiz_children(ctx)
    ]
    return max(0, sum(per_child) - percent(ctx.figures.excess, p.kiz_taper_percent))


def rule_kiz(ctx: _Context) -> Hint | None:
    if Benefit.KIZ in ctx.current:
        return None
    children = _kiz_children(ctx)
    if not children:
        return None
    p = ctx.p
    single = len(ctx.household.adults) == 1
    minimum = p.kiz_min_income_single_parent if single else p.kiz_min_income_couple
    # gross income of the parents without Kindergeld, Wohngeld, KiZ; no § 11b deductions
    parents_gross = sum(a.gross_earned + a.other_income for a in ctx.household.adults)
    if parents_gross < minimum:
        return None
    bound = kiz_upper_bound(ctx)
    if bound <= 0:
        return None
    reasons = [
        Reason(
            _("Für %(n)s Kind(er) unter 25 Jahren wird Kindergeld bezogen."),
            {"n": str(len(children))},
        ),
        Reason(
            _(
                "Bruttoeinkommen der Eltern %(gross)s erreicht die Mindesteinkommensgrenze von %(min)s."
            ),
            {"gross": euro(parents_gross), "min": euro(minimum)},
        ),
        Reason(
            _("Kinderzuschlag rechnerisch höchstens %(bound)s im Monat."), {"bound": euro(bound)}
        ),
    ]
    if ctx.figures.shortfall > 0:
        reasons.append(
            Reason(
                _(
                    "Nur wenn Kinderzuschlag und Wohngeld die Lücke von %(gap)s schließen (oder höchstens "
                    "100 EUR fehlen), geht der Kinderzuschlag dem Bürgergeld vor."
                ),
                {"gap": euro(ctx.figures.shortfall)},
            )
        )
    return Hint(
        benefit=Benefit.KIZ,
        outcome=Outcome.POSSIBLE,
        title=_("Kinderzuschlag: möglicherweise Anspruch"),
        rule=_(
            "Kinderzuschlag erhalten Eltern für unverheiratete Kinder unter 25 im Haushalt, für die "
            "sie Kindergeld beziehen, wenn ihr Bruttoeinkommen mindestens 900 EUR (Alleinerziehende "
            "600 EUR) beträgt und mit Kinderzuschlag und Wohngeld keine Hilfebedürftigkeit nach dem "
            "SGB II besteht. Einkommen über dem eigenen Bedarf der Eltern mindert ihn zu 45 Prozent."
        ),
        legal_refs=("§ 6a BKGG", "§ 12a SGB II"),
        reasons=tuple(reasons),
        next_step=_("Antrag bei der Familienkasse; Wohngeld gleichzeitig beantragen."),
    )


def rule_wohngeld(ctx: _Context, kiz: Hint | None) -> Hint | None:
    if Benefit.WOHNGELD in ctx.current or ctx.current & EXCLUDED_FROM_WOHNGELD:
        return None
    hh = ctx.household
    if hh.housing_cost <= 0:
        return None
    f = ctx.figures
    if f.countable_income <= 0:
        return None
    if f.shortfall > 0 and kiz is None:
        return None  # income below the SGB II level and no KiZ: Bürgergeld is the relevant benefit
    ceiling = percent(f.need, ctx.p.wohngeld_screening_percent_above_need)
    if f.excess > ceiling:
        return None
    reasons = [
        Reason(
            _("Der Haushalt trägt Wohnkosten von %(rent)s im Monat."),
            {"rent": euro(hh.housing_cost)},
        ),
        Reason(
            _(
                "Es werden keine Leistungen bezogen, die Wohngeld ausschließen (SGB II, SGB XII, AsylbLG)."
            )
        ),
        *_figure_reasons(f),
    ]
    outcome = Outcome.POSSIBLE
    if f.shortfall > 0:
        outcome = Outcome.CONDITIONAL
        reasons.append(
            Reason(
                _(
                    "Wohngeld kommt nur zusammen mit Kinderzuschlag in Betracht, wenn beide die Hilfebedürftigkeit beseitigen."
                )
            )
        )
    return Hint(
        benefit=Benefit.WOHNGELD,
        outcome=outcome,
        title=_("Wohngeld: möglicherweise Anspruch"),
        rule=_(
            "Wohngeld erhält als Zuschuss zur Miete oder Belastung, wer Wohnkosten trägt und keine "
            "Leistungen bezieht, in denen die Unterkunftskosten schon berücksichtigt sind. Die Höhe "
            "hängt von Haushaltsgröße, Miete, Mietenstufe und Gesamteinkommen ab. Wohngeld und "
            "Kinderzuschlag gehen dem Bürgergeld vor, wenn sie die Hilfebedürftigkeit beseitigen."
        ),
        legal_refs=("§ 3 WoGG", "§ 7 WoGG", "§ 19 WoGG", "§ 12a SGB II"),
        reasons=tuple(reasons),
        next_step=_(
            "Antrag bei der Wohngeldstelle der Gemeinde oder des Kreises; Wohngeldrechner des Landes nutzen."
        ),
    )


def _but_refs(basis: frozenset[Benefit]) -> tuple[str, ...]:
    refs: list[str] = []
    if Benefit.SGB2 in basis:
        refs.append("§ 28 SGB II")
    if Benefit.SGB12 in basis:
        refs.append("§ 34 SGB XII")
    if basis & {Benefit.WOHNGELD, Benefit.KIZ}:
        refs.append("§ 6b BKGG")
    if Benefit.ASYLBLG in basis:
        refs.append("§ 3 Abs. 4 AsylbLG")
    return tuple(refs)


def rule_but(ctx: _Context, other_hints: list[Hint]) -> Hint | None:
    if Benefit.BUT in ctx.current:
        return None
    on = ctx.household.reference_date
    p = ctx.p
    reasons: list[Reason] = []
    for index, child in enumerate(ctx.household.children, start=1):
        age = age_on(child.birth_date, on)
        items: list[str] = []
        if child.schooling is Schooling.SCHOOL and age < 25:
            items += [
                _("Schulbedarf %(aug)s (August) und %(feb)s (Februar)")
                % {"aug": euro(p.but_schulbedarf_august), "feb": euro(p.but_schulbedarf_february)},
                _("Ausflüge und Klassenfahrten"),
                _("Schülerbeförderung"),
                _("Lernförderung"),
                _("gemeinschaftliches Mittagessen"),
            ]
        elif child.schooling is Schooling.KITA:
            items += [_("Ausflüge der Kita"), _("gemeinschaftliches Mittagessen")]
        if age < 18:
            items.append(
                _("Teilhabe an Sport, Kultur und Freizeit %(amount)s im Monat")
                % {"amount": euro(p.but_teilhabe_per_month)}
            )
        if items:
            reasons.append(
                Reason(
                    _("Kind %(n)s (%(age)s Jahre): %(items)s."),
                    {"n": str(index), "age": str(age), "items": "; ".join(items)},
                )
            )
    if not reasons:
        return None
    received = ctx.current & QUALIFYING_FOR_BUT
    if received:
        basis, outcome = received, Outcome.POSSIBLE
        reasons.insert(
            0,
            Reason(
                _("Der Haushalt bezieht eine Leistung, die zu Bildung und Teilhabe berechtigt.")
            ),
        )
    else:
        possible = frozenset(h.benefit for h in other_hints) & QUALIFYING_FOR_BUT
        if not possible:
            return None
        basis, outcome = possible, Outcome.CONDITIONAL
        reasons.insert(
            0,
            Reason(_("Anspruch besteht, sobald eine der oben genannten Leistungen bewilligt ist.")),
        )
    return Hint(
        benefit=Benefit.BUT,
        outcome=outcome,
        title=_("Bildung und Teilhabe (BuT): möglicherweise Anspruch"),
        rule=_(
            "Kinder und Jugendliche unter 25, die eine allgemein- oder berufsbildende Schule besuchen, "
            "und Kita-Kinder erhalten Leistungen für Bildung und Teilhabe, wenn die Familie Bürgergeld, "
            "Sozialhilfe, Leistungen nach dem AsylbLG, Wohngeld oder Kinderzuschlag bezieht; unter 18 "
            "auch 15 EUR monatlich für soziale und kulturelle Teilhabe."
        ),
        legal_refs=_but_refs(basis),
        reasons=tuple(reasons),
        next_step=_(
            "Antrag bei der für Bildung und Teilhabe zuständigen Stelle (Jobcenter, Sozialamt oder Kreis)."
        ),
    )


def check_benefits(
    household: Household, parameters: Parameters = DEFAULT_PARAMETERS
) -> CheckResult:
    """Apply every rule to the household; return the hints in a stable order."""
    figures = need_figures(household, parameters)
    ctx = _Context(household=household, figures=figures, p=parameters)
    hints: list[Hint] = []
    for hint in (rule_sgb2(ctx), rule_sgb12(ctx)):
        if hint:
            hints.append(hint)
    kiz = rule_kiz(ctx)
    if kiz:
        hints.append(kiz)
    wohngeld = rule_wohngeld(ctx, kiz)
    if wohngeld:
        hints.append(wohngeld)
    but = rule_but(ctx, hints)
    if but:
        hints.append(but)
    return CheckResult(hints=tuple(hints), figures=figures, caveats=CAVEATS)
